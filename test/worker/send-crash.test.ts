/**
 * The promise of the ledger, tested the hard way: `retention send`'s loop on 300 emails, killed
 * (SIGKILL) at random moments five times and restarted each time, against a real SMTP server. At
 * the end no customer got a message twice, and every one either arrived or is uncertain in the
 * ledger for a person to check — none is missing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteLedger } from '../../worker/ledger/sqlite-ledger.ts';
import { headerOf, localSmtpServer } from './support/smtp-server.ts';

const CHILD = new URL('./support/send-child.ts', import.meta.url).pathname;
const ROWS = 300;

describe('a send killed part-way, five times', function () {
  this.timeout(120_000);

  it('delivers each of 300 emails at most once, and every one not delivered is uncertain', async () => {
    const received = new Map<string, number>();
    const server = await localSmtpServer((stream, _session, callback) => {
      let head = '';
      stream.on('data', (chunk: Buffer) => (head += chunk.toString('utf8')));
      stream.on('end', () => {
        const subject = headerOf(head, 'Subject');
        received.set(subject, (received.get(subject) ?? 0) + 1);
        // A server that takes a moment to answer, so the kills land while messages are in flight.
        setTimeout(callback, 8);
      });
    });
    const port = String(server.port);
    const dir = mkdtempSync(join(tmpdir(), 'retention-crash-'));
    const runChild = (killAfterMs: number | null) =>
      new Promise<NodeJS.Signals | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, port], { stdio: 'ignore' });
        child.on('exit', (_code, signal) => resolve(signal));
        if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      });
    try {
      let killed = 0;
      for (let n = 0; n < 5; n++) {
        // Random moments between start-up and the end of the sends.
        if ((await runChild(900 + Math.floor(Math.random() * 1200))) === 'SIGKILL') killed++;
      }
      assert.equal(await runChild(null), null, 'the last run finishes');
      const ledger = await openSqliteLedger(dir);
      const deliveries = await ledger.all();
      await ledger.close();
      assert.equal(deliveries.length, ROWS);
      for (const delivery of deliveries) {
        const times = received.get(delivery.actionId) ?? 0;
        assert.ok(times <= 1, `${delivery.actionId} arrived ${times} times`);
        if (delivery.state === 'sent') assert.equal(times, 1, `${delivery.actionId} is sent but never arrived`);
        else assert.equal(delivery.state, 'uncertain', `${delivery.actionId} is ${delivery.state}, and arrived ${times} times`);
      }
      assert.ok(killed >= 1, 'at least one run was killed part-way');
      if (process.env.CRASH_TEST_REPORT) console.log({ killed, uncertain: deliveries.filter((d) => d.state === 'uncertain').length, arrived: received.size });
      // Each kill can leave three rows uncertain: the one whose outcome was being written, the one
      // with the server, and the next, marked submitting while it waited its turn.
      const uncertain = deliveries.filter((d) => d.state === 'uncertain').length;
      assert.ok(uncertain <= 3 * killed, `${uncertain} uncertain from ${killed} kills: at most three each time`);
    } finally {
      await server.stop();
    }
  });
});
