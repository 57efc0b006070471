/**
 * The kept sheets as exceljs's in-memory reader sees them: how Retention Desk read them before it
 * parsed the sheet XML itself (but for formula results of 0 and FALSE, below). Kept as the reference the SAX reader must agree with; for small
 * workbooks only (exceljs's model of a 100,000-customer workbook does not fit a default heap).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cellValue } from '../../../worker/xlsx/cell-values.ts';
import { relativeRelationshipTargets } from '../../../worker/xlsx/read-workbook.ts';
import { columnLetter, isDateCell, type SheetCell } from '../../../core/index.ts';
import type { ReadSheet } from '../../../worker/xlsx/sheet-xml.ts';

/**
 * A cell as the reader took it. A formula by its last result, read from the cell itself: through
 * `value`, exceljs drops a result of 0 or FALSE (its FormulaValue copies only truthy fields), which
 * the old reader gave as blank; the SAX reader gives them as they are.
 */
function plain(cell: ExcelJS.Cell): SheetCell {
  const read = cellValue(cell.type === ExcelJS.ValueType.Formula ? (cell.result as ExcelJS.CellValue) : cell.value);
  return isDateCell(read) ? read.date : read;
}

const isBlank = (cell: SheetCell) => cell === null || String(cell).trim() === '';

function readSheet(name: string, worksheet: ExcelJS.Worksheet): ReadSheet {
  const headers: string[] = [];
  const rows: SheetCell[][] = [];
  const rowNumbers: number[] = [];
  worksheet.eachRow((row) => {
    if (row.number === 1) {
      for (let c = 1; ; c++) {
        const text = plain(row.getCell(c));
        if (text === null || isBlank(text)) break;
        headers.push(String(text).trim());
      }
      return;
    }
    const cells = headers.map((_, c) => plain(row.getCell(c + 1)));
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
