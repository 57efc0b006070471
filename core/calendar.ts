/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic goes through UTC day numbers, so no
 * local time zone (or daylight-saving change) can ever move a due date.
 */

export type IsoDate = string;

const MS_PER_DAY = 86_400_000;

/** True when y-m-d is a real calendar date (31/02 is not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_LENGTHS[month - 1] ?? 0;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(days: number): IsoDate {
  const d = new Date(days * MS_PER_DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** b − a in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Adds whole calendar months; a day past the end of the target month falls on its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Whole calendar months from a to b (15 Jan → 14 Mar is 1; → 15 Mar is 2). Negative when b is before a. */
export function wholeMonthsBetween(a: IsoDate, b: IsoDate): number {
  if (b < a) return -wholeMonthsBetween(b, a);
  const pa = parts(a);
  const pb = parts(b);
  const months = (pb.year - pa.year) * 12 + (pb.month - pa.month);
  // As addMonths(a, months) > b, without making the date: a month is whole once b's day reaches
  // a's (or b is its month's last day: 31 January to 28 February is one month).
  return Math.min(pa.day, daysInMonth(pb.year, pb.month)) > pb.day ? months - 1 : months;
}

/** The first anniversary of `date` (e.g. a birthday) on or after `onOrAfter`; 29 Feb falls on 28 Feb in other years. */
export function nextAnniversary(date: IsoDate, onOrAfter: IsoDate): IsoDate {
  const born = parts(date);
  const { year } = parts(onOrAfter);
  const inYear = (y: number) => isoDate(y, born.month, Math.min(born.day, daysInMonth(y, born.month)));
  const thisYear = inYear(year);
  return thisYear >= onOrAfter ? thisYear : inYear(year + 1);
}

/** Calendar month containing `date`: first and last day. */
export function monthOf(date: IsoDate): { from: IsoDate; to: IsoDate } {
  const { year, month } = parts(date);
  return { from: isoDate(year, month, 1), to: isoDate(year, month, daysInMonth(year, month)) };
}

/** The calendar date in Europe/London at an instant: how the shell turns "now" into the as-of date. */
export function londonDate(instant: Date): IsoDate {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
  const bits = Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${bits.year}-${bits.month}-${bits.day}`;
}

/** The calendar date and hh:mm in Europe/London at an instant: how a stamp written in UTC (or any zone) is counted. */
export function londonDateTime(instant: Date): { date: IsoDate; time: string } {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const bits = Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${bits.year}-${bits.month}-${bits.day}`, time: `${bits.hour}:${bits.minute}` };
}

/** dd/mm/yyyy for people. */
export function ukDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Serial of 1970-01-01 in Excel's 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569;
/** Excel counts a 29 February 1900 that never was (serial 60); real dates before it sit one lower. */
const FIRST_TRUE_SERIAL = 61;
/** 9999-12-31, the last day Excel holds. */
const LAST_SERIAL = 2958465;

/** 2026-11-16 → 46342 (Excel's day number); null for a date Excel cannot hold (before 1900). */
export function excelSerial(date: IsoDate): number | null {
  if (!isIsoDate(date) || date < '1900-01-01') return null;
  const serial = dayNumber(date) + UNIX_EPOCH_SERIAL;
  return serial < FIRST_TRUE_SERIAL ? serial - 1 : serial;
}

/** The calendar date of an Excel serial (any time of day dropped); null outside Excel's dates. */
export function fromExcelSerial(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= LAST_SERIAL + 1) return null;
  const day = Math.floor(serial);
  return fromDayNumber((day < FIRST_TRUE_SERIAL ? day + 1 : day) - UNIX_EPOCH_SERIAL);
}
