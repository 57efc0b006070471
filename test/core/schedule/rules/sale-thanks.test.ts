import { onlyUnit, windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'thank you for buying: 2 days after the sale, for 12 days',
    ruleId: 'sale-thanks',
    wording: 'unit sale date',
    garage: onlyUnit({ saleDate: '2026-11-14' }),
    firstDay: '2026-11-16',
    lastDay: '2026-11-28',
    expected: { triggerDate: '2026-11-14', contactDue: 'Thank You for Buying', type: 'Unit Sold', reason: 'Sold 14/11/2026', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
];

describe('the thank you for buying: the window of each rule', () => windowTable(cases));
