import { onlyUnit, windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'combined reminder: 28 days before the earlier of MOT and service, for 21 days',
    ruleId: 'combined',
    wording: 'earlier of MOT and service, when within 30 days of each other',
    garage: onlyUnit({ motDue: '2027-01-25', nextService: '2027-01-10' }),
    firstDay: '2026-12-13',
    lastDay: '2027-01-03',
    expected: {
      triggerDate: '2027-01-10',
      contactDue: 'MOT & Service Reminder',
      type: 'MOT & Service Due',
      reason: 'MOT 25/01/2027 and service 10/01/2027',
      unit: 'AB12 CDE',
      job: '',
      purpose: 'service',
    },
  },
];

describe('the combined MOT & service reminder: the window of each rule', () => windowTable(cases));
