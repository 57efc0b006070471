/**
 * exceljs cell values → plain cells, for reading an export (our own workbook is read from its XML: sheet-xml.ts).
 * exceljs gives a date cell as a Date at its wall-clock value in UTC (skipping Excel's phantom
 * 29/02/1900), so the calendar date comes from its serial, never from local time.
 */
import type ExcelJS from 'exceljs';
import { fromExcelSerial, type IsoDate, type RawCell } from '../../core/index.ts';

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25569;

/** The calendar date exceljs means by a Date it read. */
function fromExcelJsDate(date: Date): IsoDate {
  return fromExcelSerial(date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL) ?? '';
}

/** A cell as plain data: dates with their hh:mm, formulas by their last result, rich text and links by their text. */
export function cellValue(value: ExcelJS.CellValue | undefined): RawCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const [hours, minutes] = [value.getUTCHours(), value.getUTCMinutes()];
    const time = hours || minutes ? `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` : '';
    return { date: fromExcelJsDate(value), time };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellValue(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}
