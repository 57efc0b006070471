import { onlyUnit, windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'warranty expiry: 60 days before the warranty ends, for 30 days',
    ruleId: 'warranty',
    wording: 'unit warranty end date',
    garage: onlyUnit({ warrantyEnd: '2027-01-10' }),
    firstDay: '2026-11-11',
    lastDay: '2026-12-11',
    expected: { triggerDate: '2027-01-10', contactDue: 'Warranty Expiry Reminder', type: 'Warranty Expiry', reason: 'Warranty ends 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
];

describe('the warranty expiry reminder: the window of each rule', () => windowTable(cases));
