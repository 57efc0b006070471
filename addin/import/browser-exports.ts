/**
 * Files dropped on the task pane (or picked) as the core's rebuild takes them: CSV through the
 * core's decoder and papaparse, .xlsx through exceljs's browser build, one file at a time. Runs in
 * the pane's Web Worker. What cannot be read is a problem naming the file and what to do, as on
 * the command line (worker/read-export.ts).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  CONTACT_LOG_SHEET,
  decodeExport,
  DUE_ACTIONS_SHEET,
  importProblem,
  IMPORT_LIMITS,
  SETTINGS_SHEET,
  sizeText,
  tableFromCsv,
  type ExportFile,
  type ExportSource,
  type ImportLimits,
  type ProblemCode,
  type RawCell,
  type RawTable,
} from '../../core/index.ts';
import { cellValue } from './xlsx-cells.ts';

const SKIPPED = 'file skipped; the other files were still imported';
const OWN_SHEETS = [DUE_ACTIONS_SHEET, CONTACT_LOG_SHEET, SETTINGS_SHEET];

/** What the worker needs of a browser File (a test passes its own). */
export interface ExportBlob {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

function notRead(fileName: string, why: string, action = SKIPPED, code: ProblemCode = 'file_unreadable'): ExportFile[] {
  return [{ value: null, problems: [importProblem(fileName, 0, '', code, `${fileName} could not be read: ${why}.`, action)] }];
}

function isBlank(values: RawCell[]): boolean {
  return values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
}

/** A sheet → its table: the first row with data is the header; exceljs leaves off trailing blanks. */
function sheetTable(sheet: ExcelJS.Worksheet, fileName: string): RawTable | null {
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
    while (values.length < headers.length) values.push(null);
    rows.push(values);
    rowNumbers.push(rowNumber);
  });
  return headerRow === 0 ? null : { fileName, headers, rows, rowNumbers, headerRow };
}

/** The uncompressed size of the workbook's sheets, as the zip's directory states it. */
function sheetXmlBytes(zip: JSZip): number {
  let total = 0;
  zip.forEach((path, entry) => {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(path)) total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  return total;
}

async function workbookTables(bytes: ArrayBuffer, fileName: string, limits: ImportLimits): Promise<ExportFile[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    return notRead(fileName, `it is not a readable .xlsx workbook (${(error as Error).message})`, 'file skipped; open it in Excel and save it again, or export it as CSV');
  }
  const xmlBytes = sheetXmlBytes(zip);
  // The pane has no streaming reader: a workbook too big to load whole goes in as CSV.
  if (xmlBytes > limits.wholeSheetXmlBytes) {
    return [{ value: null, problems: [importProblem(fileName, 0, '', 'file_too_large', `${fileName} is too large to read in the pane: its sheets hold ${sizeText(xmlBytes)} of data.`, 'file skipped; save it as CSV (File › Save As › CSV UTF-8) and load that')] }];
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch (error) {
    return notRead(fileName, `it is not a readable .xlsx workbook (${(error as Error).message})`, 'file skipped; open it in Excel and save it again, or export it as CSV');
  }
  const names = workbook.worksheets.map((s) => s.name);
  if (OWN_SHEETS.every((name) => names.includes(name))) {
    return [{ value: null, problems: [importProblem(fileName, 0, '', 'file_not_read', `${fileName} is a Retention Desk workbook (it has the ${OWN_SHEETS.join(', ')} sheets), not an export.`, 'not read as an export')] }];
  }
  const tables: RawTable[] = [];
  for (const sheet of workbook.worksheets) {
    const table = sheetTable(sheet, tables.length === 0 ? fileName : `${fileName} (sheet "${sheet.name}")`);
    if (table === null) continue;
    if (tables.length > 0) table.sheet = sheet.name;
    tables.push(table);
  }
  if (tables.length === 0) return [{ value: null, problems: [importProblem(fileName, 0, '', 'file_empty', `${fileName} has no data on any sheet.`, 'file skipped; export it again from the DMS')] }];
  return tables.map((value) => ({ value, problems: [] }));
}

/** Every table in one file: one for a CSV, one per sheet with data for a workbook. */
export async function readBlobTables(file: ExportBlob, limits: ImportLimits = IMPORT_LIMITS): Promise<ExportFile[]> {
  const fileName = file.name;
  if (file.size > limits.fileBytes) {
    return notRead(fileName, `it is ${sizeText(file.size)}, more than the ${sizeText(limits.fileBytes)} an export may be`, 'file skipped; export fewer rows at a time from the DMS (for example a date range per file)', 'file_too_large');
  }
  if (file.size === 0) return [{ value: null, problems: [importProblem(fileName, 0, '', 'file_empty', `${fileName} is empty.`, 'file skipped; export it again from the DMS')] }];
  const buffer = await file.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return notRead(fileName, 'it is an old Excel 97–2003 (.xls) workbook or one protected with a password', 'file skipped; open it in Excel, remove any password, and save it as .xlsx (Excel Workbook) or CSV UTF-8');
  }
  const extension = /\.[^.]*$/.exec(fileName.toLowerCase())?.[0] ?? '';
  if (extension === '.xlsb' || extension === '.ods') return notRead(fileName, `${extension} workbooks cannot be read`, 'file skipped; open it and save it as .xlsx (Excel Workbook) or CSV UTF-8');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) return workbookTables(buffer, fileName, limits);
  if (extension === '.xlsx' || extension === '.xlsm') return notRead(fileName, `it is named ${extension} but is not an Excel workbook`, 'file skipped; if it is a CSV, rename it to .csv');
  const decoded = decodeExport(bytes);
  if ('error' in decoded) return notRead(fileName, decoded.error);
  return [tableFromCsv(fileName, decoded.text, limits)];
}

/** The files as the rebuild takes them, one at a time; `onFile` is told as each starts (for the progress bar). */
export function blobExportSource(files: readonly ExportBlob[], onFile: (index: number, name: string) => void = () => {}): ExportSource {
  return {
    async *files() {
      for (const [index, file] of files.entries()) {
        onFile(index, file.name);
        yield* await readBlobTables(file);
      }
    },
  };
}
