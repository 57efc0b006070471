/**
 * Import Problems: every row or cell that could not be used as it was — from the exports, and
 * from the workbook's own kept sheets (Settings, Schedule, Lapsed, Contact Log, Due Actions) —
 * with what was done about it. Nothing is dropped without a line here.
 */
import type { ImportProblem } from '../../problems.ts';
import { col, table } from '../columns.ts';
import { PRINT_SETUP, type PlanCell, type PlanSheet } from '../plan.ts';
import type { SheetProblem } from '../sheet-table.ts';

export const IMPORT_PROBLEMS_SHEET = 'Import Problems';

export const IMPORT_PROBLEMS_COLUMNS = [
  col('file', 'File', 'text', { width: 24 }),
  col('row', 'Row', 'integer', { width: 8 }),
  col('column', 'Column', 'text', { width: 16 }),
  col('value', 'Value', 'text', { width: 24 }),
  col('problem', 'Problem', 'text', { width: 60 }),
  col('action', 'What Was Done', 'text', { width: 22 }),
];

function sheetProblemRow(p: SheetProblem): PlanCell[] {
  const row = /\d+$/.exec(p.address);
  return [`${p.sheet} sheet`, row ? Number(row[0]) : null, p.column || null, p.value || null, p.message, p.action];
}

export function importProblemsSheet(importProblems: readonly ImportProblem[], sheetProblems: readonly SheetProblem[]): PlanSheet {
  const rows: PlanCell[][] = [
    // Row 0 means the whole file: shown blank rather than as a row number.
    ...importProblems.map((p) => [p.file, p.row || null, p.column || null, p.value || null, p.message, p.action]),
    ...sheetProblems.map(sheetProblemRow),
  ];
  return { name: IMPORT_PROBLEMS_SHEET, kind: 'data', table: table('ImportProblems', IMPORT_PROBLEMS_COLUMNS, rows), side: null, frozenRows: 1, print: PRINT_SETUP };
}
