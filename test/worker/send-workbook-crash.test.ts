/**
 * The whole `retention send` as a child process on a garage with 300-odd emails approved, killed
 * (SIGKILL) at random moments five times and started again each time, against a real SMTP server.
 * At the end: no email arrived twice; every one either arrived and is sent in the ledger, or is
 * uncertain there (arrived at most once); none is missing; and the workbook opens with the
 * statuses of every sent row.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGarage } from '../../samples/generator.ts';
import { writeExportsCsv } from '../../samples/write-exports.ts';
import { messageIdFor } from '../../worker/channels/mail.ts';
import { openSqliteLedger } from '../../worker/ledger/sqlite-ledger.ts';
import { headerOf, localSmtpServer } from './support/smtp-server.ts';
import { AS_OF, columnValues, open, run } from './support/workbook.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SENDER = 'service@whitfield-motors.example';

describe('retention send killed part-way, five times, on 300-odd approved emails', function () {
  this.timeout(240_000);

  it('sends each email at most once, loses none, and leaves a workbook with every sent row’s status', async () => {
    const received = new Map<string, number>();
    const server = await localSmtpServer((stream, _session, callback) => {
      let head = '';
      stream.on('data', (chunk: Buffer) => (head += chunk.toString('utf8')));
      stream.on('end', () => {
        const id = headerOf(head, 'Message-ID');
        received.set(id, (received.get(id) ?? 0) + 1);
        // A moment per message, so the kills land while mail is going out.
        setTimeout(callback, 10);
      });
    });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'retention-send-crash-'));
      const exports = join(dir, 'exports');
      await writeExportsCsv(exports, generateGarage({ seed: 20261116, customers: 1600, asOf: AS_OF }), { quirks: false });
      const workbook = join(dir, 'retention.xlsx');
      await run(['build', exports, '--as-of', AS_OF, '--out', workbook, '--settings', join(ROOT, 'garage-settings/sample-garage.csv')]);
      writeFileSync(join(dir, 'retention.config.json'), JSON.stringify({ email: { smtp: { host: '127.0.0.1', port: server.port, requireTls: false, perMinute: 10_000 } } }));

      const send = (killAfterMs: number | null) =>
        new Promise<NodeJS.Signals | null>((resolve) => {
          const child = spawn(process.execPath, [join(ROOT, 'bin/retention.js'), 'send', workbook, '--approve-all', '--as-of', AS_OF], { stdio: 'ignore' });
          child.on('exit', (_code, signal) => resolve(signal));
          if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        });
      let killed = 0;
      for (let n = 0; n < 5; n++) if ((await send(2500 + Math.floor(Math.random() * 2500))) === 'SIGKILL') killed++;
      assert.equal(await send(null), null, 'the last send finishes');

      const ledger = await openSqliteLedger(join(dir, 'retention-data'));
      const emails = (await ledger.all()).filter((d) => d.channel === 'Email');
      await ledger.close();
      assert.ok(emails.length >= 300, `${emails.length} emails`);
      for (const email of emails) {
        const times = received.get(messageIdFor(email.actionId, SENDER)) ?? 0;
        assert.ok(times <= 1, `${email.actionId} arrived ${times} times`);
        if (email.state === 'sent') assert.equal(times, 1, `${email.actionId} is sent but never arrived`);
        else assert.equal(email.state, 'uncertain', `${email.actionId} is ${email.state}`);
      }
      assert.ok(killed >= 1, 'at least one send was killed part-way');

      const book = await open(workbook);
      const logged = new Set(columnValues(book.getWorksheet('Contact Log')!, 'Action ID'));
      for (const email of emails.filter((e) => e.state === 'sent')) assert.ok(logged.has(email.actionId), `${email.actionId} is in the Contact Log`);
      if (process.env.CRASH_TEST_REPORT) console.log({ emails: emails.length, killed, uncertain: emails.filter((e) => e.state === 'uncertain').length, arrived: received.size });
    } finally {
      await server.stop();
    }
  });
});
