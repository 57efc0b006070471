/**
 * The garage's own rules, and its changes to the default ones, from the Schedule sheet.
 *
 * A custom rule says which date triggers it (a column of units, customers or jobs, plus whole
 * years if wanted), the offset and window in days, the purpose, the channel order, the template
 * and simple conditions ("unit.make = Honda"). A row that cannot be read is returned with its
 * reasons, never thrown, so one bad row is highlighted and skipped while the rest still run.
 */
import { addYears, ukDate, type IsoDate } from '../calendar.ts';
import type { GarageIndex } from '../garage-index.ts';
import { ruleProblem, type Problem, type Result } from '../problems.ts';
import type { Customer, Job, Method, Unit } from '../records.ts';
import { readCondition, type Condition, type RecordName } from './conditions.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { CUSTOMER_SUBJECT, occasion, shiftedTrigger, windowOrAll } from './occasions.ts';
import type { Centre, ContactRule, Describe, Occasion, Purpose, RuleSettings, RuleTrigger, TriggerWindow } from './rule.ts';
import {
  isBlank,
  readCentre,
  readChannelOrder,
  readFlag,
  readPurpose,
  readWholeNumber,
  type Cell,
  type RuleRead,
} from './rule-settings-check.ts';
import { birthdayIn } from './rules/birthday.ts';
import { yearsAround } from './rules/customer-years.ts';

export type { Cell } from './rule-settings-check.ts';

/** One Schedule sheet row for a custom rule, as its cells give it. */
export interface CustomRuleDefinition {
  id: Cell;
  contactDue: Cell;
  /** The Type column; defaults to the contact due. */
  type?: Cell;
  /** workshop, unit sales or customer; defaults from the trigger. */
  centre?: Cell;
  /** The trigger column, in words ("unit sale date", as the built-in rows show) or as a code ("unit.saleDate"); see readTrigger. */
  trigger: Cell;
  /** Whole years added to the trigger date (e.g. first registered + 3 years = first MOT). */
  years?: Cell;
  offsetDays: Cell;
  windowDays: Cell;
  purpose: Cell;
  /** "Letter, Email, SMS"; blank: the garage's order (Settings). */
  channelOrder?: Cell | readonly Cell[];
  /** Blank: the rule id. */
  template?: Cell;
  /** "unit.make = Honda"; several in a list, or in one cell separated by ";" or new lines. */
  conditions?: Cell | readonly Cell[];
  /** Blank: the garage's block days (Settings); 0 for job triggers. */
  blockDays?: Cell;
  /** Blank: enabled. */
  enabled?: Cell;
}

interface TriggerSpec {
  records: readonly RecordName[];
  centre: Centre;
  /**
   * The rule's trigger, each date moved on by `years`. Vehicle and job triggers are of kind unit
   * and job, so a custom rule joins the defaults' one pass over the vehicles or the jobs.
   */
  trigger(years: number, wording: string): RuleTrigger;
}

/** The date moved on by whole years (unchanged for 0), worked out only for dates that can land in the window. */
function yearsLater(years: number, window: TriggerWindow | undefined): (date: IsoDate | null) => IsoDate | null {
  return shiftedTrigger(window, years ? (date) => addYears(date, years) : (date) => date);
}

function describeFrom(label: string, base: (o: Occasion) => IsoDate | null | undefined, years: number): Describe {
  const plus = years ? ` + ${years} year${years === 1 ? '' : 's'}` : '';
  return (o) => `${label} ${ukDate(base(o) ?? o.triggerDate)}${plus}`;
}

function unitTrigger(field: keyof Unit & string, label: string): TriggerSpec {
  const read = (u: Unit | null) => (u ? (u[field] as IsoDate | null) : null);
  return {
    records: ['customer', 'unit'],
    centre: field === 'saleDate' || field === 'warrantyEnd' || field === 'financeEnd' ? 'unit sales' : 'workshop',
    trigger: (years, wording) => ({
      kind: 'unit',
      wording,
      find: (window) => {
        const move = yearsLater(years, window);
        return { date: (u) => move(read(u)), describe: describeFrom(label, (o) => read(o.unit), years) };
      },
    }),
  };
}

function jobTrigger(field: keyof Job & string, label: string): TriggerSpec {
  const read = (j: Job | null) => (j ? (j[field] as IsoDate | null) : null);
  return {
    records: ['customer', 'unit', 'job'],
    centre: 'workshop',
    trigger: (years, wording) => ({
      kind: 'job',
      wording,
      find: (window) => {
        const move = yearsLater(years, window);
        return { date: (j) => move(read(j)), describe: describeFrom(label, (o) => read(o.job), years) };
      },
    }),
  };
}

