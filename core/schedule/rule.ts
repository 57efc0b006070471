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

export interface ContactRule extends RuleSettings {
  id: string;
  /**
   * Every occasion this rule could act on; the engine applies the window, consent, log and block days.
   * `window`, when given, lets a rule skip occasions whose trigger falls outside it before doing any
   * work on them (the engine drops those anyway). A rule with one occasion per unit or per job makes
   * this with perUnit or perJob (occasions.ts), so that the engine can search the units and the jobs
   * once for all such rules.
   */
  occasions(garage: GarageIndex, asOf: IsoDate, window?: TriggerWindow): Iterable<Occasion>;
  /** Extra condition on the as-of date, e.g. "no future booking for the unit". */
  holds?(occasion: Occasion, garage: GarageIndex, asOf: IsoDate): boolean;
}
