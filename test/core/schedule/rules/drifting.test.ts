import { customer, garage, unit } from '../garage-builder.ts';
import { windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'drifting letter: 15 months after the last visit, for 30 days',
    ruleId: 'drifting',
    wording: 'last visit + drifting months (Settings)',
    garage: () => garage({ customers: [customer({ lastVisit: '2025-08-14' })], units: [unit()] }),
    firstDay: '2026-11-14',
    lastDay: '2026-12-14',
    expected: {
      triggerDate: '2026-11-14',
      contactDue: 'Drifting Customer Letter',
      type: 'Drifting',
      reason: 'Last visit 14/08/2025 (15 months on 14/11/2026)',
      unit: 'AB12 CDE',
      job: '',
      purpose: 'marketing',
    },
  },
];

describe('the drifting customer letter: the window of each rule', () => windowTable(cases));
