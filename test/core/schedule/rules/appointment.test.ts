import { garage, job, unit } from '../garage-builder.ts';
import { windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'appointment reminder: the day before the appointment only',
    ruleId: 'appointment',
    wording: 'job appointment date',
    garage: () => garage({ units: [unit()], jobs: [job({ bookedDate: '2026-11-01', appointmentDate: '2026-12-01' })] }),
    firstDay: '2026-11-30',
    lastDay: '2026-11-30',
    expected: { triggerDate: '2026-12-01', contactDue: 'Appointment Reminder', type: 'Appointment', reason: 'Appointment 01/12/2026', unit: 'AB12 CDE', job: 'J1', purpose: 'service' },
  },
];

describe('the appointment reminder: the window of each rule', () => windowTable(cases));
