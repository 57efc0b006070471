/**
 * A dealer group's shared queue: 1,000 queued emails drained from the PostgreSQL ledger into a
 * local SMTP server by one worker process, then by three at once. The server answers at once, then
 * after 20 ms a message (nearer a real provider, where more workers pay). The PostgreSQL server is
 * started here from the npm package's binaries, fsync on, as in production.
 *
 *   node --import tsx bench/postgres.ts     # best of 2 with the server answering at once; one run at 20 ms
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { openPostgresLedger } from '../worker/ledger/postgres-ledger.ts';
import { localSmtpServer } from '../test/worker/support/smtp-server.ts';
import { startPostgres } from '../test/worker/support/postgres-server.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const WORKER = new URL('./postgres-worker.ts', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'retention-bench-pg-'));

const server = await startPostgres({ durable: true });
let answerAfterMs = 0;
const smtp = await localSmtpServer((stream, _session, callback) => {
  stream.resume();
  stream.on('end', () => (answerAfterMs ? setTimeout(callback, answerAfterMs) : callback()));
});
let databases = 0;

/** Seconds from "go" until `workers` processes have drained a fresh queue of ROWS. */
async function drain(workers: number): Promise<number> {
  const admin = new pg.Client(server.url);
  await admin.connect();
  const name = `bench_${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  const queue = await openPostgresLedger(url);
  for (let n = 0; n < ROWS; n++) {
    const actionId = `mot-1/C${String(n).padStart(6, '0')}/MX73VCW/2026-12-12`;
    const message = { actionId, method: 'Email' as const, to: `c${n}@example.com`, from: { name: 'Whitfield Motors', email: 'service@whitfield.example', smsSender: 'Whitfield' }, message: { channel: 'email' as const, subject: 'Your MOT is due on 12/12/2026', html: '<p>Your MOT is due.</p>', text: 'Your MOT is due.', headers: {} } };
    await queue.queue({ actionId, channel: 'Email', by: 'bench', customerCode: `C${n}`, contactDue: 'MOT Reminder', to: message.to, message }, new Date(Date.UTC(2026, 10, 16, 9, 0, 0, n)).toISOString());
  }
  const children = Array.from({ length: workers }, () => spawn(process.execPath, ['--import', 'tsx', WORKER, folder, String(smtp.port)], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, RETENTION_DATABASE_URL: url } }));
  const said = (child: (typeof children)[number], word: string) =>
    new Promise<void>((resolve) => createInterface({ input: child.stdout! }).on('line', (line) => line === word && resolve()));
  await Promise.all(children.map((child) => said(child, 'ready')));
  const done = children.map((child) => said(child, 'done'));
  const started = performance.now();
  for (const child of children) child.stdin!.write('go\n');
  await Promise.all(done);
  const seconds = (performance.now() - started) / 1000;
  const sent = (await queue.inState('sent')).length;
  await queue.close();
  if (sent !== ROWS) throw new Error(`only ${sent} of ${ROWS} sent`);
  return seconds;
}

try {
  console.log(`\nShared queue on PostgreSQL — ${ROWS.toLocaleString('en-GB')} emails drained into a local SMTP server `);
  for (const delay of [0, 20]) {
    answerAfterMs = delay;
    // At 20 ms a message one worker takes over 20 s: one run is enough to see the difference.
    const best = async (workers: number) => (delay ? drain(workers) : Math.min(await drain(workers), await drain(workers)));
    const one = await best(1);
    const three = await best(3);
    const pace = delay ? `server answers after ${delay} ms` : 'server answers at once';
    console.log(`${pace.padEnd(30)} 1 worker ${one.toFixed(2)} s (${(ROWS / one).toFixed(0)}/s) · 3 workers ${three.toFixed(2)} s (${(ROWS / three).toFixed(0)}/s) · ${(one / three).toFixed(2)}× faster`);
  }
} finally {
  await smtp.stop();
  await server.stop();
}
