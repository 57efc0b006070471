/**
 * The file half of the import: finds the export files, reads their bytes or sheets, and hands the
 * core RawTables. CSV goes through the core's decoder and papaparse; .xlsx and .xlsm through exceljs
 * with real dates and numbers kept. What cannot be read (a folder, an old .xls, a password-protected
 * workbook, a pipe, a file too large) becomes a problem naming it and saying what to do, never a
 * crash, a hang or a silent skip.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { decodeExportChunks, exportDecoding, importProblem, IMPORT_LIMITS, sizeText, tableFromCsvChunks, wholeTable, type ExportSource, type ImportLimits, type ProblemCode, type RawTable, type Result } from '../core/index.ts';

/** What a folder's files are read for: exports, and the spreadsheets that must be named when they cannot be read. */
const LISTED_EXTENSIONS = new Set(['.csv', '.txt', '.xlsx', '.xlsm', '.xls', '.xlsb', '.ods']);

/** The file's table, or null when it could not be read; its problems either way. */
export type ExportRead = Result<RawTable | null>;

/**
 * Files named, and in folders named: the export files and other spreadsheets (to be read or named
 * as not read) and the subfolders (named as not read), in name order. Hidden files, Excel's lock
 * files (~$…) and the paths in `leaveOut` (the workbook being built) are not listed.
 */
export async function listExportFiles(paths: string[], leaveOut: readonly string[] = []): Promise<string[]> {
  const files: string[] = [];
  const left = new Set(leaveOut.map((p) => resolve(p)));
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      const names = entries
        .filter((e) => !e.name.startsWith('.') && !e.name.startsWith('~$'))
        .filter((e) => e.isDirectory() || LISTED_EXTENSIONS.has(extname(e.name).toLowerCase()))
        .map((e) => e.name);
      files.push(...names.sort().map((n) => join(path, n)).filter((p) => !left.has(resolve(p))));
    } else {
      files.push(path); // a missing file is reported by readExport, with the name the user typed
    }
  }
  return files;
}

const SKIPPED = 'file skipped; the other files were still imported';

function notRead(fileName: string, why: string, action = SKIPPED, code: ProblemCode = 'file_unreadable'): ExportRead[] {
  return [{ value: null, problems: [importProblem(fileName, 0, '', code, `${fileName} could not be read: ${why}.`, action)] }];
}

/** An OLE compound file (D0 CF 11 E0): an old .xls, or an .xlsx saved with a password (which Excel wraps in one). */
function isCompoundFile(bytes: Buffer): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** An encrypted workbook's compound file holds a stream named "EncryptedPackage" (its directory names are UTF-16). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Before opening: only a plain file is read (a pipe would hang for ever, /dev/zero never end), and only up to the size limit. Its first bytes, or why not. */
async function openPlainFile(path: string, fileName: string, limits: ImportLimits): Promise<Buffer | ExportRead[]> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) return notRead(fileName, info.code === 'ENOENT' ? 'there is no such file' : info.message);
  if (info.isDirectory()) return notRead(fileName, 'it is a folder, and files in folders inside the exports folder are not read', 'folder skipped; move any exports in it up into the exports folder', 'file_not_read');
  if (!info.isFile()) return notRead(fileName, 'it is not a plain file (a pipe, a device or a socket)', 'skipped; save the export as a file and name that', 'file_not_read');
  if (info.size > limits.fileBytes) {
    return notRead(fileName, `it is ${sizeText(info.size)}, more than the ${sizeText(limits.fileBytes)} an export may be`, 'file skipped; export fewer rows at a time from the DMS (for example a date range per file)', 'file_too_large');
  }
  if (info.size === 0) return [{ value: null, problems: [importProblem(fileName, 0, '', 'file_empty', `${fileName} is empty.`, 'file skipped; export it again from the DMS')] }];
  try {
    const handle = await open(path);
    try {
      const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return notRead(fileName, (error as Error).message);
  }
}

/** What the file's kind and text encoding are told from. */
const HEAD_BYTES = 8192;

/** Whether the whole file is UTF-8, checked chunk by chunk (a character split between chunks is carried over). */
async function fileIsUtf8(path: string): Promise<boolean> {
  let carried: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
    const end = completeCharactersEnd(bytes);
    if (!isUtf8(bytes.subarray(0, end))) return false;
    carried = bytes.subarray(end);
  }
  return carried.length === 0;
}

