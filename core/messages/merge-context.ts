/**
 * Everything a message about one due contact may speak of: the customer, the vehicle, the job,
 * the advisory work and the garage. Found once per row from the index the build already made.
 */
import { addMonths, dayNumber, type IsoDate } from '../calendar.ts';
import type { GarageIndex } from '../garage-index.ts';
import { registrationKey } from '../import/values.ts';
import type { Advisory, Customer, Job, Unit } from '../records.ts';
import type { DueAction } from '../results.ts';
import { ADVISORY_FOLLOW_UP_MONTHS, advisorySubject } from '../schedule/rules/advisory.ts';
import type { GarageSettings } from '../settings.ts';

export interface MergeContext {
  customer: Customer;
  /** The vehicle the contact is about (for a drifting letter: the one last seen); null for birthdays, Christmas. */
  unit: Unit | null;
  job: Job | null;
  /** The advisory items not yet done that the contact is about (an advisory reminder names every one). */
  advisories: Advisory[];
  lastVisit: IsoDate | null;
  settings: GarageSettings;
}

/** The unit-or-job part of the Action ID (rule/customer/subject/trigger-date); codes may hold '/'. */
function subjectOf(action: DueAction): string {
  const head = `${action.ruleId}/${action.code}/`;
  const tail = `/${action.triggerDate}`;
  const id = action.actionId;
  return id.startsWith(head) && id.endsWith(tail) ? id.slice(head.length, id.length - tail.length) : '';
}

/** The advisory rule's due date: the advisory's own, else its job's date + 3 months (as core/schedule/rules/advisory.ts). */
function advisoryDue(advisory: Advisory, garage: GarageIndex): IsoDate | null {
  if (advisory.dueDate) return advisory.dueDate;
  const job = advisory.jobNo ? garage.jobByNo.get(advisory.jobNo) : undefined;
  const jobDate = job ? (job.completedDate ?? job.appointmentDate ?? job.bookedDate) : null;
  return jobDate ? addMonths(jobDate, ADVISORY_FOLLOW_UP_MONTHS) : null;
}

/**
 * The merge context for a due action, or null when its customer is no longer in the index (the
 * action came from another build).
 *
 * @example
 * const context = mergeContextFor(action, rebuilt.retention.garage, rebuilt.state.settings);
 */
export function mergeContextFor(action: DueAction, garage: GarageIndex, settings: GarageSettings): MergeContext | null {
  const customer = garage.customerByCode.get(action.code);
  if (!customer) return null;
  const subject = subjectOf(action);
  const job = (action.job && garage.jobByNo.get(action.job)) || null;
  // The vehicle by what the action names: its job's, the Action ID's subject, or the Unit column.
  const unit =
    (job && garage.unitByRegistration.get(job.registration)) ||
    garage.unitByRegistration.get(subject) ||
    (action.unit && garage.unitByRegistration.get(registrationKey(action.unit))) ||
    null;
  const advisories = (garage.advisoriesByCustomer.get(customer.code) ?? []).filter(
    // The piece of work the Action ID names (each is its own reminder), not yet done, due that day.
    (a) => a.status !== 'Done' && advisorySubject(a) === subject && advisoryDue(a, garage) === action.triggerDate,
  );
  const lastVisit = garage.lastVisitByCustomer.get(customer.code)?.date ?? null;
  return { customer, unit, job, advisories, lastVisit, settings };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Thursday', 'Friday', 'Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday'];

/** "14 December 2026": how a person writes a date in a letter. */
export function longDate(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** "Monday 14 December 2026", for an appointment. */
export function dayAndDate(date: IsoDate): string {
  // Day 0 (1 January 1970) was a Thursday.
  const weekday = WEEKDAYS[((dayNumber(date) % 7) + 7) % 7];
  return `${weekday} ${longDate(date)}`;
}
