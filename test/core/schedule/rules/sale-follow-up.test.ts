import { onlyUnit, windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  ...[1, 2, 3, 4].map((years, i): WindowCase => ({
    description: `${['1st', '2nd', '3rd', '4th'][i]} year follow-up: 30 days before the sale's anniversary, for 21 days`,
    ruleId: `sale-year-${years}`,
    wording: `unit sale date + ${years} year${years === 1 ? '' : 's'}`,
    garage: onlyUnit({ saleDate: `${2026 - years}-12-20` }),
    firstDay: '2026-11-20',
    lastDay: '2026-12-11',
    expected: {
      triggerDate: '2026-12-20',
      contactDue: `${['1st', '2nd', '3rd', '4th'][i]} Year Follow-up`,
      type: 'Sales Follow-up',
      reason: `Sold 20/12/${2026 - years}: ${years} year${years === 1 ? '' : 's'} on 20/12/2026`,
      unit: 'AB12 CDE',
      job: '',
      purpose: 'marketing',
    },
  })),
];

describe('the sales follow-ups: the window of each rule', () => windowTable(cases));
