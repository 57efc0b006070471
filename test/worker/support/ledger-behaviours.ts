/**
 * What every ledger promises, as one table of behaviours run against each implementation (SQLite in
 * ledger.test.ts, PostgreSQL in postgres-ledger.test.ts). Each test gets a place of its own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Ledger, NewDelivery } from '../../../worker/ledger/ledger.ts';
import { openLedger, type LedgerChoice } from '../../../worker/ledger/open-ledger.ts';

export interface LedgerPlace extends LedgerChoice {
  /** Resolves once the ledger has seen a killed process go (PostgreSQL ends its session a moment later). */
  afterKill?: () => Promise<void>;
}

const AT = '2026-11-16T09:30:00.000Z';
export const mot = (actionId = 'mot-1/C1/AB12CDE/2026-12-12'): NewDelivery => ({ actionId, channel: 'Email', by: 'Sarah', customerCode: 'C1', contactDue: 'MOT Reminder', to: 'jean@example.com' });
export const email = (id: string) => ({
  actionId: id,
  method: 'Email' as const,
  to: 'jean@example.com',
  from: { name: 'G', email: 'g@x.example', smsSender: 'G' },
  message: { channel: 'email' as const, subject: id, html: '<p>Hi</p>', text: 'Hi', headers: {} },
});
const OPEN_LEDGER = new URL('../../../worker/ledger/open-ledger.ts', import.meta.url).pathname;

/**
 * Runs a script in a process of its own with `ledger` open at `place`; the script may kill itself.
 * What it returns is how the process ended.
 */
export function inAnotherProcess(place: LedgerChoice, body: string): ReturnType<typeof spawnSync> {
  const script = `
    const { openLedger } = await import(${JSON.stringify(OPEN_LEDGER)});
    const ledger = await openLedger(${JSON.stringify({ folder: place.folder, environment: place.environment })});
    ${body}
  `;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
}

