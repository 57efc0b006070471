import { garage, job, unit } from '../garage-builder.ts';
import { windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'job confirmation: from the day it was booked, for 3 days',
    ruleId: 'job-confirmation',
    wording: 'job booked date, appointment in the future',
    garage: () => garage({ units: [unit()], jobs: [job({ bookedDate: '2026-11-16', appointmentDate: '2026-12-01' })] }),
    firstDay: '2026-11-16',
    lastDay: '2026-11-19',
    expected: { triggerDate: '2026-11-16', contactDue: 'Job Confirmation', type: 'Job Booked', reason: 'Booked 16/11/2026 for 01/12/2026', unit: 'AB12 CDE', job: 'J1', purpose: 'service' },
  },
];

describe('the job confirmation: the window of each rule', () => windowTable(cases));
