/**
 * Reads sheets of the open workbook back as the core's SheetTable, exactly as the .xlsx reader
 * gives them: the header row (row 1, from column A to the first blank header) and the rows under
 * it, blank rows left out, dates as IsoDate strings, empty cells as null.
 *
 * In as few syncs as the 5 MB response limit allows: one to find each sheet's used range, then
 * row chunks of several sheets together, sized by the bytes the sheet's rows took so far. A chunk
 * Excel still finds too large is read again in halves.
 */
/// <reference types="office-js" />
import { columnLetter, fromExcelSerial, type SheetCell, type SheetTable } from '../../core/index.ts';
import { isDateFormat } from './number-formats.ts';
import { jsonBytes, OPERATION_BYTES, REQUEST_BUDGET } from './request-budget.ts';

export interface ReadSheet extends SheetTable {
  cellAddress: (rowIndex: number, colIndex: number) => string;
}

/** A first guess at a cell's value and number format as JSON ("Jean Harrison","@"), until rows have been read. */
const FIRST_GUESS_CELL_BYTES = 48;
/** Later chunks are sized for rows half as long again as those read so far. */
const ROW_MARGIN = 1.5;
const TOO_LARGE = new Set(['ResponsePayloadSizeLimitExceeded', 'RequestPayloadSizeLimitExceeded']);

interface SheetToRead {
  name: string;
  sheet: Excel.Worksheet;
  /** Rows and columns from A1 to the used range's far corner. */
  rows: number;
  columns: number;
  nextRow: number;
  bytesPerRow: number;
  values: unknown[][];
  formats: unknown[][];
}

interface Chunk {
  sheet: SheetToRead;
  count: number;
  range: Excel.Range;
}

/** A cell as the sheet readers take it: "" as null, a number in a date format as its IsoDate. */
function plain(value: unknown, format: unknown): SheetCell {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (typeof format === 'string' && isDateFormat(format)) return fromExcelSerial(value) ?? value;
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

const isBlank = (cell: SheetCell) => cell === null || String(cell).trim() === '';

function sheetTable(read: SheetToRead): ReadSheet {
  const headers: string[] = [];
  const first = read.values[0] ?? [];
  for (let c = 0; c < first.length; c++) {
    const text = plain(first[c], read.formats[0]?.[c]);
    if (text === null || isBlank(text)) break;
    headers.push(String(text).trim());
  }
  const rows: SheetCell[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 1; r < read.values.length; r++) {
    const values = read.values[r]!;
    const formats = read.formats[r]!;
    const cells = headers.map((_, c) => plain(values[c], formats[c]));
    if (cells.every(isBlank)) continue;
    rows.push(cells);
    rowNumbers.push(r + 1);
  }
  return {
    sheet: read.name,
    headers,
    rows,
    cellAddress: (rowIndex, colIndex) => {
      const row = rowNumbers[rowIndex] ?? rowIndex + 2;
      // No such column: the whole row, as Excel names it (7:7).
      return colIndex < 0 ? `${row}:${row}` : `${columnLetter(colIndex)}${row}`;
    },
  };
}

/**
 * The named sheets the workbook has, read whole; null when it has none of them (a workbook
 * Retention Desk has not written yet).
 */
export async function readSheetTables(context: Excel.RequestContext, names: readonly string[], budget = REQUEST_BUDGET): Promise<Map<string, ReadSheet> | null> {
  const found = names.map((name) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    // Values only: the columns' formats reach the last row of the sheet.
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    return { name, sheet, used };
  });
  await context.sync();
  const present = found.filter((f) => !f.sheet.isNullObject);
  if (present.length === 0) return null;

  const toRead: SheetToRead[] = present.map(({ name, sheet, used }) => {
    const rows = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
    const columns = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
    return { name, sheet, rows, columns, nextRow: 0, bytesPerRow: columns * FIRST_GUESS_CELL_BYTES, values: [], formats: [] };
  });
  let waiting = toRead.filter((s) => s.rows > 0);
  while (waiting.length > 0) {
    const chunks = nextChunks(waiting, budget);
    try {
      await context.sync();
    } catch (error) {
      if (!TOO_LARGE.has((error as { code?: string }).code ?? '')) throw error;
      const single = chunks.every((c) => c.count === 1);
      if (single) throw error;
      // Longer rows than the chunk was sized for: read them again in halves.
      for (const { sheet, count } of chunks) sheet.bytesPerRow = Math.max(sheet.bytesPerRow, budget / Math.max(1, Math.floor(count / 2)));
      continue;
    }
    for (const chunk of chunks) {
      const values = chunk.range.values;
      const formats = chunk.range.numberFormat;
      chunk.sheet.values.push(...values);
      chunk.sheet.formats.push(...formats);
      chunk.sheet.nextRow += chunk.count;
      chunk.sheet.bytesPerRow = Math.max(1, ((jsonBytes(values) + jsonBytes(formats)) / chunk.count) * ROW_MARGIN);
    }
    waiting = waiting.filter((s) => s.nextRow < s.rows);
  }
  return new Map(toRead.map((s) => [s.name, sheetTable(s)]));
}

/** Loads the next rows of as many sheets as fit one response. */
function nextChunks(waiting: readonly SheetToRead[], budget: number): Chunk[] {
  const chunks: Chunk[] = [];
  let room = budget;
  for (const sheet of waiting) {
    const fits = Math.floor((room - OPERATION_BYTES) / sheet.bytesPerRow);
    // The first chunk always reads at least a row; later sheets wait for the next sync.
    const count = Math.min(sheet.rows - sheet.nextRow, chunks.length === 0 ? Math.max(1, fits) : fits);
    if (count <= 0) break;
    const range = sheet.sheet.getRangeByIndexes(sheet.nextRow, 0, count, sheet.columns);
    range.load('values,numberFormat');
    chunks.push({ sheet, count, range });
    room -= OPERATION_BYTES + count * sheet.bytesPerRow;
  }
  return chunks;
}
