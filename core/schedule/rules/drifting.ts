/**
 * Drifting customer letter: a customer whose last visit was 15 months ago (Settings: drifting
 * months) is drifting away; a marketing contact goes that day and stays due for 30 days. A letter
 * first: it is the contact most likely to be read by someone who has stopped opening our emails.
 */
import { addMonths, ukDate, type IsoDate } from '../../calendar.ts';
import type { GarageIndex } from '../../garage-index.ts';
import { DEFAULT_SETTINGS } from '../../settings.ts';
import { CUSTOMER_SUBJECT, occasion, shiftedTrigger } from '../occasions.ts';
import type { ContactRule, Describe, Occasion, TriggerWindow } from '../rule.ts';

/** The drifting rule for the garage's drifting threshold in months. */
export function driftingRule(driftingMonths: number = DEFAULT_SETTINGS.driftingMonths): ContactRule {
  const occasions = (garage: GarageIndex, _asOf: IsoDate, window?: TriggerWindow): Occasion[] => {
    const driftsOn = shiftedTrigger(window, (lastVisit) => addMonths(lastVisit, driftingMonths));
    const found: Occasion[] = [];
    // forEach rather than for-of: no [code, visit] pair made for each of 100,000 customers.
    garage.lastVisitByCustomer.forEach((visit, code) => {
      const trigger = driftsOn(visit.date);
      if (trigger === null) return;
      const customer = garage.customerByCode.get(code);
      if (!customer) return;
      const unit = garage.unitByRegistration.get(visit.registration) ?? null;
      const describe: Describe = (o) => `Last visit ${ukDate(visit.date)} (${driftingMonths} months on ${ukDate(o.triggerDate)})`;
      found.push(occasion(customer, unit, null, CUSTOMER_SUBJECT, trigger, describe));
    });
    return found;
  };
  return {
    id: 'drifting',
    contactDue: 'Drifting Customer Letter',
    type: 'Drifting',
    centre: 'customer',
    offsetDays: 0,
    windowDays: 30,
    purpose: 'marketing',
    channelOrder: ['Letter', 'Email', 'SMS'],
    blockDays: null,
    template: 'drifting',
    enabled: true,
    trigger: { kind: 'own', wording: 'last visit + drifting months (Settings)', occasions },
  };
}
