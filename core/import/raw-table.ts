/**
 * A file as read, before it means anything: headers and rows of cells. The file readers (CSV
 * text, an .xlsx sheet, an Office.js range) all produce this, so the import itself stays pure.
 */
import type { IsoDate } from '../calendar.ts';

/** A spreadsheet date cell: the calendar date as shown, plus hh:mm when the cell had a time. */
export interface DateCell {
  date: IsoDate;
  time: string;
}

export type RawCell = string | number | boolean | DateCell | null;

export interface RawTable {
  /** The file's name as the user knows it (no folders): what problems name. */
  fileName: string;
  headers: string[];
  rows: RawCell[][];
  /** The spreadsheet row number of each row (the header is usually row 1). */
  rowNumbers: number[];
  /** The row the headers were on. */
  headerRow: number;
  /**
   * For a workbook's second or later sheet with data: its name. Such a sheet is read when its
   * headers are an export's, and named as not read when they are not.
   */
  sheet?: string;
}

export function isDateCell(cell: RawCell): cell is DateCell {
  return typeof cell === 'object' && cell !== null;
}

/** A cell as text, the way the user would read it in the file. */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return cell.time ? `${cell.date} ${cell.time}` : cell.date;
}
