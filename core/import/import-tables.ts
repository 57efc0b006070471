/**
 * The import: files as read (RawTables) → the garage's records and every problem found on the
 * way. Each file is recognised by its headers (or told its kind), read row by row, and then the
 * files are joined: duplicate codes (first kept), jobs with no customer code (the unit's owner is
 * meant), vehicles whose owner is not in the customers export.
 */
import type { IsoDate } from '../calendar.ts';
import { cutText, importProblem, type Problem, type Result } from '../problems.ts';
import { CELL_CHARS } from './limits.ts';
import type { GarageRecords, RecordKind, RecordLookups } from '../records.ts';
import type { GarageSettings } from '../settings.ts';
import { expectedHeaders, mapColumns, recogniseKind, type ColumnMap } from './headers.ts';
import { advisoryFromRow } from './kinds/advisories.ts';
import { bookingFromRow } from './kinds/bookings.ts';
import { customerFromRow } from './kinds/customers.ts';
import { jobFromRow } from './kinds/jobs.ts';
import { unitFromRow } from './kinds/units.ts';
import { SharedDates } from '../values/dates.ts';
import { hasUnwritable, unwritableMessage, withoutUnwritable } from '../values/workbook-text.ts';
import { cellText, type RawCell, type RawTable } from './raw-table.ts';
import { RowReader, SharedWords } from './row-reader.ts';

export interface ImportOptions {
  settings: GarageSettings;
  /** The as-of date: two-digit years are read around it. */
  asOf: IsoDate;
  /** File name → kind, for a file whose headers do not say (the --kind override). */
  kinds?: Record<string, RecordKind>;
}

export interface ImportedFile {
  file: string;
  kind: RecordKind | null;
  rows: number;
  imported: number;
}

export interface ImportedGarage {
  records: GarageRecords;
  /** The records by code, registration and job number, as found while looking for duplicates. */
  lookups: RecordLookups;
  files: ImportedFile[];
}

export type ImportResult = Result<ImportedGarage>;

const ROW_READERS = {
  customers: customerFromRow,
  units: unitFromRow,
  jobs: jobFromRow,
  advisories: advisoryFromRow,
  bookings: bookingFromRow,
} as const;

function headerProblems(table: RawTable, map: ColumnMap): Problem[] {
  const problems: Problem[] = [];
  for (const { header } of map.unknown) {
    problems.push(importProblem(table.fileName, table.headerRow, header, 'header_unknown', `${table.fileName}: the column "${header}" is not one Retention Desk reads for ${map.kind}.`, 'column ignored; map it on the Settings sheet if it holds something that should be read', header));
  }
  for (const { header, field } of map.duplicates) {
    problems.push(importProblem(table.fileName, table.headerRow, header, 'header_duplicate', `${table.fileName}: "${header}" is a second column for ${field}.`, 'the first such column was used, this one ignored', header));
  }
  return problems;
}

/** A row longer or shorter than the header, or null when it fits. */
function raggedProblem(table: RawTable, cells: RawCell[], row: number): Problem | null {
  const width = table.headers.length;
  if (cells.length > width) {
    const extra = cells.slice(width).map(cellText).filter((v) => v !== '');
    if (extra.length === 0) return null;
    return importProblem(table.fileName, row, '', 'row_ragged', `${table.fileName} row ${row} has ${cells.length} values but the header has ${width} columns (an unquoted comma?).`, 'values past the last column ignored; the row was read as far as the header goes', extra.join(', '));
  }
  return importProblem(table.fileName, row, '', 'row_ragged', `${table.fileName} row ${row} has ${cells.length} values but the header has ${width} columns.`, 'the missing columns were left blank');
}

type Kept = { [K in RecordKind]: GarageRecords[K][number] };
type Keyed = Exclude<RecordKind, 'advisories'>;

/**
 * An import in progress: tables are added one at a time, so each file's raw rows can be let go
 * as soon as its records are made (a 100,000-customer garage would otherwise hold both).
 */
export class GarageImport {
  private readonly problems: Problem[] = [];
  private readonly files: ImportedFile[] = [];
  private readonly records: GarageRecords = { customers: [], units: [], jobs: [], advisories: [], bookings: [] };
  /** Where each record was read, packed as file index × 2^32 + row (a number, not an object per record), in record order. */
  private readonly sourceOf: { [K in RecordKind]: number[] } = { customers: [], units: [], jobs: [], advisories: [], bookings: [] };
  /** Each record by its key: finds duplicates, and the index reuses it rather than key every record again. */
  private readonly byKey: { [K in Keyed]: Map<string, Kept[K]> } = { customers: new Map(), units: new Map(), jobs: new Map(), bookings: new Map() };
  /** Record → where it was read, made only when a duplicate needs to say where the first one was. */
  private readonly sourceByRecord = new Map<object, number>();
  private readonly sourcesMapped: { [K in RecordKind]: number } = { customers: 0, units: 0, jobs: 0, advisories: 0, bookings: 0 };
  /** One string per date for the whole import, every file's cells sharing it. */
  private readonly sharedDates = new SharedDates();
  /** One string per repeated word (town, make, status…) for the whole import. */
  private readonly sharedWords = new SharedWords();

