/**
 * Draws a WorkbookPlan as an .xlsx file with exceljs's streaming writer, so 100,000 customers
 * never sit in memory as cell objects. The file is written beside the target under a temporary
 * name and renamed onto it only when complete: a crash or an error leaves the old workbook as it was.
 *
 * Every sheet is an Excel table (filters, banded rows) with a frozen header, column widths and
 * formats, dropdowns, conditional formats and print setup. Strings are always written as strings
 * — `=HYPERLINK(…)` or `+44…` from an export stays text — and dates as real Excel dates.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeOwnSheet } from './own-sheets.ts';
import { CELL_TYPE, cellXml, RowStream, rowXml, sheetPartsWithBackpressure, styleIds } from './sheet-rows.ts';
import { streamExtras, type DataBarSpec, type TableSpec } from './stream-tables.ts';
import { columnLetter, excelSerial, forgetSheet, formulaForRow, type Fill, FILL_ARGB, type PlanCell, type PlanColumn, type PlanSheet, type PlanTable, type WorkbookPlan } from '../../core/index.ts';

export interface WriteOptions {
  /**
   * Shared strings make a smaller file, at the cost of holding every distinct string in memory
   * until the end. Off by default: inline strings keep memory flat on a 100,000-customer garage.
   */
  sharedStrings?: boolean;
  /** Rows through exceljs's own Row and Cell objects, as before sheet-rows.ts: the reference a test holds its XML equal to. */
  exceljsCells?: boolean;
  /** The garage's own sheets, read back whole, written after the plan's sheets. */
  ownSheets?: readonly ExcelJS.Worksheet[];
}

/** Excel's limit on the characters in one cell. */
const MAX_CELL_TEXT = 32_767;
const KEPT_TAB_ARGB = 'FF70AD47';
// A whole font, not just bold: a font with only <b/> leaves Excel to guess the size and face.
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { name: 'Calibri', size: 11, family: 2, bold: true } };

