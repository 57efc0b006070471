/**
 * Dissatisfaction: every booking outcome that gives a dissatisfaction reason, sorted by reason,
 * and beside it how many times each reason comes up.
 */
import type { DissatisfactionReport } from '../../results.ts';
import { col, table } from '../columns.ts';
import { PRINT_SETUP, type PlanSheet } from '../plan.ts';

export const DISSATISFACTION_SHEET = 'Dissatisfaction';

export const DISSATISFACTION_COLUMNS = [
  col('reason', 'Reason', 'text', { width: 32 }),
  col('requestId', 'Request ID', 'text', { width: 12 }),
  col('received', 'Received', 'date'),
  col('code', 'Code', 'text', { width: 10 }),
  col('name', 'Name', 'text', { width: 24 }),
  col('outcome', 'Outcome', 'text', { width: 18 }),
  col('staff', 'Staff'),
];

export const DISSATISFACTION_COUNT_COLUMNS = [col('reason', 'Reason', 'text', { width: 32 }), col('count', 'Count', 'integer', { width: 9 })];

export function dissatisfactionSheet(report: DissatisfactionReport): PlanSheet {
  const rows = report.rows.map((r) => [r.reason, r.requestId, r.received, r.customerCode, r.name, r.outcome, r.staff]);
  const counts = Object.entries(report.counts).map(([reason, count]) => [reason, count]);
  return {
    name: DISSATISFACTION_SHEET,
    kind: 'data',
    table: table('Dissatisfaction', DISSATISFACTION_COLUMNS, rows),
    side: table('DissatisfactionCounts', DISSATISFACTION_COUNT_COLUMNS, counts),
    frozenRows: 1,
    print: PRINT_SETUP,
  };
}
