/**
 * A loopback HTTP server that speaks Microsoft Graph's sendMail as Exchange Online answers it:
 * `POST /v1.0/users/{mailbox}/sendMail` and `/v1.0/me/sendMail`, a bearer token required (401 with
 * Graph's error JSON otherwise), the JSON message or a base64 MIME body under text/plain checked
 * (400 ErrorInvalidRecipients / ErrorMimeContentInvalidBase64String as Graph says), 202 with a
 * request-id on success. Exchange's per-mailbox limits are enforced when given (more than
 * `concurrency` at once, or a burst past `perMinute`, answers 429 MailboxConcurrency /
 * ApplicationThrottled with Retry-After), and counted, so a benchmark can show it provoked none.
 * `script` decides an answer per request for the tests (202, 429, 503, hang, a dropped connection).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequestSeen {
  method: string;
  path: string;
  mailbox: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The JSON message, when sent as JSON. */
  json?: { message: Record<string, unknown>; saveToSentItems?: boolean };
  /** The MIME message decoded from base64, when sent as MIME. */
  mime?: string;
  at: number;
}

export type ScriptedAnswer = { status: number; headers?: Record<string, string>; error?: { code: string; message: string } } | 'hang' | 'drop' | 'accept';

export interface GraphServerOptions {
  token?: string;
  /** Exchange's per-mailbox limits, enforced with 429s; none when absent. */
  limits?: { perMinute: number; concurrency: number };
  /** Decides the answer to the n-th sendMail (from 0); 'accept' for the usual checks and 202. */
  script?: (n: number, request: GraphRequestSeen) => ScriptedAnswer;
}

export interface GraphServer {
  url: string;
  requests: GraphRequestSeen[];
  /** Answers that were 429 because a limit was passed (not scripted ones). */
  throttled: number;
  maxConcurrent: number;
  stop(): Promise<void>;
}

const graphError = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': randomUUID(), ...headers });
  res.end(JSON.stringify({ error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } }));
};

export async function localGraphServer(options: GraphServerOptions = {}): Promise<GraphServer> {
  const token = options.token ?? 'test-token';
  const state: GraphServer = { url: '', requests: [], throttled: 0, maxConcurrent: 0, stop: async () => {} };
  const inFlight = new Map<string, number>();
  // Start times per mailbox within the last second, for bursts past the per-minute rate.
  const recent = new Map<string, number[]>();
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = /^\/v1\.0\/(?:users\/([^/]+)|(me))\/sendMail$/.exec(url.pathname);
      if (req.method !== 'POST' || !match) return graphError(res, 404, 'Request_UnsupportedQuery', `Unsupported request ${req.method} ${url.pathname}`);
      const mailbox = match[2] ?? decodeURIComponent(match[1]!).toLowerCase();
      const seen: GraphRequestSeen = { method: req.method, path: url.pathname, mailbox, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
      state.requests.push(seen);
      if (req.headers.authorization !== `Bearer ${token}`) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');

      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('text/plain')) {
        if (!/^[A-Za-z0-9+/=\r\n]+$/.test(seen.body)) return graphError(res, 400, 'ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.');
        seen.mime = Buffer.from(seen.body, 'base64').toString('utf8');
      } else if (type.startsWith('application/json')) {
        try {
          seen.json = JSON.parse(seen.body) as GraphRequestSeen['json'];
        } catch {
          return graphError(res, 400, 'RequestBodyRead', 'Invalid JSON body.');
        }
        const to = (seen.json?.message?.toRecipients as { emailAddress?: { address?: string } }[] | undefined)?.[0]?.emailAddress?.address;
        if (!to) return graphError(res, 400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
      } else {
        return graphError(res, 415, 'UnsupportedMediaType', `Content-Type ${type} is not supported.`);
      }

      const answer = options.script?.(state.requests.length - 1, seen) ?? 'accept';
      if (answer === 'drop') return req.socket.destroy();
      if (answer === 'hang') return void hanging.add(res);
      if (answer !== 'accept') return graphError(res, answer.status, answer.error?.code ?? 'Scripted', answer.error?.message ?? 'Scripted answer.', answer.headers);

      if (options.limits) {
        const now = performance.now();
        const times = (recent.get(mailbox) ?? []).filter((t) => now - t < 1000);
        recent.set(mailbox, [...times, now]);
        const running = (inFlight.get(mailbox) ?? 0) + 1;
        // A second's share of the minute's limit, and one more for timer jitter.
        if (running > options.limits.concurrency || times.length + 1 > Math.ceil(options.limits.perMinute / 60) + 1) {
          state.throttled += 1;
          const code = running > options.limits.concurrency ? 'MailboxConcurrency' : 'ApplicationThrottled';
          return graphError(res, 429, code, 'Application is over its MailboxConcurrency limit.', { 'Retry-After': '1' });
        }
        inFlight.set(mailbox, running);
        state.maxConcurrent = Math.max(state.maxConcurrent, running);
        // Exchange takes a moment to queue the message: long enough for overlapping requests to show.
        setTimeout(() => {
          inFlight.set(mailbox, (inFlight.get(mailbox) ?? 1) - 1);
          res.writeHead(202, { 'request-id': randomUUID(), 'content-length': '0' }).end();
        }, 5);
        return;
      }
      res.writeHead(202, { 'request-id': randomUUID(), 'content-length': '0' }).end();
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
