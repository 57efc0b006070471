/**
 * The engine: for an as-of date D, every contact that is due. It runs any rule the same way.
 *
 * An occasion is due when its contact date (trigger + offset) ≤ D ≤ contact date + window, the
 * rule's own condition holds, the customer may be contacted at all and by at least one channel
 * for the rule's purpose, its Action ID is not settled in the Contact Log, and the same rule has
 * not reached the same customer about the same subject (unit, job, advisory item, or the customer
 * themselves: what the Action ID names) within the block days — so a DMS that
 * corrects an MOT date (a new Action ID) does not send a second reminder. Where two stages of one
 * reminder fall on the same day for the same subject, the later stage wins (ContactRule.supersedes).
 */
import { addDays, daysBetween, type IsoDate } from '../calendar.ts';
import { chooseMethod, mayBeContacted } from '../contact/eligibility.ts';
import type { GarageIndex } from '../garage-index.ts';
import type { ContactLogEntry, LapsedMark, Method } from '../records.ts';
import type { DueAction } from '../results.ts';
import type { GarageSettings } from '../settings.ts';
import { blockKeyOf, indexContactLog } from './contact-log-index.ts';
import { actionIdOf, dueAction } from './due-action.ts';
import { forEachOccasion } from './occasions.ts';
import type { ContactRule, TriggerWindow } from './rule.ts';

export interface ScheduleContext {
  asOf: IsoDate;
  contactLog: ContactLogEntry[];
  lapsedMarks: LapsedMark[];
  settings: GarageSettings;
}

/** Within one contact date: by customer code, then contact due, then Action ID. */
function byCodeContactDue(a: DueAction, b: DueAction): number {
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.contactDue !== b.contactDue) return a.contactDue < b.contactDue ? -1 : 1;
  return a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0;
}

/** The actions due on one contact date, gathered as they are found. */
interface ContactDay {
  date: IsoDate;
  actions: DueAction[];
}

/**
 * Trigger → the day its contact falls on, for every trigger in the window: a window holds only a
 * few dates, so each is worked out once, and the actions land already grouped by contact date.
 */
function contactDays(from: IsoDate, to: IsoDate, offsetDays: number, dayOf: (date: IsoDate) => ContactDay): Map<IsoDate, ContactDay> {
  const days = new Map<IsoDate, ContactDay>();
  const count = daysBetween(from, to);
  for (let i = 0; i <= count && i <= 366; i++) {
    const trigger = addDays(from, i);
    days.set(trigger, dayOf(addDays(trigger, offsetDays)));
  }
  return days;
}

/** A rule as this run applies it: its trigger window and the settings it falls back on. */
interface RuleRun {
  rule: ContactRule;
  window: TriggerWindow;
  blockDays: number;
  blockedAfter: IsoDate;
  channelOrder: readonly Method[];
  contactDayOf: Map<IsoDate, ContactDay>;
}

/** Every due action on `context.asOf`, sorted by date, then customer code, then contact due. */
export function dueActions(garage: GarageIndex, rules: readonly ContactRule[], context: ScheduleContext): DueAction[] {
  const { asOf, settings } = context;
  const log = indexContactLog(context.contactLog);
  const lapsed = new Set(context.lapsedMarks.map((m) => m.customerCode));
  // Contact date → its actions. A run has only a window's worth of contact dates, so sorting the
  // dates and then each day's actions compares far less than sorting all the actions at once.
  const byContactDate = new Map<IsoDate, ContactDay>();
  const dayOf = (date: IsoDate): ContactDay => {
    let day = byContactDate.get(date);
    if (!day) byContactDate.set(date, (day = { date, actions: [] }));
    return day;
  };

  // contact date ≤ D ≤ contact date + window  ⇔  D − offset − window ≤ trigger ≤ D − offset;
  // ISO dates compare as strings, so most occasions are dismissed without any date arithmetic.
  const runs: RuleRun[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const window = { from: addDays(asOf, -rule.offsetDays - rule.windowDays), to: addDays(asOf, -rule.offsetDays) };
    if (window.from > window.to) continue;
    const blockDays = rule.blockDays ?? settings.blockDays;
    runs.push({
      rule,
      window,
      blockDays,
      // D − sent < block days  ⇔  sent > D − block days.
      blockedAfter: addDays(asOf, -blockDays),
      channelOrder: rule.channelOrder ?? settings.channelOrder,
      contactDayOf: contactDays(window.from, window.to, rule.offsetDays, dayOf),
    });
  }

  // `rule/customer/subject` of earlier stages a later stage replaces today (ContactRule.supersedes).
  const superseded = new Set<string>();

  forEachOccasion(garage, asOf, runs, (run, occasion) => {
    const { rule, window, blockDays } = run;
    const trigger = occasion.triggerDate;
    if (trigger < window.from || trigger > window.to) return;
    const customer = occasion.customer;
    if (!mayBeContacted(customer, lapsed.has(customer.code))) return;
    if (rule.holds && !rule.holds(occasion, garage, asOf)) return;
    // A later stage reached today replaces the earlier ones, even when it was sent already: the
    // customer is not sent the first reminder after the second.
    if (rule.supersedes) {
      for (const earlier of rule.supersedes) superseded.add(`${earlier}/${customer.code}/${occasion.subject}`);
    }
    const actionId = actionIdOf(rule, occasion);
    const former = occasion.formerSubject;
    if (log.settled.size > 0) {
      if (log.settled.has(actionId)) return;
      if (former !== undefined && log.settled.has([rule.id, customer.code, former, trigger].join('/'))) return;
    }
    if (blockDays > 0 && log.lastSent.size > 0) {
      const lastSent = log.lastSent.get(`${rule.id}/${customer.code}/${occasion.subject}`);
      if (lastSent !== undefined && lastSent > run.blockedAfter) return;
      const formerSent = former === undefined ? undefined : log.lastSent.get(`${rule.id}/${customer.code}/${former}`);
      if (formerSent !== undefined && formerSent > run.blockedAfter) return;
    }
    const choice = chooseMethod(customer, rule.purpose, run.channelOrder);
    if (choice.allowed.length === 0) return;

    const day = run.contactDayOf.get(trigger) ?? dayOf(addDays(trigger, rule.offsetDays));
    day.actions.push(dueAction(rule, occasion, actionId, day.date, choice));
  });

  // The order actions were found in (rules interleave in the passes over units and jobs) survives
  // only between actions with the same Action ID.
  const actions: DueAction[] = [];
  for (const date of [...byContactDate.keys()].sort()) {
    for (const action of byContactDate.get(date)!.actions.sort(byCodeContactDue)) {
      // Only the actions found due are looked at here, never the records again.
      if (superseded.size > 0 && superseded.has(blockKeyOf(action.actionId) ?? '')) continue;
      actions.push(action);
    }
  }
  return actions;
}
