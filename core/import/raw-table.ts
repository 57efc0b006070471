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
  /**
   * The rows after `rows`, for a file read in pieces (a CSV as it arrives): each batch is imported
   * and let go before the next is read. Read once.
   */
  more?: AsyncIterable<RawRows>;
  /**
   * True when no string cell of `rows` holds a character a workbook cannot: the text they were
   * parsed from was tested whole (one regex scan, not one per cell). Absent: test each cell.
   */
  writable?: boolean;
}

/** A batch of a table's rows and their spreadsheet row numbers; `writable` as on RawTable. */
export interface RawRows {
  rows: RawCell[][];
  rowNumbers: number[];
  writable?: boolean;
}

/** The table with every batch of `more` read into `rows`: for a caller that wants it whole. */
export async function wholeTable(table: RawTable): Promise<RawTable> {
  if (!table.more) return table;
  const rows = [...table.rows];
  const rowNumbers = [...table.rowNumbers];
  let writable = table.writable === true;
  for await (const batch of table.more) {
    for (let i = 0; i < batch.rows.length; i += 1) {
      rows.push(batch.rows[i]!);
      rowNumbers.push(batch.rowNumbers[i]!);
    }
    writable &&= batch.writable === true;
  }
  const whole: RawTable = { ...table, rows, rowNumbers, writable };
  delete whole.more;
  return whole;
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
