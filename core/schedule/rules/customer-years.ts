/**
 * Customer-level occasions that come round every year (birthdays, Christmas). A year's window can
 * straddle New Year, so each customer is offered last year's, this year's and next year's date and
 * the engine keeps whichever window contains the as-of date.
 */
import { isoDate, parts, type IsoDate } from '../../calendar.ts';

export function yearsAround(asOf: IsoDate): [number, number, number] {
  const { year } = parts(asOf);
  return [year - 1, year, year + 1];
}

/** `isoDate(y, 12, 25)` for each of the years around the as-of date. */
export function datesAround(asOf: IsoDate, month: number, day: number): IsoDate[] {
  return yearsAround(asOf).map((y) => isoDate(y, month, day));
}
