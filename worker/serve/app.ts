/**
 * The HTTP API for the add-in, on fastify: its plugins for CORS, static files and rate limits,
 * its validator for the bodies (schemas.ts). Every `/api/` request but health must carry the
 * pairing key; a request from an origin other than the add-in's is refused before anything else.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { CompiledTemplates, GarageSettings } from '../../core/index.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { errorHandler } from './api-errors.ts';
import type { Drainer } from './drainer.ts';
import { keyCheck } from './pairing-key.ts';
import { looksLikeToken, type SsoCheck } from './sso-token.ts';
import { previewRows, rowStatuses, submitRows } from './rows.ts';
import { coreRow, RowsBody, StatusBody, StatusQuery } from './schemas.ts';

/** 5 MB: about 2,000 rows with their merge fields; more is sent in batches. */
export const BODY_LIMIT = 5 * 1_048_576;

export interface AppOptions {
  ledger: Ledger;
  templates: CompiledTemplates;
  pairingKey: string;
  /** Checks a Microsoft 365 sign-in token (serve.sso); null: the pairing key only. */
  sso?: ((token: string) => Promise<SsoCheck>) | null;
  drainer: Drainer;
  /** The origins allowed to call the API: the add-in's, and this server's own (known once it listens). */
  allowedOrigins: () => ReadonlySet<string>;
  requestsPerMinute: number;
  /** For /api/health. */
  version: string;
  channels: Record<'email' | 'sms' | 'letter', string>;
  /** A Microsoft 365 mailbox's emails a rolling day (email.graph.perDay); null: no limit. */
  emailDailyLimit: number | null;
  /** The add-in's built pages; when missing, / says how to build them. */
  addinFolder: string;
  /** The garage's settings as the latest submission gave them (for the letters' heading). */
  onSettings: (settings: GarageSettings) => void;
  https: { cert: string; key: string } | null;
  now: () => Date;
  log: (line: string) => void;
}

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');
const isHealth = (request: FastifyRequest) => request.url === '/api/health' || request.url.startsWith('/api/health?');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    bodyLimit: BODY_LIMIT,
    logger: false,
    // Closing waits for requests under way, and lets idle keep-alive connections go at once.
    forceCloseConnections: 'idle',
    // A body must be what the schema says: no number quietly turned into text.
    ajv: { customOptions: { coerceTypes: false, allErrors: false } },
  });
  app.setErrorHandler(errorHandler(BODY_LIMIT, options.log));

  // Before anything else: a request from any origin but the add-in's gets nothing, not even a preflight.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!isApi(request) || origin === undefined || options.allowedOrigins().has(origin)) return;
    return reply.code(403).send({ error: `Requests from ${origin} are refused: only the Retention Desk add-in may use this worker. If the add-in is served from there, set serve.addinOrigin in retention.config.json.` });
  });
  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && options.allowedOrigins().has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!isApi(request) || isHealth(request) || request.method === 'OPTIONS') return;
    const check = keyCheck(request.headers.authorization, options.pairingKey);
    if (check === 'right') return;
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? '';
    if (options.sso && looksLikeToken(bearer)) {
      const sso = await options.sso(bearer);
      if (sso.accepted) return;
      void reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return reply.code(401).send({ error: `The worker did not accept the sign-in: ${sso.reason}. Or use the pairing key ("retention pair" on the computer running the worker).` });
    }
    void reply.header('WWW-Authenticate', 'Bearer');
    return reply.code(401).send({
      error: check === 'missing'
        ? 'This needs the pairing key. On the computer running the worker, run "retention pair" and paste the key it prints into the add-in.'
        : 'The pairing key is not the worker\'s. On the computer running the worker, run "retention pair" and paste the key it prints into the add-in.',
    });
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: options.requestsPerMinute,
    timeWindow: 60_000,
    // Per pairing key (as a digest, never the key itself); pages and health per address.
    keyGenerator: (request) => {
      const auth = request.headers.authorization;
      return auth ? createHash('sha256').update(auth).digest('base64url') : request.ip;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Too many requests: at most ${context.max} a minute. Wait ${context.after} and try again.`,
    }),
  });

  app.get('/api/health', async () => ({ ok: true, version: options.version, channels: options.channels }));

  app.post<{ Body: RowsBody }>('/api/rows', { schema: { body: RowsBody } }, async (request, reply) => {
    const last = request.body.rows.at(-1);
    if (last) options.onSettings(coreRow(last).context.settings);
    const rows = await submitRows(request.body, options.ledger, options.templates, options.now(), options.emailDailyLimit ?? null);
    options.drainer.request();
    return reply.code(202).send({ rows });
  });

  app.get<{ Querystring: StatusQuery }>('/api/rows', { schema: { querystring: StatusQuery } }, async (request) => {
    // No ids is a fair question (the add-in's connection test asks it): no rows.
    const ids = request.query.ids.split(',').map((id) => id.trim()).filter(Boolean);
    return { rows: await rowStatuses(ids, options.ledger) };
  });

  // For more rows than fit in an address.
  app.post<{ Body: StatusBody }>('/api/rows/status', { schema: { body: StatusBody } }, async (request) => ({ rows: await rowStatuses(request.body.ids, options.ledger) }));

  app.post<{ Body: RowsBody }>('/api/preview', { schema: { body: RowsBody } }, async (request) => previewRows(request.body, options.ledger, options.templates, { dailyLimit: options.emailDailyLimit, now: options.now() }));

  if (existsSync(options.addinFolder)) {
    const hasIndex = existsSync(join(options.addinFolder, 'index.html'));
    await app.register(fastifyStatic, { root: options.addinFolder, prefix: '/', index: hasIndex ? 'index.html' : false });
    // The add-in's build makes taskpane.html (the manifest names it): the address alone opens the pane.
    if (!hasIndex) app.get('/', async (_request, reply: FastifyReply) => reply.redirect('/taskpane.html'));
  } else {
    app.get('/', async (_request, reply: FastifyReply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('Retention Desk worker is running, but the add-in\'s pages are not built yet. In the Retention Desk folder run "npm run build", then restart "retention serve".\n'),
    );
  }
  app.setNotFoundHandler(async (request, reply) => reply.code(404).send({ error: `There is nothing at ${request.method} ${request.url.split('?')[0]}.` }));
  return app;
}
