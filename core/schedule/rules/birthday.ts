/**
 * Birthday wishes: 3 days before the customer's birthday, due for 7 days (so until 4 days after
 * it). A 29 February birthday is kept on 28 February in other years.
 */
import { isoDate, nextAnniversary, type IsoDate } from '../../calendar.ts';
import type { GarageIndex } from '../../garage-index.ts';
import { CUSTOMER_SUBJECT, occasion, windowOrAll } from '../occasions.ts';
import type { ContactRule, Describe, Occasion, TriggerWindow } from '../rule.ts';
import { yearsAround } from './customer-years.ts';

const describe: Describe = (o) => {
  const born = o.customer.dateOfBirth ?? o.triggerDate;
  const day = `${born.slice(8, 10)}/${born.slice(5, 7)}`;
  const kept = `${o.triggerDate.slice(8, 10)}/${o.triggerDate.slice(5, 7)}`;
  return day === kept ? `Birthday ${day}` : `Birthday ${day} (${kept} in ${o.triggerDate.slice(0, 4)})`;
};

/** The birthday in `year` of someone born on `born` (YYYY-MM-DD). */
export function birthdayIn(born: IsoDate, year: number): IsoDate {
  const monthDay = born.slice(4);
  // Only 29 February needs the calendar; any other day is the same month and day.
  return monthDay === '-02-29' ? nextAnniversary(born, isoDate(year, 1, 1)) : `${String(year).padStart(4, '0')}${monthDay}`;
}

/** Birthdays around the as-of date (a window can straddle New Year), never one before the customer was born. */
function birthdays(garage: GarageIndex, asOf: IsoDate, window?: TriggerWindow): Occasion[] {
  const { from, to } = windowOrAll(window);
  const found: Occasion[] = [];
  // A birthday lies in its own year, so only the years the window touches need trying (one, mostly).
  const years = yearsAround(asOf).filter((year) => {
    const yyyy = String(year).padStart(4, '0');
    return yyyy >= from.slice(0, 4) && yyyy <= to.slice(0, 4);
  });
  const customers = garage.customers;
  for (let i = 0; i < customers.length; i++) {
    const customer = customers[i]!;
    const born = customer.dateOfBirth;
    if (!born) continue;
    for (const year of years) {
      const birthday = birthdayIn(born, year);
      if (birthday > born && birthday >= from && birthday <= to) found.push(occasion(customer, null, null, CUSTOMER_SUBJECT, birthday, describe));
    }
  }
  return found;
}

export const birthday: ContactRule = {
  id: 'birthday',
  contactDue: 'Birthday Wishes',
  type: 'Birthday',
  centre: 'customer',
  offsetDays: -3,
  windowDays: 7,
  purpose: 'marketing',
  channelOrder: null,
  blockDays: null,
  template: 'birthday',
  enabled: true,
  trigger: {
    kind: 'own',
    wording: 'next birthday',
    occasions: birthdays,
  },
};
