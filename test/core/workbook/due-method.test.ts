import assert from 'node:assert/strict';
import { computeRetention } from '../../../core/retention.ts';
import type { Customer } from '../../../core/records.ts';
import { defaultRules } from '../../../core/schedule/default-rules.ts';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import { dueEditsFromRows, refusedMethods } from '../../../core/workbook/index.ts';
import { dueActionsSheet } from '../../../core/workbook/sheets/due-actions.ts';
import { customer, unit } from '../support/records.ts';

// Jane's MOT is due 10/12/2026, so on 16/11/2026 her MOT reminder is due, by email (the first usable channel).
const D = '2026-11-16';
const ACTION_ID = 'mot-1/C1/AB12CDE/2026-12-10';

/** The row as rebuilt after the user typed `method` under Method, and the problems reported. */
function rebuiltWith(method: string, jane: Partial<Customer>) {
  const retention = computeRetention({
    records: { customers: [customer(jane)], units: [unit({ motDue: '2026-12-10' })], jobs: [], advisories: [], bookings: [] },
    asOf: D,
    contactLog: [],
    lapsedMarks: [],
    settings: DEFAULT_SETTINGS,
    rules: defaultRules(),
  });
  const read = dueEditsFromRows({ sheet: 'Due Actions', headers: ['Approve', 'Method', 'Action ID'], rows: [['Hold', method, ACTION_ID]] });
  assert.deepEqual(read.problems, []);
  const table = dueActionsSheet(retention.dueActions, read.value).table;
  const at = (key: string) => table.rows[0]?.[table.columns.findIndex((c) => c.key === key)];
  return { method: at('method'), to: at('to'), problems: refusedMethods(retention.dueActions, read.value).map((p) => [p.where.address, p.message, p.action]) };
}

describe('changing Method on Due Actions', () => {
  const cases: { description: string; method: string; jane: Partial<Customer>; expected: ReturnType<typeof rebuiltWith> }[] = [
    {
      description: 'sends a text to the customer’s mobile when SMS is chosen',
      method: 'SMS',
      jane: {},
      expected: { method: 'SMS', to: '+447700900123', problems: [] },
    },
    {
      description: 'sends a letter to the customer’s postal address when Letter is chosen, not to the email',
      method: 'Letter',
      jane: {},
      expected: { method: 'Letter', to: '12 High Street, Macclesfield, SK10 4AB', problems: [] },
    },
    {
      description: 'refuses SMS for a customer with no mobile, and reports the cell',
      method: 'SMS',
      jane: { mobile: null },
      expected: {
        method: 'Email',
        to: 'jane@example.com',
        problems: [['B2', "Due Actions!B2: SMS cannot be used for C1's MOT Reminder: the customer has no valid mobile number.", 'method put back to Email']],
      },
    },
    {
      description: 'refuses SMS for a customer who opted out of texts, and reports the cell rather than putting it back silently',
      method: 'SMS',
      jane: { noSms: true },
      expected: {
        method: 'Email',
        to: 'jane@example.com',
        problems: [['B2', "Due Actions!B2: SMS cannot be used for C1's MOT Reminder: the customer opted out of SMS.", 'method put back to Email']],
      },
    },
    {
      description: 'keeps the worked-out method and address when the same method is chosen',
      method: 'Email',
      jane: {},
      expected: { method: 'Email', to: 'jane@example.com', problems: [] },
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      assert.deepEqual(rebuiltWith(c.method, c.jane), c.expected);
    });
  }
});
