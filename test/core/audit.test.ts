import assert from 'node:assert/strict';
import { addDays } from '../../core/calendar.ts';
import { auditReport, monthlyPerformance, NO_STAFF_NAMED, previousPeriod, weeklyAuditPeriod } from '../../core/audit.ts';
import { itemGap } from '../../core/audit-items.ts';
import type { BookingRequest, ContactItem, Customer, Job, Unit } from '../../core/records.ts';
import { DEFAULT_SETTINGS } from '../../core/settings.ts';
import { booking, customer, garage, job, landline, mobile, unit } from './support/records.ts';

const D = '2026-11-16';
const WEEK = weeklyAuditPeriod(D, DEFAULT_SETTINGS);

function audit(records: { customers?: Customer[]; units?: Unit[]; jobs?: Job[]; bookings?: BookingRequest[] }, settings = DEFAULT_SETTINGS) {
  return auditReport(garage({ customers: [customer()], units: [unit()], ...records }), weeklyAuditPeriod(D, settings), settings);
}

describe('the weekly audit period', () => {
  it('is the 7 days ending on the as-of date, and the 7 days before that for comparison', () => {
    assert.deepEqual(WEEK, { from: '2026-11-10', to: D });
    assert.deepEqual(previousPeriod(WEEK), { from: '2026-11-03', to: '2026-11-09' });
  });

  it("follows the audit period in Settings", () => {
    assert.deepEqual(weeklyAuditPeriod(D, { ...DEFAULT_SETTINGS, auditPeriodDays: 14 }), { from: '2026-11-03', to: D });
    assert.deepEqual(weeklyAuditPeriod('2027-01-03', DEFAULT_SETTINGS), { from: '2026-12-28', to: '2027-01-03' });
  });
});

describe('who a staff member dealt with', () => {
  const cases: { description: string; jobs?: Job[]; bookings?: BookingRequest[]; dealt: boolean }[] = [
    { description: 'counts a job completed on the first day of the period (D−6)', jobs: [job({ completedDate: addDays(D, -6) })], dealt: true },
    { description: 'does not count a job completed the day before the period (D−7)', jobs: [job({ completedDate: addDays(D, -7) })], dealt: false },
    { description: 'counts a job booked in the period', jobs: [job({ bookedDate: addDays(D, -3), appointmentDate: addDays(D, 20) })], dealt: true },
    { description: 'counts a job with its appointment on the as-of date', jobs: [job({ bookedDate: '2026-09-01', appointmentDate: D })], dealt: true },
    { description: 'does not count a job whose dates all fall outside the period', jobs: [job({ bookedDate: '2026-09-01', appointmentDate: addDays(D, 1), completedDate: null })], dealt: false },
    { description: 'counts a booking request received in the period', bookings: [booking({ received: addDays(D, -6) })], dealt: true },
    { description: 'does not count a booking request received before the period', bookings: [booking({ received: addDays(D, -7), actioned: addDays(D, -1) })], dealt: false },
    { description: "counts a job with no customer code for the unit's owner", jobs: [job({ customerCode: '', completedDate: D })], dealt: true },
    { description: 'counts a booking request naming the customer only by a registration the units export knows', bookings: [booking({ customerCode: '', registration: 'AB12CDE', received: D })], dealt: true },
    { description: 'skips a booking request with no code and a registration the units export does not know', bookings: [booking({ customerCode: '', registration: 'ZZ99ZZZ', received: D })], dealt: false },
    { description: 'skips a customer who is not in the customer file', jobs: [job({ customerCode: 'C404', registration: '', completedDate: D })], dealt: false },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const report = audit({ jobs: c.jobs ?? [], bookings: c.bookings ?? [] });
      assert.deepEqual(report.rows.map((r) => [r.staff, r.code]), c.dealt ? [['Sam', 'C1']] : []);
      assert.deepEqual(report.staff.map((s) => s.name), c.dealt ? ['Sam'] : []);
    });
  }

  it('lists a customer once per staff member however many jobs name them both', () => {
    const report = audit({
      jobs: [job({ jobNo: 'J1', completedDate: D }), job({ jobNo: 'J2', bookedDate: addDays(D, -2) })],
      bookings: [booking({ received: addDays(D, -1) })],
    });
    assert.equal(report.rows.length, 1);
    assert.equal(report.staff[0]?.customers, 1);
  });

  it('lists a customer dealt with by two staff members under each, staff in name order', () => {
    const report = audit({
      jobs: [job({ staff: 'Sam', completedDate: D })],
      bookings: [booking({ staff: 'Alex', received: addDays(D, -2) })],
    });
    assert.deepEqual(report.rows.map((r) => [r.staff, r.code]), [['Alex', 'C1'], ['Sam', 'C1']]);
    assert.deepEqual(report.staff.map((s) => [s.name, s.customers]), [['Alex', 1], ['Sam', 1]]);
  });

  it('puts jobs and requests with no staff name under "(no staff named)", after the named staff', () => {
    const report = audit({
      jobs: [job({ staff: '  ', completedDate: D }), job({ jobNo: 'J2', staff: 'Zoe', completedDate: D })],
    });
    assert.deepEqual(report.staff.map((s) => s.name), ['Zoe', NO_STAFF_NAMED]);
  });
});

