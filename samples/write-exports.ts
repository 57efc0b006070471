/**
 * Writes a garage's exports as files, each in the encoding and line ending its DMS screen uses:
 *
 * | file                 | encoding              | line ends |
 * |----------------------|-----------------------|-----------|
 * | customers.csv        | Windows-1252          | CRLF      |
 * | vehicles.csv         | UTF-8 with a BOM      | CRLF      |
 * | jobs.csv / jobs.xlsx | UTF-8 / real XLSX     | CRLF      |
 * | advisories.csv       | UTF-8, no BOM         | LF        |
 * | booking-requests.csv | UTF-8, no BOM         | CRLF      |
 *
 * The same formats are written with or without quirks; `quirks: true` adds the demo's deliberate
 * data problems first (quirks.ts). The XLSX is byte-for-byte repeatable: the workbook's dates are
 * fixed to the as-of date and so are the zip entries' timestamps.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ExportTable, GarageExports } from './generator.ts';
import { applyQuirks, type QuirkNote } from './quirks.ts';

export interface WriteOptions {
  /** Add the demo's deliberate data-quality quirks (duplicate code, bad dates, odd spellings…). */
  quirks: boolean;
  /** Write the jobs as a real Excel workbook (jobs.xlsx) instead of jobs.csv. */
  jobsAsXlsx?: boolean;
}

export const FILE_NAMES = {
  customers: 'customers.csv',
  units: 'vehicles.csv',
  jobs: 'jobs.csv',
  jobsXlsx: 'jobs.xlsx',
  advisories: 'advisories.csv',
  bookings: 'booking-requests.csv',
} as const;

// ---------------------------------------------------------------------------------------------
// CSV

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(row: readonly string[]): string {
  return row.map(csvField).join(',');
}

/** RFC 4180 text: fields holding a comma, quote or line break are quoted, quotes doubled; a line end after every row. */
export function toCsv(table: ExportTable, eol: '\r\n' | '\n'): string {
  return [csvLine(table.headers), ...table.rows.map(csvLine)].join(eol) + eol;
}

export interface CsvFormat {
  encoding: 'utf-8' | 'windows-1252';
  /** A UTF-8 byte order mark first. */
  bom?: boolean;
  eol: '\r\n' | '\n';
}

