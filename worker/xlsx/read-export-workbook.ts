/**
 * An .xlsx (or .xlsm) export → its tables. The export is the first sheet with data; a later sheet
 * with data is read too, marked with its sheet's name, so the import can take it when its headers
 * are an export's and name it as not read when they are not. Retention Desk's own workbook, left in
 * the exports folder, is told by its sheets and not read as an export.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CONTACT_LOG_SHEET, DUE_ACTIONS_SHEET, importProblem, SETTINGS_SHEET, sizeText, type ImportLimits, type RawCell, type RawTable, type Result } from '../../core/index.ts';
import { cellValue } from './cell-values.ts';

/** The sheets that say a workbook is Retention Desk's own. */
const OWN_SHEETS = [DUE_ACTIONS_SHEET, CONTACT_LOG_SHEET, SETTINGS_SHEET];

export type WorkbookRead = Result<RawTable[]>;

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

function tableOf(sheet: ExcelJS.Worksheet, fileName: string): RawTable | null {
  let headerRow = 0;
  let headers: string[] = [];
  const rows: RawCell[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    if (isBlank(values)) return;
    if (headerRow === 0) {
      headerRow = rowNumber;
      headers = values.map((v) => (v === null ? '' : String(typeof v === 'object' ? v.date : v).trim()));
      return;
    }
    // exceljs leaves off trailing empty cells; they are blanks, not a short row.
    while (values.length < headers.length) values.push(null);
    rows.push(values);
    rowNumbers.push(rowNumber);
  });
  return headerRow === 0 ? null : { fileName, headers, rows, rowNumbers, headerRow };
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
    return { value: [], problems: [importProblem(fileName, 0, '', 'file_too_large', `${fileName} is too large to read as a workbook: its sheets hold ${sizeText(xmlBytes)} of data, more than the ${sizeText(limits.sheetXmlBytes)} that can be read at once.`, 'file skipped; save it as CSV (File › Save As › CSV UTF-8) or export it from the DMS as CSV, which is read without this limit')] };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return notRead(fileName, `it is not a readable .xlsx workbook (${(error as Error).message})`, 'file skipped; open it in Excel and save it again, or export it as CSV');
  }
  const tables: RawTable[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.actualRowCount === 0) continue;
    // The first sheet with data is the export; a later one is named by its sheet.
    const table = tableOf(sheet, tables.length === 0 ? fileName : `${fileName} (sheet "${sheet.name}")`);
    if (table === null) continue;
    if (tables.length > 0) table.sheet = sheet.name;
    tables.push(table);
  }
  if (tables.length === 0) {
    return { value: [], problems: [importProblem(fileName, 0, '', 'file_empty', `${fileName} has no data on any sheet.`, 'file skipped; export it again from the DMS')] };
  }
  return { value: tables, problems: [] };
}
