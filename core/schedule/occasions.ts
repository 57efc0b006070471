/**
 * Building blocks the rules share: how a unit, a job or a customer becomes an Occasion.
 *
 * A rule lists every occasion it could act on and the engine throws most of them away (outside
 * their window), so an occasion is cheap to make: its Reason text is only written when read.
 * Rules triggered per unit or per job say how they find it (RuleTrigger), so that the engine
 * reads each unit and each job once for all of them (forEachOccasion).
 */
import { dayNumber, fromDayNumber, type IsoDate } from '../calendar.ts';
import { ownerCode, type GarageIndex } from '../garage-index.ts';
import type { Customer, Job, Unit } from '../records.ts';
import { jobCancelled } from '../values/statuses.ts';
import type { ContactRule, Describe, Occasion, TriggerWindow } from './rule.ts';

class LazyOccasion implements Occasion {
  #reason: string | undefined;
  readonly customer: Customer;
  readonly unit: Unit | null;
  readonly job: Job | null;
  readonly subject: string;
  readonly triggerDate: IsoDate;
  readonly formerSubject: string | undefined;
  readonly #describe: Describe;

  constructor(customer: Customer, unit: Unit | null, job: Job | null, subject: string, triggerDate: IsoDate, describe: Describe, formerSubject?: string) {
    this.customer = customer;
    this.unit = unit;
    this.job = job;
    this.subject = subject;
    this.triggerDate = triggerDate;
    this.#describe = describe;
    this.formerSubject = formerSubject;
  }

  get reason(): string {
    this.#reason ??= this.#describe(this);
    return this.#reason;
  }
}

export function occasion(customer: Customer, unit: Unit | null, job: Job | null, subject: string, triggerDate: IsoDate, describe: Describe, formerSubject?: string): Occasion {
  return new LazyOccasion(customer, unit, job, subject, triggerDate, describe, formerSubject);
}

/** Subject of an Action ID for a customer-level rule (birthday, Christmas, drifting). */
export const CUSTOMER_SUBJECT = '-';

const EVERY_DATE: TriggerWindow = { from: '', to: '\uffff' };

/** The window to filter by: the engine's, or one every date passes. */
export function windowOrAll(window: TriggerWindow | undefined): TriggerWindow {
  return window ?? EVERY_DATE;
}

/** A trigger looking for its occasions in a window, and who takes each one found. */
interface Search<T> {
  date: (record: T) => IsoDate | null;
  describe: Describe;
  applies: ((record: T) => boolean) | null;
  from: IsoDate;
  to: IsoDate;
  take: (occasion: Occasion) => void;
}

function search<T>(
  trigger: { date: (record: T) => IsoDate | null; describe: Describe; applies?: (record: T) => boolean },
  window: TriggerWindow | undefined,
  take: (occasion: Occasion) => void,
): Search<T> {
  const { from, to } = windowOrAll(window);
  return { date: trigger.date, describe: trigger.describe, applies: trigger.applies ?? null, from, to, take };
}

/**
 * Several unit triggers, each in its own window, in one pass over the units: one occasion per unit
 * whose trigger falls in the window, for the unit's owner; units whose owner is unknown are skipped.
 */
function searchUnits(garage: GarageIndex, searches: readonly Search<Unit>[]): void {
  if (searches.length === 0) return;
  // Counted loops: a pass runs once per build, mostly before the optimiser steps in, and there
  // for-of allocates at every step.
  const units = garage.units;
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    // undefined: not looked up yet; null: not in the customer file.
    let customer: Customer | null | undefined;
    for (let k = 0; k < searches.length; k++) {
      const s = searches[k]!;
      const date = s.date(unit);
      if (date === null || date < s.from || date > s.to) continue;
      if (s.applies && !s.applies(unit)) continue;
      if (customer === undefined) customer = garage.customerByCode.get(unit.customerCode) ?? null;
      if (customer) s.take(occasion(customer, unit, null, unit.registration, date, s.describe));
    }
  }
}

/**
 * Several job triggers, each in its own window, in one pass over the jobs. A job cancelled or not
 * attended (its status says so) is no booking and no visit: it sets off no job rule at all.
 */
function searchJobs(garage: GarageIndex, searches: readonly Search<Job>[]): void {
  if (searches.length === 0) return;
  const jobs = garage.jobs;
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j]!;
    let customer: Customer | null | undefined;
    let unit: Unit | null | undefined;
    for (let k = 0; k < searches.length; k++) {
      const s = searches[k]!;
      const date = s.date(job);
      if (date === null || date < s.from || date > s.to) continue;
      // Asked only of jobs in a window, and once: the owner is looked up only when the job counts.
      if (customer === undefined) customer = jobCancelled(job.status) ? null : (jobOwner(garage, job) ?? null);
      if (!customer) continue;
      if (unit === undefined) unit = garage.unitByRegistration.get(job.registration) ?? null;
      s.take(occasion(customer, unit, job, job.jobNo, date, s.describe));
    }
  }
}

/**
 * Hands every rule's occasions in its window to `take`, as they are found: first those of the
 * rules that list their own, rule by rule; then, in one pass over the units, those of every rule
 * with one occasion per unit; then, in one pass over the jobs, the per-job ones. Taking each
 * occasion at once (rather than listing them all first) deals with it while its unit and customer
 * are still at hand.
 */
export function forEachOccasion<Run extends { rule: ContactRule; window: TriggerWindow }>(
  garage: GarageIndex,
  asOf: IsoDate,
  runs: readonly Run[],
  take: (run: Run, occasion: Occasion) => void,
): void {
  const unitSearches: Search<Unit>[] = [];
  const jobSearches: Search<Job>[] = [];
  for (const run of runs) {
    const trigger = run.rule.trigger;
    const taker = (occasion: Occasion) => take(run, occasion);
    switch (trigger.kind) {
      case 'unit':
        unitSearches.push(search(trigger.find(run.window), run.window, taker));
        break;
      case 'job':
        jobSearches.push(search(trigger.find(run.window), run.window, taker));
        break;
      case 'own':
        for (const occasion of trigger.occasions(garage, asOf, run.window)) take(run, occasion);
    }
  }
  searchUnits(garage, unitSearches);
  searchJobs(garage, jobSearches);
}

/** The customer a job belongs to: its own customer code, else the unit's owner. */
function jobOwner(garage: GarageIndex, job: Job): Customer | undefined {
  const code = ownerCode(garage.unitByRegistration, job);
  return code ? garage.customerByCode.get(code) : undefined;
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

/** True when the unit has an appointment after D: a reminder would cross a booking already made. */
export function hasFutureBooking(garage: GarageIndex, unit: Unit | null, asOf: IsoDate): boolean {
  return unit !== null && garage.bookedInAfter(asOf).has(unit.registration);
}
