/**
 * A small garage for the workbook tests, with something on every sheet: reminders due (one with
 * no usable method), a customer whose email the import could not use, a lapsing customer, an old
 * unactioned booking request with a dissatisfaction reason, a job for the audit.
 */
import { computeRetention, type Retention } from '../../../core/retention.ts';
import { defaultRules } from '../../../core/schedule/default-rules.ts';
import { DEFAULT_SETTINGS, type GarageSettings } from '../../../core/settings.ts';
import type { ContactLogEntry, GarageRecords, LapsedMark } from '../../../core/records.ts';
import { defaultSchedule, workbookPlan, type WorkbookInput } from '../../../core/workbook/index.ts';
import type { WorkbookPlan } from '../../../core/workbook/plan.ts';
import { booking, customer, job, landline, unit } from '../support/records.ts';

export const AS_OF = '2026-11-16';

export function sampleRecords(): GarageRecords {
  return {
    customers: [
      customer(),
      customer({ code: 'C2', name: '=HYPERLINK("http://evil.example","click")', email: '', invalid: { email: 'not an email address' }, lastVisit: '2025-07-01' }),
      // Allowed every channel but holds no usable address: the reminder shows with no method.
      customer({ code: 'C3', name: 'Mr Tom Jones', email: '', mobile: null, homePhone: landline(), address: ['', '', '', ''], postcode: '', town: '' }),
      customer({ code: 'C4', name: '+44 Motors', workPhone: null, invalid: { workPhone: 'not a phone number' } }),
    ],
    units: [
      unit({ motDue: '2026-12-10' }),
      unit({ registration: 'XY99ZZZ', customerCode: 'C2', motDue: '2026-12-01' }),
      unit({ registration: 'CD34EFG', customerCode: 'C3', motDue: '2026-12-05' }),
    ],
    jobs: [job({ completedDate: '2026-11-14', staff: 'Sam' }), job({ jobNo: 'J2', customerCode: 'C3', registration: 'CD34EFG', completedDate: '2026-11-12', staff: 'Ann' })],
    advisories: [],
    bookings: [
      booking({ received: '2026-11-10', status: 'New', dissatisfactionReason: 'Price too high', outcome: 'Declined quote' }),
      booking({ requestId: 'B2', received: '2026-11-15', status: 'Booked' }),
    ],
  };
}

export function sampleRetention(settings: GarageSettings = DEFAULT_SETTINGS, contactLog: ContactLogEntry[] = [], lapsedMarks: LapsedMark[] = []): Retention {
  return computeRetention({ records: sampleRecords(), asOf: AS_OF, contactLog, lapsedMarks, settings, rules: defaultRules(settings) });
}

export function sampleInput(overrides: Partial<WorkbookInput> = {}): WorkbookInput {
  const settings = overrides.settings ?? DEFAULT_SETTINGS;
  return {
    retention: sampleRetention(settings),
    settings,
    importProblems: [],
    contactLog: [],
    lapsedMarks: [],
    schedule: defaultSchedule(settings),
    ...overrides,
  };
}

export function samplePlan(overrides: Partial<WorkbookInput> = {}): WorkbookPlan {
  return workbookPlan(sampleInput(overrides));
}
