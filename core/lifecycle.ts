/**
 * Where each customer stands, by the months since their last visit (Settings: drifting 15,
 * lapsing 16):
 *
 * - Lapsed: the garage marked them lapsed (side-lined, never deleted). A mark beats the dates.
 * - No visits: no completed job and no last-visit date in the export.
 * - Active: fewer than 15 whole calendar months since the last visit.
 * - Drifting: 15 months, up to (not including) 16 — still recoverable, worth a letter or a call.
 * - Lapsing: 16 months or more and not yet marked — review, then mark lapsed or try to win back.
 *
 * Last visit = the latest completed job of any of the customer's units, else the export's own
 * last-visit date (garage.lastVisitByCustomer). A last visit after the as-of date is bad data;
 * rather than guess, the customer counts as Active with 0 months, and the date still shows.
 */
import { wholeMonthsBetween, type IsoDate } from './calendar.ts';
import { inCodeOrder } from './code-order.ts';
import type { GarageIndex } from './garage-index.ts';
import type { LapsedMark } from './records.ts';
import type { LifecycleRow, LifecycleStatus } from './results.ts';
import type { GarageSettings } from './settings.ts';

export interface LifecycleCounts {
  active: number;
  drifting: number;
  lapsing: number;
  lapsed: number;
  noVisits: number;
}

/** One row per customer, in customer code order (C2 before C10). */
export function customerLifecycle(
  garage: GarageIndex,
  asOf: IsoDate,
  lapsedMarks: readonly LapsedMark[],
  settings: GarageSettings,
): LifecycleRow[] {
  const marked = new Set(lapsedMarks.map((m) => m.customerCode));
  const monthsSinceVisit = monthsTo(asOf);
  const rows: LifecycleRow[] = [];
  for (const customer of garage.customers) {
    const visit = garage.lastVisitByCustomer.get(customer.code) ?? null;
    const monthsSince = visit === null ? null : monthsSinceVisit(visit.date);
    const unit = visit === null ? undefined : garage.unitByRegistration.get(visit.registration);
    rows.push({
      code: customer.code,
      name: customer.name,
      lastVisit: visit?.date ?? null,
      lastUnit: unit?.registrationDisplay ?? visit?.registration ?? '',
      monthsSince,
      status: marked.has(customer.code) ? 'Lapsed' : statusFor(monthsSince, settings),
    });
  }
  return inCodeOrder(rows, (row) => row.code);
}

/** Whole months from a visit to D, never negative; remembered per date, as thousands of customers share each one. */
function monthsTo(asOf: IsoDate): (visit: IsoDate) => number {
  const known = new Map<IsoDate, number>();
  return (visit) => {
    let months = known.get(visit);
    if (months === undefined) {
      months = Math.max(0, wholeMonthsBetween(visit, asOf));
      known.set(visit, months);
    }
    return months;
  };
}

function statusFor(monthsSince: number | null, settings: GarageSettings): LifecycleStatus {
  if (monthsSince === null) return 'No visits';
  if (monthsSince < settings.driftingMonths) return 'Active';
  if (monthsSince < settings.lapsingMonths) return 'Drifting';
  return 'Lapsing';
}

/** The Drifting sheet's rows. */
export function drifting(rows: readonly LifecycleRow[]): LifecycleRow[] {
  return rows.filter((r) => r.status === 'Drifting');
}

/** The Lapsing sheet's rows: lapsing and not yet marked. */
export function lapsing(rows: readonly LifecycleRow[]): LifecycleRow[] {
  return rows.filter((r) => r.status === 'Lapsing');
}

const COUNT_KEY: Record<LifecycleStatus, keyof LifecycleCounts> = {
  Active: 'active',
  Drifting: 'drifting',
  Lapsing: 'lapsing',
  Lapsed: 'lapsed',
  'No visits': 'noVisits',
};

/** How many customers stand where, for the JSON summary. */
export function lifecycleCounts(rows: readonly LifecycleRow[]): LifecycleCounts {
  const counts: LifecycleCounts = { active: 0, drifting: 0, lapsing: 0, lapsed: 0, noVisits: 0 };
  for (const row of rows) counts[COUNT_KEY[row.status]] += 1;
  return counts;
}