/** Every year's birthday around the as-of date; with years, the one birthday that many years after birth (e.g. the 17th). */
const birthdayTrigger: TriggerSpec = {
  records: ['customer'],
  centre: 'customer',
  trigger: (years, wording) => ({ kind: 'own', wording, occasions: (garage, asOf, window) => birthdayOccasions(garage, asOf, window, years) }),
};

function birthdayOccasions(garage: GarageIndex, asOf: IsoDate, window: TriggerWindow | undefined, years: number): Occasion[] {
  const { from, to } = windowOrAll(window);
  const found: Occasion[] = [];
  const describe: Describe = (o) => `Birthday ${ukDate(o.customer.dateOfBirth ?? o.triggerDate)}${years ? ` (${years} years)` : ''}`;
  const move = yearsLater(years, window);
  const inWindow = (day: IsoDate) => day >= from && day <= to;
  for (const customer of garage.customers) {
    const born = customer.dateOfBirth;
    if (!born) continue;
    if (years) {
      const day = move(born);
      if (day && inWindow(day)) found.push(occasion(customer, null, null, CUSTOMER_SUBJECT, day, describe));
      continue;
    }
    for (const year of yearsAround(asOf)) {
      const day = birthdayIn(born, year);
      if (day > born && inWindow(day)) found.push(occasion(customer, null, null, CUSTOMER_SUBJECT, day, describe));
    }
  }
  return found;
}

/** The customer's last visit as the lifecycle sees it: latest completed job, else the export's date. */
const lastVisitTrigger: TriggerSpec = {
  records: ['customer'],
  centre: 'customer',
  trigger: (years, wording) => ({ kind: 'own', wording, occasions: (garage, _asOf, window) => lastVisitOccasions(garage, window, years) }),
};

function lastVisitOccasions(garage: GarageIndex, window: TriggerWindow | undefined, years: number): Occasion[] {
  const move = yearsLater(years, window);
  const found: Occasion[] = [];
  for (const [code, visit] of garage.lastVisitByCustomer) {
    const day = move(visit.date);
    if (day === null) continue;
    const customer: Customer | undefined = garage.customerByCode.get(code);
    if (!customer) continue;
    found.push(occasion(customer, null, null, CUSTOMER_SUBJECT, day, describeFrom('Last visit', () => visit.date, years)));
  }
  return found;
}

const TRIGGERS: Record<string, TriggerSpec> = {
  'unit.motDue': unitTrigger('motDue', 'MOT due'),
  'unit.saleDate': unitTrigger('saleDate', 'Sold'),
  'unit.warrantyEnd': unitTrigger('warrantyEnd', 'Warranty ends'),
  'unit.financeEnd': unitTrigger('financeEnd', 'Finance ends'),
  'unit.firstRegistered': unitTrigger('firstRegistered', 'First registered'),
  'unit.lastService': unitTrigger('lastService', 'Last service'),
  'unit.nextService': unitTrigger('nextService', 'Service due'),
  'customer.dateOfBirth': birthdayTrigger,
  'customer.lastVisit': lastVisitTrigger,
  'job.completedDate': jobTrigger('completedDate', 'Completed'),
  'job.appointmentDate': jobTrigger('appointmentDate', 'Appointment'),
  'job.bookedDate': jobTrigger('bookedDate', 'Booked'),
};

/** The trigger columns a custom rule can name. */
export const CUSTOM_TRIGGERS: readonly string[] = Object.keys(TRIGGERS);

/**
 * Each trigger column in the words the Schedule sheet's built-in rows use ("unit MOT due date"):
 * a custom rule may give these, or the column's code ("unit.motDue"), and is worded in them.
 */
export const TRIGGER_WORDS: Readonly<Record<string, string>> = {
  'unit.motDue': 'unit MOT due date',
  'unit.saleDate': 'unit sale date',
  'unit.warrantyEnd': 'unit warranty end date',
  'unit.financeEnd': 'unit finance end date',
  'unit.firstRegistered': 'unit first registered date',
  'unit.lastService': 'unit last service date',
  'unit.nextService': 'unit next service date',
  'customer.dateOfBirth': 'customer date of birth',
  'customer.lastVisit': 'customer last visit',
  'job.completedDate': 'job completed date',
  'job.appointmentDate': 'job appointment date',
  'job.bookedDate': 'job booked date',
};

/** Lower case, single spaces: how trigger words are compared. */
const squeeze = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

const TRIGGER_BY_WORDS = new Map<string, string>([
  ...CUSTOM_TRIGGERS.map((t) => [t.toLowerCase(), t] as const),
  ...Object.entries(TRIGGER_WORDS).map(([t, words]) => [squeeze(words), t] as const),
  // As the built-in birthday and drifting rows word theirs.
  ['next birthday', 'customer.dateOfBirth'],
  ['date of birth', 'customer.dateOfBirth'],
  ['last visit', 'customer.lastVisit'],
]);

