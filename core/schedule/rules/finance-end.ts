/**
 * Finance end contact: 90 days before a unit's finance agreement ends, due for 30 days — a
 * marketing contact, so email and SMS need the customer's consent.
 */
import { ukDate } from '../../calendar.ts';
import type { ContactRule, Describe } from '../rule.ts';

const describe: Describe = (o) => `Finance ends ${ukDate(o.triggerDate)}`;

export const financeEnd: ContactRule = {
  id: 'finance-end',
  contactDue: 'Finance End Contact',
  type: 'Finance End',
  centre: 'unit sales',
  offsetDays: -90,
  windowDays: 30,
  purpose: 'marketing',
  channelOrder: null,
  blockDays: null,
  template: 'finance-end',
  enabled: true,
  trigger: {
    kind: 'unit',
    wording: 'unit finance end date',
    find: () => ({ date: (unit) => unit.financeEnd, describe }),
  },
};
