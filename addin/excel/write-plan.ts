/**
 * Draws a WorkbookPlan into the open workbook through Office.js, as worker/xlsx/write-workbook.ts
 * draws it into a file: each plan sheet an Excel table with its column widths and formats, a
 * frozen header, dropdowns, conditional formats, static marks and print setup.
 *
 * - Requests stay under Excel on the web's 5 MB: rows go in chunks sized by their bytes
 *   (RequestBatches), and a sync happens only when the next chunk would not fit.
 * - Text stays text: a column's number format is set before its values, so "=SUM(A1)", "+44…",
 *   "@home" and "00123" in a text ('@') column are stored as typed. A text in another column (a
 *   word typed in a date column) gets '@' on its own cell for the write, then its column's format back.
 * - Dates go in as serial numbers under the column's date format, worked out from calendar dates.
 * - A plan sheet the workbook already has is cleared and reused rather than deleted, so the
 *   garage's own formulas pointing at it (='Due Actions'!B2) do not turn into #REF!. The garage's
 *   other sheets are not touched.
 *
 * ExcelApi 1.9 at most: getRangeByIndexes, freezePanes and tabColor (1.7), dataValidation (1.8),
 * pageLayout and getRanges (1.9). The note on a sheet's first header cell is left out: notes need
 * ExcelApi 1.18; the same words are in the printed page header.
 */
/// <reference types="office-js" />
import { columnLetter, excelSerial, FILL_ARGB, formulaForRow, type Fill, type PlanCell, type PlanColumn, type PlanSheet, type PlanTable, type WorkbookPlan } from '../../core/index.ts';
import { pageSections } from './page-codes.ts';
import { jsonBytes, OPERATION_BYTES, REQUEST_BUDGET, RequestBatches, utf8Bytes } from './request-budget.ts';

/** Excel's limit on the characters in one cell. */
const MAX_CELL_TEXT = 32_767;
const KEPT_TAB = '#70AD47';
/** The table style the .xlsx writer names (stream-tables.ts), so both workbooks look alike. */
export const TABLE_STYLE = 'TableStyleMedium2';
/** Excel's normal margins in points (inches × 72), which the plan's page arithmetic assumes. */
export const PAGE_MARGINS = { leftMargin: 50.4, rightMargin: 50.4, topMargin: 54, bottomMargin: 54, headerMargin: 21.6, footerMargin: 21.6 } as const;

/** A width in characters (as an .xlsx file holds it) in points, as Office.js takes it: Calibri 11's digit is 7 pixels. */
export function columnWidthPoints(width: number): number {
  const pixels = Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7);
  return pixels * 0.75;
}

export const fillColour = (fill: Fill): string => `#${FILL_ARGB[fill].slice(2)}`;

/** The data rows a table spans: at least one, as an Excel table cannot be empty. */
export function lastRow(table: PlanTable): number {
  return 1 + Math.max(table.rows.length, 1);
}

function columnRange(index: number, last: number): string {
  const letter = columnLetter(index);
  return `${letter}2:${letter}${last}`;
}

/** The plan's print columns, header to last row (all of them when the plan leaves none out). */
export function printArea(sheet: PlanSheet): string {
  const width = sheet.table.columns.length;
  const columns = Math.max(1, Math.min(sheet.print.printColumns ?? width, width));
  return `A1:${columnLetter(columns - 1)}${lastRow(sheet.table)}`;
}

/** Serials by date: a big garage has a few thousand distinct dates across millions of date cells. */
class Serials {
  private readonly byDate = new Map<string, number | null>();

  of(date: string): number | null {
    let serial = this.byDate.get(date);
    if (serial === undefined) {
      serial = excelSerial(date);
      this.byDate.set(date, serial);
    }
    return serial;
  }
}

type CellOut = string | number | boolean;

interface RowOut {
  values: CellOut[];
  /** Columns whose text needs '@' on its own cell while it is written (see the top). */
  textCells: number[];
  bytes: number;
}

/** The bytes of one cell as JSON, counted without building the JSON of the row. */
function cellBytes(value: CellOut): number {
  if (typeof value === 'number') return String(value).length;
  if (typeof value === 'boolean') return value ? 4 : 5;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    // A quote, backslash, control or non-ASCII character: JSON escapes or encodes it, so count the JSON.
    if (code < 0x20 || code === 0x22 || code === 0x5c || code > 0x7e) return jsonBytes(value);
  }
  return value.length + 2;
}

