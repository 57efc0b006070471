import { onlyUnit, windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'first MOT reminder: 28 days before the MOT, for 21 days',
    ruleId: 'mot-1',
    wording: 'unit MOT due date',
    garage: onlyUnit({ motDue: '2027-01-10' }),
    firstDay: '2026-12-13',
    lastDay: '2027-01-03',
    expected: { triggerDate: '2027-01-10', contactDue: 'MOT Reminder', type: 'MOT Due', reason: 'MOT due 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
  {
    description: 'second MOT reminder: 7 days before the MOT, for 7 days',
    ruleId: 'mot-2',
    wording: 'unit MOT due date (not while the unit is booked in)',
    garage: onlyUnit({ motDue: '2027-01-10' }),
    firstDay: '2027-01-03',
    lastDay: '2027-01-10',
    expected: { triggerDate: '2027-01-10', contactDue: '2nd MOT Reminder', type: 'MOT Due', reason: 'MOT due 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
];

describe('MOT reminders: the window of each rule', () => windowTable(cases));
