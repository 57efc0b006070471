import { garage, job, unit } from '../garage-builder.ts';
import { windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'workshop thank you: the day after completion, for 6 days',
    ruleId: 'job-thanks',
    wording: 'job completed date',
    garage: () => garage({ units: [unit()], jobs: [job({ completedDate: '2026-11-14' })] }),
    firstDay: '2026-11-15',
    lastDay: '2026-11-21',
    expected: { triggerDate: '2026-11-14', contactDue: 'Workshop Thank You', type: 'Job Complete', reason: 'Completed 14/11/2026', unit: 'AB12 CDE', job: 'J1', purpose: 'service' },
  },
];

describe('the workshop thank you: the window of each rule', () => windowTable(cases));
