/**
 * Reads one row's fields through the column map, normalising each value and recording every
 * problem (file, row, column, value, code, what was done) instead of throwing. A bad value is
 * left blank and the row goes on.
 */
import type { IsoDate } from '../calendar.ts';
import { importProblem, type Problem, type ProblemCode } from '../problems.ts';
import type { ContactItem, Method, Phone } from '../records.ts';
import type { ColumnMap } from './headers.ts';
import { readPhone } from './phone.ts';
import { cellText, type RawCell, type RawTable } from './raw-table.ts';
import { dayFirstDate, isZeroDate, PLACEHOLDER_DATES, readDate, type ReadDate, type SharedDates } from '../values/dates.ts';
import { readPreferredMethod } from '../values/methods.ts';
import { readYesNo } from '../values/yes-no.ts';
import { readEmail, readNumber, readPostcode } from './values.ts';

/** A customer's unusable contact items, with the reason each counts as missing. */
export type Invalid = Partial<Record<ContactItem, string>>;

/**
 * One string per distinct value of the columns that repeat a few values (towns, makes, statuses,
 * staff), for the whole import: a million rows then hold a few thousand strings, not a million
 * copies, and the copies die young instead of being carried into the old generation.
 */
export class SharedWords {
  private readonly strings = new Map<string, string>();

  of(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    // Long values and a column that turns out not to repeat are not worth keeping.
    if (text.length <= 40 && this.strings.size < 100_000) this.strings.set(text, text);
    return text;
  }
}

export class RowReader {
  private cells: RawCell[] = [];
  row = 0;

  constructor(
    private readonly table: RawTable,
    private readonly map: ColumnMap,
    private readonly problems: Problem[],
    /** The as-of date, against which two-digit years are read (TwoDigitYears). */
    private readonly asOf: IsoDate,
    /** The import's shared date strings (see SharedDates). */
    private readonly shared: SharedDates,
    /** The import's shared words (see SharedWords). */
    private readonly words: SharedWords = new SharedWords(),
  ) {}

  /** Moves to a row: its cells and its spreadsheet row number. */
  at(cells: RawCell[], row: number): this {
    this.cells = cells;
    this.row = row;
    return this;
  }

  has(field: string): boolean {
    return this.map.fields.has(field);
  }

  header(field: string): string {
    const index = this.map.fields.get(field);
    return index === undefined ? field : (this.table.headers[index] ?? field);
  }

  raw(field: string): RawCell {
    const index = this.map.fields.get(field);
    return index === undefined ? null : (this.cells[index] ?? null);
  }

  problem(field: string, code: ProblemCode, message: string, action: string, value = cellText(this.raw(field))): void {
    this.problems.push(importProblem(this.table.fileName, this.row, this.header(field), code, message, action, value));
  }

  text(field: string): string {
    const cell = this.raw(field);
    if (typeof cell !== 'string') return cellText(cell);
    const text = cell.trim();
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }

  /** text() for a column that repeats a few values (a town, a make, a status): one string for each, shared by every row. */
  word(field: string): string {
    return this.words.of(this.text(field));
  }

  /** `past`: the column holds past events, so a two-digit year never lands after the as-of date. */
  dateTime(field: string, past = false): ReadDate | null {
    const cell = this.raw(field);
    if (isZeroDate(cell)) {
      this.problem(field, 'date_placeholder', `${this.header(field)}: ${cellText(cell)} is a placeholder some systems write for "unknown".`, 'treated as blank');
      return null;
    }
    const read = readDate(cell, { asOf: this.asOf, past }, this.shared);
    if (read === null) return null;
    if ('reason' in read) {
      this.problem(field, 'date_invalid', `${this.header(field)}: ${read.reason}.`, 'left blank');
      return null;
    }
    if (PLACEHOLDER_DATES.has(read.value.date)) {
      this.problem(field, 'date_placeholder', `${this.header(field)}: ${cellText(this.raw(field))} is a placeholder some systems write for "unknown".`, 'treated as blank');
      return null;
    }
    return read.value;
  }

  /** A column of due dates (or anything that may lie ahead): a two-digit year takes the nearest century. */
  date(field: string): IsoDate | null {
    return this.dateIn(field, false);
  }

  /** A column of past events (date of birth, last visit, sale, completed): a two-digit year is never after the as-of date. */
  pastDate(field: string): IsoDate | null {
    return this.dateIn(field, true);
  }

  private dateIn(field: string, past: boolean): IsoDate | null {
    const cell = this.raw(field);
    if (cell === null || cell === '') return null;
    // dd/mm/yyyy and dd-Mon-yyyy, by far the commonest cells: read without the general reader's allocations.
    if (typeof cell === 'string') {
      const date = dayFirstDate(cell, this.shared);
      if (date !== null && !PLACEHOLDER_DATES.has(date)) return date;
    }
    return this.dateTime(field, past)?.date ?? null;
  }

  /** Blank is `blank`; an unreadable value is `unreadable`, chosen by the caller to be the safe reading. */
  flag(field: string, blank: boolean, unreadable: boolean): boolean {
    const read = readYesNo(this.raw(field));
    if (read === null) return blank;
    if ('reason' in read) {
      this.problem(field, 'flag_invalid', `${this.header(field)}: ${read.reason}.`, `treated as ${unreadable ? 'yes' : 'no'}, the safe reading`);
      return unreadable;
    }
    return read.value;
  }

  number(field: string): number | null {
    const read = readNumber(this.raw(field));
    if (read === null) return null;
    if ('reason' in read) {
      this.problem(field, 'number_invalid', `${this.header(field)}: ${read.reason}.`, 'left blank');
      return null;
    }
    return read.value;
  }

  /** The address, or blank with the reason recorded on `invalid[item]` for the audit. */
  email(field: string, invalid?: Invalid, item: ContactItem = 'email'): string {
    const read = readEmail(this.text(field));
    if (read === null) return '';
    if ('reason' in read) {
      this.problem(field, 'email_invalid', `${this.header(field)}: ${read.reason}.`, 'left blank');
      if (invalid) invalid[item] = 'not a valid email address';
      return '';
    }
    return read.value;
  }

  postcode(field: string, invalid?: Invalid, item: ContactItem = 'postcode'): string {
    const read = readPostcode(this.text(field));
    if (read === null) return '';
    if ('reason' in read) {
      this.problem(field, 'postcode_invalid', `${this.header(field)}: ${read.reason}.`, 'left blank');
      if (invalid) invalid[item] = 'not a valid UK postcode';
      return '';
    }
    return read.value;
  }

  phone(field: string, invalid?: Invalid, item?: ContactItem): Phone | null {
    const text = this.text(field);
    if (text === '') return null;
    const read = readPhone(text);
    if ('problem' in read) {
      this.problem(field, read.problem, `${this.header(field)}: "${text}" is ${read.reason}.`, 'left blank');
      if (invalid && item) invalid[item] = read.problem === 'phone_is_email' ? 'an email address in a phone column' : 'not a valid phone number';
      return null;
    }
    return read.phone;
  }

  method(field: string): Method | null {
    const read = readPreferredMethod(this.text(field));
    if (read === null) return null;
    if ('reason' in read) {
      this.problem(field, 'method_invalid', `${this.header(field)}: ${read.reason}.`, 'no preference used; the channel order applies');
      return null;
    }
    return read.value;
  }
}
