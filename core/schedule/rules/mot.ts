/**
 * MOT reminders. The first goes 28 days before the unit's MOT is due and stays due for 21 days;
 * the second goes 7 days before, for 7 days, unless the unit is already booked in. While the
 * unit's service falls within 30 days of its MOT, the first MOT reminder does not exist: the
 * combined MOT & service reminder takes its place. On a day both stages are due, only the second goes.
 */
import { ukDate } from '../../calendar.ts';
import { hasFutureBooking } from '../occasions.ts';
import type { ContactRule, Describe } from '../rule.ts';
import { motAndServiceApart } from '../unit-dates.ts';

const describe: Describe = (o) => `MOT due ${ukDate(o.triggerDate)}`;

export const mot1: ContactRule = {
  id: 'mot-1',
  contactDue: 'MOT Reminder',
  type: 'MOT Due',
  centre: 'workshop',
  offsetDays: -28,
  windowDays: 21,
  purpose: 'service',
  channelOrder: null,
  blockDays: null,
  template: 'mot-1',
  enabled: true,
  trigger: {
    kind: 'unit',
    wording: 'unit MOT due date',
    find: () => ({ date: (unit) => unit.motDue, describe, applies: motAndServiceApart }),
  },
};

export const mot2: ContactRule = {
  id: 'mot-2',
  contactDue: '2nd MOT Reminder',
  type: 'MOT Due',
  centre: 'workshop',
  offsetDays: -7,
  windowDays: 7,
  purpose: 'service',
  channelOrder: null,
  blockDays: null,
  template: 'mot-2',
  enabled: true,
  trigger: {
    kind: 'unit',
    wording: 'unit MOT due date (not while the unit is booked in)',
    find: () => ({ date: (unit) => unit.motDue, describe }),
  },
  holds: (occasion, garage, asOf) => !hasFutureBooking(garage, occasion.unit, asOf),
  // Its first day is the first reminder's (or the combined one's) last: one reminder that day, this one.
  supersedes: ['mot-1', 'combined'],
};
