import { advisory, garage, job, unit } from '../garage-builder.ts';
import { windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'advisory work reminder: 14 days before the advisory is due, for 21 days',
    ruleId: 'advisory',
    wording: 'advisory due date (else job date + 3 months)',
    garage: () => garage({ units: [unit()], jobs: [job({ completedDate: '2026-10-01' })], advisories: [advisory({ dueDate: '2027-01-10' })] }),
    firstDay: '2026-12-27',
    lastDay: '2027-01-17',
    expected: {
      triggerDate: '2027-01-10',
      contactDue: 'Advisory Work Reminder',
      type: 'Advisory Due',
      reason: 'Advisory work: front brake pads (due 10/01/2027)',
      unit: 'AB12 CDE',
      job: 'J1',
      subject: 'J1:front brake pads',
      purpose: 'service',
    },
  },
];

describe('the advisory work reminder: the window of each rule', () => windowTable(cases));
