import assert from 'node:assert/strict';
import { advisory, garage, job, unit } from './garage-builder.ts';
import { hasFutureBooking } from '../../../core/schedule/occasions.ts';
import { DEFAULT_RULES } from '../../../core/schedule/default-rules.ts';
import { days, due, dueFor, logEntry } from './run-schedule.ts';

describe('the combined MOT & service reminder', () => {
  const cases = [
    {
      description: 'replaces the first MOT and service reminders on every day when MOT and service are 30 days apart (and yields to the 2nd MOT reminder on its first day)',
      nextService: '2027-02-09',
      expected: { combinedDays: days('2026-12-13', '2027-01-02'), firstReminders: 0 },
    },
    {
      description: 'replaces them too when the service comes first, 30 days before the MOT',
      nextService: '2026-12-11',
      expected: { combinedDays: days('2026-11-13', '2026-12-04'), firstReminders: 0 },
    },
    {
      description: 'does not exist when MOT and service are 31 days apart: both first reminders go out (the MOT one yielding to the 2nd on its first day)',
      nextService: '2027-02-10',
      expected: { combinedDays: [] as string[], firstReminders: 43 },
    },
  ];

  for (const c of cases) {
    it(c.description, () => {
      const g = garage({ units: [unit({ motDue: '2027-01-10', nextService: c.nextService })] });
      const combinedDays: string[] = [];
      let firstReminders = 0;
      for (const day of days('2026-10-01', '2027-03-31')) {
        for (const action of due(g, day)) {
          if (action.ruleId === 'combined') combinedDays.push(day);
          if (action.ruleId === 'mot-1' || action.ruleId === 'service-1') firstReminders += 1;
        }
      }
      assert.deepEqual(combinedDays, c.expected.combinedDays);
      assert.equal(firstReminders, c.expected.firstReminders);
    });
  }

  it('leaves the second MOT and second service reminders in place', () => {
    const g = garage({ units: [unit({ motDue: '2027-01-10', nextService: '2027-01-20' })] });
    assert.equal(dueFor('mot-2', g, '2027-01-05').length, 1);
    assert.equal(dueFor('service-2', g, '2027-01-25').length, 1);
  });

  it('uses last service + 12 months as the service date when the DMS gives no next service', () => {
    const g = garage({ units: [unit({ motDue: '2027-01-10', lastService: '2026-01-20' })] });
    const [action] = dueFor('combined', g, '2026-12-13');
    assert.equal(action?.ruleId, 'combined');
    assert.equal(action?.reason, 'MOT 10/01/2027 and service 20/01/2027');
  });
});

describe('the service date', () => {
  it('falls back to last service + 12 months, and says so', () => {
    const g = garage({ units: [unit({ lastService: '2026-01-10' })] });
    const [action] = dueFor('service-1', g, '2026-12-13');
    assert.equal(action?.triggerDate, '2027-01-10');
    assert.equal(action?.reason, 'Service due 10/01/2027 (last service + 12 months)');
  });

  it('prefers the next service date when the DMS gives both', () => {
    const g = garage({ units: [unit({ lastService: '2026-01-10', nextService: '2027-03-01' })] });
    assert.deepEqual(dueFor('service-1', g, '2026-12-13'), []);
    assert.equal(dueFor('service-1', g, '2027-02-01')[0]?.triggerDate, '2027-03-01');
  });

  it('counts 12 calendar months from 29 February to 28 February', () => {
    const g = garage({ units: [unit({ lastService: '2028-02-29' })] });
    assert.equal(dueFor('service-2', g, '2029-02-28')[0]?.triggerDate, '2029-02-28');
  });
});