  constructor(private readonly options: ImportOptions) {}

  /** A whole table (its `more`, if any, is not read: see addAll). */
  add(table: RawTable): void {
    const file = this.begin(table);
    file.rows(table.rows, table.rowNumbers, table.writable === true);
    file.end();
  }

  /** A table and every batch of its `more`, each imported as it comes. */
  async addAll(table: RawTable): Promise<void> {
    const file = this.begin(table);
    file.rows(table.rows, table.rowNumbers, table.writable === true);
    if (table.more) for await (const batch of table.more) file.rows(batch.rows, batch.rowNumbers, batch.writable === true);
    file.end();
  }

  /** Recognises the table's kind from its headers; the rows come after, in batches. */
  private begin(table: RawTable): { rows(rows: RawCell[][], rowNumbers: number[], writable: boolean): void; end(): void } {
    const { options, problems } = this;
    table.headers.forEach((header, c) => {
      if (hasUnwritable(header)) {
        table.headers[c] = this.unwritable(table, table.headerRow, `The header of column ${c + 1}`, withoutUnwritable(header).text || `column ${c + 1}`, header);
      }
    });
    let rowCount = 0;
    const recognised = options.kinds?.[table.fileName] ?? recogniseKind(table.headers, options.settings.headerMappings);
    const kind = typeof recognised === 'string' ? recognised : recognised.kind;
    if (kind === null) {
      const counted = { rows: (rows: RawCell[][]) => void (rowCount += rows.length), end: () => this.files.push({ file: table.fileName, kind: null, rows: rowCount, imported: 0 }) };
      if (table.sheet !== undefined) {
        // A workbook's later sheet that is not an export of its own (notes, a pivot, a chart's data).
        problems.push(importProblem(table.fileName, table.headerRow, '', 'sheet_not_read', `${table.fileName}: the sheet "${table.sheet}" was not read; its headers (${headerList(table.headers)}) are not those of an export.`, 'sheet skipped; if it holds an export, save it as a file of its own or name its headers on the Settings sheet', table.headers.join(', ')));
        return counted;
      }
      const reason = typeof recognised !== 'string' && recognised.kind === null ? recognised.reason : '';
      problems.push(importProblem(table.fileName, table.headerRow, '', 'file_unrecognised', `${table.fileName} was not recognised (${reason}). Its headers: ${headerList(table.headers)}. Recognised headers include — ${expectedHeaders()}.`, 'file skipped; the other files were still imported. Rename its headers, map them on the Settings sheet, or name its kind with --kind KIND=FILE', table.headers.join(', ')));
      return counted;
    }
    const map = mapColumns(kind, table.headers, options.settings.headerMappings);
    problems.push(...headerProblems(table, map));
    const reader = new RowReader(table, map, problems, options.asOf, this.sharedDates, this.sharedWords);
    const readRow = ROW_READERS[kind] as (r: RowReader) => Kept[RecordKind] | null;
    const into = this.records[kind] as Kept[RecordKind][];
    const sources = this.sourceOf[kind];
    const seen = kind === 'advisories' ? null : (this.byKey[kind] as Map<string, Kept[RecordKind]>);
    const fileBase = this.files.length * ROW_SPAN;
    const before = into.length;
    const width = table.headers.length;
    const rowsOf = (rows: RawCell[][], rowNumbers: number[], writable: boolean) => {
      rowCount += rows.length;
      for (let i = 0; i < rows.length; i += 1) {
        const cells = rows[i]!;
        reader.at(cells, rowNumbers[i] ?? i + 2);
        // Checked here, not in a pass of their own: the row is in hand (and in the CPU's cache) now.
        for (let c = 0; c < cells.length; c += 1) {
          const cell = cells[c];
          if (typeof cell !== 'string') continue;
          if (!writable && hasUnwritable(cell)) {
            const column = table.headers[c] || `column ${c + 1}`;
            cells[c] = this.unwritable(table, reader.row, column, column, cell);
          }
          if (cell.length > CELL_CHARS) cells[c] = this.tooLong(table, reader.row, c, cells[c] as string);
        }
        if (cells.length !== width) {
          const ragged = raggedProblem(table, cells, reader.row);
          if (ragged) problems.push(ragged);
        }
        const record = readRow(reader);
        if (record === null) continue;
        if (seen !== null) {
          const key = recordKey(kind as Keyed, record);
          const first = seen.get(key);
          if (first !== undefined) {
            const at = this.sourceOfRecord(kind, first);
            const firstFile = this.files[Math.floor(at / ROW_SPAN)]?.file ?? table.fileName;
            problems.push(importProblem(table.fileName, reader.row, '', 'code_duplicate', `${KEY_LABEL[kind]} ${key} appears again (first on ${firstFile} row ${at % ROW_SPAN}).`, 'first kept, this row skipped; give one of them a new code in the DMS', key));
            continue;
          }
          seen.set(key, record);
        }
        into.push(record);
        sources.push(fileBase + reader.row);
      }
    };
    return { rows: rowsOf, end: () => this.files.push({ file: table.fileName, kind, rows: rowCount, imported: into.length - before }) };
  }

