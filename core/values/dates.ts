/**
 * The one reader of dates, for every cell that holds one: exports, the kept sheets (Contact Log
 * Sent At, Lapsed Marked At, Due Actions Sent At) and schedule conditions. UK dates are day
 * first, always: 03/25/2024 is refused, never read as 25 March.
 *
 * A stamp with a time and no zone (16/11/2026 09:30) keeps its date as written: the time is
 * returned beside it and never moves the date. A stamp with a zone (2026-06-15T23:30:00Z, as a
 * program writes Sent At) is an instant, counted as its Europe/London date and time (16/06/2026
 * 00:30 in summer): the garage's day, whatever zone wrote it.
 */
import { fromExcelSerial, isoDate, isRealDate, londonDateTime, type IsoDate } from '../calendar.ts';
import { cellText, isDateCell, type RawCell } from '../import/raw-table.ts';
import type { Read } from './read.ts';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

/**
 * Dates some systems write for "unknown": reported, then treated as blank. Only markers no real
 * record holds (Excel's day 0, 01/01/1900, SQL Server's first day, the last day there is):
 * 01/01/2000 is a real date of birth, and 00/00/0000 is caught as text (isZeroDate).
 */
export const PLACEHOLDER_DATES: ReadonlySet<IsoDate> = new Set(['1899-12-30', '1899-12-31', '1900-01-01', '1900-01-00', '1753-01-01', '9999-12-31']);

/** 00/00/0000, 0/0/00, 00-00-0000: the "unknown" some systems write where a date goes; the serial 0 is Excel's. */
export function isZeroDate(cell: RawCell): boolean {
  if (cell === 0) return true;
  return typeof cell === 'string' && /^\s*(?:0|0{1,2}[/.-]0{1,2}[/.-](?:00|0000)(?:[ T].*)?)\s*$/.test(cell);
}

export interface ReadDate {
  date: IsoDate;
  /** hh:mm when the cell carried a time. */
  time: string;
}

/**
 * How an import reads a column's two-digit years, against the as-of date. `past`: the column holds
 * past events (dates of birth, last visits, sales, completed jobs), so 10/03/45 is 1945, never a
 * date after the as-of date. Otherwise (MOT, service, warranty, finance end…) the century that puts
 * the date nearest the as-of date.
 */
export interface TwoDigitYears {
  asOf: IsoDate;
  past: boolean;
}

/**
 * The full year of a two-digit year, by the column's sense (TwoDigitYears). Without one (a kept
 * sheet, a condition) there is no safe guess: the year must be written in full.
 */
function fullYear(yy: number, m: number, d: number, years: TwoDigitYears | undefined): number | null {
  if (years === undefined) return null;
  const asOfYear = Number(years.asOf.slice(0, 4));
  const century = Math.floor(asOfYear / 100) * 100;
  if (years.past) {
    const y = century + yy;
    return isoDate(y, m, d) > years.asOf ? y - 100 : y;
  }
  // Nearest: 50 years either side; a tie goes to the past.
  const y = century + yy;
  if (y - asOfYear > 50) return y - 100;
  if (asOfYear - y >= 50) return y + 100;
  return y;
}

function hhmm(h: string | undefined, m: string | undefined): string {
  return h === undefined || m === undefined ? '' : `${h.padStart(2, '0')}:${m}`;
}

const FIRST_SHARED_YEAR = 1900;

/**
 * One string per calendar day from 1900 to 2099, shared by every cell that holds it. A big export
 * repeats a few thousand dates a million times; sharing them saves memory, collection time, and
 * the hashing when a date is looked up. An import owns one and lets it go with itself: nothing is
 * kept in this module between imports.
 */
export class SharedDates {
  private readonly days: (IsoDate | undefined)[] = new Array<IsoDate | undefined>(200 * 12 * 31);

  /** The IsoDate for a real calendar date. */
  date(y: number, m: number, d: number): IsoDate {
    const slot = ((y - FIRST_SHARED_YEAR) * 12 + m - 1) * 31 + d - 1;
    if (slot < 0 || slot >= this.days.length) return isoDate(y, m, d);
    return (this.days[slot] ??= isoDate(y, m, d));
  }
}

