/**
 * A loopback HTTP server speaking the SMS providers' wire formats, for the tests: Twilio's
 * Messages resource (form-encoded POST, Basic auth, JSON errors with Twilio's codes, GET of a
 * message's status), The SMS Works' message/send and messages/{id} (JSON, "JWT …" auth, errors
 * with `permanent`), and a generic JSON webhook. `script` decides an answer per request (a 429
 * with Retry-After, a 503, a hang, a dropped connection); `deliveries` holds what the network said
 * of each message, for status polls.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TWILIO = { sid: 'AC0123456789abcdef0123456789abcdef', token: 'twilio-secret' };
export const SMS_WORKS_KEY = 'JWT eyJ.test.key';
export const WEBHOOK_TOKEN = 'hook-secret';

export interface SmsRequestSeen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  form?: URLSearchParams;
  json?: Record<string, unknown>;
}

export type SmsScripted = { status: number; headers?: Record<string, string>; body: unknown } | 'hang' | 'drop' | 'accept';

export interface SmsServer {
  url: string;
  requests: SmsRequestSeen[];
  /** What the network said of each message id: Twilio's or The SMS Works' own status words. */
  deliveries: Map<string, { status: string; error?: string }>;
  stop(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

export async function localSmsServer(script?: (n: number, request: SmsRequestSeen) => SmsScripted): Promise<SmsServer> {
  const state: SmsServer = { url: '', requests: [], deliveries: new Map(), stop: async () => {} };
  const hanging = new Set<ServerResponse>();
  let posts = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const seen: SmsRequestSeen = { method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      if (String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) seen.form = new URLSearchParams(seen.body);
      if (String(req.headers['content-type']).startsWith('application/json')) seen.json = JSON.parse(seen.body) as Record<string, unknown>;
      state.requests.push(seen);
      if (req.method === 'POST') {
        const answer = script?.(posts++, seen) ?? 'accept';
        if (answer === 'drop') return req.socket.destroy();
        if (answer === 'hang') return void hanging.add(res);
        if (answer !== 'accept') return send(res, answer.status, answer.body, answer.headers);
      }

      const twilio = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/([^/]+))?\.json$/.exec(path);
      if (twilio) {
        if (req.headers.authorization !== `Basic ${Buffer.from(`${TWILIO.sid}:${TWILIO.token}`).toString('base64')}` || twilio[1] !== TWILIO.sid) {
          return send(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
        }
        if (req.method === 'GET' && twilio[2]) {
          const delivery = state.deliveries.get(twilio[2]);
          if (!delivery) return send(res, 404, { code: 20404, message: `The requested resource ${path} was not found`, status: 404 });
          return send(res, 200, { sid: twilio[2], status: delivery.status, error_code: delivery.error ? Number(delivery.error) : null, error_message: null });
        }
        const to = seen.form?.get('To') ?? '';
        if (!seen.form?.get('Body')) return send(res, 400, { code: 21602, message: 'Message body is required.', status: 400 });
        if (!/^\+\d{8,15}$/.test(to)) return send(res, 400, { code: 21211, message: `Invalid 'To' Phone Number: ${to}`, status: 400 });
        const sid = `SM${randomBytes(16).toString('hex')}`;
        state.deliveries.set(sid, { status: 'queued' });
        return send(res, 201, { sid, status: 'queued', to, from: seen.form.get('From'), body: seen.form.get('Body'), num_segments: '1' });
      }

      if (path === '/v1/message/send' || path.startsWith('/v1/messages/')) {
        if (req.headers.authorization !== SMS_WORKS_KEY) return send(res, 401, { message: 'Unauthorized', errorCode: 401, status: 'UNAUTHORIZED', permanent: true });
        if (req.method === 'GET') {
          const id = decodeURIComponent(path.slice('/v1/messages/'.length));
          const delivery = state.deliveries.get(id);
          if (!delivery) return send(res, 404, { message: 'Message not found', errorCode: 404, status: 'NOT_FOUND', permanent: true });
          return send(res, 200, { messageid: id, status: delivery.status, ...(delivery.error ? { failurereason: { code: 1, details: delivery.error, permanent: true } } : {}) });
        }
        const { sender, destination, content } = seen.json ?? {};
        if (!sender || !destination || !content) return send(res, 400, { message: 'sender, destination and content are required', errorCode: 400, status: 'BAD_REQUEST', permanent: true });
        const messageid = randomUUID();
        state.deliveries.set(messageid, { status: 'SENT' });
        return send(res, 201, { messageid, status: 'SENT', credits: 99, creditsUsed: 1 });
      }

      if (path === '/hook') {
        if (req.headers.authorization !== `Bearer ${WEBHOOK_TOKEN}`) return send(res, 401, { error: 'bad token' });
        return send(res, 200, { id: `hook-${state.requests.length}` });
      }
      send(res, 404, { error: `no such path ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
