/**
 * The kept sheets as exceljs's in-memory reader sees them: how Retention Desk read them before it
 * parsed the sheet XML itself. Kept as the reference the SAX reader must agree with; for small
 * workbooks only (exceljs's model of a 100,000-customer workbook does not fit a default heap).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cellValue } from '../../../worker/xlsx/cell-values.ts';
import { relativeRelationshipTargets } from '../../../worker/xlsx/read-workbook.ts';
import { columnLetter, isDateCell, type SheetCell } from '../../../core/index.ts';
import type { ReadSheet } from '../../../worker/xlsx/sheet-xml.ts';

function plain(value: ExcelJS.CellValue | undefined): SheetCell {
  const cell = cellValue(value);
  return isDateCell(cell) ? cell.date : cell;
}

const isBlank = (cell: SheetCell) => cell === null || String(cell).trim() === '';

function readSheet(name: string, worksheet: ExcelJS.Worksheet): ReadSheet {
  const headers: string[] = [];
  const rows: SheetCell[][] = [];
  const rowNumbers: number[] = [];
  worksheet.eachRow((row) => {
    if (row.number === 1) {
      for (let c = 1; ; c++) {
        const text = plain(row.getCell(c).value);
        if (text === null || isBlank(text)) break;
        headers.push(String(text).trim());
      }
      return;
    }
    const cells = headers.map((_, c) => plain(row.getCell(c + 1).value));
    if (cells.every(isBlank)) return;
    rows.push(cells);
    rowNumbers.push(row.number);
  });
  return {
    sheet: name,
    headers,
    rows,
    cellAddress: (rowIndex, colIndex) => {
      const row = rowNumbers[rowIndex] ?? rowIndex + 2;
      return colIndex < 0 ? `${row}:${row}` : `${columnLetter(colIndex)}${row}`;
    },
  };
}

/** Every sheet of the workbook, read through exceljs's in-memory model. */
export async function sheetsThroughExcelJs(bytes: Uint8Array): Promise<Map<string, ReadSheet>> {
  const zip = await JSZip.loadAsync(bytes);
  await relativeRelationshipTargets(zip);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await zip.generateAsync({ type: 'uint8array', compression: 'STORE' })) as unknown as ArrayBuffer);
  const sheets = new Map<string, ReadSheet>();
  workbook.eachSheet((worksheet) => sheets.set(worksheet.name, readSheet(worksheet.name, worksheet)));
  return sheets;
}
