/**
 * The shape of a contact rule. The default schedule and the user's custom rules (Schedule sheet)
 * both become ContactRules; the engine runs any of them the same way and never asks which it is.
 */
import type { IsoDate } from '../calendar.ts';
import type { GarageIndex } from '../garage-index.ts';
import type { Customer, Job, Method, Unit } from '../records.ts';

/** service: reminders the customer needs; marketing: needs consent on email and SMS. */
export type Purpose = 'service' | 'marketing';
export type Centre = 'workshop' | 'unit sales' | 'customer';

/** One moment a rule could contact a customer about: a unit's MOT date, a birthday, a finished job. */
export interface Occasion {
  customer: Customer;
  unit: Unit | null;
  job: Job | null;
  /** The unit-or-job part of the Action ID: registration, job number, or '-' for the customer. */
  subject: string;
  triggerDate: IsoDate;
  /** Plain words for the Reason column, e.g. "MOT due 12/12/2026". */
  reason: string;
  /**
   * The subject earlier versions named this occasion by (an advisory's job number, before each
   * item was its own subject): a Contact Log line written then still settles and blocks it, so
   * nothing already sent comes back after an upgrade.
   */
  formerSubject?: string;
}

/** The parts of a rule that are data: what a Schedule sheet row can set or override. */
export interface RuleSettings {
  contactDue: string;
  type: string;
  centre: Centre;
  offsetDays: number;
  windowDays: number;
  purpose: Purpose;
  /** null: the garage's default order (Settings). */
  channelOrder: Method[] | null;
  blockDays: number | null;
  /** Template name in templates/, without channel extension. */
  template: string;
  enabled: boolean;
}

/** The trigger dates (inclusive) that can be due on the as-of date under a rule's offset and window. */
export interface TriggerWindow {
  from: IsoDate;
  to: IsoDate;
}

/** Writes an occasion's Reason column from the occasion itself, e.g. "MOT due 12/12/2026". */
export type Describe = (occasion: Occasion) => string;

/**
 * How a rule with one occasion per unit finds it in a window: the unit's trigger date (null when it
 * has none that can fall in the window) and, when given, `applies`, asked only about units already
 * in the window (it may be dearer than the date, e.g. "not a combined MOT & service").
 */
export interface UnitTrigger {
  date: (unit: Unit) => IsoDate | null;
  describe: Describe;
  applies?: (unit: Unit) => boolean;
}

/** How a rule with one occasion per job finds it in a window; the subject is the job number. */
export interface JobTrigger {
  date: (job: Job) => IsoDate | null;
  describe: Describe;
}

/**
 * What sets a rule off, and how the Schedule sheet words it ("unit MOT due date"). A rule with one
 * occasion per unit (or per job) says only how to read a unit's (or a job's) trigger date: the
 * engine reads every unit once for all such rules, rather than once per rule. Any other rule
 * (birthdays, Christmas, drifting customers, advisory items) lists its own occasions.
 *
 * `window`, when given, lets a trigger pass over records whose date falls outside it before doing
 * any work on them (the engine drops those anyway).
 */
export type RuleTrigger =
  | { kind: 'unit'; wording: string; find: (window: TriggerWindow | undefined) => UnitTrigger }
  | { kind: 'job'; wording: string; find: (window: TriggerWindow | undefined) => JobTrigger }
  | { kind: 'own'; wording: string; occasions: (garage: GarageIndex, asOf: IsoDate, window?: TriggerWindow) => Iterable<Occasion> };

export interface ContactRule extends RuleSettings {
  id: string;
  /** Every occasion this rule could act on; the engine applies the window, consent, log and block days. */
  trigger: RuleTrigger;
  /** Extra condition on the as-of date, e.g. "no future booking for the unit". */
  holds?(occasion: Occasion, garage: GarageIndex, asOf: IsoDate): boolean;
  /**
   * The earlier stages of the same reminder (ids) that this later stage replaces on a day both
   * would go to the same customer about the same subject: one reminder per occasion per day, and
   * the later one wins (mot-2 over mot-1 and combined on mot-2's first day).
   */
  supersedes?: readonly string[];
}