describe('a unit that is already booked in', () => {
  const cases = [
    { description: 'gets no second MOT reminder while an appointment is ahead', ruleId: 'mot-2', appointmentDate: '2027-01-08', expected: 0 },
    { description: 'gets the second MOT reminder when the appointment is today, not after it', ruleId: 'mot-2', appointmentDate: '2027-01-05', expected: 1 },
    { description: 'gets the second MOT reminder when its only appointment has passed', ruleId: 'mot-2', appointmentDate: '2026-10-01', expected: 1 },
    { description: 'gets no second service reminder while an appointment is ahead', ruleId: 'service-2', appointmentDate: '2027-01-20', expected: 0 },
    { description: 'gets the second service reminder once the appointment has passed', ruleId: 'service-2', appointmentDate: '2027-01-01', expected: 1 },
    { description: 'still gets the first MOT reminder while booked in', ruleId: 'mot-1', appointmentDate: '2027-01-08', expected: 1, on: '2026-12-20' },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const g = garage({
        units: [unit({ motDue: '2027-01-10', nextService: '2027-04-05' }), unit({ registration: 'XY99ZZZ', motDue: '2026-06-01', nextService: '2027-01-05' })],
        jobs: [job({ registration: c.ruleId === 'service-2' ? 'XY99ZZZ' : 'AB12CDE', bookedDate: '2026-10-01', appointmentDate: c.appointmentDate })],
      });
      assert.equal(dueFor(c.ruleId, g, c.on ?? '2027-01-05').length, c.expected);
    });
  }

  it('answers for the as-of date asked about, when one garage is asked about several', () => {
    const g = garage({ units: [unit()], jobs: [job({ appointmentDate: '2027-01-08' })] });
    const booked = (asOf: string) => hasFutureBooking(g, g.units[0] ?? null, asOf);
    assert.deepEqual(['2027-01-05', '2027-01-08', '2027-01-07', '2027-02-01'].map(booked), [true, false, true, false]);
  });

  it('is not held back by another unit’s booking', () => {
    const g = garage({
      units: [unit({ motDue: '2027-01-10' }), unit({ registration: 'XY99ZZZ' })],
      jobs: [job({ registration: 'XY99ZZZ', appointmentDate: '2027-01-08' })],
    });
    assert.equal(dueFor('mot-2', g, '2027-01-05').length, 1);
  });
});

describe('job confirmations', () => {
  it('are not sent once the appointment has come', () => {
    const g = garage({ units: [unit()], jobs: [job({ bookedDate: '2026-11-16', appointmentDate: '2026-11-17' })] });
    assert.equal(dueFor('job-confirmation', g, '2026-11-16').length, 1);
    assert.equal(dueFor('job-confirmation', g, '2026-11-17').length, 0);
  });

  it('are not sent for a job with no appointment', () => {
    const g = garage({ units: [unit()], jobs: [job({ bookedDate: '2026-11-16' })] });
    assert.deepEqual(dueFor('job-confirmation', g, '2026-11-16'), []);
  });

  it('reach the unit’s owner when the job names no customer', () => {
    const g = garage({ units: [unit()], jobs: [job({ customerCode: '', bookedDate: '2026-11-16', appointmentDate: '2026-12-01' })] });
    assert.equal(dueFor('job-confirmation', g, '2026-11-16')[0]?.actionId, 'job-confirmation/C1/J1/2026-11-16');
  });
});

