/**
 * Columns the garage added to a kept table (a "Called?" column on Due Actions, a "Notes" column on
 * the Contact Log). They are the garage's own data, so a rebuild carries them over: read back by
 * each row's key, written again at the right end of the table against the same rows.
 *
 * A row is found again by its key column (Action ID, Code); where a key can repeat (the Contact Log
 * may hold an action twice, a failed send and its resend), by the key and how many times it came
 * before, since the log keeps its rows in order. A Due Actions row that is no longer due takes its
 * added cells with it, as it takes the Approve choice.
 */
import type { PlanCell, PlanColumn, PlanSheet } from './plan.ts';
import { col } from './columns.ts';
import { CONTACT_LOG_SHEET, CONTACT_LOG_COLUMNS } from './sheets/contact-log.ts';
import { DUE_ACTIONS_COLUMNS, DUE_ACTIONS_SHEET } from './sheets/due-actions.ts';
import { LAPSED_COLUMNS, LAPSED_SHEET } from './sheets/lifecycle.ts';
import { cellText, isBlankCell, type SheetCell, type SheetTable } from './sheet-table.ts';

export interface AddedColumns {
  sheet: string;
  columns: PlanColumn[];
  /** Row key → the added cells, in column order. */
  cellsByKey: Map<string, SheetCell[]>;
}

/** The kept tables whose added columns are carried over, with the column each row is found by. */
const KEYED_TABLES: ReadonlyMap<string, { columns: readonly PlanColumn[]; keyColumn: string }> = new Map([
  [DUE_ACTIONS_SHEET, { columns: DUE_ACTIONS_COLUMNS, keyColumn: 'actionId' }],
  [CONTACT_LOG_SHEET, { columns: CONTACT_LOG_COLUMNS, keyColumn: 'actionId' }],
  [LAPSED_SHEET, { columns: LAPSED_COLUMNS, keyColumn: 'code' }],
]);

export const SHEETS_WITH_ADDED_COLUMNS: readonly string[] = [...KEYED_TABLES.keys()];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Row keys in order: a repeated key gets its occurrence number, so both copies are found again. */
function rowKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${key}\u0000${n}`;
  });
}

const normalHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9%]/g, '');

/** A date column when every value in it came back as a date, so it is written as a date again. */
function addedColumn(header: string, values: readonly SheetCell[]): PlanColumn {
  const filled = values.filter((v) => !isBlankCell(v));
  const type = filled.length > 0 && filled.every((v) => typeof v === 'string' && ISO_DATE.test(v)) ? 'date' : filled.every((v) => typeof v === 'number') && filled.length > 0 ? 'number' : 'text';
  return col(`added:${header}`, header, type, { numFmt: type === 'number' ? 'General' : undefined });
}

/**
 * The columns of a kept sheet that are not the plan's own, with their cells by row key; null when
 * the garage added none. (Excel gives a column typed beside a table a header of its own.)
 */
export function addedColumnsFromSheet(table: SheetTable): AddedColumns | null {
  const keyed = KEYED_TABLES.get(table.sheet);
  if (!keyed) return null;
  const own = new Set(keyed.columns.map((c) => normalHeader(c.header)));
  const keyHeader = normalHeader(keyed.columns.find((c) => c.key === keyed.keyColumn)!.header);
  const keyIndex = table.headers.findIndex((h) => normalHeader(h) === keyHeader);
  if (keyIndex < 0) return null;
  const added: { index: number; header: string }[] = [];
  table.headers.forEach((header, index) => {
    if (own.has(normalHeader(header))) return;
    if (header.trim() === '') return;
    added.push({ index, header: header.trim() });
  });
  if (added.length === 0) return null;

  const keyedRows = table.rows.filter((row) => cellText(row[keyIndex]) !== '');
  const keys = rowKeys(keyedRows.map((row) => cellText(row[keyIndex])));
  const cellsByKey = new Map<string, SheetCell[]>();
  keyedRows.forEach((row, r) => {
    const cells = added.map(({ index }) => row[index] ?? null);
    if (cells.some((c) => !isBlankCell(c))) cellsByKey.set(keys[r]!, cells);
  });
  const columns = added.map(({ index, header }) => addedColumn(header, keyedRows.map((row) => row[index] ?? null)));
  return { sheet: table.sheet, columns, cellsByKey };
}

/** The sheet with the garage's added columns back at the right end, each cell against its row. */
export function withAddedColumns(sheet: PlanSheet, added: AddedColumns | undefined): PlanSheet {
  const keyed = KEYED_TABLES.get(sheet.name);
  if (!added || !keyed) return sheet;
  const keyIndex = sheet.table.columns.findIndex((c) => c.key === keyed.keyColumn);
  const blank = added.columns.map((): PlanCell => null);
  const keys = rowKeys(sheet.table.rows.map((row) => String(row[keyIndex] ?? '')));
  const rows = sheet.table.rows.map((row, r) => [...row, ...((added.cellsByKey.get(keys[r]!) as PlanCell[] | undefined) ?? blank)]);
  return { ...sheet, table: { ...sheet.table, columns: [...sheet.table.columns, ...added.columns], rows } };
}