/** Where the last whole UTF-8 character ends: a lead byte whose continuation bytes are still to come is left for the next chunk. */
function completeCharactersEnd(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back += 1) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Every table in the file: one for a CSV, one per sheet read for a workbook (none when it could not
 * be read, with the problems saying why). A CSV is read as a stream: its table's `more` yields the
 * rows after the first piece, and its problems are complete once `more` has been read.
 */
export async function readExportTables(path: string, limits: ImportLimits = IMPORT_LIMITS): Promise<ExportRead[]> {
  const fileName = basename(path);
  const head = await openPlainFile(path, fileName, limits);
  if (!Buffer.isBuffer(head)) return head;
  const isZip = head[0] === 0x50 && head[1] === 0x4b;
  const extension = extname(path).toLowerCase();
  if (isCompoundFile(head)) {
    const bytes = await readFile(path).catch((error: Error) => error);
    if (bytes instanceof Error) return notRead(fileName, bytes.message);
    if (bytes.includes(ENCRYPTED_PACKAGE)) {
      return notRead(fileName, 'it is protected with a password', 'file skipped; open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it) and save it again');
    }
    return notRead(fileName, 'it is in the old Excel 97–2003 (.xls) format, which cannot be read', 'file skipped; open it in Excel and save it as .xlsx (Excel Workbook) or CSV UTF-8');
  }
  if (extension === '.xlsb' || extension === '.ods') {
    return notRead(fileName, `${extension} workbooks cannot be read`, 'file skipped; open it and save it as .xlsx (Excel Workbook) or CSV UTF-8');
  }
  if (extension === '.xlsx' || extension === '.xlsm' || isZip) {
    if (!isZip) return notRead(fileName, `it is named ${extension} but is not an Excel workbook`, 'file skipped; if it is a CSV, rename it to .csv');
    const size = (await stat(path)).size;
    if (size > limits.wholeFileBytes) {
      return notRead(fileName, `it is ${sizeText(size)}, more than the ${sizeText(limits.wholeFileBytes)} a workbook export may be`, 'file skipped; save it as CSV (File › Save As › CSV UTF-8), which has no such limit, or export fewer rows at a time', 'file_too_large');
    }
    const bytes = await readFile(path).catch((error: Error) => error);
    if (bytes instanceof Error) return notRead(fileName, bytes.message);
    // exceljs is loaded only when a workbook export is read: a folder of CSVs never pays for it.
    const { readExportWorkbook } = await import('./xlsx/read-export-workbook.ts');
    const workbook = await readExportWorkbook(bytes, fileName, limits);
    if (workbook.value.length === 0) return [{ value: null, problems: workbook.problems }];
    return workbook.value.map((table, i) => ({ value: table, problems: i === 0 ? workbook.problems : [] }));
  }
  // Anything else is read as text: DMSs often write CSV, tab-separated text or even HTML under ".xls".
  const how = exportDecoding(head);
  if ('error' in how) return notRead(fileName, how.error);
  try {
    const wholeIsUtf8 = how.label === 'utf-8 else windows-1252' && (await fileIsUtf8(path));
    const chunks = createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
    return [await tableFromCsvChunks(fileName, decodeExportChunks(chunks, how, wholeIsUtf8), limits)];
  } catch (error) {
    return notRead(fileName, (error as Error).message);
  }
}

/** The file's export (a workbook's first sheet with data), with every problem in reading it. */
export async function readExport(path: string, limits: ImportLimits = IMPORT_LIMITS): Promise<ExportRead> {
  const [first, ...rest] = await readExportTables(path, limits);
  // Read whole before the problems are taken: a CSV's are found as its pieces are read.
  const value = first?.value ? await wholeTable(first.value) : null;
  return { value, problems: [...(first?.problems ?? []), ...rest.flatMap((r) => r.problems)] };
}

/** The export files as the core's rebuild takes them: read one at a time, in the order given; a workbook's sheets one by one. */
export function exportFileSource(paths: readonly string[], limits: ImportLimits = IMPORT_LIMITS): ExportSource {
  return {
    async *files() {
      for (const path of paths) yield* await readExportTables(path, limits);
    },
  };
}