const NO_CELLS: number[] = [];

/**
 * A plan row as Office.js takes it: dates as serials, over-long text cut to Excel's limit, and the
 * columns whose text needs '@' on its own cell. Called for every one of millions of cells, so it
 * makes nothing per cell but the value itself (the pane's thread must not stall on collecting garbage).
 */
function rowOut(cells: readonly PlanCell[], columns: readonly PlanColumn[], serials: Serials, sheetName: string, rowNumber: number): RowOut {
  const values: CellOut[] = new Array(columns.length);
  let textCells = NO_CELLS;
  let bytes = 2 + Math.max(0, columns.length - 1); // the brackets and commas of the row's JSON
  for (let c = 0; c < columns.length; c++) {
    const value = cells[c];
    let out: CellOut;
    if (value === null || value === undefined || value === '') out = '';
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`${sheetName}!${columnLetter(c)}${rowNumber}: ${value} is not a number a workbook can hold (plan error).`);
      out = value;
    } else if (typeof value === 'boolean') out = value;
    else {
      const column = columns[c]!;
      const serial = column.type === 'date' ? serials.of(value) : null;
      if (serial !== null) out = serial;
      else {
        out = value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
        if (column.numFmt !== '@') {
          if (textCells === NO_CELLS) textCells = [];
          textCells.push(c);
        }
      }
    }
    values[c] = out;
    bytes += cellBytes(out);
  }
  return { values, textCells, bytes: bytes + 1 + textCells.length * 2 * OPERATION_BYTES };
}

/**
 * What a write took. Every sync but the last carries more than budget − largest bytes, so
 * syncs ≤ 1 + ceil(bytes / (budget − largest)): one to see which sheets and tables are there, then
 * as many as the bytes need — never one per sheet or per row.
 */
export interface PlanWritten {
  syncs: number;
  /** Bytes queued, by our count. */
  bytes: number;
  /** The largest single addition (a row with its overheads, or a sheet's setup). */
  largest: number;
}

/** Writes the plan's sheets into the workbook of `context`; syncs as the bytes require, the last one included. */
export async function writePlan(context: Excel.RequestContext, plan: WorkbookPlan, budget = REQUEST_BUDGET): Promise<PlanWritten> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  const tables = context.workbook.tables;
  tables.load('items/name,items/worksheet/name');
  await context.sync();
  const existing = new Map(worksheets.items.map((w) => [w.name.toLowerCase(), w]));
  const planned = new Set(plan.sheets.map((s) => s.name.toLowerCase()));
  const batches = new RequestBatches(context, budget);
  // Table names are the workbook's: last build's go first, wherever the new ones land.
  const oldTables = tables.items.filter((t) => planned.has(t.worksheet.name.toLowerCase()));
  await batches.add(OPERATION_BYTES * oldTables.length, () => oldTables.forEach((t) => t.delete()));
  const serials = new Serials();
  for (const [position, sheet] of plan.sheets.entries()) {
    const old = existing.get(sheet.name.toLowerCase());
    let worksheet: Excel.Worksheet | undefined;
    await batches.add(setUpBytes(sheet), () => {
      worksheet = old ?? worksheets.add(sheet.name);
      setUp(worksheet, sheet, position, old !== undefined);
    });
    await writeRows(batches, worksheet!, sheet, serials);
    await batches.add(finishBytes(sheet), () => finish(worksheet!, sheet));
  }
  await batches.sync();
  return { syncs: 1 + batches.counts.syncs, bytes: batches.counts.bytes, largest: batches.counts.largest };
}

function setUpBytes(sheet: PlanSheet): number {
  const { columns } = sheet.table;
  return OPERATION_BYTES * (8 + 5 * columns.length) + jsonBytes(columns.map((c) => [c.header, c.numFmt]));
}

