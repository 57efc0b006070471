import assert from 'node:assert/strict';
import type { ContactLogEntry } from '../../../core/records.ts';
import { blockKeyOf } from '../../../core/schedule/contact-log-index.ts';
import { contactLogFromRows } from '../../../core/contact-log.ts';
import { advisory, garage, job, unit } from './garage-builder.ts';
import { dueFor, logEntry } from './run-schedule.ts';

const MOT_1 = 'mot-1/C1/AB12CDE/2027-01-10';

describe('the Contact Log stops an action coming back', () => {
  const cases: { description: string; status: ContactLogEntry['status']; expected: number }[] = [
    { description: 'once it was sent', status: 'sent', expected: 0 },
    { description: 'once the user skipped it', status: 'skipped', expected: 0 },
    { description: 'while a send is uncertain, until someone confirms it', status: 'uncertain', expected: 0 },
    { description: 'but not when the send failed: it comes back to be tried again', status: 'failed', expected: 1 },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const g = garage({ units: [unit({ motDue: '2027-01-10' })] });
      // Logged long ago, so only the Action ID itself can be what stops it.
      const contactLog = [logEntry(MOT_1, '2020-01-01', c.status)];
      assert.equal(dueFor('mot-1', g, '2026-12-20', { contactLog }).length, c.expected);
    });
  }

  it('once it was sent, even when its Sent At is text and not a date', () => {
    const g = garage({ units: [unit({ motDue: '2027-01-10' })] });
    const contactLog = [{ ...logEntry(MOT_1, '2026-12-14'), sentAt: null, sentAtText: 'last week' }];
    assert.equal(dueFor('mot-1', g, '2026-12-20', { contactLog }).length, 0);
  });

  it('does not stop a different rule for the same unit', () => {
    const g = garage({ units: [unit({ motDue: '2027-01-10' })] });
    const contactLog = [logEntry(MOT_1, '2026-12-14')];
    assert.equal(dueFor('mot-2', g, '2027-01-04', { contactLog }).length, 1);
  });
});

describe('block days', () => {
  // mot-1 was sent on 14/12/2026 for an MOT due 10/01/2027; the DMS then corrects the date.
  const cases = [
    {
      description: 'a DMS that corrects the MOT date does not cause a second reminder',
      motDue: '2027-01-17',
      sentAt: '2026-12-14',
      on: '2026-12-20',
      expected: 0,
    },
    { description: 'the same reminder is blocked for 119 days after one was sent', motDue: '2027-01-17', sentAt: '2026-08-23', on: '2026-12-20', expected: 0 },
    { description: 'and may go again 120 days after one was sent', motDue: '2027-01-17', sentAt: '2026-08-22', on: '2026-12-20', expected: 1 },
    { description: 'a send logged with a later date than the as-of date still blocks', motDue: '2027-01-17', sentAt: '2026-12-21', on: '2026-12-20', expected: 0 },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const g = garage({ units: [unit({ motDue: c.motDue })] });
      const contactLog = [logEntry(MOT_1, c.sentAt)];
      assert.equal(dueFor('mot-1', g, c.on, { contactLog }).length, c.expected);
    });
  }

  it('cannot start from a Sent At that is not a date: the next reminder for the unit is not blocked', () => {
    const g = garage({ units: [unit({ motDue: '2027-01-17' })] });
    const contactLog = [{ ...logEntry(MOT_1, '2026-12-14'), sentAt: null, sentAtText: 'last week' }];
    assert.equal(dueFor('mot-1', g, '2026-12-20', { contactLog }).length, 1);
  });

  it('count from uncertain sends too, but not from failed or skipped ones', () => {
    const g = garage({ units: [unit({ motDue: '2027-01-17' })] });
    const expected = { sent: 0, uncertain: 0, failed: 1, skipped: 1 } as const;
    for (const status of ['sent', 'uncertain', 'failed', 'skipped'] as const) {
      assert.equal(dueFor('mot-1', g, '2026-12-20', { contactLog: [logEntry(MOT_1, '2026-12-14', status)] }).length, expected[status], status);
    }
  });

  it('follow the garage’s setting', () => {
    const g = garage({ units: [unit({ motDue: '2027-01-17' })] });
    const contactLog = [logEntry(MOT_1, '2026-11-01')];
    assert.equal(dueFor('mot-1', g, '2026-12-20', { contactLog }).length, 0);
    assert.equal(dueFor('mot-1', g, '2026-12-20', { contactLog, settings: { blockDays: 30 } }).length, 1);
  });

  it('do not block the same reminder for another unit of the same customer', () => {
    const g = garage({ units: [unit({ motDue: '2027-01-17' }), unit({ registration: 'XY99ZZZ', motDue: '2027-01-17' })] });
    const contactLog = [logEntry(MOT_1, '2026-12-14')];
    assert.deepEqual(
      dueFor('mot-1', g, '2026-12-20', { contactLog }).map((a) => a.unit),
      ['XY99 ZZZ'],
    );
  });

  it('do not apply to job rules: a corrected completion date thanks the customer again', () => {
    const g = garage({ units: [unit()], jobs: [job({ completedDate: '2026-11-15' })] });
    const contactLog = [logEntry('job-thanks/C1/J1/2026-11-14', '2026-11-15')];
    assert.equal(dueFor('job-thanks', g, '2026-11-16', { contactLog }).length, 1);
  });

  it('are keyed without the trigger date, even when a job number holds a "/"', () => {
    assert.equal(blockKeyOf('advisory/C1/J/2026/11/2027-01-10'), 'advisory/C1/J/2026/11');
    assert.equal(blockKeyOf('no-slash'), null);
  });

  it('block a reminder about a job number with a "/" in it', () => {
    const g = garage({ units: [unit()], jobs: [job({ jobNo: 'W/1001', completedDate: '2026-10-10' })], advisories: [advisory({ jobNo: 'W/1001', description: 'tyres' })] });
    const contactLog = [logEntry('advisory/C1/W/1001:tyres/2027-01-03', '2026-12-20')];
    assert.equal(dueFor('advisory', g, '2026-12-28').length, 1);
    assert.equal(dueFor('advisory', g, '2026-12-28', { contactLog }).length, 0);
  });
});