describe('the gaps on a customer record', () => {
  const cases: { description: string; customer: Partial<Customer>; item: ContactItem; gap: string | null }[] = [
    { description: 'a mobile that is present and a mobile is no gap', customer: {}, item: 'mobile', gap: null },
    { description: 'no mobile is missing', customer: { mobile: null }, item: 'mobile', gap: 'missing' },
    { description: 'a landline in the mobile column is not a mobile number', customer: { mobile: landline() }, item: 'mobile', gap: 'not a mobile number' },
    { description: 'a mobile the import rejected counts as missing with its reason', customer: { mobile: null, invalid: { mobile: 'not a UK mobile number' } }, item: 'mobile', gap: 'not a UK mobile number' },
    { description: 'no home phone is missing', customer: { homePhone: null }, item: 'homePhone', gap: 'missing' },
    { description: 'no work phone is missing', customer: { workPhone: null }, item: 'workPhone', gap: 'missing' },
    { description: 'a blank email is missing', customer: { email: ' ' }, item: 'email', gap: 'missing' },
    { description: 'an invalid email counts as missing with its reason', customer: { email: '', invalid: { email: 'not an email address' } }, item: 'email', gap: 'not an email address' },
    { description: 'a blank first address line is missing', customer: { address: ['', 'Flat 2', '', ''] }, item: 'address1', gap: 'missing' },
    { description: 'a blank town is missing', customer: { town: '' }, item: 'town', gap: 'missing' },
    { description: 'a bad postcode counts as missing with its reason', customer: { postcode: '', invalid: { postcode: 'not a UK postcode' } }, item: 'postcode', gap: 'not a UK postcode' },
    { description: 'no date of birth is missing', customer: { dateOfBirth: null }, item: 'dateOfBirth', gap: 'missing' },
    { description: 'a date of birth is no gap', customer: {}, item: 'dateOfBirth', gap: null },
  ];
  for (const c of cases) {
    it(`finds ${c.description}`, () => {
      assert.equal(itemGap(customer(c.customer), c.item), c.gap);
    });
  }

  it('shows each required item on the row: null when present, else why it is missing', () => {
    const report = audit({
      customers: [customer({ mobile: landline(), email: '', invalid: { email: 'not an email address' }, postcode: '' })],
      jobs: [job({ completedDate: D })],
    });
    assert.deepEqual(report.items, ['mobile', 'homePhone', 'email', 'address1', 'postcode']);
    assert.deepEqual(report.rows[0]?.gaps, {
      mobile: 'not a mobile number',
      homePhone: null,
      email: 'not an email address',
      address1: null,
      postcode: 'missing',
    });
    assert.equal(report.rows[0]?.missingItems, 3);
    assert.equal(report.rows[0]?.name, 'Mrs Jane Smith');
  });

  it('requires the items chosen in Settings, and only those', () => {
    const settings = { ...DEFAULT_SETTINGS, requiredAuditItems: ['town', 'dateOfBirth'] as ContactItem[] };
    const report = audit({ customers: [customer({ email: '', mobile: null, dateOfBirth: null })], jobs: [job({ completedDate: D })] }, settings);
    assert.deepEqual(report.items, ['town', 'dateOfBirth']);
    assert.deepEqual(report.rows[0]?.gaps, { town: null, dateOfBirth: 'missing' });
    assert.equal(report.staff[0]?.completePct, 50);
  });
});