/** An empty sheet with the plan's columns (widths, formats, wrapping) and header row. */
function setUp(worksheet: Excel.Worksheet, sheet: PlanSheet, position: number, reused: boolean): void {
  const { table } = sheet;
  const last = lastRow(table);
  if (reused) {
    const whole = worksheet.getRange();
    whole.conditionalFormats.clearAll();
    whole.dataValidation.clear();
    whole.clear('All');
    whole.columnHidden = false;
  }
  worksheet.position = position;
  worksheet.tabColor = sheet.kind === 'kept' ? KEPT_TAB : '';
  table.columns.forEach((column, i) => {
    const letter = columnLetter(i);
    const whole = worksheet.getRange(`${letter}:${letter}`);
    whole.format.columnWidth = columnWidthPoints(column.width);
    if (column.hidden) whole.columnHidden = true;
    // Before any value: a text column's '@' is what keeps "=SUM(A1)" and "00123" as typed.
    const data = worksheet.getRange(columnRange(i, last));
    data.numberFormat = [[column.numFmt]];
    if (column.wrap) {
      // Wrapped text sits at the top, so a row grown by one long cell still reads across.
      data.format.wrapText = true;
      data.format.verticalAlignment = 'Top';
    }
  });
  // The header as text too (a column added by the garage may be headed "+ notes"), then shown as General.
  const header = worksheet.getRange(`A1:${columnLetter(table.columns.length - 1)}1`);
  header.numberFormat = [['@']];
  header.values = [table.columns.map((c) => c.header)];
  header.numberFormat = [['General']];
  header.format.font.bold = true;
}

/** The table's rows in chunks as large as the request's room allows. */
async function writeRows(batches: RequestBatches, worksheet: Excel.Worksheet, sheet: PlanSheet, serials: Serials): Promise<void> {
  const { table } = sheet;
  const { columns, rows } = table;
  if (rows.length === 0) {
    if (table.emptyMessage) await batches.add(OPERATION_BYTES + utf8Bytes(table.emptyMessage), () => (worksheet.getRange('A2').values = [[table.emptyMessage]]));
    return;
  }
  const formulaColumns = columns.flatMap((c, i) => (c.formula ? [i] : []));
  const marks = marksByRow(table);
  const fixedBytes = OPERATION_BYTES * (1 + formulaColumns.length);
  let chunk: RowOut[] = [];
  let chunkStart = 0;
  let chunkBytes = fixedBytes;
  for (let r = 0; r < rows.length; r++) {
    const row = rowOut(rows[r]!, columns, serials, sheet.name, r + 2);
    const rowMarks = marks.get(r);
    // A formula's quotes are escaped in JSON and its row numbers grow: counted as sent.
    const bytes = row.bytes + formulaColumns.reduce((sum, c) => sum + jsonBytes(`=${formulaForRow(columns[c]!.formula!, r + 2)}`) + 3, 0) + (rowMarks?.length ?? 0) * OPERATION_BYTES;
    batches.noteLargest(fixedBytes + bytes);
    if (chunkBytes + bytes > batches.room) {
      if (chunk.length > 0) queueChunk(batches, worksheet, table, chunk, chunkStart, chunkBytes, formulaColumns, marks);
      await batches.sync();
      chunk = [];
      chunkStart = r;
      chunkBytes = fixedBytes;
    }
    chunk.push(row);
    chunkBytes += bytes;
  }
  queueChunk(batches, worksheet, table, chunk, chunkStart, chunkBytes, formulaColumns, marks);
}

function marksByRow(table: PlanTable): Map<number, { column: number; fill: Fill }[]> {
  const byRow = new Map<number, { column: number; fill: Fill }[]>();
  for (const mark of table.marks) {
    const column = table.columns.findIndex((c) => c.key === mark.column);
    if (column < 0) throw new Error(`${table.name}: a mark names no column "${mark.column}" (plan error).`);
    let row = byRow.get(mark.row);
    if (!row) byRow.set(mark.row, (row = []));
    row.push({ column, fill: mark.fill });
  }
  return byRow;
}

function queueChunk(
  batches: RequestBatches,
  worksheet: Excel.Worksheet,
  table: PlanTable,
  chunk: readonly RowOut[],
  start: number,
  bytes: number,
  formulaColumns: readonly number[],
  marks: ReadonlyMap<number, { column: number; fill: Fill }[]>,
): void {
  const top = start + 2;
  const bottom = top + chunk.length - 1;
  const textCells = chunk.flatMap((row, i) => row.textCells.map((c) => [start + 1 + i, c] as const));
  for (const [row, c] of textCells) worksheet.getCell(row, c).numberFormat = [['@']];
  worksheet.getRange(`A${top}:${columnLetter(table.columns.length - 1)}${bottom}`).values = chunk.map((row) => row.values);
  for (const [row, c] of textCells) worksheet.getCell(row, c).numberFormat = [[table.columns[c]!.numFmt]];
  for (const c of formulaColumns) {
    const formula = table.columns[c]!.formula!;
    const letter = columnLetter(c);
    worksheet.getRange(`${letter}${top}:${letter}${bottom}`).formulas = chunk.map((_, i) => [`=${formulaForRow(formula, top + i)}`]);
  }
  for (let i = 0; i < chunk.length; i++) {
    for (const mark of marks.get(start + i) ?? []) worksheet.getCell(start + 1 + i, mark.column).format.fill.color = fillColour(mark.fill);
  }
  batches.took(bytes);
}