const ROWS_PER_WRITE = 5000;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Writes a table as CSV a few thousand rows at a time, so a 100,000-customer garage never needs the whole file in memory. */
export function writeCsvFile(path: string, table: ExportTable, format: CsvFormat): void {
  const encode = (text: string): Buffer => (format.encoding === 'windows-1252' ? encodeWindows1252(text) : Buffer.from(text, 'utf8'));
  const fd = openSync(path, 'w');
  const writeAll = (bytes: Buffer) => {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
  };
  try {
    if (format.bom && format.encoding === 'utf-8') writeAll(BOM);
    writeAll(encode(csvLine(table.headers) + format.eol));
    for (let i = 0; i < table.rows.length; i += ROWS_PER_WRITE) {
      let chunk = '';
      for (const row of table.rows.slice(i, i + ROWS_PER_WRITE)) chunk += csvLine(row) + format.eol;
      writeAll(encode(chunk));
    }
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// Windows-1252

/** The characters Windows-1252 puts at 0x80–0x9F instead of the C1 controls. */
const CP1252_HIGH: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87],
  [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91],
  [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98],
  [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

/** Text as Windows-1252 bytes; a character the code page cannot hold becomes '?', as Windows writes it. */
export function encodeWindows1252(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out[n++] = cp;
    else out[n++] = CP1252_HIGH.get(cp) ?? 0x3f;
  }
  return out.subarray(0, n);
}

// ---------------------------------------------------------------------------------------------
// XLSX

const JOB_DATE_COLUMNS = new Set(['Date Booked', 'Appointment Date', 'Date Out']);

/** dd/mm/yyyy → a Date at UTC midnight (what Excel stores as a whole day number); null when not a real date. */
function ukDateToUtc(text: string): Date | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** MS-DOS date and time words for a UTC midnight, as zip entries store them. */
function dosDate(when: Date): number {
  return ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
}

/**
 * Sets every zip entry's modification time to `when` (in both the local headers and the central
 * directory), so the same workbook is the same bytes whenever it is written. The timestamps are
 * not covered by the entries' CRCs.
 */
export function fixZipTimestamps(zip: Buffer, when: Date): Buffer {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  const LOCAL = 0x04034b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  const date = dosDate(when);
  let p = zip.readUInt32LE(eocd + 16);
  for (let e = 0; e < entries; e++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('zip central directory is not where it says');
    zip.writeUInt16LE(0, p + 12);
    zip.writeUInt16LE(date, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('zip local header is not where it says');
    zip.writeUInt16LE(0, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

/**
 * The jobs as a real workbook, sheet "Jobs": dates are Excel date cells (dd/mm/yyyy), Value a
 * number cell; a value that is not a real date or number stays text, as Excel would keep it.
 */
export async function writeJobsXlsx(path: string, jobs: ExportTable, asOf: string): Promise<void> {
  const fixed = new Date(`${asOf}T00:00:00Z`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DMS export';
  workbook.lastModifiedBy = 'DMS export';
  workbook.created = fixed;
  workbook.modified = fixed;
  const sheet = workbook.addWorksheet('Jobs');
  sheet.columns = jobs.headers.map((header) => ({
    header,
    width: header === 'Description' ? 42 : JOB_DATE_COLUMNS.has(header) ? 14 : header === 'Service Advisor' ? 18 : 12,
    style: JOB_DATE_COLUMNS.has(header) ? { numFmt: 'dd/mm/yyyy' } : header === 'Value' ? { numFmt: '#,##0.00' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const kinds = jobs.headers.map((h) => (JOB_DATE_COLUMNS.has(h) ? 'date' : h === 'Value' ? 'number' : 'text'));
  for (const row of jobs.rows) {
    const values = row.map((text, i): string | number | Date | null => {
      if (text === '') return null;
      if (kinds[i] === 'date') return ukDateToUtc(text) ?? text;
      if (kinds[i] === 'number') {
        const n = Number(text);
        return Number.isFinite(n) && /^-?\d+(\.\d+)?$/.test(text) ? n : text;
      }
      return text;
    });
    const added = sheet.addRow(values);
    const description = jobs.headers.indexOf('Description');
    if (row[description]?.includes('\n')) added.getCell(description + 1).alignment = { wrapText: true, vertical: 'top' };
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  writeFileSync(path, fixZipTimestamps(buffer, fixed));
}

// ---------------------------------------------------------------------------------------------
// All five

/**
 * Writes the five exports into `dir` (created if need be): customers.csv, vehicles.csv,
 * jobs.csv (or jobs.xlsx), advisories.csv, booking-requests.csv. Returns the paths written, the
 * tables as written and, with `quirks`, a note of every deliberate quirk.
 */
export async function writeExportsCsv(
  dir: string,
  source: GarageExports,
  options: WriteOptions,
): Promise<{ files: string[]; notes: QuirkNote[]; written: GarageExports }> {
  const { exports, notes } = options.quirks ? applyQuirks(source) : { exports: source, notes: [] };
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const csv = (name: string, table: ExportTable, format: CsvFormat) => {
    const path = join(dir, name);
    writeCsvFile(path, table, format);
    files.push(path);
  };
  csv(FILE_NAMES.customers, exports.customers, { encoding: 'windows-1252', eol: '\r\n' });
  csv(FILE_NAMES.units, exports.units, { encoding: 'utf-8', bom: true, eol: '\r\n' });
  if (options.jobsAsXlsx) {
    const path = join(dir, FILE_NAMES.jobsXlsx);
    await writeJobsXlsx(path, exports.jobs, exports.asOf);
    files.push(path);
  } else {
    csv(FILE_NAMES.jobs, exports.jobs, { encoding: 'utf-8', eol: '\r\n' });
  }
  csv(FILE_NAMES.advisories, exports.advisories, { encoding: 'utf-8', eol: '\n' });
  csv(FILE_NAMES.bookings, exports.bookings, { encoding: 'utf-8', eol: '\r\n' });
  return { files, notes, written: exports };
}
