/**
 * An .xlsx (or .xlsm) export → its tables. The export is the first sheet with data; a later sheet
 * with data is read too, marked with its sheet's name, so the import can take it when its headers
 * are an export's and name it as not read when they are not. Retention Desk's own workbook, left in
 * the exports folder, is told by its sheets and not read as an export.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Readable } from 'node:stream';
import { CONTACT_LOG_SHEET, DUE_ACTIONS_SHEET, importProblem, SETTINGS_SHEET, sizeText, type ImportLimits, type RawCell, type RawTable, type Result } from '../../core/index.ts';
import { cellValue } from './cell-values.ts';

/** The sheets that say a workbook is Retention Desk's own. */
const OWN_SHEETS = [DUE_ACTIONS_SHEET, CONTACT_LOG_SHEET, SETTINGS_SHEET];

export type WorkbookRead = Result<RawTable[]>;

/** A sheet's place in the workbook's order (unknown names last, as found). */
function order(names: readonly string[], name: string): number {
  const at = names.indexOf(name);
  return at < 0 ? names.length : at;
}

function notRead(fileName: string, why: string, action: string): WorkbookRead {
  return { value: [], problems: [importProblem(fileName, 0, '', 'file_unreadable', `${fileName} could not be read: ${why}.`, action)] };
}

/** Sheet names in the workbook's order, from xl/workbook.xml (without reading any sheet). */
async function sheetNames(zip: JSZip): Promise<string[]> {
  const xml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
}

/** The uncompressed size of the workbook's sheets, as the zip's directory states it (nothing inflated). */
function sheetXmlBytes(zip: JSZip): number {
  let total = 0;
  zip.forEach((path, entry) => {
    // JSZip keeps each entry's stated size on its (untyped) compressed data.
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(path)) total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  return total;
}

function isBlank(values: RawCell[]): boolean {
  return values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
}

/** A sheet's rows as they come (whole or streamed) → headers and rows: the first row with data is the header. */
class SheetRows {
  private headerRow = 0;
  private headers: string[] = [];
  private readonly rows: RawCell[][] = [];
  private readonly rowNumbers: number[] = [];

  add(values: RawCell[], rowNumber: number): void {
    if (isBlank(values)) return;
    if (this.headerRow === 0) {
      this.headerRow = rowNumber;
      this.headers = values.map((v) => (v === null ? '' : String(typeof v === 'object' ? v.date : v).trim()));
      return;
    }
    // exceljs leaves off trailing empty cells; they are blanks, not a short row.
    while (values.length < this.headers.length) values.push(null);
    this.rows.push(values);
    this.rowNumbers.push(rowNumber);
  }

  table(fileName: string): RawTable | null {
    return this.headerRow === 0 ? null : { fileName, headers: this.headers, rows: this.rows, rowNumbers: this.rowNumbers, headerRow: this.headerRow };
  }
}

const valuesOf = (row: ExcelJS.Row): RawCell[] => (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);

/** Every sheet, loaded whole: for most exports, and the reader the rest of the worker trusts. */
async function wholeSheets(bytes: Buffer): Promise<{ name: string; rows: SheetRows }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows = new SheetRows();
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => rows.add(valuesOf(row), rowNumber));
    return { name: sheet.name, rows };
  });
}

/**
 * Every sheet, streamed row by row: for a workbook too large to load whole (a 1,048,576-row sheet
 * needs 4 GB that way). Only our compact rows are held, never exceljs's cell objects.
 */
async function streamedSheets(bytes: Buffer): Promise<{ name: string; rows: SheetRows }[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const sheets: { name: string; rows: SheetRows }[] = [];
  for await (const worksheet of reader) {
    const rows = new SheetRows();
    for await (const row of worksheet) rows.add(valuesOf(row), row.number);
    sheets.push({ name: (worksheet as unknown as { name: string }).name, rows });
  }
  return sheets;
}

function worksheetParts(zip: JSZip): number {
  let parts = 0;
  zip.forEach((path) => {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(path)) parts += 1;
  });
  return parts;
}

/** Worksheet parts named as exceljs's streaming reader finds them (xl/worksheets/sheetN.xml); it passes over any other. */
function streamable(zip: JSZip): boolean {
  let all = true;
  zip.forEach((path) => {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(path) && !/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) all = false;
  });
  return all;
}

export async function readExportWorkbook(bytes: Buffer, fileName: string, limits: ImportLimits): Promise<WorkbookRead> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    return notRead(fileName, `it is not a readable .xlsx workbook (${(error as Error).message})`, 'file skipped; open it in Excel and save it again, or export it as CSV');
  }
  const names = await sheetNames(zip);
  if (OWN_SHEETS.every((name) => names.includes(name))) {
    return { value: [], problems: [importProblem(fileName, 0, '', 'file_not_read', `${fileName} is a Retention Desk workbook (it has the ${OWN_SHEETS.join(', ')} sheets), not an export.`, 'not read as an export; move it out of the exports folder to stop this note')] };
  }
  const xmlBytes = sheetXmlBytes(zip);
  if (xmlBytes > limits.sheetXmlBytes) {
    return { value: [], problems: [importProblem(fileName, 0, '', 'file_too_large', `${fileName} is too large to read as a workbook: its sheets hold ${sizeText(xmlBytes)} of data, more than the ${sizeText(limits.sheetXmlBytes)} a workbook export may hold.`, 'file skipped; save it as CSV (File › Save As › CSV UTF-8) or export it from the DMS as CSV, a sheet per file')] };
  }
  const whole = xmlBytes <= limits.wholeSheetXmlBytes;
  if (!whole && !streamable(zip)) {
    return { value: [], problems: [importProblem(fileName, 0, '', 'file_too_large', `${fileName} is too large to read as this workbook is laid out: its sheets hold ${sizeText(xmlBytes)} of data.`, 'file skipped; save it as CSV (File › Save As › CSV UTF-8) or export it from the DMS as CSV')] };
  }
  let sheets: { name: string; rows: SheetRows }[];
  try {
    sheets = whole ? await wholeSheets(bytes) : await streamedSheets(bytes);
  } catch (error) {
    return notRead(fileName, `it is not a readable .xlsx workbook (${(error as Error).message})`, 'file skipped; open it in Excel and save it again, or export it as CSV');
  }
  const problems = [];
  const parts = worksheetParts(zip);
  if (sheets.length < parts) {
    // Never silently: a sheet the reader passed over is named by count, with what to do.
    problems.push(importProblem(fileName, 0, '', 'sheet_not_read', `${fileName}: ${parts - sheets.length} of its ${parts} sheets could not be read.`, 'the sheets that could be read were imported; save the others as CSV files of their own'));
  }
  // The streaming reader gives sheets in the zip's order; the workbook's own order decides which is first.
  sheets.sort((a, b) => order(names, a.name) - order(names, b.name));
  const tables: RawTable[] = [];
  for (const sheet of sheets) {
    // The first sheet with data is the export; a later one is named by its sheet.
    const table = sheet.rows.table(tables.length === 0 ? fileName : `${fileName} (sheet "${sheet.name}")`);
    if (table === null) continue;
    if (tables.length > 0) table.sheet = sheet.name;
    tables.push(table);
  }
  if (tables.length === 0) {
    return { value: [], problems: [importProblem(fileName, 0, '', 'file_empty', `${fileName} has no data on any sheet.`, 'file skipped; export it again from the DMS')] };
  }
  return { value: tables, problems };
}
