/**
 * The individual process: one contact, chosen by hand — a customer, the contact due, the vehicle
 * or job it is about, and the method — as the DMS's retention centre offers beside its regular
 * "process all". The contact is that contact due's rule from the garage's schedule, so its Action
 * ID, template, purpose and reason are the ones the regular process would give the same occasion:
 * an MOT reminder sent by hand settles the MOT reminder the schedule would have listed.
 *
 * What a hand choice overrides: the timing (window, offset), a rule's own condition ("not while
 * booked in") and the block days — the user chose to send it now. What it never overrides: who may
 * be contacted at all, the customer's opt-outs and marketing consents, a usable address, and the
 * channels the rule is set to use. Each refusal is a sentence saying why.
 */
import { addDays, daysBetween, type IsoDate } from '../calendar.ts';
import { addressFor, channelRefusal, chooseMethod, notContactable } from '../contact/eligibility.ts';
import { ownerCode, type GarageIndex } from '../garage-index.ts';
import type { KeptState } from '../kept-state.ts';
import { METHODS, type Customer, type Method } from '../records.ts';
import type { Retention } from '../retention.ts';
import type { DueAction } from '../results.ts';
import type { GarageSettings } from '../settings.ts';
import { jobCancelled } from '../values/statuses.ts';
import { actionIdOf, dueAction } from './due-action.ts';
import { occasion } from './occasions.ts';
import type { ContactRule, Occasion, Purpose } from './rule.ts';

/** What the individual process works from: this session's records, the garage's schedule and settings. */
export interface IndividualProcess {
  garage: GarageIndex;
  rules: readonly ContactRule[];
  settings: GarageSettings;
  /** Customers marked lapsed now (a customer who came back is not). */
  lapsed: ReadonlySet<string>;
  asOf: IsoDate;
}

/** The individual process for what a build worked out: its records, and the workbook's schedule, settings and lapsed marks. */
export function individualProcess(retention: Retention, kept: Pick<KeptState, 'schedule' | 'settings'>): IndividualProcess {
  const lapsed = new Set<string>();
  for (const row of retention.lifecycle) if (row.status === 'Lapsed') lapsed.add(row.code);
  return { garage: retention.garage, rules: kept.schedule.rules, settings: kept.settings, lapsed, asOf: retention.asOf };
}

/** One thing a contact could be about: a vehicle, a job, an advisory item, or the customer. */
export interface IndividualSubject {
  /** The Action ID's subject: a registration, a job number, an advisory item, or '-' for the customer. */
  subject: string;
  /** "AB12 CDE — MOT due 12/12/2026", as the pane lists it. */
  label: string;
  /** Why this one cannot be chosen (its record has no date the rule works from); null when it can. */
  refusal: string | null;
}

export interface IndividualContactDue {
  contactDue: string;
  type: string;
  purpose: Purpose;
  /** What it could be about for this customer, the one nearest today first; empty: see `refusal`. */
  subjects: IndividualSubject[];
  /** Why this contact due cannot go to this customer at all; null when a subject can be chosen. */
  refusal: string | null;
}

export interface IndividualMethod {
  method: Method;
  /** Where it would go; '' when it cannot. */
  to: string;
  /** Why the customer cannot be sent this by this method; null when they can. */
  refusal: string | null;
}

export interface IndividualChoice {
  customerCode: string;
  contactDue: string;
  method: Method;
  /** The vehicle, job or item (IndividualSubject.subject); left out: the one nearest today. */
  subject?: string;
}

export type IndividualAction = { action: DueAction & { method: Method } } | { refused: string };

/** Occasions further than this from today are not offered: a year either way finds every yearly one. */
const REACH_DAYS = 400;

const ABOUT: Record<ContactRule['trigger']['kind'], string> = { unit: 'vehicle', job: 'job', own: 'occasion' };

