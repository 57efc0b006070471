import assert from 'node:assert/strict';
import { addDays } from '../../../core/calendar.ts';
import type { GarageIndex } from '../../../core/garage-index.ts';
import { DEFAULT_RULES } from '../../../core/schedule/default-rules.ts';
import { advisory, customer, garage, job, unit } from './garage-builder.ts';
import { dueFor } from './run-schedule.ts';

interface WindowCase {
  description: string;
  ruleId: string;
  garage: () => GarageIndex;
  /** First and last day the action is due. */
  firstDay: string;
  lastDay: string;
  expected: { triggerDate: string; contactDue: string; type: string; reason: string; unit: string; job: string; purpose: 'service' | 'marketing' };
}

const onlyUnit = (overrides: Parameters<typeof unit>[0]) => () => garage({ units: [unit(overrides)] });

const cases: WindowCase[] = [
  {
    description: 'first MOT reminder: 28 days before the MOT, for 21 days',
    ruleId: 'mot-1',
    garage: onlyUnit({ motDue: '2027-01-10' }),
    firstDay: '2026-12-13',
    lastDay: '2027-01-03',
    expected: { triggerDate: '2027-01-10', contactDue: 'MOT Reminder', type: 'MOT Due', reason: 'MOT due 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
  {
    description: 'second MOT reminder: 7 days before the MOT, for 7 days',
    ruleId: 'mot-2',
    garage: onlyUnit({ motDue: '2027-01-10' }),
    firstDay: '2027-01-03',
    lastDay: '2027-01-10',
    expected: { triggerDate: '2027-01-10', contactDue: '2nd MOT Reminder', type: 'MOT Due', reason: 'MOT due 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
  {
    description: 'first service reminder: 28 days before the next service, for 21 days',
    ruleId: 'service-1',
    garage: onlyUnit({ nextService: '2027-01-10' }),
    firstDay: '2026-12-13',
    lastDay: '2027-01-03',
    expected: { triggerDate: '2027-01-10', contactDue: '1st Service Reminder', type: 'Service Due', reason: 'Service due 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
  {
    description: 'second service reminder: on the service date, for 14 days',
    ruleId: 'service-2',
    garage: onlyUnit({ nextService: '2027-01-10' }),
    firstDay: '2027-01-10',
    lastDay: '2027-01-24',
    expected: { triggerDate: '2027-01-10', contactDue: '2nd Service Reminder', type: 'Service Due', reason: 'Service due 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
  {
    description: 'combined reminder: 28 days before the earlier of MOT and service, for 21 days',
    ruleId: 'combined',
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
  {
    description: 'job confirmation: from the day it was booked, for 3 days',
    ruleId: 'job-confirmation',
    garage: () => garage({ units: [unit()], jobs: [job({ bookedDate: '2026-11-16', appointmentDate: '2026-12-01' })] }),
    firstDay: '2026-11-16',
    lastDay: '2026-11-19',
    expected: { triggerDate: '2026-11-16', contactDue: 'Job Confirmation', type: 'Job Booked', reason: 'Booked 16/11/2026 for 01/12/2026', unit: 'AB12 CDE', job: 'J1', purpose: 'service' },
  },
  {
    description: 'appointment reminder: the day before the appointment only',
    ruleId: 'appointment',
    garage: () => garage({ units: [unit()], jobs: [job({ bookedDate: '2026-11-01', appointmentDate: '2026-12-01' })] }),
    firstDay: '2026-11-30',
    lastDay: '2026-11-30',
    expected: { triggerDate: '2026-12-01', contactDue: 'Appointment Reminder', type: 'Appointment', reason: 'Appointment 01/12/2026', unit: 'AB12 CDE', job: 'J1', purpose: 'service' },
  },
  {
    description: 'workshop thank you: the day after completion, for 6 days',
    ruleId: 'job-thanks',
    garage: () => garage({ units: [unit()], jobs: [job({ completedDate: '2026-11-14' })] }),
    firstDay: '2026-11-15',
    lastDay: '2026-11-21',
    expected: { triggerDate: '2026-11-14', contactDue: 'Workshop Thank You', type: 'Job Complete', reason: 'Completed 14/11/2026', unit: 'AB12 CDE', job: 'J1', purpose: 'service' },
  },
  {
    description: 'advisory work reminder: 14 days before the advisory is due, for 21 days',
    ruleId: 'advisory',
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
      purpose: 'service',
    },
  },
  {
    description: 'thank you for buying: 2 days after the sale, for 12 days',
    ruleId: 'sale-thanks',
    garage: onlyUnit({ saleDate: '2026-11-14' }),
    firstDay: '2026-11-16',
    lastDay: '2026-11-28',
    expected: { triggerDate: '2026-11-14', contactDue: 'Thank You for Buying', type: 'Unit Sold', reason: 'Sold 14/11/2026', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
  ...[1, 2, 3, 4].map((years, i): WindowCase => ({
    description: `${['1st', '2nd', '3rd', '4th'][i]} year follow-up: 30 days before the sale's anniversary, for 21 days`,
    ruleId: `sale-year-${years}`,
    garage: onlyUnit({ saleDate: `${2026 - years}-12-20` }),
    firstDay: '2026-11-20',
    lastDay: '2026-12-11',
    expected: {
      triggerDate: '2026-12-20',
      contactDue: `${['1st', '2nd', '3rd', '4th'][i]} Year Follow-up`,
      type: 'Sales Follow-up',
      reason: `Sold 20/12/${2026 - years}: ${years} year${years === 1 ? '' : 's'} on 20/12/2026`,
      unit: 'AB12 CDE',
      job: '',
      purpose: 'marketing',
    },
  })),
  {
    description: 'warranty expiry: 60 days before the warranty ends, for 30 days',
    ruleId: 'warranty',
    garage: onlyUnit({ warrantyEnd: '2027-01-10' }),
    firstDay: '2026-11-11',
    lastDay: '2026-12-11',
    expected: { triggerDate: '2027-01-10', contactDue: 'Warranty Expiry Reminder', type: 'Warranty Expiry', reason: 'Warranty ends 10/01/2027', unit: 'AB12 CDE', job: '', purpose: 'service' },
  },
  {
    description: 'finance end: 90 days before the finance ends, for 30 days',
    ruleId: 'finance-end',
    garage: onlyUnit({ financeEnd: '2027-02-14' }),
    firstDay: '2026-11-16',
    lastDay: '2026-12-16',
    expected: { triggerDate: '2027-02-14', contactDue: 'Finance End Contact', type: 'Finance End', reason: 'Finance ends 14/02/2027', unit: 'AB12 CDE', job: '', purpose: 'marketing' },
  },
  {
    description: 'birthday wishes: 3 days before the birthday, for 7 days',
    ruleId: 'birthday',
    garage: () => garage({ customers: [customer({ dateOfBirth: '1980-11-18' })] }),
    firstDay: '2026-11-15',
    lastDay: '2026-11-22',
    expected: { triggerDate: '2026-11-18', contactDue: 'Birthday Wishes', type: 'Birthday', reason: 'Birthday 18/11', unit: '', job: '', purpose: 'marketing' },
  },
  {
    description: 'Christmas greetings: 4 to 18 December',
    ruleId: 'christmas',
    garage: () => garage(),
    firstDay: '2026-12-04',
    lastDay: '2026-12-18',
    expected: { triggerDate: '2026-12-25', contactDue: 'Christmas Greetings', type: 'Christmas', reason: 'Christmas 2026', unit: '', job: '', purpose: 'marketing' },
  },
  {
    description: 'drifting letter: 15 months after the last visit, for 30 days',
    ruleId: 'drifting',
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

describe('each default rule is due from the first to the last day of its window', () => {
  it('has a window case for every default rule', () => {
    assert.deepEqual(new Set(cases.map((c) => c.ruleId)), new Set(DEFAULT_RULES.map((r) => r.id)));
  });

  for (const c of cases) {
    describe(c.description, () => {
      const g = c.garage();
      const checks: [string, string, boolean][] = [
        ['the day before the window', addDays(c.firstDay, -1), false],
        ['the first day of the window', c.firstDay, true],
        ['the last day of the window', c.lastDay, true],
        ['the day after the window', addDays(c.lastDay, 1), false],
      ];
      for (const [when, day, isDue] of checks) {
        it(`${isDue ? 'is' : 'is not'} due on ${when} (${day})`, () => {
          const found = dueFor(c.ruleId, g, day);
          assert.equal(found.length, isDue ? 1 : 0, JSON.stringify(found));
        });
      }

      it('names the contact, the reason and the action the SPEC way', () => {
        const [action] = dueFor(c.ruleId, g, c.firstDay);
        assert.ok(action);
        const subject = c.expected.job || (c.expected.unit && c.ruleId !== 'drifting' ? c.expected.unit.replace(' ', '') : '-');
        assert.deepEqual(
          {
            actionId: action.actionId,
            date: action.date,
            triggerDate: action.triggerDate,
            contactDue: action.contactDue,
            type: action.type,
            reason: action.reason,
            unit: action.unit,
            job: action.job,
            purpose: action.purpose,
            template: action.template,
            code: action.code,
            name: action.name,
          },
          {
            actionId: `${c.ruleId}/C1/${subject}/${c.expected.triggerDate}`,
            date: c.firstDay,
            triggerDate: c.expected.triggerDate,
            contactDue: c.expected.contactDue,
            type: c.expected.type,
            reason: c.expected.reason,
            unit: c.expected.unit,
            job: c.expected.job,
            purpose: c.expected.purpose,
            template: c.ruleId,
            code: 'C1',
            name: 'Mrs Jane Smith',
          },
        );
      });
    });
  }
});
