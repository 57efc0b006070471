/**
 * Drifting, Lapsing and Lapsed.
 *
 * - Drifting: customers 15 to 16 months since their last visit (Settings) — worth a letter or a call.
 * - Lapsing: 16 months or more and not yet marked. Choosing Yes under Mark Lapsed and rebuilding
 *   records them on the Lapsed sheet; nobody is ever deleted.
 * - Lapsed (kept): the garage's marks — code, name, when, by whom, and whether the customer has
 *   since come back ("returned dd/mm/yyyy": current again, the mark kept as history). Carried
 *   from build to build.
 */
import { ukDate, type IsoDate } from '../../calendar.ts';
import type { GarageIndex } from '../../garage-index.ts';
import { drifting, lapsing, markKey } from '../../lifecycle.ts';
import type { LapsedMark } from '../../records.ts';
import type { LifecycleRow } from '../../results.ts';
import { col, table } from '../columns.ts';
import { displayRegistration } from '../display.ts';
import { PRINT_SETUP, type PlanSheet, type PlanTable } from '../plan.ts';

export const DRIFTING_SHEET = 'Drifting';
export const LAPSING_SHEET = 'Lapsing';
export const LAPSED_SHEET = 'Lapsed';
export const MARK_LAPSED = 'Yes';

const LIFECYCLE_COLUMNS = [
  col('code', 'Code', 'text', { width: 10 }),
  col('name', 'Name', 'text', { width: 24 }),
  col('lastVisit', 'Last Visit', 'date'),
  col('lastUnit', 'Last Unit', 'text', { width: 12 }),
  col('months', 'Months', 'integer', { width: 10 }),
];

export const DRIFTING_COLUMNS = LIFECYCLE_COLUMNS;
export const LAPSING_COLUMNS = [...LIFECYCLE_COLUMNS, col('markLapsed', 'Mark Lapsed', 'text', { width: 13 })];
export const LAPSED_COLUMNS = [
  col('code', 'Code', 'text', { width: 10 }),
  col('name', 'Name', 'text', { width: 24 }),
  col('markedAt', 'Marked At', 'date'),
  col('by', 'By', 'text', { width: 16 }),
  col('status', 'Status', 'text', { width: 20 }),
];

/** A mark's status: still lapsed, or (kept as history) the day the customer came back. */
export function markStatus(returned: IsoDate | undefined): string {
  return returned === undefined ? 'lapsed' : `returned ${ukDate(returned)}`;
}

function sheet(name: string, kind: PlanSheet['kind'], t: PlanTable): PlanSheet {
  return { name, kind, table: t, frozenRows: 1, print: PRINT_SETUP };
}

const cells = (r: LifecycleRow) => [r.code, r.name, r.lastVisit, displayRegistration(r.lastUnit), r.monthsSince];

export function driftingSheet(lifecycle: readonly LifecycleRow[]): PlanSheet {
  return sheet(DRIFTING_SHEET, 'data', table('Drifting', DRIFTING_COLUMNS, drifting(lifecycle).map(cells)));
}

export function lapsingSheet(lifecycle: readonly LifecycleRow[]): PlanSheet {
  const rows = lapsing(lifecycle).map((r) => [...cells(r), null]);
  return sheet(
    LAPSING_SHEET,
    'data',
    table('Lapsing', LAPSING_COLUMNS, rows, {
      validations: [{ column: 'markLapsed', list: [MARK_LAPSED], error: 'Choose Yes to mark the customer lapsed, or leave it blank.' }],
    }),
  );
}

export function lapsedSheet(marks: readonly LapsedMark[], garage: GarageIndex, returns: ReadonlyMap<string, IsoDate> = new Map()): PlanSheet {
  const rows = marks.map((m) => [m.customerCode, garage.customerByCode.get(m.customerCode)?.name ?? null, m.markedAt, m.by || null, markStatus(returns.get(markKey(m)))]);
  return sheet(LAPSED_SHEET, 'kept', table('Lapsed', LAPSED_COLUMNS, rows));
}
