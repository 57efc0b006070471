import assert from 'node:assert/strict';
import { computeRetention } from '../../core/retention.ts';
import { DEFAULT_RULES } from '../../core/schedule/default-rules.ts';
import { DEFAULT_SETTINGS } from '../../core/settings.ts';
import { buildSummary } from '../../core/summary.ts';
import type { Customer } from '../../core/records.ts';
import { customer, unit } from './support/records.ts';

const D = '2026-12-20';
const NO_ADDRESS: Partial<Customer> = { email: '', mobile: null, address: ['', '', '', ''], postcode: '' };

describe('the JSON summary', () => {
  // Each customer has one unit with its MOT due 10/01/2027: one MOT reminder each on 20/12/2026.
  const cases: { description: string; customers: Partial<Customer>[]; expected: { total: number; unreachable: number } }[] = [
    { description: 'counts no unreachable rows when every due customer can be reached', customers: [{}], expected: { total: 1, unreachable: 0 } },
    { description: 'counts a due row with no usable method as unreachable', customers: [{}, NO_ADDRESS], expected: { total: 2, unreachable: 1 } },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const customers = c.customers.map((o, i) => customer({ code: `C${i + 1}`, ...o }));
      const units = customers.map((cu, i) => unit({ registration: `AB1${i}CDE`, customerCode: cu.code, motDue: '2027-01-10' }));
      const retention = computeRetention({
        records: { customers, units, jobs: [], advisories: [], bookings: [] },
        asOf: D,
        contactLog: [],
        lapsedMarks: [],
        settings: DEFAULT_SETTINGS,
        rules: DEFAULT_RULES,
      });
      const { dueActions } = buildSummary(retention, 0);
      assert.deepEqual({ total: dueActions.total, unreachable: dueActions.unreachable }, c.expected);
    });
  }
});
