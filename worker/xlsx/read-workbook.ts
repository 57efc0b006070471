/**
 * Reads a workbook back for its kept sheets and the user's edits: each sheet's header row (row 1,
 * from column A up to the first blank header) and the rows under it, as plain cells, dates as
 * IsoDate strings. Blank rows are left out; cellAddress still names the right cell.
 *
 * exceljs's streaming reader, and only the sheets asked for: a 100,000-customer workbook holds ten
 * million cells, which exceljs's in-memory reader cannot hold in a default Node heap.
 *
 * @example
 * const { sheets } = await readWorkbook('retention.xlsx', { sheets: ['Settings', 'Schedule', 'Contact Log'] });
 * settingsFromRows(sheets.get('Settings')!);
 */
import ExcelJS from 'exceljs';
import { columnLetter } from '../../core/workbook/columns.ts';
import type { SheetCell, SheetTable } from '../../core/workbook/sheet-table.ts';
import { fromExcelJsDate } from './excel-dates.ts';

export interface ReadSheet extends SheetTable {
  cellAddress: (rowIndex: number, colIndex: number) => string;
}

export interface ReadWorkbook {
  sheets: Map<string, ReadSheet>;
}

export interface ReadOptions {
  /** The sheets to read; the others are skipped unparsed. Default: every sheet. */
  sheets?: readonly string[];
}

/** A cell as plain data: formulas by their result, rich text and links by their text, dates as IsoDate. */
function plain(value: ExcelJS.CellValue | undefined): SheetCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return fromExcelJsDate(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : plain(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return plain((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return null;
}

const isBlank = (cell: SheetCell) => cell === null || String(cell).trim() === '';

async function readSheet(name: string, worksheet: AsyncIterable<ExcelJS.Row>): Promise<ReadSheet> {
  const headers: string[] = [];
  const rows: SheetCell[][] = [];
  const rowNumbers: number[] = [];
  for await (const row of worksheet) {
    if (row.number === 1) {
      for (let c = 1; ; c++) {
        const text = plain(row.getCell(c).value);
        if (text === null || isBlank(text)) break;
        headers.push(String(text).trim());
      }
      continue;
    }
    if (row.number < 1) continue;
    const cells = headers.map((_, c) => plain(row.getCell(c + 1).value));
    if (cells.every(isBlank)) continue;
    rows.push(cells);
    rowNumbers.push(row.number);
  }
  return {
    sheet: name,
    headers,
    rows,
    cellAddress: (rowIndex, colIndex) => {
      const row = rowNumbers[rowIndex] ?? rowIndex + 2;
      // No such column: the whole row, as Excel names it (7:7).
      return colIndex < 0 ? `${row}:${row}` : `${columnLetter(colIndex)}${row}`;
    },
  };
}

export async function readWorkbook(path: string, options: ReadOptions = {}): Promise<ReadWorkbook> {
  const wanted = options.sheets ? new Set(options.sheets) : null;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  const sheets = new Map<string, ReadSheet>();
  for await (const worksheet of reader) {
    // The reader knows each sheet's name, though its typings leave it out.
    const name = (worksheet as unknown as { name: string }).name;
    if (wanted && !wanted.has(name)) {
      // A sheet parked in a temporary file is deleted as soon as we move on; close its stream first,
      // or its late "no such file" error would surface on its own. Nothing of it is read.
      const parked = (worksheet as unknown as { iterator?: { destroy?: () => void; on?: (event: string, listener: () => void) => void } }).iterator;
      parked?.on?.('error', () => {});
      parked?.destroy?.();
      continue;
    }
    sheets.set(name, await readSheet(name, worksheet));
  }
  return { sheets };
}
