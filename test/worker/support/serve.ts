/**
 * For the API tests: a real `retention serve` on loopback over HTTPS (its own self-signed
 * certificate, trusted here through https.request's `ca`), rows as the add-in would submit them,
 * and a small client.
 */
import { request as httpsRequest, Agent } from 'node:https';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkerConfig } from '../../../worker/config.ts';
import { pairingKey } from '../../../worker/serve/pairing-key.ts';
import { SERVE_DEFAULTS } from '../../../worker/serve/serve-config.ts';
import { startServer, type RunningServer } from '../../../worker/serve/server.ts';

export interface TestServer {
  server: RunningServer;
  key: string;
  dataFolder: string;
  call: (method: string, path: string, options?: CallOptions) => Promise<Reply>;
  stop: () => Promise<void>;
}

export interface CallOptions {
  /** The pairing key to show; the server's own unless given (null: none). */
  key?: string | null;
  body?: unknown;
  /** Sent as is, instead of `body` as JSON. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
  text: string;
}

/** A server with email through the SMTP server on `smtpPort` (or the outbox), in a fresh data folder. */
export async function startTestServer(options: { smtpPort?: number; dataFolder?: string; addinFolder?: string; serve?: Record<string, unknown> } = {}): Promise<TestServer> {
  const dataFolder = options.dataFolder ?? mkdtempSync(join(tmpdir(), 'retention-serve-'));
  const configPath = join(dataFolder, 'retention.config.json');
  const smtp = options.smtpPort ? { smtp: { host: '127.0.0.1', port: options.smtpPort, requireTls: false, perMinute: 10_000, timeoutMs: 5_000 } } : undefined;
  writeFileSync(configPath, JSON.stringify({ ...(smtp ? { email: smtp } : {}) }));
  const read = await readWorkerConfig(configPath, process.env);
  if ('problems' in read) throw new Error(read.problems.join('\n'));
  const server = await startServer({
    serve: { ...SERVE_DEFAULTS, port: 0, tls: null, sso: null, addinOrigin: 'https://addin.garage.example', ...options.serve },
    worker: read.config,
    dataFolder,
    environment: {},
    addinFolder: options.addinFolder ?? join(dataFolder, 'no-addin-built'),
    now: () => new Date(),
    log: () => {},
  });
  const key = await pairingKey(dataFolder);
  const agent = new Agent({ ca: server.certificate.cert, keepAlive: true, maxSockets: 200 });
  const call = (method: string, path: string, call: CallOptions = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const givenKey = call.key === undefined ? key : call.key;
      const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
      const request = httpsRequest(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port: server.port,
          method,
          path,
          agent,
          headers: {
            ...(givenKey ? { authorization: `Bearer ${givenKey}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...call.headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = null;
            try {
              json = JSON.parse(text);
            } catch {
              // Not JSON (a page, or nothing): the text says it.
            }
            resolve({ status: response.statusCode ?? 0, headers: response.headers, json, text });
          });
        },
      );
      // The server may answer (413) and close before a huge body is all sent.
      request.on('error', reject);
      request.end(body);
    });
  return {
    server,
    key,
    dataFolder,
    call,
    stop: async () => {
      agent.destroy();
      await server.stop();
    },
  };
}

/** An approved MOT reminder for customer n, as the add-in computes it (core's DueAction and mergeContextFor). */
export function approvedRow(n: number, method: 'Email' | 'SMS' | 'Letter' = 'Email') {
  const code = `C${String(n).padStart(5, '0')}`;
  const to = method === 'Email' ? `customer${n}@example.com` : method === 'SMS' ? '+447700900123' : `Mrs Jane Harrison, 1 High Street, Knutsford, WA16 6AA`;
  return {
    action: {
      actionId: `mot-1/${code}/MX73VCW/2026-12-12`,
      ruleId: 'mot-1',
      date: '2026-11-12',
      triggerDate: '2026-12-12',
      code,
      name: 'Mrs Jane Harrison',
      type: 'MOT',
      contactDue: 'MOT Reminder',
      purpose: 'service',
      method,
      to,
      unit: 'MX73 VCW',
      job: '',
      reason: '',
      template: '',
    },
    context: {
      customer: { code, title: 'Mrs', firstName: 'Jane', surname: 'Harrison', name: 'Mrs Jane Harrison', company: '' },
      unit: { registration: 'MX73VCW', registrationDisplay: 'MX73 VCW', make: 'Nissan', model: 'Juke', motDue: '2026-12-12', nextService: null, lastService: null, saleDate: null, warrantyEnd: null, financeEnd: null },
      job: null,
      advisories: [],
      lastVisit: '2025-12-01',
      settings: { garageName: 'Whitfield Motors', garageAddress: '1 Station Road, Knutsford WA16 0AA', garagePhone: '01565 496000', senderMailbox: 'service@whitfield.example', smsSender: 'Whitfield' },
    },
  };
}
