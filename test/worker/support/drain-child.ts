/**
 * For the shared-queue test: one worker that drains the ledger openLedger chooses (PostgreSQL, with
 * RETENTION_DATABASE_URL set) through the SMTP server on `port`, as `retention send` does after
 * queuing. Several run at once; the test kills one.
 *   RETENTION_DATABASE_URL=postgres://… node --import tsx drain-child.ts DATA-FOLDER PORT
 */
import { smtpChannel } from '../../../worker/channels/smtp.ts';
import { openLedger } from '../../../worker/ledger/open-ledger.ts';
import { drainQueue } from '../../../worker/send-job.ts';

const [folder, port] = process.argv.slice(2) as [string, string];

const ledger = await openLedger({ folder, environment: process.env });
const smtp = smtpChannel({ host: '127.0.0.1', port: Number(port), secure: false, requireTls: false, perMinute: 1_000_000, timeoutMs: 5_000 }, { now: () => new Date() });
await drainQueue(ledger, smtp);
await ledger.close();