export function ledgerBehaviours(newPlace: () => Promise<LedgerPlace>): void {
  const open = async (): Promise<Ledger> => openLedger(await newPlace());

  it('queues an action once: queuing it again sends nothing and says it is already queued', async () => {
    const ledger = await open();
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: true });
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: false, state: 'queued' });
    assert.equal((await ledger.all()).length, 1);
    await ledger.close();
  });

  it('never queues again an action that was sent, and says so', async () => {
    const ledger = await open();
    await ledger.queue(mot(), AT);
    assert.equal(await ledger.beginSubmitting(mot().actionId, 'Email'), true);
    await ledger.record(mot().actionId, 'Email', { state: 'sent', reference: '<m1@garage>', sentAt: AT });
    assert.deepEqual(await ledger.queue({ ...mot(), message: email(mot().actionId) }, AT), { queued: false, state: 'sent' });
    const sent = await ledger.get(mot().actionId, 'Email');
    assert.equal(sent?.reference, '<m1@garage>');
    assert.equal(sent?.state, 'sent');
    assert.equal(await ledger.claimNext(), null, 'queuing it with a message did not make it waiting again');
    await ledger.close();
  });

  it('never queues again an action being sent or uncertain', async () => {
    const ledger = await open();
    await ledger.queue(mot('a/C1/U/2026-12-01'), AT);
    await ledger.queue(mot('b/C1/U/2026-12-01'), AT);
    await ledger.beginSubmitting('a/C1/U/2026-12-01', 'Email');
    await ledger.beginSubmitting('b/C1/U/2026-12-01', 'Email');
    await ledger.record('b/C1/U/2026-12-01', 'Email', { state: 'uncertain', reason: 'connection lost after DATA' });
    assert.deepEqual(await ledger.queue({ ...mot('a/C1/U/2026-12-01'), message: email('a/C1/U/2026-12-01') }, AT), { queued: false, state: 'submitting' });
    assert.deepEqual(await ledger.queue({ ...mot('b/C1/U/2026-12-01'), message: email('b/C1/U/2026-12-01') }, AT), { queued: false, state: 'uncertain' });
    assert.equal((await ledger.get('a/C1/U/2026-12-01', 'Email'))?.state, 'submitting');
    assert.equal((await ledger.get('b/C1/U/2026-12-01', 'Email'))?.state, 'uncertain');
    await ledger.close();
  });

  it('queues a failed action again, since nothing went out', async () => {
    const ledger = await open();
    await ledger.queue(mot(), AT);
    await ledger.beginSubmitting(mot().actionId, 'Email');
    await ledger.record(mot().actionId, 'Email', { state: 'failed', reason: '452 mailbox full', retryable: true });
    assert.equal((await ledger.get(mot().actionId, 'Email'))?.retryable, true);
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: true });
    const again = await ledger.get(mot().actionId, 'Email');
    assert.equal(again?.state, 'queued');
    assert.equal(again?.reason, '');
    await ledger.close();
  });

  it('gives a queued action the newer message when it is queued again', async () => {
    const ledger = await open();
    await ledger.queue({ ...mot(), message: { ...email(mot().actionId), to: 'old@example.com' } }, AT);
    await ledger.queue({ ...mot(), to: 'new@example.com', message: { ...email(mot().actionId), to: 'new@example.com' } }, AT);
    const claimed = await ledger.claimNext();
    assert.equal(claimed?.message.to, 'new@example.com');
    assert.equal(claimed?.delivery.to, 'new@example.com');
    await ledger.close();
  });

  it('submits a queued action only once, even if asked twice', async () => {
    const ledger = await open();
    await ledger.queue(mot(), AT);
    assert.equal(await ledger.beginSubmitting(mot().actionId, 'Email'), true);
    assert.equal(await ledger.beginSubmitting(mot().actionId, 'Email'), false);
    assert.equal((await ledger.get(mot().actionId, 'Email'))?.attempts, 1);
    await ledger.close();
  });

  it('records the outcome of the one before in the same call that begins the next', async () => {
    const ledger = await open();
    await ledger.queue(mot('a/C1/U/2026-12-01'), AT);
    await ledger.queue(mot('b/C1/U/2026-12-01'), AT);
    await ledger.beginSubmitting('a/C1/U/2026-12-01', 'Email');
    const begun = await ledger.beginSubmitting('b/C1/U/2026-12-01', 'Email', { actionId: 'a/C1/U/2026-12-01', channel: 'Email', outcome: { state: 'failed', reason: '550 no such user', retryable: false } });
    assert.equal(begun, true);
    assert.equal((await ledger.get('a/C1/U/2026-12-01', 'Email'))?.reason, '550 no such user');
    assert.equal((await ledger.get('b/C1/U/2026-12-01', 'Email'))?.state, 'submitting');
    await ledger.close();
  });

  it('keeps queued actions for the next run', async () => {
    const place = await newPlace();
    const first = await openLedger(place);
    await first.queue(mot(), AT);
    await first.close();
    const second = await openLedger(place);
    assert.deepEqual((await second.inState('queued')).map((d) => d.actionId), [mot().actionId]);
    await second.close();
  });

  it('makes an action uncertain, never queued, when the process was killed while sending it', async () => {
    const place = await newPlace();
    // A real crash: a process that commits "submitting" and is killed before it hears back.
    const child = inAnotherProcess(place, `
      await ledger.queue(${JSON.stringify(mot())}, ${JSON.stringify(AT)});
      await ledger.beginSubmitting(${JSON.stringify(mot().actionId)}, 'Email');
      process.kill(process.pid, 'SIGKILL');
    `);
    assert.equal(child.signal, 'SIGKILL', String(child.stderr));
    await place.afterKill?.();

    const ledger = await openLedger(place);
    assert.deepEqual(ledger.recoveredUncertain.map((d) => d.actionId), [mot().actionId]);
    const delivery = (await ledger.get(mot().actionId, 'Email'))!;
    assert.equal(delivery.state, 'uncertain');
    assert.match(delivery.reason, /may have been sent\. Check, then resend it or mark it sent/);
    assert.deepEqual(await ledger.inState('queued'), []);
    assert.deepEqual(await ledger.queue(mot(), AT), { queued: false, state: 'uncertain' });
    await ledger.close();
  });

  it('lets the user settle an uncertain action: it went (sent), or it did not (queued again)', async () => {
    const ledger = await open();
    for (const id of ['a/C1/U/2026-12-01', 'b/C1/U/2026-12-01']) {
      await ledger.queue(mot(id), AT);
      await ledger.beginSubmitting(id, 'Email');
      await ledger.record(id, 'Email', { state: 'uncertain', reason: 'connection lost after DATA' });
    }
    await ledger.resolveUncertain('a/C1/U/2026-12-01', 'Email', { went: true, at: AT });
    await ledger.resolveUncertain('b/C1/U/2026-12-01', 'Email', { went: false });
    assert.equal((await ledger.get('a/C1/U/2026-12-01', 'Email'))?.state, 'sent');
    assert.equal((await ledger.get('a/C1/U/2026-12-01', 'Email'))?.reference, 'marked sent by hand');
    assert.equal((await ledger.get('b/C1/U/2026-12-01', 'Email'))?.state, 'queued');
    await assert.rejects(ledger.resolveUncertain('a/C1/U/2026-12-01', 'Email', { went: false }), /is not uncertain \(it is sent\)/);
    await assert.rejects(ledger.resolveUncertain('z/C1/U/2026-12-01', 'Email', { went: false }), /is not uncertain \(it is not in the ledger\)/);
    await ledger.close();
  });

  it('hands each waiting message to one claimer only, oldest first, and drops it once settled', async () => {
    const ledger = await open();
    await ledger.queue({ ...mot('a/C1/U/2026-12-01'), message: email('a/C1/U/2026-12-01') }, '2026-11-16T09:00:00.000Z');
    await ledger.queue({ ...mot('b/C1/U/2026-12-01'), message: email('b/C1/U/2026-12-01') }, '2026-11-16T09:01:00.000Z');
    await ledger.queue(mot('c/C1/U/2026-12-01'), '2026-11-16T08:00:00.000Z');
    const [first, second] = await Promise.all([ledger.claimNext(), ledger.claimNext()]);
    assert.deepEqual([first?.message.actionId, second?.message.actionId], ['a/C1/U/2026-12-01', 'b/C1/U/2026-12-01']);
    assert.equal(first?.delivery.state, 'submitting');
    assert.equal(first?.delivery.attempts, 1);
    assert.deepEqual(first?.message, email('a/C1/U/2026-12-01'));
    const third = await ledger.claimNext({ actionId: 'a/C1/U/2026-12-01', channel: 'Email', outcome: { state: 'sent', reference: '<a@g>', sentAt: AT } });
    assert.equal(third, null, 'the row queued with no message waits for a send to render it');
    const a = await ledger.get('a/C1/U/2026-12-01', 'Email');
    assert.deepEqual([a?.state, a?.reference, a?.sentAt], ['sent', '<a@g>', AT]);
    await ledger.close();
  });

  it('keeps the same action by two channels apart', async () => {
    const ledger = await open();
    await ledger.queue(mot(), AT);
    assert.deepEqual(await ledger.queue({ ...mot(), channel: 'SMS', to: '+447700900123' }, AT), { queued: true });
    assert.equal((await ledger.all()).length, 2);
    await ledger.close();
  });
}
