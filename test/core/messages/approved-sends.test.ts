import assert from 'node:assert/strict';
import { approvedSends } from '../../../core/messages/approved-sends.ts';
import type { DueEdit } from '../../../core/workbook/sheets/due-actions.ts';
import { customer, garage, unit } from '../schedule/garage-builder.ts';
import { dueFor } from '../schedule/run-schedule.ts';
import { MESSAGE_SETTINGS } from './message-settings.ts';

/** Three customers with an MOT reminder due, reachable by email and by post. */
const index = garage({
  customers: ['C1', 'C2', 'C3'].map((code, i) => customer({ code, email: `c${i + 1}@example.com` })),
  units: ['C1', 'C2', 'C3'].map((code, i) => unit({ registration: `AB12CD${'ABC'[i]}`, customerCode: code, motDue: '2026-12-14' })),
});
const dueActions = dueFor('mot-1', index, '2026-11-16');
const retention = { dueActions, garage: index };

function edit(overrides: Partial<DueEdit>): DueEdit {
  return { approve: 'Yes', method: null, status: '', sentAt: null, reference: '', ...overrides };
}

describe('the approved rows handed to the worker', () => {
  it('has an MOT reminder for each customer to work from', () => {
    assert.equal(dueActions.length, 3);
  });

  it('offers only rows set to Yes under Approve, each with its merge context', () => {
    const [a, b, c] = dueActions;
    const dueEdits = new Map([
      [a!.actionId, edit({})],
      [b!.actionId, edit({ approve: 'Hold' })],
      [c!.actionId, edit({ approve: null })],
    ]);
    const sends = approvedSends(retention, { dueEdits, settings: MESSAGE_SETTINGS });
    assert.deepEqual(sends.rows.map((r) => r.action.actionId), [a!.actionId]);
    assert.equal(sends.rows[0]!.context.customer.code, a!.code);
    assert.equal(sends.rows[0]!.context.unit?.registration, 'AB12CDA');
    assert.equal(sends.rows[0]!.context.settings.garageName, MESSAGE_SETTINGS.garageName);
  });

  it('sends by the Method the row chose, to that method\'s address', () => {
    const [a] = dueActions;
    assert.equal(a!.method, 'Email');
    const other = 'Letter';
    const sends = approvedSends(retention, { dueEdits: new Map([[a!.actionId, edit({ method: other })]]), settings: MESSAGE_SETTINGS });
    assert.equal(sends.rows[0]!.action.method, other);
    assert.equal(sends.rows[0]!.action.to, a!.addresses[other]);
  });

  it('does not offer again a row sent, queued, being sent or uncertain, but does offer one that failed', () => {
    const [a, b, c] = dueActions;
    const gone = approvedSends(retention, {
      dueEdits: new Map([
        [a!.actionId, edit({ status: 'Sent' })],
        [b!.actionId, edit({ status: 'Queued' })],
        [c!.actionId, edit({ status: 'Uncertain' })],
      ]),
      settings: MESSAGE_SETTINGS,
    });
    assert.deepEqual(gone.rows, []);
    const failed = approvedSends(retention, { dueEdits: new Map([[a!.actionId, edit({ status: 'Failed' })]]), settings: MESSAGE_SETTINGS });
    assert.deepEqual(failed.rows.map((r) => r.action.actionId), [a!.actionId]);
  });

  it('says why an approved row whose customer is not in the exports cannot go', () => {
    const [a] = dueActions;
    const withoutCustomer = { dueActions, garage: garage({ customers: [], units: [] }) };
    const sends = approvedSends(withoutCustomer, { dueEdits: new Map([[a!.actionId, edit({})]]), settings: MESSAGE_SETTINGS });
    assert.deepEqual(sends.rows, []);
    assert.deepEqual(sends.notGoing, [{ actionId: a!.actionId, reason: 'its customer is not in the exports' }]);
  });
});
