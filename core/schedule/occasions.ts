/**
 * Building blocks the rules share: how a unit, a job or a customer becomes an Occasion.
 *
 * A rule lists every occasion it could act on and the engine throws most of them away (outside
 * their window), so an occasion is cheap to make: its Reason text is only written when read.
 */
import { dayNumber, fromDayNumber, type IsoDate } from '../calendar.ts';
import type { GarageIndex } from '../garage-index.ts';
import type { Customer, Job, Unit } from '../records.ts';
import type { Occasion, TriggerWindow } from './rule.ts';

/** Writes an occasion's Reason column from the occasion itself, e.g. "MOT due 12/12/2026". */
export type Describe = (occasion: Occasion) => string;

class LazyOccasion implements Occasion {
  #reason: string | undefined;
  readonly customer: Customer;
  readonly unit: Unit | null;
  readonly job: Job | null;
  readonly subject: string;
  readonly triggerDate: IsoDate;
  readonly #describe: Describe;

  constructor(customer: Customer, unit: Unit | null, job: Job | null, subject: string, triggerDate: IsoDate, describe: Describe) {
    this.customer = customer;
    this.unit = unit;
    this.job = job;
    this.subject = subject;
    this.triggerDate = triggerDate;
    this.#describe = describe;
  }

  get reason(): string {
    this.#reason ??= this.#describe(this);
    return this.#reason;
  }
}

export function occasion(customer: Customer, unit: Unit | null, job: Job | null, subject: string, triggerDate: IsoDate, describe: Describe): Occasion {
  return new LazyOccasion(customer, unit, job, subject, triggerDate, describe);
}

/** Subject of an Action ID for a customer-level rule (birthday, Christmas, drifting). */
export const CUSTOMER_SUBJECT = '-';

const EVERY_DATE: TriggerWindow = { from: '', to: '\uffff' };

/** The window to filter by: the engine's, or one every date passes. */
export function windowOrAll(window: TriggerWindow | undefined): TriggerWindow {
  return window ?? EVERY_DATE;
}

/**
 * One occasion per unit whose trigger falls in the window, for the unit's owner; units whose owner
 * is unknown are skipped. `applies`, when given, is asked only about units already in the window
 * (it may be dearer than the trigger, e.g. "not a combined MOT & service").
 */
export function unitOccasions(
  garage: GarageIndex,
  window: TriggerWindow | undefined,
  trigger: (unit: Unit) => IsoDate | null,
  describe: Describe,
  applies?: (unit: Unit) => boolean,
): Occasion[] {
  const { from, to } = windowOrAll(window);
  const found: Occasion[] = [];
  for (const unit of garage.units) {
    const date = trigger(unit);
    if (date === null || date < from || date > to) continue;
    if (applies && !applies(unit)) continue;
    const customer = garage.customerByCode.get(unit.customerCode);
    if (customer) found.push(occasion(customer, unit, null, unit.registration, date, describe));
  }
  return found;
}

/** The customer a job belongs to: its own customer code, else the unit's owner. */
export function jobOwner(garage: GarageIndex, job: Job): Customer | undefined {
  const code = job.customerCode || garage.unitByRegistration.get(job.registration)?.customerCode;
  return code ? garage.customerByCode.get(code) : undefined;
}

/** One occasion per job whose trigger falls in the window; the subject is the job number. */
export function jobOccasions(garage: GarageIndex, window: TriggerWindow | undefined, trigger: (job: Job) => IsoDate | null, describe: Describe): Occasion[] {
  const { from, to } = windowOrAll(window);
  const found: Occasion[] = [];
  for (const job of garage.jobs) {
    const date = trigger(job);
    if (date === null || date < from || date > to) continue;
    const customer = jobOwner(garage, job);
    if (customer) found.push(occasion(customer, garage.unitByRegistration.get(job.registration) ?? null, job, job.jobNo, date, describe));
  }
  return found;
}

/** The first day number in [low, high] that passes a test the later days keep passing; high + 1 if none. */
function firstPassing(low: number, high: number, passes: (day: number) => boolean): number {
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    if (passes(middle)) high = middle - 1;
    else low = middle + 1;
  }
  return low;
}

// Far enough either side of any real trigger for the search below (Date.UTC misreads years 0–99).
const EARLIEST_DAY = dayNumber('1800-01-01');
const LATEST_DAY = dayNumber('2400-12-31');

/**
 * A trigger that is an imported date moved on (last visit + 15 months, sale + 2 years), worked
 * out only for the dates that can land in the window: the window is carried back through the
 * shift once, so each record costs a string comparison, not calendar arithmetic.
 * `shift` must never move a later date before an earlier one (adding months or years does not).
 */
export function shiftedTrigger(window: TriggerWindow | undefined, shift: (date: IsoDate) => IsoDate): (date: IsoDate | null) => IsoDate | null {
  let from = '';
  let to = '\uffff';
  if (window) {
    from = fromDayNumber(firstPassing(EARLIEST_DAY, LATEST_DAY, (d) => shift(fromDayNumber(d)) >= window.from));
    to = fromDayNumber(firstPassing(EARLIEST_DAY, LATEST_DAY, (d) => shift(fromDayNumber(d)) > window.to) - 1);
  }
  return (date) => (date !== null && date >= from && date <= to ? shift(date) : null);
}

/** True when any job for the unit has an appointment after the as-of date. */
export function hasFutureBooking(garage: GarageIndex, unit: Unit | null, asOf: IsoDate): boolean {
  if (!unit) return false;
  const jobs = garage.jobsByUnit.get(unit.registration);
  if (!jobs) return false;
  for (const job of jobs) if (job.appointmentDate !== null && job.appointmentDate > asOf) return true;
  return false;
}
