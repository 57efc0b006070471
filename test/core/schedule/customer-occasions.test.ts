import assert from 'node:assert/strict';
import { driftingRule } from '../../../core/schedule/rules/drifting.ts';
import { customer, garage, job, unit } from './garage-builder.ts';
import { dueFor } from './run-schedule.ts';

describe('birthdays', () => {
  const cases = [
    { description: 'a 29 February birthday falls on 28 February in 2027: due from 25/02', dateOfBirth: '2000-02-29', on: '2027-02-25', expected: ['birthday/C1/-/2027-02-28'] },
    { description: 'a 29 February birthday in 2027 is not due on 24/02', dateOfBirth: '2000-02-29', on: '2027-02-24', expected: [] },
    { description: 'a 29 February birthday is kept on 29 February in 2028: due from 26/02', dateOfBirth: '2000-02-29', on: '2028-02-26', expected: ['birthday/C1/-/2028-02-29'] },
    { description: 'a 29 February birthday in 2028 is not due on 25/02', dateOfBirth: '2000-02-29', on: '2028-02-25', expected: [] },
    { description: 'a birthday 2 days ago is still due', dateOfBirth: '1980-11-14', on: '2026-11-16', expected: ['birthday/C1/-/2026-11-14'] },
    { description: 'a 1 January birthday is due seen from 30 December', dateOfBirth: '1975-01-01', on: '2026-12-30', expected: ['birthday/C1/-/2027-01-01'] },
    { description: 'a 1 January birthday is due seen from 29 December, three days before', dateOfBirth: '1975-01-01', on: '2026-12-29', expected: ['birthday/C1/-/2027-01-01'] },
    { description: 'a 30 December birthday is still due seen from 2 January', dateOfBirth: '1975-12-30', on: '2027-01-02', expected: ['birthday/C1/-/2026-12-30'] },
    { description: 'a 30 December birthday is no longer due on 4 January', dateOfBirth: '1975-12-30', on: '2027-01-04', expected: [] },
    { description: 'no birthday is wished before the customer was born', dateOfBirth: '2026-11-18', on: '2026-11-16', expected: [] },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const g = garage({ customers: [customer({ dateOfBirth: c.dateOfBirth })] });
      assert.deepEqual(dueFor('birthday', g, c.on).map((a) => a.actionId), c.expected);
    });
  }

  it('says when a 29 February birthday is kept on the 28th', () => {
    const g = garage({ customers: [customer({ dateOfBirth: '2000-02-29' })] });
    assert.equal(dueFor('birthday', g, '2027-02-25')[0]?.reason, 'Birthday 29/02 (28/02 in 2027)');
  });
});

describe('Christmas greetings across the year end', () => {
  const cases = [
    { on: '2026-12-03', expected: [] },
    { on: '2026-12-04', expected: ['christmas/C1/-/2026-12-25'] },
    { on: '2026-12-18', expected: ['christmas/C1/-/2026-12-25'] },
    { on: '2026-12-19', expected: [] },
    { on: '2027-01-02', expected: [] },
  ];
  for (const c of cases) {
    it(`${c.expected.length ? 'are' : 'are not'} due on ${c.on}`, () => {
      assert.deepEqual(dueFor('christmas', garage(), c.on).map((a) => a.actionId), c.expected);
    });
  }

  it('come round again the next year even though last year’s was sent', () => {
    const contactLog = [{ actionId: 'christmas/C1/-/2026-12-25', sentAt: '2026-12-05', customerCode: 'C1', contactDue: 'Christmas Greetings', method: 'Email' as const, to: '', status: 'sent' as const, reference: '', by: '' }];
    assert.equal(dueFor('christmas', garage(), '2027-12-05', { contactLog }).length, 1);
  });
});

describe('drifting customers', () => {
  it('are found from the latest completed job rather than the export’s last-visit date', () => {
    const g = garage({
      customers: [customer({ lastVisit: '2024-01-01' })],
      units: [unit()],
      jobs: [job({ completedDate: '2025-08-14' })],
    });
    assert.deepEqual(dueFor('drifting', g, '2026-11-16').map((a) => a.triggerDate), ['2026-11-14']);
  });

  it('follow the garage’s drifting months', () => {
    const g = garage({ customers: [customer({ lastVisit: '2025-09-14' })] });
    assert.equal(dueFor('drifting', g, '2026-11-16').length, 0);
    assert.deepEqual(
      dueFor('drifting', g, '2026-11-16', { rules: [driftingRule(14)] }).map((a) => a.triggerDate),
      ['2026-11-14'],
    );
  });

  it('are written to first, even when they gave an email address', () => {
    const g = garage({ customers: [customer({ lastVisit: '2025-08-14' })] });
    assert.equal(dueFor('drifting', g, '2026-11-16')[0]?.method, 'Letter');
  });
});
