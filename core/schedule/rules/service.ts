/**
 * Service reminders. The service is due on the unit's next service date, or a year after its last
 * service when the DMS gives no next date. The first reminder goes 28 days before, for 21 days;
 * the second on the day, for 14 days, unless the unit is already booked in. While the unit's MOT
 * falls within 30 days of its service, the first service reminder does not exist: the combined
 * MOT & service reminder takes its place.
 */
import { ukDate } from '../../calendar.ts';
import { hasFutureBooking } from '../occasions.ts';
import type { ContactRule, Describe } from '../rule.ts';
import { motAndServiceApart, serviceDueIn } from '../unit-dates.ts';

const describe: Describe = (o) =>
  o.unit?.nextService ? `Service due ${ukDate(o.triggerDate)}` : `Service due ${ukDate(o.triggerDate)} (last service + 12 months)`;

export const service1: ContactRule = {
  id: 'service-1',
  contactDue: '1st Service Reminder',
  type: 'Service Due',
  centre: 'workshop',
  offsetDays: -28,
  windowDays: 21,
  purpose: 'service',
  channelOrder: null,
  blockDays: null,
  template: 'service-1',
  enabled: true,
  trigger: {
    kind: 'unit',
    wording: 'unit next service date (else last service + 12 months)',
    find: (window) => ({ date: serviceDueIn(window), describe, applies: motAndServiceApart }),
  },
};

export const service2: ContactRule = {
  id: 'service-2',
  contactDue: '2nd Service Reminder',
  type: 'Service Due',
  centre: 'workshop',
  offsetDays: 0,
  windowDays: 14,
  purpose: 'service',
  channelOrder: null,
  blockDays: null,
  template: 'service-2',
  enabled: true,
  trigger: {
    kind: 'unit',
    wording: 'unit next service date (not while the unit is booked in)',
    find: (window) => ({ date: serviceDueIn(window), describe }),
  },
  holds: (occasion, garage, asOf) => !hasFutureBooking(garage, occasion.unit, asOf),
  // Where a changed schedule makes the stages overlap, one reminder that day: this one.
  supersedes: ['service-1', 'combined'],
};
