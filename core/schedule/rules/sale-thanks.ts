/**
 * Thank you for buying: two days after a unit is sold, due for 12 days.
 */
import { ukDate } from '../../calendar.ts';
import type { ContactRule, Describe } from '../rule.ts';

const describe: Describe = (o) => `Sold ${ukDate(o.triggerDate)}`;

export const saleThanks: ContactRule = {
  id: 'sale-thanks',
  contactDue: 'Thank You for Buying',
  type: 'Unit Sold',
  centre: 'unit sales',
  offsetDays: 2,
  windowDays: 12,
  purpose: 'service',
  channelOrder: null,
  blockDays: null,
  template: 'sale-thanks',
  enabled: true,
  trigger: {
    kind: 'unit',
    wording: 'unit sale date',
    find: () => ({ date: (unit) => unit.saleDate, describe }),
  },
};
