/**
 * Import Problems: every row or cell that could not be used as it was — from the exports, and
 * from the workbook's own kept sheets (Settings, Schedule, Lapsed, Contact Log, Due Actions) —
 * with what was done about it. Nothing is dropped without a line here.
 */
import type { Problem } from '../../problems.ts';
import { col, table } from '../columns.ts';
import { PRINT_SETUP, type PlanCell, type PlanSheet } from '../plan.ts';

export const IMPORT_PROBLEMS_SHEET = 'Import Problems';

export const IMPORT_PROBLEMS_COLUMNS = [
  col('file', 'File', 'text', { width: 24 }),
  col('row', 'Row', 'integer', { width: 8 }),
  col('column', 'Column', 'text', { width: 16 }),
  col('value', 'Value', 'text', { width: 24 }),
  col('problem', 'Problem', 'text', { width: 60 }),
  col('action', 'What Was Done', 'text', { width: 22 }),
];

/** One line: the file, or "Settings sheet"; no row for a whole file or sheet. */
function problemRow({ where, value, message, action }: Problem): PlanCell[] {
  const file = where.sheet ? `${where.sheet} sheet` : (where.file ?? '');
  return [file, where.row ?? null, where.column ?? null, value || null, message, action];
}

export function importProblemsSheet(problems: readonly Problem[]): PlanSheet {
  return { name: IMPORT_PROBLEMS_SHEET, kind: 'data', table: table('ImportProblems', IMPORT_PROBLEMS_COLUMNS, problems.map(problemRow)), side: null, frozenRows: 1, print: PRINT_SETUP };
}
