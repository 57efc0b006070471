import { onlyUnit, windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'finance end: 90 days before the finance ends, for 30 days',
    ruleId: 'finance-end',
    wording: 'unit finance end date',
    garage: onlyUnit({ financeEnd: '2027-02-14' }),
    firstDay: '2026-11-16',
    lastDay: '2026-12-16',
    expected: { triggerDate: '2027-02-14', contactDue: 'Finance End Contact', type: 'Finance End', reason: 'Finance ends 14/02/2027', unit: 'AB12 CDE', job: '', purpose: 'marketing' },
  },
];

describe('the finance end contact: the window of each rule', () => windowTable(cases));