/**
 * The trigger column a Trigger cell names, and any "+ N years" written in it. A row copied from a
 * built-in one reads as that rule's date: what the built-in wording adds in brackets or after a
 * comma ("(not while the unit is booked in)", ", appointment in the future") is the built-in
 * rule's own condition, which a custom rule does not take.
 *
 * @example readTrigger('unit sale date + 2 years') // { name: 'unit.saleDate', years: 2 }
 */
export function readTrigger(cell: Cell): { name: string; years: number | null } | null {
  let words = squeeze(text(cell).replace(/\([^)]*\)/g, ' ').split(',')[0] ?? '');
  let years: number | null = null;
  const plus = /\s*\+\s*(\d+)\s*years?$/.exec(words);
  if (plus) {
    years = Number(plus[1]);
    words = words.slice(0, plus.index).trim();
  }
  const name = TRIGGER_BY_WORDS.get(words);
  return name ? { name, years } : null;
}

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function text(cell: Cell): string {
  return isBlank(cell) ? '' : String(cell).trim();
}

function conditionTexts(cell: Cell | readonly Cell[] | undefined): string[] {
  const cells = Array.isArray(cell) ? cell : [cell as Cell];
  return cells.flatMap((c) => text(c).split(/\s*[;\n]\s*/)).filter((t) => t !== '');
}

/** Collects readers' problems while keeping their values. */
function collector(problems: Problem[]) {
  return <T>(read: RuleRead<T>, fallback: T): T => {
    if ('problem' in read) {
      problems.push(read.problem);
      return fallback;
    }
    return read.value;
  };
}

/**
 * A ContactRule from a Schedule row (null when it cannot be one, with every reason), e.g.
 * buildCustomRule({ id: 'first-mot', contactDue: 'First MOT', trigger: 'unit.firstRegistered',
 * years: 3, offsetDays: -30, windowDays: 21, purpose: 'service' }). `takenIds`: ids already in
 * use (the default rules' unless told), compared without regard to case.
 */
export function buildCustomRule(
  def: CustomRuleDefinition,
  takenIds: Iterable<string> = DEFAULT_RULES.map((r) => r.id),
): Result<ContactRule | null> {
  const problems: Problem[] = [];
  const take = collector(problems);

  const id = text(def.id);
  if (!id) problems.push(ruleProblem('id', 'rule_id_missing', 'The rule needs an id, e.g. "first-mot".'));
  else if (!RULE_ID.test(id)) {
    problems.push(ruleProblem('id', 'rule_id_invalid', `Rule id "${id}" may use only letters, digits, "-" and "_" (it becomes part of every Action ID).`));
  } else if ([...takenIds].some((t) => t.toLowerCase() === id.toLowerCase())) {
    problems.push(ruleProblem('id', 'rule_id_duplicate', `Rule id "${id}" is already used by another rule; choose another.`));
  }

  const contactDue = text(def.contactDue);
  if (!contactDue) problems.push(ruleProblem('contactDue', 'text_missing', 'The rule needs a Contact Due name, e.g. "First MOT Reminder".'));

  const triggerRead = readTrigger(def.trigger);
  const triggerName = triggerRead?.name;
  const trigger = triggerName ? TRIGGERS[triggerName] : undefined;
  if (!trigger) {
    // Short enough to read in a cell: the value cut short, an example rather than the whole list.
    const given = text(def.trigger);
    const shown = given.length > 30 ? `${given.slice(0, 28)}…` : given;
    problems.push(ruleProblem('trigger', 'trigger_unknown', `Trigger "${shown}" is not a date a custom rule can use, e.g. "unit MOT due date".`));
  }

  // The Years cell, else any "+ N years" in the trigger's words.
  const years = isBlank(def.years) ? (triggerRead?.years ?? 0) : take(readWholeNumber(def.years, 'years', 'Years', 0), 0);
  const offsetDays = take(readWholeNumber(def.offsetDays, 'offsetDays', 'Offset'), 0);
  const windowDays = take(readWholeNumber(def.windowDays, 'windowDays', 'Window', 0), 0);
  const purpose = take<Purpose>(readPurpose(def.purpose), 'service');
  const centre = isBlank(def.centre as Cell) ? (trigger?.centre ?? 'workshop') : take(readCentre(def.centre), 'workshop');
  const channelOrder = isBlank(def.channelOrder as Cell) ? null : take<Method[] | null>(readChannelOrder(def.channelOrder), null);
  const jobTriggered = trigger?.records.includes('job') ?? false;
  const blockDays = isBlank(def.blockDays) ? (jobTriggered ? 0 : null) : take<number | null>(readWholeNumber(def.blockDays, 'blockDays', 'Block days', 0), null);
  const enabled = isBlank(def.enabled) ? true : take(readFlag(def.enabled, 'enabled', 'Enabled'), true);

  const conditions: Condition[] = [];
  for (const condition of conditionTexts(def.conditions)) {
    const read = readCondition(condition, trigger?.records ?? ['customer', 'unit', 'job']);
    if ('problem' in read) problems.push(read.problem);
    else conditions.push(read.condition);
  }

  if (problems.length > 0 || !trigger) return { value: null, problems };

  const template = text(def.template) || id.toLowerCase().replace(/_/g, '-');
  return {
    problems,
    value: {
      id,
      contactDue,
      type: text(def.type) || contactDue,
      centre,
      offsetDays,
      windowDays,
      purpose,
      channelOrder,
      blockDays,
      template,
      enabled,
      trigger: trigger.trigger(years, `${TRIGGER_WORDS[triggerName!]}${years ? ` + ${years} year${years === 1 ? '' : 's'}` : ''}`),
      // The conditions are asked of each occasion in the window, as the engine asks any rule's holds.
      ...(conditions.length > 0 ? { holds: (o: Occasion) => conditions.every((c) => c(o)) } : {}),
    },
  };
}

