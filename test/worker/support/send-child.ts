/**
 * For the crash test: queues 300 emails in the ledger at `dir` (those not there yet) and drains the
 * queue through the SMTP server on `port`, as `retention send` does. The test kills it.
 *   node --import tsx send-child.ts DIR PORT
 */
import type { OutgoingMessage } from '../../../worker/channels/channel.ts';
import { smtpChannel } from '../../../worker/channels/smtp.ts';
import { openSqliteLedger } from '../../../worker/ledger/sqlite-ledger.ts';
import { drainQueue } from '../../../worker/send-job.ts';

const [dir, port] = process.argv.slice(2) as [string, string];
export const CRASH_TEST_ROWS = 300;

const ledger = await openSqliteLedger(dir);
for (let n = 0; n < CRASH_TEST_ROWS; n++) {
  const actionId = `mot-1/C${String(n).padStart(5, '0')}/AB12CDE/2026-12-12`;
  const message: OutgoingMessage = {
    actionId,
    method: 'Email',
    to: `c${n}@example.com`,
    from: { name: 'Whitfield Motors', email: 'service@whitfield.example', smsSender: 'Whitfield' },
    message: { channel: 'email', subject: actionId, html: '<p>Your MOT is due.</p>', text: 'Your MOT is due.', headers: {} },
  };
  await ledger.queue({ actionId, channel: 'Email', by: 'test', customerCode: `C${n}`, contactDue: 'MOT Reminder', to: message.to, message }, new Date().toISOString());
}
const smtp = smtpChannel({ host: '127.0.0.1', port: Number(port), secure: false, requireTls: false, perMinute: 1_000_000, timeoutMs: 5_000 }, { now: () => new Date() });
await drainQueue(ledger, smtp);
await ledger.close();