/** A temporary file beside `path`, for writing the new workbook before it is swapped in. */
export function temporaryPathFor(path: string): string {
  return `${path}${TEMPORARY_INFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** True for a name temporaryPathFor(path) could have made (what a killed build leaves behind). */
export function isTemporaryOf(workbookName: string, candidateName: string): boolean {
  return candidateName.startsWith(`${workbookName}${TEMPORARY_INFIX}`);
}

const TEMPORARY_INFIX = '.tmp-';

/** Writes the plan to `path`, replacing any file there only once the new one is complete. */
export async function writeWorkbook(plan: WorkbookPlan, path: string, options: WriteOptions = {}): Promise<void> {
  const temporary = temporaryPathFor(path);
  await writeWorkbookFile(plan, temporary, options);
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`${replaceFailure(path, error)} The old file is unchanged.`, { cause: error });
  }
}

/** Why a finished workbook could not be put in place of the old one, in the user's words. */
export function replaceFailure(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const hint = code === 'EBUSY' || code === 'EPERM' || code === 'EACCES' ? ' Is it open in Excel? Close it and build again.' : '';
  return `Could not replace ${path} with the new workbook (${code ?? (error as Error).message}).${hint}`;
}

/** Writes the plan into `file` (a new file); on failure the file is removed and the error thrown. */
export async function writeWorkbookFile(plan: WorkbookPlan, file: string, options: WriteOptions = {}): Promise<void> {
  const out = createWriteStream(file);
  try {
    await render(plan, out, options);
  } catch (error) {
    // Close the file before deleting it: a stream still opening would otherwise create it again.
    out.on('error', () => {});
    const closed = out.closed ? Promise.resolve() : new Promise<void>((resolve) => out.once('close', () => resolve()));
    out.destroy();
    await closed;
    await rm(file, { force: true });
    throw error;
  }
}

async function render(plan: WorkbookPlan, out: Writable, options: WriteOptions): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: options.sharedStrings ?? false });
  workbook.creator = 'Retention Desk';
  const extras = streamExtras(workbook);
  sheetPartsWithBackpressure(workbook);
  const styleId = styleIds(workbook);
  // A file that cannot be written (no such folder, disk full) fails the write, not the process.
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  try {
    for (let i = 0; i < plan.sheets.length; i++) {
      await writeSheet(workbook, extras, styleId, plan.sheets[i]!, (options.sharedStrings ?? false) || (options.exceljsCells ?? false));
      // Written: its rows can go before the next sheet is drawn.
      forgetSheet(plan.sheets, i);
    }
    for (const own of options.ownSheets ?? []) {
      const { worksheet, tables } = writeOwnSheet(workbook, own);
      extras.decorate(worksheet, tables, []);
      worksheet.commit();
    }
  } catch (error) {
    // Stop the half-written zip quietly; the caller removes the temporary file.
    const zip = (workbook as unknown as { zip: { on(event: 'error', f: () => void): void; abort(): void } }).zip;
    zip.on('error', () => {});
    zip.abort();
    throw error;
  }
  const finished = once(out, 'close');
  finished.catch(() => {}); // its error is `failed`'s
  await Promise.race([workbook.commit().then(() => finished), failed]);
}

// Wrapped text sits at the top, so a row grown by one long cell still reads across.
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** A column's format, and wrapping where the plan asks for it. */
function columnStyle(column: PlanColumn): Partial<ExcelJS.Style> {
  return column.wrap ? { numFmt: column.numFmt, alignment: WRAP } : { numFmt: column.numFmt };
}

/** Style objects shared by every cell of a column (exceljs then finds each style once, by identity). */
class ColumnStyles {
  private readonly plain: Partial<ExcelJS.Style>[];
  private readonly filled = new Map<string, Partial<ExcelJS.Style>>();

  constructor(private readonly columns: readonly PlanColumn[]) {
    this.plain = columns.map((c) => columnStyle(c));
  }

  of(index: number, fill?: Fill): Partial<ExcelJS.Style> {
    if (!fill) return this.plain[index]!;
    const key = `${index}:${fill}`;
    let style = this.filled.get(key);
    if (!style) {
      style = { ...columnStyle(this.columns[index]!), fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_ARGB[fill] } } };
      this.filled.set(key, style);
    }
    return style;
  }
}

/** Serials by date: a big garage has a few thousand distinct dates across millions of date cells. */
const serials = new Map<string, number | null>();

function serialOf(date: string): number | null {
  let serial = serials.get(date);
  if (serial === undefined) {
    serial = excelSerial(date);
    if (serials.size > 100_000) serials.clear();
    serials.set(date, serial);
  }
  return serial;
}

/** The value exceljs should store: dates as serials, strings as strings (never formulas). */
// Where is given in parts, not as a closure: this runs for every cell, and the message is almost never needed.
function cellValue(value: Exclude<PlanCell, null>, column: PlanColumn, sheetName: string, col: number, row: number): ExcelJS.CellValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${sheetName}!${columnLetter(col)}${row}: ${value} is not a number a workbook can hold (plan error).`);
    return value;
  }
  if (typeof value === 'boolean') return value;
  if (column.type === 'date') {
    const serial = serialOf(value);
    if (serial !== null) return serial;
  }
  return value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
}

/** exceljs's streaming sheet has dataValidations, though its typings leave them out. */
interface WithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

interface Placed {
  table: PlanTable;
  /** 0-based first column. */
  start: number;
  styles: ColumnStyles;
  /** Row index → column index → fill, for the static marks. */
  marks: Map<number, Map<number, Fill>>;
}

function place(table: PlanTable, start: number): Placed {
  const marks = new Map<number, Map<number, Fill>>();
  const indexOf = new Map(table.columns.map((c, i) => [c.key, i]));
  for (const mark of table.marks) {
    const col = indexOf.get(mark.column);
    if (col === undefined) throw new Error(`${table.name}: a mark names no column "${mark.column}" (plan error).`);
    let row = marks.get(mark.row);
    if (!row) marks.set(mark.row, (row = new Map()));
    row.set(col, mark.fill);
  }
  return { table, start, styles: new ColumnStyles(table.columns), marks };
}

/** The data rows a table spans: at least one, as an Excel table cannot be empty. */
function lastRow(table: PlanTable): number {
  return 1 + Math.max(table.rows.length, 1);
}

function range(placed: Placed, fromCol: number, toCol: number): string {
  const last = lastRow(placed.table);
  return `${columnLetter(placed.start + fromCol)}2:${columnLetter(placed.start + toCol)}${last}`;
}