describe('the staff summary', () => {
  const complete = customer({ code: 'C1' });
  const twoMissing = customer({ code: 'C2', email: '', homePhone: null });
  const oneMissing = customer({ code: 'C3', postcode: '' });
  const customers = [complete, twoMissing, oneMissing];

  it('gives customers, missing items and complete % to one decimal', () => {
    const report = audit({
      customers,
      jobs: [
        job({ jobNo: 'J1', customerCode: 'C1', completedDate: D }),
        job({ jobNo: 'J2', customerCode: 'C2', completedDate: D }),
        job({ jobNo: 'J3', customerCode: 'C3', completedDate: D }),
      ],
    });
    // 15 items required, 3 missing: 12 / 15 = 80%.
    assert.deepEqual(report.staff, [{ name: 'Sam', customers: 3, missingItems: 3, completePct: 80, previousPct: null }]);
  });

  it('rounds complete % to one decimal', () => {
    const report = audit({
      customers,
      jobs: [job({ jobNo: 'J1', customerCode: 'C1', completedDate: D }), job({ jobNo: 'J3', customerCode: 'C3', completedDate: D }), job({ jobNo: 'J4', customerCode: 'C1', staff: 'Alex', completedDate: D })],
      bookings: [booking({ customerCode: 'C2', staff: 'Alex', received: D })],
    });
    // Sam: 10 items, 1 missing → 90. Alex: 10 items, 2 missing → 80. Then a third customer: 14/15 → 93.3.
    assert.deepEqual(report.staff.map((s) => [s.name, s.completePct]), [['Alex', 80], ['Sam', 90]]);
    const three = audit({ customers: [complete, oneMissing, customer({ code: 'C4' })], jobs: ['C1', 'C3', 'C4'].map((code, i) => job({ jobNo: `J${i}`, customerCode: code, completedDate: D })) });
    assert.equal(three.staff[0]?.completePct, 93.3);
  });

  it('has no previous % for a staff member who dealt with nobody in the week before', () => {
    const report = audit({ jobs: [job({ staff: 'Sam', completedDate: D }), job({ jobNo: 'J2', staff: 'Alex', completedDate: addDays(D, -8) })] });
    assert.equal(report.staff.length, 1);
    assert.equal(report.staff[0]?.previousPct, null);
  });

  it('compares with the same measure over the week before', () => {
    const report = audit({
      customers,
      jobs: [
        job({ jobNo: 'J1', customerCode: 'C1', completedDate: D }),
        job({ jobNo: 'J2', customerCode: 'C2', completedDate: addDays(D, -7) }),
        job({ jobNo: 'J3', customerCode: 'C3', bookedDate: addDays(D, -13) }),
        job({ jobNo: 'J4', customerCode: 'C3', completedDate: addDays(D, -14) }), // two weeks back: not compared
      ],
    });
    // Previous week: C2 (2 missing) and C3 (1 missing): 7 / 10.
    assert.deepEqual(report.staff, [{ name: 'Sam', customers: 1, missingItems: 0, completePct: 100, previousPct: 70 }]);
  });
});

