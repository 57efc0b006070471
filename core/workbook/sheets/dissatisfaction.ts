/**
 * Dissatisfaction: every booking outcome that gives a dissatisfaction reason, sorted by reason.
 * How many times each reason comes up is on Dissatisfaction Summary, right after: beside the rows,
 * filtering them by staff hid counts too (Excel filters whole rows).
 */
import type { DissatisfactionReport } from '../../results.ts';
import { col, table } from '../columns.ts';
import { PRINT_SETUP, type PlanSheet } from '../plan.ts';

export const DISSATISFACTION_SHEET = 'Dissatisfaction';
export const DISSATISFACTION_SUMMARY_SHEET = 'Dissatisfaction Summary';

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
  return { name: DISSATISFACTION_SHEET, kind: 'data', table: table('Dissatisfaction', DISSATISFACTION_COLUMNS, rows), frozenRows: 1, print: PRINT_SETUP };
}

export function dissatisfactionSummarySheet(report: DissatisfactionReport): PlanSheet {
  const counts = Object.entries(report.counts).map(([reason, count]) => [reason, count]);
  return { name: DISSATISFACTION_SUMMARY_SHEET, kind: 'data', table: table('DissatisfactionCounts', DISSATISFACTION_COUNT_COLUMNS, counts), frozenRows: 1, print: PRINT_SETUP };
}