type StyleId = ReturnType<typeof styleIds>;

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, extras: ReturnType<typeof streamExtras>, styleId: StyleId, sheet: PlanSheet, exceljsCells: boolean): Promise<void> {
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: sheet.frozenRows, topLeftCell: `A${sheet.frozenRows + 1}`, activeCell: `A${sheet.frozenRows + 1}` }],
    pageSetup: {
      orientation: sheet.print.orientation,
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: sheet.print.fitToWidth,
      fitToHeight: sheet.print.fitToHeight,
      printTitlesRow: sheet.print.repeatHeaderRow ? `1:${sheet.frozenRows}` : undefined,
      printArea: printArea(sheet),
      showGridLines: sheet.print.gridLines,
      // Excel's normal margins, which the plan's page arithmetic assumes.
      margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: sheet.print.header || undefined, oddFooter: sheet.print.footer || undefined },
    properties: sheet.kind === 'kept' ? { tabColor: { argb: KEPT_TAB_ARGB } } : {},
  });
  const placed = [place(sheet.table, 0)];
  writeColumnsAndHeader(worksheet, placed, sheet.note ?? null);
  // Shared strings need exceljs's own cells (it numbers the strings as it writes them).
  if (exceljsCells) writeRows(worksheet, placed, sheet.name);
  else await writeRowXml(worksheet, placed, sheet.name, styleId);
  const { tables, dataBars } = writeFormats(worksheet, placed);
  extras.decorate(worksheet, tables, dataBars);
  worksheet.commit();
}

/** The plan's printed columns, header to last row; undefined for the whole sheet. */
function printArea(sheet: PlanSheet): string | undefined {
  const { printColumns } = sheet.print;
  if (printColumns === null || printColumns >= sheet.table.columns.length) return undefined;
  // exceljs puts a $ before each part; the rows' own $ make the name absolute ($A$1:$N$160), as Excel writes it.
  return `A$1:${columnLetter(Math.max(printColumns, 1) - 1)}$${lastRow(sheet.table)}`;
}

function writeColumnsAndHeader(worksheet: ExcelJS.Worksheet, placed: readonly Placed[], note: string | null): void {
  const columns: Partial<ExcelJS.Column>[] = [];
  for (const p of placed) {
    while (columns.length < p.start) columns.push({ width: 3 });
    // The column's own format too, so a value typed into an empty cell keeps it (07700… stays text).
    for (const c of p.table.columns) columns.push({ width: c.width, hidden: c.hidden, style: columnStyle(c) });
  }
  worksheet.columns = columns;
  const header = worksheet.getRow(1);
  for (const p of placed) {
    p.table.columns.forEach((c, i) => {
      const cell = header.getCell(p.start + i + 1);
      cell.value = c.header;
      // The whole style, not just the font: a header must not take its column's date format.
      cell.style = HEADER_STYLE;
    });
  }
  if (note) header.getCell(1).note = note;
  header.commit();
}

function writeRows(worksheet: ExcelJS.Worksheet, placed: readonly Placed[], sheetName: string): void {
  const rowCount = Math.max(...placed.map((p) => Math.max(p.table.rows.length, 1)));
  for (let r = 0; r < rowCount; r++) {
    const row = worksheet.getRow(r + 2);
    for (const p of placed) {
      const values = p.table.rows[r];
      if (!values) {
        if (r === 0 && p.table.emptyMessage) {
          const cell = row.getCell(p.start + 1);
          cell.value = p.table.emptyMessage;
          cell.style = p.styles.of(0);
        }
        continue;
      }
      const marks = p.marks.get(r);
      for (let c = 0; c < p.table.columns.length; c++) {
        const value = values[c];
        const fill = marks?.get(c);
        const column = p.table.columns[c]!;
        const blank = value === null || value === undefined || value === '';
        // A blank cell is left out of the file, unless it is marked (a missing item is the usual mark) or the column is a formula.
        if (blank && !fill && !column.formula) continue;
        const cell = row.getCell(p.start + c + 1);
        const written = blank ? undefined : cellValue(value, column, sheetName, p.start + c, r + 2);
        // The plan's formula with the build's value as its result, so a reader that does not calculate still sees it.
        if (column.formula) cell.value = { formula: formulaForRow(column.formula, r + 2), result: written as ExcelJS.CellFormulaValue['result'] };
        else if (written !== undefined) cell.value = written;
        cell.style = p.styles.of(c, fill);
      }
    }
    row.commit();
  }
}

