/**
 * The workshop dates of a unit that more than one rule needs: when its service is due, and
 * whether its MOT and service fall close enough together to be one combined reminder.
 */
import { addMonths, daysBetween, type IsoDate } from '../calendar.ts';
import type { Unit } from '../records.ts';
import { shiftedTrigger } from './occasions.ts';
import type { TriggerWindow } from './rule.ts';

/** A service is due a year after the last one unless the DMS gives the next service date. */
export const SERVICE_INTERVAL_MONTHS = 12;

/** MOT and service this many days apart or fewer get one combined reminder. */
export const COMBINED_WITHIN_DAYS = 30;

const yearAfter = (lastService: IsoDate) => addMonths(lastService, SERVICE_INTERVAL_MONTHS);

/** The unit's next service date, else its last service + 12 months, else null. */
export function serviceDue(unit: Unit): IsoDate | null {
  if (unit.nextService) return unit.nextService;
  return unit.lastService ? yearAfter(unit.lastService) : null;
}

/** serviceDue for the units whose service can fall in the window (null for the rest), cheaply. */
export function serviceDueIn(window: TriggerWindow | undefined): (unit: Unit) => IsoDate | null {
  const fromLastService = shiftedTrigger(window, yearAfter);
  return (unit) => unit.nextService ?? fromLastService(unit.lastService);
}

/** The earlier of the unit's MOT and service dates, when it has both. */
export function earlierOfMotAndService(unit: Unit): IsoDate | null {
  const mot = unit.motDue;
  const service = serviceDue(unit);
  if (!mot || !service) return null;
  return mot < service ? mot : service;
}

/** True while the unit's MOT and service are within 30 days of each other: one combined reminder replaces the first two. */
export function motAndServiceTogether(unit: Unit): boolean {
  const mot = unit.motDue;
  const service = serviceDue(unit);
  return mot !== null && service !== null && Math.abs(daysBetween(mot, service)) <= COMBINED_WITHIN_DAYS;
}

/** Not a combined MOT & service unit. */
export function motAndServiceApart(unit: Unit): boolean {
  return !motAndServiceTogether(unit);
}
