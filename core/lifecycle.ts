/**
 * Where each customer stands, by the months since their last visit (Settings: drifting 15,
 * lapsing 16):
 *
 * - Lapsed: the garage marked them lapsed (side-lined, never deleted). A mark beats the dates,
 *   until the customer comes back (a visit after the mark): then they are current again.
 * - No visits: no completed job, no last-visit date in the customer export, no last service in the units export.
 * - Active: fewer than 15 whole calendar months since the last visit.
 * - Drifting: 15 months, up to (not including) 16 — still recoverable, worth a letter or a call.
 * - Lapsing: 16 months or more and not yet marked — review, then mark lapsed or try to win back.
 *
 * Last visit = the latest of the completed jobs of any of the customer's units, the customer
 * export's last-visit date and the units' last service dates (garage.lastVisitByCustomer). A last visit after the as-of date is bad data;
 * rather than guess, the customer counts as Active with 0 months, and the date still shows.
 */
import { wholeMonthsBetween, type IsoDate } from './calendar.ts';
import { inCodeOrder } from './code-order.ts';
import { ownerCode, type GarageIndex } from './garage-index.ts';
import type { LapsedMark, Unit } from './records.ts';
import type { LifecycleRow, LifecycleStatus } from './results.ts';
import type { GarageSettings } from './settings.ts';
import { jobCancelled } from './values/statuses.ts';

export interface LifecycleCounts {
  active: number;
  drifting: number;
  lapsing: number;
  lapsed: number;
  noVisits: number;
}

type LastVisit = NonNullable<ReturnType<GarageIndex['lastVisitByCustomer']['get']>>;

/** One row per customer, in customer code order (C2 before C10). */
export function customerLifecycle(
  garage: GarageIndex,
  asOf: IsoDate,
  lapsedMarks: readonly LapsedMark[],
  settings: GarageSettings,
): LifecycleRow[] {
  const marked = new Set(lapsedMarks.map((m) => m.customerCode));
  const monthsSinceVisit = monthsTo(asOf);
  // The lookups go first, each in a tight loop of its own, and the rows after: on 100,000
  // customers that is about a quarter faster than one loop doing everything.
  const customers = garage.customers;
  const visits: (LastVisit | undefined)[] = new Array(customers.length);
  for (let i = 0; i < customers.length; i++) visits[i] = garage.lastVisitByCustomer.get(customers[i]!.code);
  const units: (Unit | undefined)[] = new Array(customers.length);
  for (let i = 0; i < customers.length; i++) {
    const visit = visits[i];
    if (visit) units[i] = garage.unitByRegistration.get(visit.registration);
  }

  const rows: LifecycleRow[] = [];
  for (let i = 0; i < customers.length; i++) {
    const customer = customers[i]!;
    const visit = visits[i] ?? null;
    const monthsSince = visit === null ? null : monthsSinceVisit(visit.date);
    rows.push({
      code: customer.code,
      name: customer.name,
      lastVisit: visit?.date ?? null,
      lastUnit: units[i]?.registrationDisplay ?? visit?.registration ?? '',
      monthsSince,
      status: marked.has(customer.code) ? 'Lapsed' : statusFor(monthsSince, settings),
    });
  }
  return inCodeOrder(rows, (row) => row.code);
}

/** A mark's key: a customer marked lapsed again after coming back has a mark for each time. */
export function markKey(mark: Pick<LapsedMark, 'customerCode' | 'markedAt'>): string {
  return `${mark.customerCode}\n${mark.markedAt}`;
}

/**
 * Lapsed marks the customer has come back from: mark key (markKey) → the day they did (the first
 * completed job after the mark; else, when only the exports' dates show a later visit, that
 * date). Such a customer is current again — contacts resume and the dates decide their status —
 * while the mark stays on the Lapsed sheet as history. The jobs are read again only when someone
 * has come back.
 */
export function lapsedReturns(garage: GarageIndex, marks: readonly LapsedMark[]): Map<string, IsoDate> {
  // Code → that customer's marks followed by a later visit.
  const cameBack = new Map<string, LapsedMark[]>();
  for (const mark of marks) {
    const visit = garage.lastVisitByCustomer.get(mark.customerCode);
    if (!visit || visit.date <= mark.markedAt) continue;
    const list = cameBack.get(mark.customerCode);
    if (list) list.push(mark);
    else cameBack.set(mark.customerCode, [mark]);
  }
  const returned = new Map<string, IsoDate>();
  if (cameBack.size === 0) return returned;
  for (const job of garage.jobs) {
    if (!job.completedDate || jobCancelled(job.status)) continue;
    const list = cameBack.get(ownerCode(garage.unitByRegistration, job));
    if (!list) continue;
    for (const mark of list) {
      if (job.completedDate <= mark.markedAt) continue;
      const key = markKey(mark);
      const first = returned.get(key);
      if (first === undefined || job.completedDate < first) returned.set(key, job.completedDate);
    }
  }
  for (const [code, list] of cameBack) {
    for (const mark of list) if (!returned.has(markKey(mark))) returned.set(markKey(mark), garage.lastVisitByCustomer.get(code)!.date);
  }
  return returned;
}

/** The marks that still side-line a customer: those the customer has not come back from (see lapsedReturns). */
export function currentLapsedMarks(marks: readonly LapsedMark[], returns: ReadonlyMap<string, IsoDate>): LapsedMark[] {
  return returns.size === 0 ? [...marks] : marks.filter((m) => !returns.has(markKey(m)));
}

/** Whole months from a visit to D, never negative (a visit after D is bad data: 0). */
function monthsTo(asOf: IsoDate): (visit: IsoDate) => number {
  return (visit) => (visit > asOf ? 0 : wholeMonthsBetween(visit, asOf));
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
