import { customer, garage } from '../garage-builder.ts';
import { windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'birthday wishes: 3 days before the birthday, for 7 days',
    ruleId: 'birthday',
    wording: 'next birthday',
    garage: () => garage({ customers: [customer({ dateOfBirth: '1980-11-18' })] }),
    firstDay: '2026-11-15',
    lastDay: '2026-11-22',
    expected: { triggerDate: '2026-11-18', contactDue: 'Birthday Wishes', type: 'Birthday', reason: 'Birthday 18/11', unit: '', job: '', purpose: 'marketing' },
  },
];

describe('birthday wishes: the window of each rule', () => windowTable(cases));
