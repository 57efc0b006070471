import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewDelivery } from '../../worker/ledger/ledger.ts';
import { openSqliteLedger } from '../../worker/ledger/sqlite-ledger.ts';

const AT = '2026-11-16T09:30:00.000Z';
const mot = (actionId = 'mot-1/C1/AB12CDE/2026-12-12'): NewDelivery => ({ actionId, channel: 'Email', by: 'Sarah', customerCode: 'C1', contactDue: 'MOT Reminder', to: 'jean@example.com' });
const folder = () => mkdtempSync(join(tmpdir(), 'retention-ledger-'));

describe('the outbox ledger', () => {
  it('queues an action once: queuing it again sends nothing and says it is already queued', async () => {
    const ledger = await openSqliteLedger(folder());
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: true });
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: false, state: 'queued' });
    assert.equal((await ledger.all()).length, 1);
    await ledger.close();
  });

  it('never queues again an action that was sent, and says so', async () => {
    const ledger = await openSqliteLedger(folder());
    await ledger.queue(mot(), AT);
    assert.equal(await ledger.beginSubmitting(mot().actionId, 'Email'), true);
    await ledger.record(mot().actionId, 'Email', { state: 'sent', reference: '<m1@garage>', sentAt: AT });
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: false, state: 'sent' });
    assert.equal((await ledger.get(mot().actionId, 'Email'))?.reference, '<m1@garage>');
    await ledger.close();
  });

  it('queues a failed action again, since nothing went out', async () => {
    const ledger = await openSqliteLedger(folder());
    await ledger.queue(mot(), AT);
    await ledger.beginSubmitting(mot().actionId, 'Email');
    await ledger.record(mot().actionId, 'Email', { state: 'failed', reason: '452 mailbox full', retryable: true });
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: true });
    assert.equal((await ledger.get(mot().actionId, 'Email'))?.state, 'queued');
    await ledger.close();
  });

  it('submits a queued action only once, even if asked twice', async () => {
    const ledger = await openSqliteLedger(folder());
    await ledger.queue(mot(), AT);
    assert.equal(await ledger.beginSubmitting(mot().actionId, 'Email'), true);
    assert.equal(await ledger.beginSubmitting(mot().actionId, 'Email'), false);
    assert.equal((await ledger.get(mot().actionId, 'Email'))?.attempts, 1);
    await ledger.close();
  });

  it('keeps queued actions for the next run', async () => {
    const dir = folder();
    const first = await openSqliteLedger(dir);
    await first.queue(mot(), AT);
    await first.close();
    const second = await openSqliteLedger(dir);
    assert.deepEqual((await second.inState('queued')).map((d) => d.actionId), [mot().actionId]);
    await second.close();
  });

  it('makes an action uncertain, never queued, when the process was killed while sending it', async () => {
    const dir = folder();
    // A real crash: a process that commits "submitting" and is killed before it hears back.
    const script = `
      const { openSqliteLedger } = await import(${JSON.stringify(new URL('../../worker/ledger/sqlite-ledger.ts', import.meta.url).pathname)});
      const ledger = await openSqliteLedger(${JSON.stringify(dir)});
      await ledger.queue(${JSON.stringify(mot())}, ${JSON.stringify(AT)});
      await ledger.beginSubmitting(${JSON.stringify(mot().actionId)}, 'Email');
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.signal, 'SIGKILL', child.stderr);

    const ledger = await openSqliteLedger(dir);
    assert.deepEqual(ledger.recoveredUncertain.map((d) => d.actionId), [mot().actionId]);
    const delivery = (await ledger.get(mot().actionId, 'Email'))!;
    assert.equal(delivery.state, 'uncertain');
    assert.match(delivery.reason, /may have been sent\. Check, then resend it or mark it sent/);
    assert.deepEqual((await ledger.inState('queued')), []);
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: false, state: 'uncertain' });
    await ledger.close();
  });

  it('lets the user settle an uncertain action: it went (sent), or it did not (queued again)', async () => {
    const ledger = await openSqliteLedger(folder());
    for (const id of ['a/C1/U/2026-12-01', 'b/C1/U/2026-12-01']) {
      await ledger.queue(mot(id), AT);
      await ledger.beginSubmitting(id, 'Email');
      await ledger.record(id, 'Email', { state: 'uncertain', reason: 'connection lost after DATA' });
    }
    await ledger.resolveUncertain('a/C1/U/2026-12-01', 'Email', { went: true, at: AT });
    await ledger.resolveUncertain('b/C1/U/2026-12-01', 'Email', { went: false });
    assert.equal((await ledger.get('a/C1/U/2026-12-01', 'Email'))?.state, 'sent');
    assert.equal((await ledger.get('b/C1/U/2026-12-01', 'Email'))?.state, 'queued');
    await assert.rejects(ledger.resolveUncertain('a/C1/U/2026-12-01', 'Email', { went: false }), /is not uncertain \(it is sent\)/);
    await ledger.close();
  });

  it('hands each waiting message to one claimer only, oldest first, and drops it once settled', async () => {
    const ledger = await openSqliteLedger(folder());
    const email = (id: string) => ({ actionId: id, method: 'Email' as const, to: 'jean@example.com', from: { name: 'G', email: 'g@x.example', smsSender: 'G' }, message: { channel: 'email' as const, subject: id, html: '<p>Hi</p>', text: 'Hi', headers: {} } });
    await ledger.queue({ ...mot('a/C1/U/2026-12-01'), message: email('a/C1/U/2026-12-01') }, '2026-11-16T09:00:00.000Z');
    await ledger.queue({ ...mot('b/C1/U/2026-12-01'), message: email('b/C1/U/2026-12-01') }, '2026-11-16T09:01:00.000Z');
    await ledger.queue(mot('c/C1/U/2026-12-01'), '2026-11-16T08:00:00.000Z');
    const [first, second] = await Promise.all([ledger.claimNext(), ledger.claimNext()]);
    assert.deepEqual([first?.message.actionId, second?.message.actionId], ['a/C1/U/2026-12-01', 'b/C1/U/2026-12-01']);
    assert.equal(first?.delivery.state, 'submitting');
    const third = await ledger.claimNext({ actionId: 'a/C1/U/2026-12-01', channel: 'Email', outcome: { state: 'sent', reference: '<a@g>', sentAt: AT } });
    assert.equal(third, null, 'the row queued with no message waits for a send to render it');
    assert.equal((await ledger.get('a/C1/U/2026-12-01', 'Email'))?.state, 'sent');
    await ledger.close();
  });

  it('keeps the same action by two channels apart', async () => {
    const ledger = await openSqliteLedger(folder());
    await ledger.queue(mot(), AT);
    assert.deepEqual(await ledger.queue({ ...mot(), channel: 'SMS', to: '+447700900123' }, AT), { queued: true });
    assert.equal((await ledger.all()).length, 2);
    await ledger.close();
  });
});

describe('letters in the send loop', () => {
  it('records a letter as sent only once the run’s PDF is finished; a PDF that fails leaves it failed, not printed', async () => {
    const { drainQueue } = await import('../../worker/send-job.ts');
    const ledger = await openSqliteLedger(folder());
    const letter = { ...mot('drifting/C1/C1/2026-11-16'), channel: 'Letter' as const, to: '1 High Street, Knutsford' };
    const message = { actionId: letter.actionId, method: 'Letter' as const, to: letter.to, from: { name: 'G', email: 'g@x.example', smsSender: 'G' }, message: { channel: 'letter' as const, salutation: 'Dear Mrs Harrison,', paragraphs: ['Hello.'], signOff: ['Yours sincerely,'] } };
    await ledger.queue({ ...letter, message }, AT);
    let stateWhileOpen = '';
    const channel = {
      name: 'letters',
      async send() {
        return { state: 'sent' as const, reference: 'letters.pdf page 1', sentAt: AT };
      },
      async close() {
        stateWhileOpen = (await ledger.get(letter.actionId, 'Letter'))!.state;
        throw new Error('disk full');
      },
    };
    const counts = await drainQueue(ledger, channel);
    assert.equal(stateWhileOpen, 'submitting', 'not sent while its PDF is unfinished');
    assert.equal(counts.failed, 1);
    assert.match((await ledger.get(letter.actionId, 'Letter'))!.reason, /letters PDF could not be finished \(disk full\); nothing was printed/);
    await ledger.close();
  });
});
