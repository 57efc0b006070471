/**
 * The add-in's round trip: 500 approved rows submitted to a running `retention serve` over HTTPS
 * (POST /api/rows: checked, rendered, queued, answered 202), and the time until the drain has sent
 * all 500 through a local SMTP server. Each repeat submits 500 new Action IDs; then the same 500
 * again (all "already sent": what a second click costs).
 *
 *   node --import tsx bench/api.ts        # 500 rows, 9 repeats
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkerConfig } from '../worker/config.ts';
import { pairingKey } from '../worker/serve/pairing-key.ts';
import { SERVE_DEFAULTS } from '../worker/serve/serve-config.ts';
import { startServer } from '../worker/serve/server.ts';
import { approvedRow } from '../test/worker/support/serve.ts';
import { localSmtpServer } from '../test/worker/support/smtp-server.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 500);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 9);

const smtp = await localSmtpServer();
const data = mkdtempSync(join(tmpdir(), 'retention-bench-api-'));
const configPath = join(data, 'retention.config.json');
writeFileSync(configPath, JSON.stringify({ email: { smtp: { host: '127.0.0.1', port: smtp.port, requireTls: false, perMinute: 10_000 } } }));
const read = await readWorkerConfig(configPath, process.env);
if ('problems' in read) throw new Error(read.problems.join('\n'));
const server = await startServer({ serve: { ...SERVE_DEFAULTS, port: 0, tls: null, sso: null, addinOrigin: null }, worker: read.config, dataFolder: data, environment: {}, now: () => new Date(), log: () => {} });
const key = await pairingKey(data);
const agent = new Agent({ ca: server.certificate.cert, keepAlive: true });

function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', servername: 'localhost', port: server.port, method: 'POST', path: '/api/rows', agent, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 202 ? resolve(response.statusCode) : reject(new Error(`answered ${response.statusCode}`))));
    });
    r.on('error', reject);
    r.end(body);
  });
}

const posts: number[] = [];
const allSent: number[] = [];
const again: number[] = [];
let bytes = 0;
for (let repeat = 0; repeat < REPEATS; repeat++) {
  const rows = Array.from({ length: ROWS }, (_, n) => approvedRow(repeat * ROWS + n));
  const body = JSON.stringify({ by: 'bench', rows });
  bytes = body.length;
  const started = performance.now();
  await post(body);
  posts.push(performance.now() - started);
  await server.drainer.idle();
  allSent.push(performance.now() - started);
  const second = performance.now();
  await post(body);
  again.push(performance.now() - second);
}
const sent = (await server.ledger.inState('sent')).length;
agent.destroy();
await server.stop();
await smtp.stop();

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => sorted(values)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
console.log(`\nThe add-in's API — ${ROWS} rows a submission (${(bytes / 1024).toFixed(0)} KB of JSON), over HTTPS on loopback, ${REPEATS} repeats`);
console.log(`POST /api/rows, 500 new rows: queued, answered    median ${ms(median(posts))}   p95 ${ms(p95(posts))}`);
console.log(`until all 500 are sent (local SMTP server)          median ${ms(median(allSent))}   p95 ${ms(p95(allSent))}`);
console.log(`POST /api/rows, the same 500 again (already sent)  median ${ms(median(again))}   p95 ${ms(p95(again))}`);
if (sent !== ROWS * REPEATS) throw new Error(`${sent} sent, expected ${ROWS * REPEATS}`);
