/**
 * Warranty expiry reminder: 60 days before a unit's warranty ends, due for 30 days, so the
 * customer can have anything looked at (or extend it) while it is still covered.
 */
import { ukDate } from '../../calendar.ts';
import type { ContactRule, Describe } from '../rule.ts';

const describe: Describe = (o) => `Warranty ends ${ukDate(o.triggerDate)}`;

export const warranty: ContactRule = {
  id: 'warranty',
  contactDue: 'Warranty Expiry Reminder',
  type: 'Warranty Expiry',
  centre: 'unit sales',
  offsetDays: -60,
  windowDays: 30,
  purpose: 'service',
  channelOrder: null,
  blockDays: null,
  template: 'warranty',
  enabled: true,
  trigger: {
    kind: 'unit',
    wording: 'unit warranty end date',
    find: () => ({ date: (unit) => unit.warrantyEnd, describe }),
  },
};
