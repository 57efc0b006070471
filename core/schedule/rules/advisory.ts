/**
 * Advisory work reminder: work the workshop advised but the customer has not had done yet (still
 * Open). It is due on the advisory's own due date, or 3 months after the job that found it when
 * the DMS gives none; the reminder goes 14 days before, for 21 days. Advisories from one job that
 * fall due on the same day make one reminder listing all the work.
 */
import { addMonths, ukDate, type IsoDate } from '../../calendar.ts';
import type { GarageIndex } from '../../garage-index.ts';
import type { Job } from '../../records.ts';
import { occasion, shiftedTrigger, windowOrAll } from '../occasions.ts';
import type { ContactRule, Occasion, TriggerWindow } from '../rule.ts';

export const ADVISORY_FOLLOW_UP_MONTHS = 3;

function jobDate(job: Job | undefined): IsoDate | null {
  return job ? (job.completedDate ?? job.appointmentDate ?? job.bookedDate) : null;
}

interface Group {
  subject: string;
  due: IsoDate;
  job: Job | null;
  registration: string;
  work: string[];
}

function advisoryOccasions(garage: GarageIndex, _asOf: IsoDate, window?: TriggerWindow): Occasion[] {
  const { from, to } = windowOrAll(window);
  const followUp = shiftedTrigger(window, (date) => addMonths(date, ADVISORY_FOLLOW_UP_MONTHS));
  const jobOf = (jobNo: string) => (jobNo ? garage.jobByNo.get(jobNo) : undefined);
  const found: Occasion[] = [];
  garage.advisoriesByCustomer.forEach((advisories, code) => {
    // One reminder per job and due date, naming every piece of work.
    let groups: Map<string, Group> | undefined;
    for (let i = 0; i < advisories.length; i++) {
      const advisory = advisories[i]!;
      if (advisory.status !== 'Open') continue;
      let due: IsoDate | null = advisory.dueDate;
      let job: Job | undefined;
      if (due === null) {
        job = jobOf(advisory.jobNo);
        due = followUp(jobDate(job));
      }
      if (due === null || due < from || due > to) continue;
      job ??= jobOf(advisory.jobNo);
      const subject = advisory.jobNo || advisory.registration;
      const key = `${subject}\n${due}`;
      groups ??= new Map();
      let group = groups.get(key);
      if (!group) {
        group = { subject, due, job: job ?? null, registration: advisory.registration || job?.registration || '', work: [] };
        groups.set(key, group);
      }
      const work = advisory.description.trim();
      if (work && !group.work.includes(work)) group.work.push(work);
    }
    const customer = groups && garage.customerByCode.get(code);
    if (!groups || !customer) return;
    for (const g of groups.values()) {
      const text = g.work.length ? `Advisory work: ${g.work.join('; ')}` : 'Advisory work';
      const unit = garage.unitByRegistration.get(g.registration) ?? null;
      found.push(occasion(customer, unit, g.job, g.subject, g.due, (o) => `${text} (due ${ukDate(o.triggerDate)})`));
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
