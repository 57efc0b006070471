/**
 * Advisory work reminder: work the workshop advised but the customer has not had done yet (Open,
 * or Declined — the customer said not now; never once done, completed or closed). It is due on the
 * advisory's own due date, or 3 months after the job that found it when the DMS gives none; the
 * reminder goes 14 days before, for 21 days.
 *
 * Each piece of work is its own reminder, and its own subject in the Action ID (`J1:rear tyres`):
 * reminding a customer about the brake pads must not block, for the block days, a reminder about
 * the tyres advised on the same job.
 */
import { addMonths, ukDate, type IsoDate } from '../../calendar.ts';
import type { GarageIndex } from '../../garage-index.ts';
import type { Advisory, Customer, Job } from '../../records.ts';
import { occasion, shiftedTrigger, windowOrAll } from '../occasions.ts';
import type { ContactRule, Occasion, TriggerWindow } from '../rule.ts';

export const ADVISORY_FOLLOW_UP_MONTHS = 3;

function jobDate(job: Job | undefined): IsoDate | null {
  return job ? (job.completedDate ?? job.appointmentDate ?? job.bookedDate) : null;
}

/**
 * The advisory item an Action ID names: its job (else its vehicle) and the work, spaces and case
 * evened out so a re-export that writes "Rear  Tyres" names the same item.
 */
export function advisorySubject(advisory: Pick<Advisory, 'jobNo' | 'registration' | 'description'>): string {
  return `${advisory.jobNo || advisory.registration}:${advisory.description.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

function advisoryOccasions(garage: GarageIndex, _asOf: IsoDate, window?: TriggerWindow): Occasion[] {
  const { from, to } = windowOrAll(window);
  const followUp = shiftedTrigger(window, (date) => addMonths(date, ADVISORY_FOLLOW_UP_MONTHS));
  const jobOf = (jobNo: string) => (jobNo ? garage.jobByNo.get(jobNo) : undefined);
  const found: Occasion[] = [];
  garage.advisoriesByCustomer.forEach((advisories, code) => {
    // Looked up once an item is in the window; null when the code is not in the customer file.
    let customer: Customer | null | undefined;
    // The same work exported twice for one job is one item.
    let seen: Set<string> | undefined;
    for (let i = 0; i < advisories.length; i++) {
      const advisory = advisories[i]!;
      // Declined is "not now": exactly what the reminder chases. Only work done is left alone.
      if (advisory.status === 'Done') continue;
      let due: IsoDate | null = advisory.dueDate;
      let job: Job | undefined;
      if (due === null) {
        job = jobOf(advisory.jobNo);
        due = followUp(jobDate(job));
      }
      if (due === null || due < from || due > to) continue;
      if (customer === undefined) customer = garage.customerByCode.get(code) ?? null;
      if (!customer) return;
      const subject = advisorySubject(advisory);
      seen ??= new Set();
      if (seen.has(`${subject}\n${due}`)) continue;
      seen.add(`${subject}\n${due}`);
      job ??= jobOf(advisory.jobNo);
      const work = advisory.description.trim();
      const unit = garage.unitByRegistration.get(advisory.registration || job?.registration || '') ?? null;
      // Before each item was its own subject, the Action ID named the job (else the vehicle).
      const formerSubject = advisory.jobNo || advisory.registration;
      found.push(occasion(customer, unit, job ?? null, subject, due, (o) => `Advisory work: ${work} (due ${ukDate(o.triggerDate)})`, formerSubject));
    }
  });
  return found;
}

export const advisory: ContactRule = {
  id: 'advisory',
  contactDue: 'Advisory Work Reminder',
  type: 'Advisory Due',
  centre: 'workshop',
  offsetDays: -14,
  windowDays: 21,
  purpose: 'service',
  channelOrder: null,
  blockDays: null,
  template: 'advisory',
  enabled: true,
  trigger: {
    kind: 'own',
    wording: 'advisory due date (else job date + 3 months)',
    occasions: advisoryOccasions,
  },
};
