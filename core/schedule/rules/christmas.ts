/**
 * Christmas greetings: to every customer who may be contacted for marketing, 21 days before
 * Christmas Day, due for 14 days (4 to 18 December).
 */
import type { IsoDate } from '../../calendar.ts';
import type { GarageIndex } from '../../garage-index.ts';
import { CUSTOMER_SUBJECT, occasion, windowOrAll } from '../occasions.ts';
import type { ContactRule, Describe, Occasion, TriggerWindow } from '../rule.ts';
import { datesAround } from './customer-years.ts';

const describe: Describe = (o) => `Christmas ${o.triggerDate.slice(0, 4)}`;

function christmases(garage: GarageIndex, asOf: IsoDate, window?: TriggerWindow): Occasion[] {
  const { from, to } = windowOrAll(window);
  const days = datesAround(asOf, 12, 25).filter((day) => day >= from && day <= to);
  const found: Occasion[] = [];
  for (const day of days) {
    const customers = garage.customers;
    for (let i = 0; i < customers.length; i++) found.push(occasion(customers[i]!, null, null, CUSTOMER_SUBJECT, day, describe));
  }
  return found;
}

export const christmas: ContactRule = {
  id: 'christmas',
  contactDue: 'Christmas Greetings',
  type: 'Christmas',
  centre: 'customer',
  offsetDays: -21,
  windowDays: 14,
  purpose: 'marketing',
  channelOrder: null,
  blockDays: null,
  template: 'christmas',
  enabled: true,
  trigger: {
    kind: 'own',
    wording: '25 December',
    occasions: christmases,
  },
};