describe('advisory work reminders', () => {
  const cases = [
    {
      description: 'fall due 3 months after the completed job when the advisory has no date',
      jobs: [job({ bookedDate: '2026-09-01', appointmentDate: '2026-10-05', completedDate: '2026-10-10' })],
      advisories: [advisory()],
      on: '2026-12-27',
      expected: [{ actionId: 'advisory/C1/J1:front brake pads/2027-01-10', reason: 'Advisory work: front brake pads (due 10/01/2027)' }],
    },
    {
      description: 'fall back to the appointment date when the job is not completed',
      jobs: [job({ bookedDate: '2026-09-01', appointmentDate: '2026-10-10' })],
      advisories: [advisory()],
      on: '2026-12-27',
      expected: [{ actionId: 'advisory/C1/J1:front brake pads/2027-01-10', reason: 'Advisory work: front brake pads (due 10/01/2027)' }],
    },
    {
      description: 'fall back to the booked date when that is all the job has',
      jobs: [job({ bookedDate: '2026-10-10' })],
      advisories: [advisory()],
      on: '2026-12-27',
      expected: [{ actionId: 'advisory/C1/J1:front brake pads/2027-01-10', reason: 'Advisory work: front brake pads (due 10/01/2027)' }],
    },
    {
      description: 'remind each piece of work from one job as its own item, once however often it is exported',
      jobs: [job({ completedDate: '2026-10-10' })],
      advisories: [advisory(), advisory({ description: 'Rear  Tyres' }), advisory({ description: 'rear tyres' }), advisory({ description: 'wiper blades', status: 'Done' })],
      on: '2026-12-27',
      expected: [
        { actionId: 'advisory/C1/J1:front brake pads/2027-01-10', reason: 'Advisory work: front brake pads (due 10/01/2027)' },
        { actionId: 'advisory/C1/J1:rear tyres/2027-01-10', reason: 'Advisory work: Rear  Tyres (due 10/01/2027)' },
      ],
    },
    {
      description: 'make separate reminders for work due on different days',
      jobs: [job({ completedDate: '2026-10-10' })],
      advisories: [advisory(), advisory({ description: 'rear tyres', dueDate: '2027-01-12' })],
      on: '2026-12-29',
      expected: [
        { actionId: 'advisory/C1/J1:front brake pads/2027-01-10', reason: 'Advisory work: front brake pads (due 10/01/2027)' },
        { actionId: 'advisory/C1/J1:rear tyres/2027-01-12', reason: 'Advisory work: rear tyres (due 12/01/2027)' },
      ],
    },
    {
      description: 'are not sent for work done',
      jobs: [job({ completedDate: '2026-10-10' })],
      advisories: [advisory({ status: 'Done' })],
      on: '2026-12-27',
      expected: [],
    },
    {
      description: 'are sent for work the customer declined: "not now" is what the reminder chases',
      jobs: [job({ completedDate: '2026-10-10' })],
      advisories: [advisory({ status: 'Done' }), advisory({ status: 'Declined', description: 'rear tyres' })],
      on: '2026-12-27',
      expected: [{ actionId: 'advisory/C1/J1:rear tyres/2027-01-10', reason: 'Advisory work: rear tyres (due 10/01/2027)' }],
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const g = garage({ units: [unit()], jobs: c.jobs, advisories: c.advisories });
      assert.deepEqual(
        dueFor('advisory', g, c.on).map(({ actionId, reason }) => ({ actionId, reason })),
        c.expected,
      );
    });
  }
});

describe('units and jobs whose owner is unknown', () => {
  it('produce no actions and do not stop the others', () => {
    const g = garage({
      units: [unit({ registration: 'ORPHAN1', customerCode: 'NOBODY', motDue: '2027-03-10' }), unit({ motDue: '2027-03-10' })],
      jobs: [job({ jobNo: 'J9', customerCode: 'NOBODY', registration: 'ORPHAN1', completedDate: '2027-02-09' })],
    });
    assert.deepEqual(
      due(g, '2027-02-10').map((a) => a.actionId),
      ['mot-1/C1/AB12CDE/2027-03-10'],
    );
  });
});

