/**
 * One cell → one normalised value, or the reason it cannot be used. Pure and small, so each
 * rule of SPEC.md's *Import rules* can be tested on its own. Dates are UK: day first, always.
 */
import { fromExcelSerial, isoDate, isRealDate, type IsoDate } from '../calendar.ts';
import type { Method } from '../records.ts';
import { cellText, isDateCell, type RawCell } from './raw-table.ts';

export type Read<T> = { value: T } | { reason: string };

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

/** Dates some systems write for "unknown": reported, then treated as blank. */
export const PLACEHOLDER_DATES: ReadonlySet<IsoDate> = new Set(['1899-12-30', '1899-12-31', '1900-01-01', '1900-01-00', '1753-01-01', '2000-01-01', '9999-12-31']);

export interface ReadDate {
  date: IsoDate;
  /** hh:mm when the cell carried a time. */
  time: string;
}

/** Two-digit years: within 20 years ahead of the pivot year they are this century, else the last. */
function fullYear(yy: number, pivotYear: number): number {
  const century = Math.floor(pivotYear / 100) * 100;
  return century + yy > pivotYear + 20 ? century - 100 + yy : century + yy;
}

function hhmm(h: string | undefined, m: string | undefined): string {
  return h === undefined || m === undefined ? '' : `${h.padStart(2, '0')}:${m}`;
}

/**
 * One string per calendar day from 1900 to 2099, shared by every cell that holds it. A big export
 * repeats a few thousand dates a million times; sharing them saves memory, collection time, and
 * the hashing when a date is looked up.
 */
const FIRST_SHARED_YEAR = 1900;
const sharedDates: (IsoDate | undefined)[] = new Array<IsoDate | undefined>(200 * 12 * 31);

/** The IsoDate for a real calendar date. */
function calendarDate(y: number, m: number, d: number): IsoDate {
  const slot = ((y - FIRST_SHARED_YEAR) * 12 + m - 1) * 31 + d - 1;
  if (slot < 0 || slot >= sharedDates.length) return isoDate(y, m, d);
  return (sharedDates[slot] ??= isoDate(y, m, d));
}

/**
 * The two shapes nearly every DMS cell has, dd/mm/yyyy and dd-Mon-yyyy, read without the general
 * reader's regular expressions and allocations; null for anything else (the general reader then
 * reads it or says why).
 */
export function dayFirstDate(text: string): IsoDate | null {
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
  return calendarDate(y, m, d);
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
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function twelveHour(h: string | undefined, ampm: string | undefined): string | undefined {
  if (h === undefined || !ampm) return h;
  const hour = Number(h) % 12 + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  return String(hour);
}

/**
 * dd/mm/yyyy, dd/mm/yy, dd-mm-yyyy, dd.mm.yyyy, 12-Mar-2024, 12 March 2024, ISO, Excel serials;
 * any of them with a time. Never month first: 03/25/2024 is not a date.
 */
export function readDate(cell: RawCell, pivotYear: number): Read<ReadDate> | null {
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
    y = match[3]!.length === 2 ? fullYear(Number(match[3]), pivotYear) : Number(match[3]);
    time = hhmm(twelveHour(match[4], match[6]), match[5]);
  } else if ((match = NAMED_MONTH.exec(text))) {
    const month = MONTHS[match[2]!.toLowerCase()];
    if (month === undefined) return { reason: `"${text}" is not a date` };
    d = Number(match[1]);
    m = month;
    y = match[3]!.length === 2 ? fullYear(Number(match[3]), pivotYear) : Number(match[3]);
    time = hhmm(match[4], match[5]);
  } else if ((match = ISO.exec(text))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
    time = hhmm(match[4], match[5]);
  } else if (/^\d{5}(\.\d+)?$/.test(text)) {
    return readDate(Number(text), pivotYear);
  } else {
    return { reason: `"${text}" is not a date (expected day first, e.g. 16/11/2026 or 16-Nov-2026)` };
  }
  if (!isRealDate(y, m, d)) {
    const monthFirst = m > 12 && d <= 12 && isRealDate(y, d, m);
    return { reason: monthFirst ? `"${text}" looks month-first; UK dates are day first` : `"${text}" is not a real date` };
  }
  return { value: { date: calendarDate(y, m, d), time } };
}