describe('monthly performance', () => {
  const customers = [customer({ code: 'C1' }), customer({ code: 'C2', email: '', homePhone: null })];

  it('compares the calendar month before the as-of date with the month before that, across a year end', () => {
    const g = garage({
      customers,
      jobs: [
        job({ jobNo: 'J1', customerCode: 'C1', completedDate: '2026-12-31' }),
        job({ jobNo: 'J2', customerCode: 'C2', completedDate: '2027-01-02' }), // this month: not yet reviewed
        job({ jobNo: 'J3', customerCode: 'C2', completedDate: '2026-11-01' }),
        job({ jobNo: 'J4', customerCode: 'C1', staff: 'Alex', bookedDate: '2026-12-01' }),
        job({ jobNo: 'J5', customerCode: 'C2', staff: 'Kim', completedDate: '2026-10-31' }), // October: too early
      ],
    });
    const performance = monthlyPerformance(g, '2027-01-10', DEFAULT_SETTINGS);
    assert.deepEqual(performance.month, { from: '2026-12-01', to: '2026-12-31' });
    assert.deepEqual(performance.previousMonth, { from: '2026-11-01', to: '2026-11-30' });
    assert.deepEqual(performance.staff, [
      { name: 'Alex', customers: 1, missingItems: 0, completePct: 100, previousPct: null, change: null },
      { name: 'Sam', customers: 1, missingItems: 0, completePct: 100, previousPct: 60, change: 40 },
    ]);
  });

  it('takes February whole, on the last day of March', () => {
    const performance = monthlyPerformance(garage({ customers }), '2026-03-31', DEFAULT_SETTINGS);
    assert.deepEqual(performance.month, { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(performance.previousMonth, { from: '2026-01-01', to: '2026-01-31' });
    assert.deepEqual(performance.staff, []);
  });

  it('gives the change to one decimal, negative when data capture got worse', () => {
    const g = garage({
      customers: [...customers, customer({ code: 'C3', postcode: '' })],
      jobs: [
        job({ jobNo: 'J1', customerCode: 'C1', completedDate: '2026-10-05' }),
        job({ jobNo: 'J2', customerCode: 'C2', completedDate: '2026-10-06' }),
        job({ jobNo: 'J3', customerCode: 'C3', completedDate: '2026-10-07' }),
        job({ jobNo: 'J4', customerCode: 'C1', completedDate: '2026-09-07' }),
      ],
    });
    const [sam] = monthlyPerformance(g, '2026-11-16', DEFAULT_SETTINGS).staff;
    assert.equal(sam?.completePct, 80);
    assert.equal(sam?.previousPct, 100);
    assert.equal(sam?.change, -20);
  });
});

describe('the audit on a benchmark-sized garage', function () {
  this.timeout(60_000);

  it('audits 350,000 jobs for the week and the month, every staff member counted', () => {
    const customers = Array.from({ length: 100_000 }, (_, i) =>
      customer({ code: `C${i}`, email: i % 3 === 0 ? '' : `c${i}@example.com`, mobile: i % 4 === 0 ? null : mobile() }),
    );
    const jobs = Array.from({ length: 350_000 }, (_, i) =>
      job({
        jobNo: `J${i}`,
        customerCode: `C${i % 100_000}`,
        registration: '',
        staff: ['Sam', 'Alex', 'Kim', ''][i % 4]!,
        completedDate: addDays(D, -(i % 900)),
      }),
    );
    const g = garage({ customers, jobs });
    // Its speed is the benchmark's business (bench/where-time-goes.ts times the audit).
    const report = auditReport(g, WEEK, DEFAULT_SETTINGS);
    const monthly = monthlyPerformance(g, D, DEFAULT_SETTINGS);
    assert.ok(report.rows.length > 1000, `${report.rows.length} rows`);
    assert.equal(monthly.staff.length, 4);
  });
});
