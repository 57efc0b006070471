/**
 * The file half of the import: finds the export files, reads their bytes or sheets, and hands the
 * core a RawTable. CSV goes through the core's decoder and papaparse; XLSX through exceljs with
 * real dates and numbers kept. A file that cannot be read becomes a problem, never a crash.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { decodeExport, importProblem, tableFromCsv, type ExportSource, type RawCell, type RawTable, type Result } from '../core/index.ts';
import { cellValue } from './xlsx/cell-values.ts';

const EXPORT_EXTENSIONS = new Set(['.csv', '.txt', '.xlsx']);

/** The file's table, or null when it could not be read; its problems either way. */
export type ExportRead = Result<RawTable | null>;

/** Files named, and the .csv/.xlsx files in folders named (not their subfolders), in name order. */
export async function listExportFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null) {
      files.push(path); // reported as unreadable by readExport, with the name the user typed
    } else if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => EXPORT_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('.') && !n.startsWith('~$'));
      files.push(...names.sort().map((n) => join(path, n)));
    } else {
      files.push(path);
    }
  }
  return files;
}

function unreadable(fileName: string, why: string, action = 'file skipped; the other files were still imported'): ExportRead {
  return { value: null, problems: [importProblem(fileName, 0, '', 'file_unreadable', `${fileName} could not be read: ${why}.`, action)] };
}

async function readXlsx(bytes: Buffer, fileName: string): Promise<ExportRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    // The bytes already read to tell a workbook from a CSV: the file is not read a second time.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return unreadable(fileName, `it is not a readable .xlsx workbook (${(error as Error).message})`, 'file skipped; open it in Excel and save it again, or export it as CSV');
  }
  // The export's data is on the first sheet that has any; DMS workbooks rarely have more.
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) {
    return { value: null, problems: [importProblem(fileName, 0, '', 'file_empty', `${fileName} has no data on any sheet.`, 'file skipped; export it again from the DMS')] };
  }
  let headerRow = 0;
  let headers: string[] = [];
  const rows: RawCell[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    if (values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) return;
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
  return { value: { fileName, headers, rows, rowNumbers, headerRow }, problems: [] };
}

export async function readExport(path: string): Promise<ExportRead> {
  const fileName = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return unreadable(fileName, code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message);
  }
  if (bytes.length === 0) {
    return { value: null, problems: [importProblem(fileName, 0, '', 'file_empty', `${fileName} is empty.`, 'file skipped; export it again from the DMS')] };
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (extname(path).toLowerCase() === '.xlsx' || isZip) {
    if (!isZip) return unreadable(fileName, 'it is named .xlsx but is not an Excel workbook', 'file skipped; if it is a CSV, rename it to .csv');
    return readXlsx(bytes, fileName);
  }
  const decoded = decodeExport(bytes);
  if ('error' in decoded) return unreadable(fileName, decoded.error);
  return tableFromCsv(fileName, decoded.text);
}

/** The export files as the core's rebuild takes them: read one at a time, in the order given. */
export function exportFileSource(paths: readonly string[]): ExportSource {
  return {
    async *files() {
      for (const path of paths) yield await readExport(path);
    },
  };
}