function candidates(process: IndividualProcess, rule: ContactRule, customer: Customer): { subjects: IndividualSubject[]; occasions: Map<string, Occasion> } {
  const { garage, asOf } = process;
  const occasions = new Map<string, Occasion>();
  const subjects: IndividualSubject[] = [];
  const noDate = (what: string) => `${what} has no ${rule.trigger.wording} in the exports, which the ${rule.contactDue} is worked out from`;
  const trigger = rule.trigger;
  if (trigger.kind === 'unit') {
    const found = trigger.find(undefined);
    for (const unit of garage.units) {
      if (unit.customerCode !== customer.code) continue;
      const date = found.date(unit);
      const shown = unit.registrationDisplay || unit.registration;
      if (date === null) {
        subjects.push({ subject: unit.registration, label: `${shown} ${unit.make} ${unit.model}`.trim(), refusal: noDate(shown) });
        continue;
      }
      const o = occasion(customer, unit, null, unit.registration, date, found.describe);
      occasions.set(o.subject, o);
    }
  } else if (trigger.kind === 'job') {
    const found = trigger.find(undefined);
    for (const job of garage.jobs) {
      if (jobCancelled(job.status) || ownerCode(garage.unitByRegistration, job) !== customer.code) continue;
      const date = found.date(job);
      if (date === null) {
        subjects.push({ subject: job.jobNo, label: `Job ${job.jobNo} ${job.description}`.trim(), refusal: noDate(`Job ${job.jobNo}`) });
        continue;
      }
      const unit = garage.unitByRegistration.get(job.registration) ?? null;
      const o = occasion(customer, unit, job, job.jobNo, date, found.describe);
      occasions.set(o.subject, o);
    }
  } else {
    const window = { from: addDays(asOf, -REACH_DAYS), to: addDays(asOf, REACH_DAYS) };
    for (const o of trigger.occasions(garage, asOf, window)) {
      if (o.customer.code !== customer.code) continue;
      // A yearly occasion (Christmas, a birthday) comes once a year: the one nearest today stands for it.
      const held = occasions.get(o.subject);
      if (!held || distance(rule, o, asOf) < distance(rule, held, asOf)) occasions.set(o.subject, o);
    }
  }
  const dated = [...occasions.values()].sort((a, b) => distance(rule, a, asOf) - distance(rule, b, asOf));
  const chosen = dated.map((o): IndividualSubject => ({ subject: o.subject, label: subjectLabel(o), refusal: null }));
  return { subjects: [...chosen, ...subjects], occasions };
}

/** Days between today and the day the rule would contact about this occasion. */
function distance(rule: ContactRule, o: Occasion, asOf: IsoDate): number {
  return Math.abs(daysBetween(asOf, addDays(o.triggerDate, rule.offsetDays)));
}

function subjectLabel(o: Occasion): string {
  if (o.job) return `Job ${o.job.jobNo} — ${o.reason}`;
  if (o.unit && o.subject === o.unit.registration) return `${o.unit.registrationDisplay || o.unit.registration} — ${o.reason}`;
  return o.reason;
}

/** The rule of a contact due: the first enabled one with those words (the Schedule sheet's). */
function ruleFor(process: IndividualProcess, contactDue: string): ContactRule | undefined {
  const wanted = contactDue.trim().toLowerCase();
  return process.rules.find((r) => r.enabled && r.contactDue.toLowerCase() === wanted);
}

function unknownCustomer(code: string): string {
  return `There is no customer ${code} in the exports loaded: check the code, or load this week's exports again.`;
}

/** The contact dues the schedule offers, and what each could be about for this customer. */
export function individualContactDues(process: IndividualProcess, customerCode: string): IndividualContactDue[] {
  const customer = process.garage.customerByCode.get(customerCode);
  if (!customer) return [];
  const seen = new Set<string>();
  const dues: IndividualContactDue[] = [];
  for (const rule of process.rules) {
    if (!rule.enabled || seen.has(rule.contactDue.toLowerCase())) continue;
    seen.add(rule.contactDue.toLowerCase());
    const { subjects } = candidates(process, rule, customer);
    const refusal = subjects.length > 0 ? null : `${customer.name} has no ${ABOUT[rule.trigger.kind]} in the exports that a ${rule.contactDue} could be about`;
    dues.push({ contactDue: rule.contactDue, type: rule.type, purpose: rule.purpose, subjects, refusal });
  }
  return dues;
}