const POSTCODE = /^(GIR0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]?[0-9][ABD-HJLNP-UW-Z]{2})$/;

/** sk104ab → SK10 4AB; anything that is not a UK postcode's shape is refused. */
export function readPostcode(text: string): Read<string> | null {
  const compact = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact === '') return text.trim() === '' ? null : { reason: `"${text.trim()}" is not a UK postcode` };
  if (!POSTCODE.test(compact)) return { reason: `"${text.trim()}" is not a UK postcode` };
  return { value: `${compact.slice(0, -3)} ${compact.slice(-3)}` };
}

const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Trimmed and lower-cased (DMS users type capitals; mail servers ignore them); the shape checked. */
export function readEmail(text: string): Read<string> | null {
  const email = text.trim().toLowerCase();
  if (email === '') return null;
  const local = email.split('@')[0] ?? '';
  if (!EMAIL.test(email) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { reason: `"${text.trim()}" is not an email address` };
  }
  return { value: email };
}

const YES = new Set(['y', 'yes', 'true', '1', 'x', 't', 'on', '✓', '✔']);
const NO = new Set(['n', 'no', 'false', '0', 'f', 'off', '-']);

const READ_YES: Read<boolean> = Object.freeze({ value: true });
const READ_NO: Read<boolean> = Object.freeze({ value: false });

/** Yes/no cells; null for blank, a reason for anything else. */
export function readFlag(cell: RawCell): Read<boolean> | null {
  if (typeof cell === 'boolean') return cell ? READ_YES : READ_NO;
  // Y, N, X, 1, 0 and blank are most of a big export's flags: no string made for them.
  if (typeof cell === 'string' && cell.length <= 1) {
    if (cell === '') return null;
    const letter = cell.charCodeAt(0) | 32;
    if (letter === 121 || letter === 120 || letter === 116 || cell === '1') return READ_YES; // y x t 1
    if (letter === 110 || letter === 102 || cell === '0' || cell === '-') return READ_NO; // n f 0 -
  }
  const text = cellText(cell).toLowerCase();
  if (text === '') return null;
  if (YES.has(text)) return READ_YES;
  if (NO.has(text)) return READ_NO;
  return { reason: `"${cellText(cell)}" is not yes or no` };
}

const METHOD_WORDS: Record<string, Method | 'none'> = {
  email: 'Email', 'e-mail': 'Email', mail: 'Letter', sms: 'SMS', text: 'SMS', 'text message': 'SMS', mobile: 'SMS',
  letter: 'Letter', post: 'Letter', postal: 'Letter', phone: 'none', telephone: 'none', call: 'none', none: 'none',
};

/** Preferred contact: Email, SMS/Text, Letter/Post; "Phone" is no preference we can send by. */
export function readMethod(text: string): Read<Method | null> | null {
  const key = text.trim().toLowerCase();
  if (key === '') return null;
  const method = METHOD_WORDS[key];
  if (method === undefined) return { reason: `"${text.trim()}" is not Email, SMS or Letter` };
  return { value: method === 'none' ? null : method };
}

/** £1,234.50, 32,586 miles, 1234 → numbers. */
export function readNumber(cell: RawCell): Read<number> | null {
  if (typeof cell === 'number') return { value: cell };
  if (typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell)) return { value: Number(cell) };
  const text = cellText(cell);
  if (text === '') return null;
  const cleaned = text.replace(/^£\s*/, '').replace(/,/g, '').replace(/\s*(miles|mi|gbp)$/i, '');
  const value = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(value)) return { reason: `"${text}" is not a number` };
  return { value };
}

/** The key a registration is matched on: upper case, letters and digits only. */
export function registrationKey(text: string): string {
  return /^[A-Z0-9]*$/.test(text) ? text : text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The key (AB12CDE) and how a person writes it (AB12 CDE) for a registration. */
export function readRegistration(text: string): { key: string; display: string } {
  const key = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  // Current-style plates split 4 + 3; older styles are shown as the export wrote them.
  const display = /^[A-Z]{2}\d{2}[A-Z]{3}$/.test(key) ? `${key.slice(0, 4)} ${key.slice(4)}` : text.trim().toUpperCase().replace(/\s+/g, ' ');
  return { key, display };
}
