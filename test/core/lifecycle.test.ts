import assert from 'node:assert/strict';
import { addDays, addMonths } from '../../core/calendar.ts';
import { customerLifecycle, drifting, lapsing, lifecycleCounts } from '../../core/lifecycle.ts';
import type { Job, LapsedMark } from '../../core/records.ts';
import { computeRetention } from '../../core/retention.ts';
import { lapsedSheet } from '../../core/workbook/sheets/lifecycle.ts';
import type { LifecycleStatus } from '../../core/results.ts';
import { defaultRules } from '../../core/schedule/default-rules.ts';
import { dueActions } from '../../core/schedule/engine.ts';
import { DEFAULT_SETTINGS } from '../../core/settings.ts';
import { customer, garage, job, unit } from './support/records.ts';

const D = '2026-11-16';

function lifecycleOf(lastVisit: string | null, asOf = D, marks: LapsedMark[] = [], settings = DEFAULT_SETTINGS) {
  const rows = customerLifecycle(garage({ customers: [customer({ lastVisit })], units: [unit()] }), asOf, marks, settings);
  assert.equal(rows.length, 1);
  return rows[0]!;
}

describe('customer lifecycle', () => {
  const cases: { description: string; lastVisit: string | null; asOf?: string; months: number | null; status: LifecycleStatus }[] = [
    { description: 'is active one day short of 15 months', lastVisit: '2025-08-17', months: 14, status: 'Active' },
    { description: 'is drifting at exactly 15 months', lastVisit: '2025-08-16', months: 15, status: 'Drifting' },
    { description: 'is still drifting one day short of 16 months', lastVisit: '2025-07-17', months: 15, status: 'Drifting' },
    { description: 'is lapsing at exactly 16 months', lastVisit: '2025-07-16', months: 16, status: 'Lapsing' },
    { description: 'is lapsing years later', lastVisit: '2019-03-02', months: 92, status: 'Lapsing' },
    { description: 'is active the day of a visit', lastVisit: D, months: 0, status: 'Active' },
    { description: 'has no visits when neither a completed job nor the export gives one', lastVisit: null, months: null, status: 'No visits' },
    { description: 'counts a last visit on 31 January as 15 months on 30 April (no 31st)', lastVisit: '2025-01-31', asOf: '2026-04-30', months: 15, status: 'Drifting' },
    { description: 'counts a last visit on 31 January as 14 months on 29 April', lastVisit: '2025-01-31', asOf: '2026-04-29', months: 14, status: 'Active' },
    { description: 'counts a last visit on 31 October as 16 months on 28 February', lastVisit: '2024-10-31', asOf: '2026-02-28', months: 16, status: 'Lapsing' },
    { description: 'treats a last visit after the as-of date (bad data) as active, 0 months', lastVisit: '2027-01-05', months: 0, status: 'Active' },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const row = lifecycleOf(c.lastVisit, c.asOf ?? D);
      assert.equal(row.monthsSince, c.months);
      assert.equal(row.status, c.status);
      assert.equal(row.lastVisit, c.lastVisit);
    });
  }

  it('counts whole months as the most that can be added to the last visit without passing the as-of date, for every visit over two years', () => {
    const byDefinition = (visit: string, asOf: string) => {
      let months = 0;
      while (addMonths(visit, months + 1) <= asOf) months += 1;
      return months;
    };
    for (const asOf of ['2026-02-28', '2028-02-29', '2026-03-31', '2026-04-30', '2026-11-16', '2026-12-01']) {
      const visits: string[] = [];
      for (let day = addDays(asOf, -800); day <= addDays(asOf, 40); day = addDays(day, 1)) visits.push(day);
      const g = garage({ customers: visits.map((lastVisit, i) => customer({ code: `C${i}`, lastVisit })) });
      const months = new Map(customerLifecycle(g, asOf, [], DEFAULT_SETTINGS).map((r) => [r.lastVisit, r.monthsSince]));
      for (const visit of visits) assert.equal(months.get(visit), byDefinition(visit, asOf), `${visit} to ${asOf}`);
    }
  });

  it('shows a customer marked lapsed as Lapsed whatever their last visit before the mark', () => {
    const mark: LapsedMark = { customerCode: 'C1', markedAt: '2026-10-01', by: 'Owner' };
    for (const lastVisit of ['2026-10-01', '2025-08-16', '2024-01-01', null]) {
      assert.equal(lifecycleOf(lastVisit, D, [mark]).status, 'Lapsed', `last visit ${lastVisit}`);
    }
  });

  it("takes the last visit from the latest completed job of any of the customer's units over the export's date", () => {
    const g = garage({
      customers: [customer({ lastVisit: '2024-01-10' })],
      units: [unit(), unit({ registration: 'XY99ZZZ' })],
      jobs: [
        job({ jobNo: 'J1', completedDate: '2025-03-01' }),
        job({ jobNo: 'J2', registration: 'XY99ZZZ', customerCode: '', completedDate: '2025-09-20' }),
        job({ jobNo: 'J3', bookedDate: '2026-11-01' }), // booked, not completed: not a visit
      ],
    });
    const [row] = customerLifecycle(g, D, [], DEFAULT_SETTINGS);
    assert.equal(row?.lastVisit, '2025-09-20');
    assert.equal(row?.lastUnit, 'XY99 ZZZ');
    assert.equal(row?.monthsSince, 13);
    assert.equal(row?.status, 'Active');
  });

  it("follows the garage's own thresholds from Settings", () => {
    const settings = { ...DEFAULT_SETTINGS, driftingMonths: 12, lapsingMonths: 24 };
    assert.equal(lifecycleOf('2025-08-16', D, [], settings).status, 'Drifting');
    assert.equal(lifecycleOf('2024-11-16', D, [], settings).status, 'Lapsing');
    assert.equal(lifecycleOf('2025-11-17', D, [], settings).status, 'Active');
  });

  it('lists every customer once, in customer code order', () => {
    const g = garage({ customers: ['C10', 'C2', 'C1', 'B7'].map((code) => customer({ code })) });
    const rows = customerLifecycle(g, D, [], DEFAULT_SETTINGS);
    assert.deepEqual(rows.map((r) => r.code), ['B7', 'C1', 'C2', 'C10']);
  });

  it('picks out the drifting and lapsing rows and counts every status', () => {
    const g = garage({
      customers: [
        customer({ code: 'A', lastVisit: '2026-06-01' }),
        customer({ code: 'B', lastVisit: '2025-08-01' }),
        customer({ code: 'C', lastVisit: '2025-01-01' }),
        customer({ code: 'D', lastVisit: '2025-01-01' }),
        customer({ code: 'E', lastVisit: null }),
        customer({ code: 'F', lastVisit: '2026-01-01' }),
      ],
    });
    const rows = customerLifecycle(g, D, [{ customerCode: 'D', markedAt: '2026-11-01', by: 'Owner' }], DEFAULT_SETTINGS);
    assert.deepEqual(drifting(rows).map((r) => r.code), ['B']);
    assert.deepEqual(lapsing(rows).map((r) => r.code), ['C']);
    assert.deepEqual(lifecycleCounts(rows), { active: 2, drifting: 1, lapsing: 1, lapsed: 1, noVisits: 1 });
  });
});

