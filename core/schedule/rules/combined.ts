/**
 * The combined MOT & service reminder: when a unit's MOT and service fall within 30 days of each
 * other, one reminder goes 28 days before the earlier of the two, for 21 days, instead of the
 * first MOT and first service reminders.
 */
import { ukDate } from '../../calendar.ts';
import { windowOrAll } from '../occasions.ts';
import type { Unit } from '../../records.ts';
import type { ContactRule, Describe } from '../rule.ts';
import { earlierOfMotAndService, motAndServiceTogether, serviceDue, serviceDueIn } from '../unit-dates.ts';

const describe: Describe = (o) => {
  const service = o.unit ? serviceDue(o.unit) : null;
  return `MOT ${ukDate(o.unit?.motDue ?? o.triggerDate)} and service ${ukDate(service ?? o.triggerDate)}`;
};

export const combined: ContactRule = {
  id: 'combined',
  contactDue: 'MOT & Service Reminder',
  type: 'MOT & Service Due',
  centre: 'workshop',
  offsetDays: -28,
  windowDays: 21,
  purpose: 'service',
  channelOrder: null,
  blockDays: null,
  template: 'combined',
  enabled: true,
  trigger: {
    kind: 'unit',
    wording: 'earlier of MOT and service, when within 30 days of each other',
    find: (window) => {
      const { from, to } = windowOrAll(window);
      const serviceInWindow = serviceDueIn(window);
      // The earlier date can only be in the window when the MOT is not before it; and when the MOT
      // is after the window, only when the service is in it: most units are turned away there
      // without working out a service date.
      const date = (unit: Unit) => {
        const mot = unit.motDue;
        if (mot === null || mot < from) return null;
        if (mot > to && serviceInWindow(unit) === null) return null;
        return earlierOfMotAndService(unit);
      };
      return { date, describe, applies: motAndServiceTogether };
    },
  },
};
