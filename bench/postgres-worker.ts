/**
 * One worker for bench/postgres.ts: opens the shared ledger (RETENTION_DATABASE_URL), says "ready",
 * waits for "go" on stdin, drains the queue into the SMTP server on PORT, and says "done".
 */
import { once } from 'node:events';
import { smtpChannel } from '../worker/channels/smtp.ts';
import { openLedger } from '../worker/ledger/open-ledger.ts';
import { drainQueue } from '../worker/send-job.ts';

const [folder, port] = process.argv.slice(2) as [string, string];
const ledger = await openLedger({ folder, environment: process.env });
const smtp = smtpChannel({ host: '127.0.0.1', port: Number(port), secure: false, requireTls: false, perMinute: 10_000_000, timeoutMs: 30_000 }, { now: () => new Date() });
process.stdout.write('ready\n');
await once(process.stdin, 'data');
await drainQueue(ledger, smtp);
await ledger.close();
process.stdout.write('done\n');
process.exit(0);