  /** The cell's text without what a workbook cannot hold, reported at its file, row and column. */
  private unwritable(table: RawTable, row: number, what: string, column: string, text: string): string {
    const cleaned = withoutUnwritable(text);
    this.problems.push(importProblem(table.fileName, row, column, 'character_unwritable', unwritableMessage(what, cleaned.removed), 'character removed; the rest of the row kept', cleaned.text));
    return cleaned.text;
  }

  /** The cell cut to what one Excel cell holds, reported: the workbook could not show the rest. */
  private tooLong(table: RawTable, row: number, c: number, text: string): string {
    const column = table.headers[c] || `column ${c + 1}`;
    const cut = text.slice(0, CELL_CHARS);
    this.problems.push(importProblem(table.fileName, row, column, 'cell_too_long', `${column} holds ${text.length.toLocaleString('en-GB')} characters; an Excel cell holds at most ${CELL_CHARS.toLocaleString('en-GB')}.`, `cut to the first ${CELL_CHARS.toLocaleString('en-GB')} characters; the rest of the row kept`, cut));
    return cut;
  }

  /** Where a record was read. Duplicates are rare, so the lookup is made on the first one and topped up after. */
  private sourceOfRecord(kind: RecordKind, record: object): number {
    const known = this.sourceByRecord.get(record);
    if (known !== undefined) return known;
    const list = this.records[kind] as object[];
    const sources = this.sourceOf[kind];
    for (let i = this.sourcesMapped[kind]; i < list.length; i += 1) this.sourceByRecord.set(list[i]!, sources[i]!);
    this.sourcesMapped[kind] = list.length;
    return this.sourceByRecord.get(record) ?? 0;
  }

  finish(): ImportResult {
    const { records, problems, byKey } = this;
    // A job or advisory exported without a customer code belongs to the vehicle's owner.
    for (const list of [records.jobs, records.advisories]) {
      for (const item of list) {
        if (item.customerCode === '' && item.registration !== '') item.customerCode = byKey.units.get(item.registration)?.customerCode ?? '';
      }
    }
    if (this.files.some((f) => f.kind === 'customers')) {
      const known = byKey.customers;
      records.units.forEach((unit, i) => {
        if (unit.customerCode === '' || known.has(unit.customerCode)) return;
        const at = this.sourceOf.units[i] ?? 0;
        problems.push(importProblem(this.files[Math.floor(at / ROW_SPAN)]?.file ?? '', at % ROW_SPAN, 'customer', 'customer_unknown', `${unit.registrationDisplay} belongs to customer ${unit.customerCode}, who is not in the customers export.`, 'vehicle kept; no contact can go out for it until the customer is exported too', unit.customerCode));
      });
    }
    problems.sort(byFileAndRow);
    const lookups = { customerByCode: byKey.customers, unitByRegistration: byKey.units, jobByNo: byKey.jobs };
    return { value: { records, lookups, files: this.files }, problems };
  }
}

const ROW_SPAN = 2 ** 32;

/** Headers for a message: the first twenty, each cut short (a header may be a whole file's worth of text). */
function headerList(headers: readonly string[]): string {
  if (headers.length === 0) return '(none)';
  const shown = headers.slice(0, 20).map((h) => cutText(h, 60));
  return headers.length > 20 ? `${shown.join(', ')} and ${headers.length - 20} more` : shown.join(', ');
}

function byFileAndRow(a: Problem, b: Problem): number {
  const [fileA, fileB] = [a.where.file ?? '', b.where.file ?? ''];
  return fileA === fileB ? (a.where.row ?? 0) - (b.where.row ?? 0) : fileA < fileB ? -1 : 1;
}

const KEY_LABEL: Record<RecordKind, string> = {
  customers: 'Customer code', units: 'Registration', jobs: 'Job number', advisories: 'Advisory', bookings: 'Booking request',
};

function recordKey(kind: Keyed, record: Kept[RecordKind]): string {
  if (kind === 'customers') return (record as Kept['customers']).code;
  if (kind === 'units') return (record as Kept['units']).registration;
  if (kind === 'jobs') return (record as Kept['jobs']).jobNo;
  return (record as Kept['bookings']).requestId;
}

export function importTables(tables: RawTable[], options: ImportOptions): ImportResult {
  const session = new GarageImport(options);
  for (const table of tables) session.add(table);
  return session.finish();
}
