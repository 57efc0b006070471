import { garage } from '../garage-builder.ts';
import { windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'Christmas greetings: 4 to 18 December',
    ruleId: 'christmas',
    wording: '25 December',
    garage: () => garage(),
    firstDay: '2026-12-04',
    lastDay: '2026-12-18',
    expected: { triggerDate: '2026-12-25', contactDue: 'Christmas Greetings', type: 'Christmas', reason: 'Christmas 2026', unit: '', job: '', purpose: 'marketing' },
  },
];

describe('Christmas greetings: the window of each rule', () => windowTable(cases));
