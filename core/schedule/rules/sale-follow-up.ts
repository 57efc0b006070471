/**
 * Sales follow-ups: on each of the first four anniversaries of a unit's sale, a marketing contact
 * goes 30 days before the anniversary and stays due for 21 days — the moment to talk about the
 * customer's next vehicle.
 */
import { addYears, ukDate } from '../../calendar.ts';
import { shiftedTrigger } from '../occasions.ts';
import type { ContactRule, Describe } from '../rule.ts';

const ORDINALS = ['1st', '2nd', '3rd', '4th'] as const;

function saleFollowUp(years: number, ordinal: string): ContactRule {
  const describe: Describe = (o) =>
    `Sold ${o.unit?.saleDate ? ukDate(o.unit.saleDate) : '?'}: ${years} year${years === 1 ? '' : 's'} on ${ukDate(o.triggerDate)}`;
  return {
    id: `sale-year-${years}`,
    contactDue: `${ordinal} Year Follow-up`,
    type: 'Sales Follow-up',
    centre: 'unit sales',
    offsetDays: -30,
    windowDays: 21,
    purpose: 'marketing',
    channelOrder: null,
    blockDays: null,
    template: `sale-year-${years}`,
    enabled: true,
    trigger: {
      kind: 'unit',
      wording: `unit sale date + ${years} year${years === 1 ? '' : 's'}`,
      find: (window) => {
        const anniversary = shiftedTrigger(window, (sold) => addYears(sold, years));
        return { date: (unit) => anniversary(unit.saleDate), describe };
      },
    },
  };
}

export const saleYearFollowUps: ContactRule[] = ORDINALS.map((ordinal, i) => saleFollowUp(i + 1, ordinal));
