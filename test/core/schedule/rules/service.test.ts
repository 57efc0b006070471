import { onlyUnit, windowTable, type WindowCase } from './window-table.ts';

/** Each case: the first and last day the reminder is due, and the action as the SPEC words it. */
export const cases: WindowCase[] = [
  {
    description: 'first service reminder: 28 days before the next service, for 21 days',
    ruleId: 'service-1',
    wording: 'unit next service date (else last service + 12 months)',
    garage: onlyUnit({ nextService: '2027-01-10' }),
    firstDay: '2026-12-13',
    lastDay: '2027-01-03',
    expected: { triggerDate: '2027-01-10', contactDue: '1st Service Reminder', type: 'Service Due', reason: 'Service due 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
  {
    description: 'second service reminder: on the service date, for 14 days',
    ruleId: 'service-2',
    wording: 'unit next service date (not while the unit is booked in)',
    garage: onlyUnit({ nextService: '2027-01-10' }),
    firstDay: '2027-01-10',
    lastDay: '2027-01-24',
    expected: { triggerDate: '2027-01-10', contactDue: '2nd Service Reminder', type: 'Service Due', reason: 'Service due 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
];

describe('service reminders: the window of each rule', () => windowTable(cases));