describe('block days are counted per subject, as the Action ID names it', () => {
  // Two pieces of work advised on job J1; the brake pads were reminded on 20/12/2026 (due then 03/01/2027).
  const sentAbout = (subject: string) => [logEntry(`advisory/C1/${subject}/2027-01-03`, '2026-12-20')];
  const cases: { description: string; contactLog: ContactLogEntry[]; expected: string[] }[] = [
    {
      description: 'reminding one advisory item does not block a different item on the same job',
      contactLog: sentAbout('J1:front brake pads'),
      expected: ['advisory/C1/J1:rear tyres/2027-01-10'],
    },
    {
      description: 'a reminder logged before each item had its own subject (the job’s) still settles every item of it',
      contactLog: [logEntry('advisory/C1/J1/2027-01-10', '2020-01-01')],
      expected: [],
    },
    {
      description: 'but blocks the same item when its due date moves',
      contactLog: sentAbout('J1:rear tyres'),
      expected: ['advisory/C1/J1:front brake pads/2027-01-10'],
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const g = garage({
        units: [unit()],
        jobs: [job({ completedDate: '2026-10-10' })],
        advisories: [advisory({ dueDate: '2027-01-10' }), advisory({ description: 'rear tyres', dueDate: '2027-01-10' })],
      });
      assert.deepEqual(dueFor('advisory', g, '2026-12-28', { contactLog: c.contactLog }).map((a) => a.actionId), c.expected);
    });
  }
});

describe('Sent At is counted as its Europe/London calendar date', () => {
  // mot-1 may go again 120 days after one was sent: on 20/12/2026 a send on 22/08/2026 no longer
  // blocks, one on 23/08/2026 still does.
  const cases: { description: string; sentAt: string; expected: number }[] = [
    { description: 'a send stamped 22/08 23:30 UTC was made on 23/08 in London, and still blocks', sentAt: '2026-08-22T23:30:00Z', expected: 0 },
    { description: 'a send stamped 22/08 22:30 UTC was made on 22/08 in London, and blocks no longer', sentAt: '2026-08-22T22:30:00Z', expected: 1 },
    { description: 'a send written as a London date is counted as written', sentAt: '22/08/2026 23:30', expected: 1 },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const log = contactLogFromRows([{ 'Action ID': MOT_1, 'Sent At': c.sentAt, Customer: 'C1', Status: 'sent' }]);
      assert.deepEqual(log.problems, []);
      const g = garage({ units: [unit({ motDue: '2027-01-17' })] });
      assert.equal(dueFor('mot-1', g, '2026-12-20', { contactLog: log.value }).length, c.expected);
    });
  }
});