describe('a customer with no jobs but a serviced vehicle', () => {
  // The units export says AB12 CDE was last serviced on 16/08/2025; the jobs export holds no job for it.
  const g = () => garage({ customers: [customer()], units: [unit({ lastService: '2025-08-16' })] });

  it('has visited: drifting 15 months after the last service, not "No visits"', () => {
    const [row] = customerLifecycle(g(), D, [], DEFAULT_SETTINGS);
    assert.deepEqual([row?.status, row?.lastVisit, row?.lastUnit], ['Drifting', '2025-08-16', 'AB12 CDE']);
  });

  it('gets the drifting letter', () => {
    const rules = defaultRules();
    const actions = dueActions(g(), rules, { asOf: D, contactLog: [], lapsedMarks: [], settings: DEFAULT_SETTINGS });
    assert.deepEqual(actions.filter((a) => a.ruleId === 'drifting').map((a) => a.actionId), ['drifting/C1/-/2026-11-16']);
  });
});

describe('a lapsed customer who comes back', () => {
  // C1 was marked lapsed on 01/03/2026; their unit's MOT is due 10/12/2026, so an MOT reminder is due on D.
  const mark: LapsedMark = { customerCode: 'C1', markedAt: '2026-03-01', by: 'Owner' };
  const cases: { description: string; jobs: Job[]; expected: { status: LifecycleStatus; contacted: boolean; markStatus: string } }[] = [
    {
      description: 'stays lapsed, and gets nothing, while no job follows the mark',
      jobs: [job({ completedDate: '2024-05-01' })],
      expected: { status: 'Lapsed', contacted: false, markStatus: 'lapsed' },
    },
    {
      description: 'stays lapsed when the only later job was cancelled',
      jobs: [job({ completedDate: '2024-05-01' }), job({ jobNo: 'J2', completedDate: '2026-06-10', status: 'Cancelled' })],
      expected: { status: 'Lapsed', contacted: false, markStatus: 'lapsed' },
    },
    {
      description: 'is current again after a completed job, and the mark says since when',
      jobs: [job({ completedDate: '2024-05-01' }), job({ jobNo: 'J2', completedDate: '2026-06-10' }), job({ jobNo: 'J3', completedDate: '2026-09-02' })],
      expected: { status: 'Active', contacted: true, markStatus: 'returned 10/06/2026' },
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const retention = computeRetention({
        records: { customers: [customer()], units: [unit({ motDue: '2026-12-10' })], jobs: c.jobs, advisories: [], bookings: [] },
        asOf: D,
        contactLog: [],
        lapsedMarks: [mark],
        settings: DEFAULT_SETTINGS,
        rules: defaultRules(),
      });
      const lapsedRows = lapsedSheet([mark], retention.garage, retention.lapsedReturns).table.rows;
      assert.deepEqual(
        {
          status: retention.lifecycle[0]?.status,
          contacted: retention.dueActions.some((a) => a.ruleId === 'mot-1'),
          markStatus: lapsedRows[0]?.at(-1),
        },
        c.expected,
      );
      assert.equal(lapsedRows.length, 1, 'the mark stays on the Lapsed sheet as history');
    });
  }

  it('is lapsed again once marked again, the first mark still saying when they came back', () => {
    const again: LapsedMark = { customerCode: 'C1', markedAt: '2026-10-01', by: 'Owner' };
    const retention = computeRetention({
      records: { customers: [customer()], units: [unit({ motDue: '2026-12-10' })], jobs: [job({ completedDate: '2026-06-10' })], advisories: [], bookings: [] },
      asOf: D,
      contactLog: [],
      lapsedMarks: [mark, again],
      settings: DEFAULT_SETTINGS,
      rules: defaultRules(),
    });
    const statuses = lapsedSheet([mark, again], retention.garage, retention.lapsedReturns).table.rows.map((r) => r.at(-1));
    assert.deepEqual([retention.lifecycle[0]?.status, retention.dueActions.length, statuses], ['Lapsed', 0, ['returned 10/06/2026', 'lapsed']]);
  });
});