/** Each method, and why it cannot be used for this contact due when it cannot. */
export function individualMethods(process: IndividualProcess, customerCode: string, contactDue: string): IndividualMethod[] {
  const customer = process.garage.customerByCode.get(customerCode);
  const rule = ruleFor(process, contactDue);
  return METHODS.map((method) => {
    if (!customer) return { method, to: '', refusal: unknownCustomer(customerCode) };
    if (!rule) return { method, to: '', refusal: `the schedule has no ${contactDue} switched on` };
    return methodFor(process, rule, customer, method);
  });
}

function methodFor(process: IndividualProcess, rule: ContactRule, customer: Customer, method: Method): IndividualMethod {
  const nobody = notContactable(customer, process.lapsed.has(customer.code));
  if (nobody) return { method, to: '', refusal: `${customer.name} ${nobody}: nobody contacts them` };
  const order = rule.channelOrder ?? process.settings.channelOrder;
  if (!order.includes(method)) return { method, to: '', refusal: `the ${rule.contactDue} goes only by ${order.join(', ')} (Schedule sheet)` };
  const refused = channelRefusal(customer, rule.purpose, method);
  if (refused) {
    const marketing = rule.purpose === 'marketing' && !refused.startsWith('opted out') ? `, and the ${rule.contactDue} is marketing` : '';
    return { method, to: '', refusal: `${customer.name} ${refused}${marketing}` };
  }
  const to = addressFor(customer, method);
  if (!to) return { method, to: '', refusal: `${customer.name} has ${METHOD_ADDRESS[method]} on record: fix it in the DMS and load the exports again` };
  return { method, to, refusal: null };
}

const METHOD_ADDRESS: Record<Method, string> = { Email: 'no valid email address', SMS: 'no valid mobile number', Letter: 'no postal address (first line and postcode)' };

/**
 * The due action for a contact chosen by hand, or why it cannot go, e.g.
 * individualAction(process, { customerCode: 'C1', contactDue: 'MOT Reminder', method: 'SMS' })
 * → { action: { actionId: 'mot-1/C1/AB12CDE/2026-12-12', method: 'SMS', to: '+447700900123', … } }.
 * Its date is today (it is sent now); its trigger date is the occasion's own.
 */
export function individualAction(process: IndividualProcess, choice: IndividualChoice): IndividualAction {
  const customer = process.garage.customerByCode.get(choice.customerCode);
  if (!customer) return { refused: unknownCustomer(choice.customerCode) };
  const rule = ruleFor(process, choice.contactDue);
  if (!rule) return { refused: `The schedule has no ${choice.contactDue} switched on: see the Schedule sheet.` };
  const method = methodFor(process, rule, customer, choice.method);
  if (method.refusal) return { refused: `Not sent by ${choice.method}: ${method.refusal}.` };

  const { subjects, occasions } = candidates(process, rule, customer);
  // Left to choose: the nearest that can go, else the first, so its reason is the one given.
  const wanted = choice.subject ?? (subjects.find((s) => s.refusal === null) ?? subjects[0])?.subject;
  const picked = wanted === undefined ? undefined : subjects.find((s) => s.subject === wanted);
  if (!picked) {
    return { refused: `${customer.name} has no ${ABOUT[rule.trigger.kind]} in the exports that a ${rule.contactDue} could be about${choice.subject ? ` (${choice.subject})` : ''}.` };
  }
  if (picked.refusal) return { refused: `${picked.refusal}.` };
  const found = occasions.get(picked.subject)!;
  // The other methods and addresses as the schedule would list them, for the Method dropdown's sake.
  const chosen = chooseMethod(customer, rule.purpose, rule.channelOrder ?? process.settings.channelOrder);
  const action = dueAction(rule, found, actionIdOf(rule, found), process.asOf, chosen);
  return { action: { ...action, method: choice.method, to: method.to } };
}

