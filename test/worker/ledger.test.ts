import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteLedger } from '../../worker/ledger/sqlite-ledger.ts';
import { ledgerBehaviours, mot } from './support/ledger-behaviours.ts';

const AT = '2026-11-16T09:30:00.000Z';
const folder = () => mkdtempSync(join(tmpdir(), 'retention-ledger-'));

describe('the outbox ledger (SQLite, the default)', () => {
  // No RETENTION_DATABASE_URL: the ledger is SQLite in the data folder.
  ledgerBehaviours(async () => ({ folder: folder(), environment: {} }));
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