/** writeRows' cells, as the XML exceljs would write for them, with backpressure (see sheet-rows.ts). */
async function writeRowXml(worksheet: ExcelJS.Worksheet, placed: readonly Placed[], sheetName: string, styleId: StyleId): Promise<void> {
  const rows = new RowStream(worksheet);
  const letters = placed.map((p) => p.table.columns.map((_, c) => columnLetter(p.start + c)));
  const rowCount = Math.max(...placed.map((p) => Math.max(p.table.rows.length, 1)));
  for (let r = 0; r < rowCount; r++) {
    const n = r + 2;
    let cells = '';
    let first = 0;
    let last = 0;
    const put = (col: number, xml: string) => {
      if (first === 0) first = col;
      last = col;
      cells += xml;
    };
    placed.forEach((p, t) => {
      const values = p.table.rows[r];
      if (!values) {
        if (r === 0 && p.table.emptyMessage) put(p.start + 1, cellXml(`${letters[t]![0]}${n}`, styleId(p.styles.of(0), CELL_TYPE.string), p.table.emptyMessage));
        return;
      }
      const marks = p.marks.get(r);
      for (let c = 0; c < p.table.columns.length; c++) {
        const value = values[c];
        const fill = marks?.get(c);
        const column = p.table.columns[c]!;
        const blank = value === null || value === undefined || value === '';
        if (blank && !fill && !column.formula) continue;
        const written = blank ? null : (cellValue(value, column, sheetName, p.start + c, n) as string | number | boolean);
        const type = written === null ? CELL_TYPE.null : typeof written === 'string' ? CELL_TYPE.string : typeof written === 'boolean' ? CELL_TYPE.boolean : CELL_TYPE.number;
        const ref = `${letters[t]![c]}${n}`;
        put(p.start + c + 1, cellXml(ref, styleId(p.styles.of(c, fill), type), written, column.formula ? formulaForRow(column.formula, n) : undefined));
      }
    });
    if (cells !== '') await rows.add(rowXml(n, first, last, cells));
  }
  await rows.flush();
}

/** Dropdowns and conditional formats go on now; tables and data bars are returned for streamExtras. */
function writeFormats(worksheet: ExcelJS.Worksheet, placed: readonly Placed[]): { tables: TableSpec[]; dataBars: DataBarSpec[] } {
  let priority = 1;
  const tables: TableSpec[] = [];
  const dataBars: DataBarSpec[] = [];
  for (const p of placed) {
    const { table } = p;
    const width = table.columns.length;
    const indexOf = (key: string) => {
      const i = table.columns.findIndex((c) => c.key === key);
      if (i < 0) throw new Error(`${table.name}: no column "${key}" (plan error).`);
      return i;
    };
    tables.push({ name: table.name, ref: `${columnLetter(p.start)}1:${columnLetter(p.start + width - 1)}${lastRow(table)}`, headers: table.columns.map((c) => c.header) });
    for (const v of table.validations) {
      const i = indexOf(v.column);
      (worksheet as unknown as WithValidations).dataValidations.add(range(p, i, i), {
        type: 'list',
        allowBlank: true,
        formulae: [`"${v.list.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: table.columns[i]!.header,
        error: v.error,
      });
    }
    for (const h of table.highlights) {
      const ref = h.columns === 'row' ? range(p, 0, width - 1) : h.columns.map((key) => range(p, indexOf(key), indexOf(key))).join(' ');
      worksheet.addConditionalFormatting({
        ref,
        rules: [{ type: 'expression', priority: priority++, formulae: [h.formula], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILL_ARGB[h.fill] } } } }],
      });
    }
    for (const bar of table.dataBars) {
      const i = indexOf(bar.column);
      dataBars.push({ ref: range(p, i, i), min: bar.min, max: bar.max, argb: bar.argb });
    }
  }
  return { tables, dataBars };
}