function finishBytes(sheet: PlanSheet): number {
  const { table } = sheet;
  const operations = 24 + 4 * table.validations.length + 4 * table.highlights.length + 5 * table.dataBars.length;
  return OPERATION_BYTES * operations + jsonBytes([table.validations, table.highlights, sheet.print]);
}

/** The table over header and rows, its dropdowns and conditional formats, the frozen header and the print setup. */
function finish(worksheet: Excel.Worksheet, sheet: PlanSheet): void {
  const { table } = sheet;
  const last = lastRow(table);
  const width = table.columns.length;
  const indexOf = (key: string) => {
    const i = table.columns.findIndex((c) => c.key === key);
    if (i < 0) throw new Error(`${table.name}: no column "${key}" (plan error).`);
    return i;
  };
  const excelTable = worksheet.tables.add(`A1:${columnLetter(width - 1)}${last}`, true);
  excelTable.name = table.name;
  excelTable.style = TABLE_STYLE;

  for (const v of table.validations) {
    const i = indexOf(v.column);
    const validation = worksheet.getRange(columnRange(i, last)).dataValidation;
    validation.rule = { list: { inCellDropDown: true, source: v.list.join(',') } };
    validation.ignoreBlanks = true;
    validation.errorAlert = { showAlert: true, style: 'Stop', title: table.columns[i]!.header, message: v.error };
  }
  // Listed first wins, as in the .xlsx (priority 1 there, 0 here).
  let priority = 0;
  for (const h of table.highlights) {
    const areas = h.columns === 'row' ? [`A2:${columnLetter(width - 1)}${last}`] : h.columns.map((key) => columnRange(indexOf(key), last));
    const target = areas.length === 1 ? worksheet.getRange(areas[0]) : worksheet.getRanges(areas.join(','));
    const format = target.conditionalFormats.add('Custom');
    format.custom.rule.formula = `=${h.formula}`;
    format.custom.format.fill.color = fillColour(h.fill);
    format.priority = priority++;
  }
  for (const bar of table.dataBars) {
    const format = worksheet.getRange(columnRange(indexOf(bar.column), last)).conditionalFormats.add('DataBar');
    format.dataBar.lowerBoundRule = { type: 'Number', formula: String(bar.min) };
    format.dataBar.upperBoundRule = { type: 'Number', formula: String(bar.max) };
    format.dataBar.positiveFormat.fillColor = `#${bar.argb.slice(2)}`;
    format.priority = priority++;
  }

  worksheet.freezePanes.freezeRows(sheet.frozenRows);
  const page = worksheet.pageLayout;
  page.orientation = 'Landscape';
  page.paperSize = 'A4';
  // Pages wide as the plan says; tall as the rows need (0, as in the .xlsx's fitToHeight).
  page.zoom = { horizontalFitToPages: sheet.print.fitToWidth, verticalFitToPages: sheet.print.fitToHeight };
  page.leftMargin = PAGE_MARGINS.leftMargin;
  page.rightMargin = PAGE_MARGINS.rightMargin;
  page.topMargin = PAGE_MARGINS.topMargin;
  page.bottomMargin = PAGE_MARGINS.bottomMargin;
  page.headerMargin = PAGE_MARGINS.headerMargin;
  page.footerMargin = PAGE_MARGINS.footerMargin;
  page.printGridlines = sheet.print.gridLines;
  if (sheet.print.repeatHeaderRow) page.setPrintTitleRows(`$1:$${sheet.frozenRows}`);
  page.setPrintArea(printArea(sheet));
  const header = pageSections(sheet.print.header);
  const footer = pageSections(sheet.print.footer);
  const pages = page.headersFooters.defaultForAllPages;
  pages.leftHeader = header.left;
  pages.centerHeader = header.center;
  pages.rightHeader = header.right;
  pages.leftFooter = footer.left;
  pages.centerFooter = footer.center;
  pages.rightFooter = footer.right;
}