/** A Schedule sheet row changing a rule's settings; fields left out keep the rule's own. */
export type RuleOverride = Partial<RuleSettings> & { id: string };

/** The override's settings, read the way a Schedule row is ("letter" → Letter), or why they cannot be used. */
function readOverride(o: RuleOverride): Result<Partial<RuleSettings>> {
  const problems: Problem[] = [];
  const changes: Partial<RuleSettings> = {};
  const set = <K extends keyof RuleSettings>(key: K, read: RuleRead<RuleSettings[K]>) => {
    if ('problem' in read) problems.push(read.problem);
    else changes[key] = read.value;
  };
  if (o.offsetDays !== undefined) set('offsetDays', readWholeNumber(o.offsetDays, 'offsetDays', 'Offset'));
  if (o.windowDays !== undefined) set('windowDays', readWholeNumber(o.windowDays, 'windowDays', 'Window', 0));
  if (o.blockDays !== undefined) set('blockDays', o.blockDays === null ? { value: null } : readWholeNumber(o.blockDays, 'blockDays', 'Block days', 0));
  if (o.purpose !== undefined) set('purpose', readPurpose(o.purpose));
  if (o.centre !== undefined) set('centre', readCentre(o.centre));
  if (o.channelOrder !== undefined) set('channelOrder', o.channelOrder === null ? { value: null } : readChannelOrder(o.channelOrder));
  if (o.enabled !== undefined) set('enabled', readFlag(o.enabled, 'enabled', 'Enabled'));
  for (const field of ['contactDue', 'type', 'template'] as const) {
    if (o[field] === undefined) continue;
    const value = String(o[field]).trim();
    if (value) changes[field] = value;
    else problems.push(ruleProblem(field, 'text_missing', `${field} cannot be blank; leave the cell out to keep the rule's own.`));
  }
  return { value: changes, problems };
}

/**
 * The rules with the Schedule sheet's changes, e.g. applyRuleOverrides(DEFAULT_RULES,
 * [{ id: 'christmas', enabled: false }]). An override that names no rule, or holds a value that
 * cannot be used, is reported and left out: that rule keeps running on its own settings.
 */
export function applyRuleOverrides(
  rules: readonly ContactRule[],
  overrides: readonly RuleOverride[],
): Result<ContactRule[]> {
  const problems: Problem[] = [];
  // Why an override cannot be applied, about its rule; that rule then keeps its own settings.
  const about = (p: Problem, rule: string): Problem => ({ ...p, where: { ...p.where, rule }, action: 'rule’s own settings kept' });
  const result = [...rules];
  for (const override of overrides) {
    const index = result.findIndex((r) => r.id === override.id);
    if (index < 0) {
      problems.push(about(ruleProblem('id', 'rule_id_unknown', `There is no rule "${override.id}" to change.`), override.id));
      continue;
    }
    const { value: changes, problems: found } = readOverride(override);
    if (found.length > 0) {
      problems.push(...found.map((p) => about(p, override.id)));
      continue;
    }
    const rule = result[index]!;
    // Functions are carried over explicitly: the rule's occasions and condition stay its own.
    result[index] = { ...rule, ...changes, id: rule.id, trigger: rule.trigger, holds: rule.holds };
  }
  return { value: result, problems };
}