function ymd(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** The IsoDate for a real calendar date: the shared string when there is a SharedDates. */
function calendarDate(y: number, m: number, d: number, shared: SharedDates | undefined): IsoDate {
  return shared ? shared.date(y, m, d) : isoDate(y, m, d);
}

/**
 * The two shapes nearly every DMS cell has, dd/mm/yyyy and dd-Mon-yyyy, read without the general
 * reader's regular expressions and allocations; null for anything else (the general reader then
 * reads it or says why).
 */
export function dayFirstDate(text: string, shared?: SharedDates): IsoDate | null {
  const d = digits2(text, 0);
  let m: number;
  let yearAt: number;
  if (text.length === 10 && text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47) {
    m = digits2(text, 3);
    yearAt = 6;
  } else if (text.length === 11 && text.charCodeAt(2) === 45 && text.charCodeAt(6) === 45) {
    m = SHORT_MONTHS.get(letters3(text, 3)) ?? -1;
    yearAt = 7;
  } else {
    return null;
  }
  const century = digits2(text, yearAt);
  const yy = digits2(text, yearAt + 2);
  if (d < 0 || m < 0 || century < 0 || yy < 0) return null;
  const y = century * 100 + yy;
  if (!isRealDate(y, m, d)) return null;
  return calendarDate(y, m, d, shared);
}

/** Three ASCII letters as one number, case ignored (-1 for anything else): a month name looked up with no string made. */
function letters3(text: string, at: number): number {
  let code = 0;
  for (let i = at; i < at + 3; i += 1) {
    const letter = text.charCodeAt(i) | 32;
    if (letter < 97 || letter > 122) return -1;
    code = code * 256 + letter;
  }
  return code;
}

const SHORT_MONTHS = new Map(Object.entries(MONTHS).filter(([name]) => name.length === 3).map(([name, month]) => [letters3(name, 0), month]));

/** Two decimal digits at `at` as a number, or -1. */
function digits2(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(am|pm)?)?$/i;
const NAMED_MONTH = /^(\d{1,2})[ -]([a-z]{3,9})\.?[ ,-]+(\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::\d{2})?)?$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A stamp with a zone → its date and time in London; null when the parts are not a real moment. */
function inLondon(y: number, m: number, d: number, h: number, min: number, sec: number, zone: string): ReadDate | null {
  if (!isRealDate(y, m, d) || h > 23 || min > 59 || sec > 59) return null;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return londonDateTime(new Date(Date.UTC(y, m - 1, d, h, min - offsetMinutes, sec)));
}

function fullYearNeeded(text: string): Read<ReadDate> {
  return { reason: `"${text}" has a two-digit year; write the year in full, e.g. 16/11/2026` };
}

function twelveHour(h: string | undefined, ampm: string | undefined): string | undefined {
  if (h === undefined || !ampm) return h;
  const hour = Number(h) % 12 + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  return String(hour);
}

/**
 * dd/mm/yyyy, dd/mm/yy, dd-mm-yyyy, dd.mm.yyyy, 12-Mar-2024, 12 March 2024, ISO, Excel serials;
 * any of them with a time. Never month first: 03/25/2024 is not a date. `years` reads
 * two-digit years (see TwoDigitYears); without it they are refused. `shared`: an import's SharedDates.
 *
 * @example readDate('16/11/2026 09:30') // { value: { date: '2026-11-16', time: '09:30' } }
 */
export function readDate(cell: RawCell, years?: TwoDigitYears, shared?: SharedDates): Read<ReadDate> | null {
  if (cell === null || cell === '') return null;
  if (isDateCell(cell)) return { value: { date: cell.date, time: cell.time } };
  if (typeof cell === 'number') {
    const date = fromExcelSerial(cell);
    if (!date) return { reason: `${cell} is not a date` };
    const minutes = Math.round((cell - Math.floor(cell)) * 1440);
    const time = minutes > 0 ? `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` : '';
    return { value: { date, time } };
  }
  const text = cellText(cell);
  if (text === '') return null;
  let y: number;
  let m: number;
  let d: number;
  let time: string;
  let match = NUMERIC_DATE.exec(text);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    const year = match[3]!.length === 2 ? fullYear(Number(match[3]), m, d, years) : Number(match[3]);
    if (year === null) return fullYearNeeded(text);
    y = year;
    time = hhmm(twelveHour(match[4], match[6]), match[5]);
  } else if ((match = NAMED_MONTH.exec(text))) {
    const month = MONTHS[match[2]!.toLowerCase()];
    if (month === undefined) return { reason: `"${text}" is not a date` };
    d = Number(match[1]);
    m = month;
    const year = match[3]!.length === 2 ? fullYear(Number(match[3]), m, d, years) : Number(match[3]);
    if (year === null) return fullYearNeeded(text);
    y = year;
    time = hhmm(match[4], match[5]);
  } else if ((match = ISO.exec(text))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
    time = hhmm(match[4], match[5]);
    if (match[7] !== undefined) {
      const london = inLondon(y, m, d, Number(match[4]), Number(match[5]), Number(match[6] ?? 0), match[7]);
      if (london) return { value: { date: calendarDate(...ymd(london.date), shared), time: london.time } };
    }
  } else if (/^\d{5}(\.\d+)?$/.test(text)) {
    return readDate(Number(text), years);
  } else {
    return { reason: `"${text}" is not a date (expected day first, e.g. 16/11/2026 or 16-Nov-2026)` };
  }
  if (!isRealDate(y, m, d)) {
    const monthFirst = m > 12 && d <= 12 && isRealDate(y, d, m);
    return { reason: monthFirst ? `"${text}" looks month-first; UK dates are day first` : `"${text}" is not a real date` };
  }
  return { value: { date: calendarDate(y, m, d, shared), time } };
}
