/**
 * Thank you for buying: two days after a unit is sold, due for 12 days.
 */
import { ukDate } from '../../calendar.ts';
import { perUnit, type Describe } from '../occasions.ts';
import type { ContactRule } from '../rule.ts';

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
  occasions: perUnit(() => ({ date: (unit) => unit.saleDate, describe })),
};
