/**
 * What the pane and its Web Worker say to each other while exports are loaded. The workbook
 * itself can be read and written only on the pane's own thread (Office.js lives there), so the
 * worker asks the pane to read the kept sheets and to write the plan, and waits for the answer.
 */
import type { BuildSummary, SheetTable, WorkbookPlan, WorkbookWrite } from '../../core/index.ts';
import type { PlanRows } from './plan-pieces.ts';

export interface LoadRequest {
  type: 'load';
  files: File[];
  asOf: string;
  by: string;
  /** False while the pane has no workbook to write: the sheets are worked out and shown, not written. */
  hasWorkbook: boolean;
}

/** A sheet read back, as it crosses to the worker: cell addresses are the default ones (header on row 1). */
export type SheetData = Omit<SheetTable, 'cellAddress'>;

export type StoreReply = { type: 'store-reply'; id: number; sheets?: SheetData[] | null; write?: WorkbookWrite; error?: string };

export type ToWorker = LoadRequest | StoreReply;

/** One problem as the pane lists it: where to look, what happened, what was done. */
export interface ProblemLine {
  place: string;
  message: string;
  action: string;
}

/** How many problems the pane lists: the rest are on the Import Problems sheet. */
export const LISTED_PROBLEMS = 200;

export interface LoadOutcome {
  summary: BuildSummary;
  /** Each sheet of the workbook as built, and its rows. */
  sheets: { name: string; rows: number }[];
  /** The first problems, as many as the pane lists (all of them are on the Import Problems sheet; summary.problems counts them). */
  problems: ProblemLine[];
  /** True when the sheets were written into the open workbook. */
  written: boolean;
}

export type FromWorker =
  | { type: 'progress'; done: number; total: number; step: string }
  | { type: 'read-sheets'; id: number; names: string[] }
  | { type: 'write-plan'; id: number; plan: WorkbookPlan }
  | PlanRows
  | { type: 'loaded'; outcome: LoadOutcome }
  | { type: 'stopped'; reasons: string[] };
