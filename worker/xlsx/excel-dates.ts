/**
 * IsoDate ↔ Excel serial day numbers. A date cell is written as its serial number with a
 * dd/mm/yyyy format — a real Excel date — worked out from UTC day numbers, so no time zone (and
 * no JavaScript Date in local time) can move it a day.
 */
import { dayNumber, fromDayNumber, isIsoDate, type IsoDate } from '../../core/calendar.ts';

/** Serial of 1970-01-01 in Excel's 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569;
/** Excel counts a 29 February 1900 that never was (serial 60); real dates before it sit one lower. */
const FIRST_TRUE_SERIAL = 61;

/** 2026-11-16 → 46342; null for a date Excel cannot hold (before 1900). */
export function excelSerial(date: IsoDate): number | null {
  if (!isIsoDate(date) || date < '1900-01-01') return null;
  const serial = dayNumber(date) + UNIX_EPOCH_SERIAL;
  return serial < FIRST_TRUE_SERIAL ? serial - 1 : serial;
}

/** The calendar date of a serial (any time of day dropped). */
export function fromExcelSerial(serial: number): IsoDate {
  const day = Math.floor(serial);
  return fromDayNumber((day < FIRST_TRUE_SERIAL ? day + 1 : day) - UNIX_EPOCH_SERIAL);
}

/**
 * The calendar date exceljs means by a Date it read: exceljs turns a serial into a Date at that
 * wall-clock time in UTC (ignoring Excel's phantom 29/02/1900), so back to a serial it goes.
 */
export function fromExcelJsDate(date: Date): IsoDate {
  return fromExcelSerial(date.getTime() / 86_400_000 + UNIX_EPOCH_SERIAL);
}
