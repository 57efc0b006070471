/**
 * The engine: for an as-of date D, every contact that is due. It runs any rule the same way.
 *
 * An occasion is due when its contact date (trigger + offset) ≤ D ≤ contact date + window, the
 * rule's own condition holds, the customer may be contacted at all and by at least one channel
 * for the rule's purpose, its Action ID is not settled in the Contact Log, and the same rule has
 * not reached the same customer about the same unit or job within the block days — so a DMS that
 * corrects an MOT date (a new Action ID) does not send a second reminder.
 */
import { addDays, daysBetween, type IsoDate } from '../calendar.ts';
import { chooseMethod, mayBeContacted } from '../contact/eligibility.ts';
import type { GarageIndex } from '../garage-index.ts';
import type { ContactLogEntry, LapsedMark } from '../records.ts';
import type { DueAction } from '../results.ts';
import type { GarageSettings } from '../settings.ts';
import { indexContactLog } from './contact-log-index.ts';
import type { ContactRule } from './rule.ts';

export interface ScheduleContext {
  asOf: IsoDate;
  contactLog: ContactLogEntry[];
  lapsedMarks: LapsedMark[];
  settings: GarageSettings;
}

function byDateCodeContactDue(a: DueAction, b: DueAction): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.contactDue !== b.contactDue) return a.contactDue < b.contactDue ? -1 : 1;
  return a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0;
}

/** Trigger → contact date for every trigger in the window: a window holds only a few dates, so each is worked out once. */
function contactDates(from: IsoDate, to: IsoDate, offsetDays: number): Map<IsoDate, IsoDate> {
  const dates = new Map<IsoDate, IsoDate>();
  const days = daysBetween(from, to);
  for (let i = 0; i <= days && i <= 366; i++) {
    const trigger = addDays(from, i);
    dates.set(trigger, addDays(trigger, offsetDays));
  }
  return dates;
}

/** Every due action on `context.asOf`, sorted by date, then customer code, then contact due. */
export function dueActions(garage: GarageIndex, rules: readonly ContactRule[], context: ScheduleContext): DueAction[] {
  const { asOf, settings } = context;
  const log = indexContactLog(context.contactLog);
  const lapsed = new Set(context.lapsedMarks.map((m) => m.customerCode));
  const actions: DueAction[] = [];

  for (const rule of rules) {
    if (!rule.enabled) continue;
    // contact date ≤ D ≤ contact date + window  ⇔  D − offset − window ≤ trigger ≤ D − offset;
    // ISO dates compare as strings, so most occasions are dismissed without any date arithmetic.
    const earliestTrigger = addDays(asOf, -rule.offsetDays - rule.windowDays);
    const latestTrigger = addDays(asOf, -rule.offsetDays);
    if (earliestTrigger > latestTrigger) continue;
    const blockDays = rule.blockDays ?? settings.blockDays;
    // D − sent < block days  ⇔  sent > D − block days.
    const blockedAfter = addDays(asOf, -blockDays);
    const channelOrder = rule.channelOrder ?? settings.channelOrder;
    const contactDateOf = contactDates(earliestTrigger, latestTrigger, rule.offsetDays);

    for (const occasion of rule.occasions(garage, asOf, { from: earliestTrigger, to: latestTrigger })) {
      const trigger = occasion.triggerDate;
      if (trigger < earliestTrigger || trigger > latestTrigger) continue;
      const customer = occasion.customer;
      if (!mayBeContacted(customer, lapsed.has(customer.code))) continue;
      const blockKey = `${rule.id}/${customer.code}/${occasion.subject}`;
      const actionId = `${blockKey}/${trigger}`;
      if (log.settled.has(actionId)) continue;
      if (blockDays > 0) {
        const lastSent = log.lastSent.get(blockKey);
        if (lastSent !== undefined && lastSent > blockedAfter) continue;
      }
      if (rule.holds && !rule.holds(occasion, garage, asOf)) continue;
      const choice = chooseMethod(customer, rule.purpose, channelOrder);
      if (choice.allowed.length === 0) continue;

      actions.push({
        actionId,
        ruleId: rule.id,
        date: contactDateOf.get(trigger) ?? addDays(trigger, rule.offsetDays),
        triggerDate: trigger,
        code: customer.code,
        name: customer.name,
        type: rule.type,
        contactDue: rule.contactDue,
        purpose: rule.purpose,
        method: choice.method,
        to: choice.to,
        allowedMethods: choice.allowed,
        unit: occasion.unit?.registrationDisplay || occasion.job?.registration || '',
        job: occasion.job?.jobNo ?? '',
        reason: choice.method ? occasion.reason : `${occasion.reason} — ${choice.reason}`,
        template: rule.template,
      });
    }
  }
  return actions.sort(byDateCodeContactDue);
}
