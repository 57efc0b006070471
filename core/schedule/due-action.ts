/**
 * A due action as every list of them shows it: the rule's words, the occasion's customer, vehicle
 * or job and reason, and the method chosen for it. The schedule's engine and the individual
 * process (one contact chosen by hand) both make their actions here, so the two never differ.
 */
import type { IsoDate } from '../calendar.ts';
import type { MethodChoice } from '../contact/eligibility.ts';
import type { DueAction } from '../results.ts';
import type { ContactRule, Occasion } from './rule.ts';

/** rule/customer/subject/trigger-date: the same occasion gets the same Action ID in every import. */
export function actionIdOf(rule: ContactRule, occasion: Occasion): string {
  // Joined in one go: a string built up piece by piece is a chain of pieces, each kept in memory
  // with the action until the workbook flattens it.
  return [rule.id, occasion.customer.code, occasion.subject, occasion.triggerDate].join('/');
}

export function dueAction(rule: ContactRule, occasion: Occasion, actionId: string, date: IsoDate, choice: MethodChoice): DueAction {
  const customer = occasion.customer;
  return {
    actionId,
    ruleId: rule.id,
    date,
    triggerDate: occasion.triggerDate,
    code: customer.code,
    name: customer.name,
    type: rule.type,
    contactDue: rule.contactDue,
    purpose: rule.purpose,
    method: choice.method,
    to: choice.to,
    allowedMethods: choice.allowed,
    addresses: choice.addresses,
    unit: occasion.unit?.registrationDisplay || occasion.job?.registration || '',
    job: occasion.job?.jobNo ?? '',
    reason: choice.method ? occasion.reason : `${occasion.reason} — ${choice.reason}`,
    template: rule.template,
  };
}