describe('a job cancelled or not attended', () => {
  // The unit's MOT is due 10/01/2027; a job was booked on 04/01/2027 for 08/01/2027.
  const cases: { description: string; status: string; expected: string[] }[] = [
    { description: 'is a booking while its status says nothing of the kind', status: 'Booked', expected: ['job-confirmation'] },
    { description: 'gets no confirmation and does not hold back the 2nd MOT reminder when Cancelled', status: 'Cancelled', expected: ['mot-2'] },
    { description: 'likewise when Canceled, the American way', status: 'canceled', expected: ['mot-2'] },
    { description: 'likewise when the customer did not attend (DNA)', status: 'DNA', expected: ['mot-2'] },
    { description: 'likewise when marked No Show', status: 'No-show', expected: ['mot-2'] },
    { description: 'likewise when cancelled by the customer', status: 'Cancelled by customer', expected: ['mot-2'] },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const g = garage({ units: [unit({ motDue: '2027-01-10' })], jobs: [job({ bookedDate: '2027-01-04', appointmentDate: '2027-01-08', status: c.status })] });
      assert.deepEqual(due(g, '2027-01-04').map((a) => a.ruleId).sort(), c.expected);
    });
  }

  it('gets no appointment reminder the day before', () => {
    const g = garage({ units: [unit()], jobs: [job({ appointmentDate: '2027-01-08', status: 'Cancelled' }), job({ jobNo: 'J2', appointmentDate: '2027-01-08' })] });
    assert.deepEqual(dueFor('appointment', g, '2027-01-07').map((a) => a.job), ['J2']);
  });

  it('is no visit: no thank-you', () => {
    const g = garage({ units: [unit()], jobs: [job({ completedDate: '2026-11-15', status: 'DNA' })] });
    assert.deepEqual(dueFor('job-thanks', g, '2026-11-16'), []);
  });

  it('is no visit: it does not count as the last visit', () => {
    const g = garage({ units: [unit()], jobs: [job({ completedDate: '2026-03-01' }), job({ jobNo: 'J2', completedDate: '2026-10-01', status: 'No Show' })] });
    assert.equal(g.lastVisitByCustomer.get('C1')?.date, '2026-03-01');
  });
});

describe('one reminder per occasion per day: the later stage wins', () => {
  const longerFirstService = DEFAULT_RULES.map((r) => (r.id === 'service-1' ? { ...r, windowDays: 35 } : r));
  const cases: { description: string; unit: Parameters<typeof unit>[0]; jobs?: ReturnType<typeof job>[]; on: string; rules?: typeof DEFAULT_RULES; contactLog?: ReturnType<typeof logEntry>[]; expected: string[] }[] = [
    { description: 'sends only the 2nd MOT reminder on its first day, the 1st reminder’s last', unit: { motDue: '2027-01-10' }, on: '2027-01-03', expected: ['mot-2'] },
    { description: 'still sends the 1st MOT reminder the day before', unit: { motDue: '2027-01-10' }, on: '2027-01-02', expected: ['mot-1'] },
    { description: 'sends only the 2nd MOT reminder on the combined reminder’s last day', unit: { motDue: '2027-01-10', nextService: '2027-01-20' }, on: '2027-01-03', expected: ['mot-2'] },
    {
      description: 'does not send the 1st MOT reminder on a day the 2nd was already sent',
      unit: { motDue: '2027-01-10' },
      on: '2027-01-03',
      contactLog: [logEntry('mot-2/C1/AB12CDE/2027-01-10', '2027-01-03')],
      expected: [],
    },
    {
      description: 'sends only the 2nd service reminder where a changed schedule makes the stages overlap',
      unit: { nextService: '2027-01-10' },
      on: '2027-01-12',
      rules: longerFirstService,
      expected: ['service-2'],
    },
    {
      description: 'leaves the 1st MOT reminder in place while the unit is booked in and the 2nd is not due',
      unit: { motDue: '2027-01-10' },
      jobs: [job({ appointmentDate: '2027-01-09' })],
      on: '2027-01-03',
      expected: ['mot-1'],
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const g = garage({ units: [unit(c.unit)], jobs: c.jobs ?? [] });
      assert.deepEqual(due(g, c.on, { rules: c.rules, contactLog: c.contactLog }).map((a) => a.ruleId), c.expected);
    });
  }
});
