/**
 * A workbook plan crossing from a Web Worker to the pane in pieces. Sent whole, the 100,000-customer
 * plan (10 M cells) takes the pane's thread over a second to receive — the browser copies a message
 * on the receiving thread in one go — and Excel's window freezes for it. So each sheet's rows go a
 * slice at a time, each received in a task of its own, then the plan without its rows, which
 * stands for all of them.
 */
import { forgetSheet, type PlanCell, type PlanSheet, type WorkbookPlan } from '../../core/index.ts';

/** Rows per piece: tens of milliseconds to receive at most. */
const ROWS_PER_PIECE = 2_000;

export type PlanRows = { type: 'plan-rows'; id: number; sheet: number; rows: PlanCell[][] };

/** Posts the plan's rows in slices, then the plan itself with its tables' rows left empty; says each sheet's rows. */
export function postPlanInPieces(post: (message: PlanRows | { type: 'write-plan'; id: number; plan: WorkbookPlan }) => void, id: number, plan: WorkbookPlan): { name: string; rows: number }[] {
  const skeleton: PlanSheet[] = [];
  const counts: number[] = [];
  plan.sheets.forEach((sheet, index) => {
    const { rows } = sheet.table;
    counts.push(rows.length);
    for (let from = 0; from < rows.length; from += ROWS_PER_PIECE) post({ type: 'plan-rows', id, sheet: index, rows: rows.slice(from, from + ROWS_PER_PIECE) });
    skeleton.push({ ...sheet, table: { ...sheet.table, rows: [] } });
    // Posted: a sheet the plan draws when read (lazySheets) is let go, so the worker holds one sheet's rows at a time.
    forgetSheet(plan.sheets, index);
  });
  post({ type: 'write-plan', id, plan: { ...plan, sheets: skeleton } });
  return skeleton.map((sheet, index) => ({ name: sheet.name, rows: counts[index]! }));
}

/** The pane's side, one per worker: gathers the pieces, and gives the whole plan back when it comes. */
export function planAssembler(): { take(piece: PlanRows): void; whole(id: number, plan: WorkbookPlan): WorkbookPlan } {
  const arriving = new Map<number, PlanCell[][][]>();
  return {
    take(piece) {
      const sheets = arriving.get(piece.id) ?? [];
      arriving.set(piece.id, sheets);
      const rows = (sheets[piece.sheet] ??= []);
      for (const row of piece.rows) rows.push(row);
    },
    whole(id, plan) {
      const sheets = arriving.get(id);
      arriving.delete(id);
      if (!sheets) return plan;
      return { ...plan, sheets: plan.sheets.map((sheet, index) => ({ ...sheet, table: { ...sheet.table, rows: sheets[index] ?? sheet.table.rows } })) };
    },
  };
}
