/**
 * Lapsed marks from the workbook: the kept Lapsed sheet (Code, Name, Marked At, By), and the
 * Yes choices under Mark Lapsed on the Lapsing sheet. A mark is never dropped for a bad date: it
 * is kept, dated the as-of date, and the cell is reported.
 */
import type { IsoDate } from '../../calendar.ts';
import type { LapsedMark } from '../../records.ts';
import { readDate } from '../../values/dates.ts';
import { readYesNo } from '../../values/yes-no.ts';
import type { Result } from '../../problems.ts';
import { cellText, isBlankCell, isBlankRow, SheetReader, type SheetTable } from '../sheet-table.ts';

/** The Lapsed sheet's marks; a row with no date is a mark made by hand today (asOf). */
export function lapsedMarksFromRows(table: SheetTable, asOf: IsoDate): Result<LapsedMark[]> {
  const reader = new SheetReader(table);
  const marks: LapsedMark[] = [];
  const problems = [...reader.unwritable, ...reader.missingHeaders(['Code'])];
  if (problems.some((p) => p.code === 'header_missing')) return { value: marks, problems };
  const [codeCol, markedCol, byCol] = [reader.column('Code'), reader.column('Marked At'), reader.column('By')] as [number, number, number];
  const seen = new Set<string>();
  table.rows.forEach((row, r) => {
    if (isBlankRow(row)) return;
    const customerCode = cellText(reader.cell(r, codeCol));
    if (!customerCode) {
      problems.push(reader.problem(r, codeCol, 'code_missing', 'This row has no customer code, so it marks nobody; add the code or delete the row.', 'row ignored'));
      return;
    }
    const markedCell = reader.cell(r, markedCol);
    const read = readDate(markedCell);
    let markedAt = read && 'value' in read ? read.value.date : null;
    if (!markedAt) {
      if (!isBlankCell(markedCell)) {
        problems.push(reader.problem(r, markedCol, 'date_invalid', `'${cellText(markedCell)}' is not a date (dd/mm/yyyy); the mark is kept, dated ${asOf}.`, 'mark kept'));
      }
      markedAt = asOf;
    }
    // A customer may have been marked more than once (lapsed, came back, lapsed again); the same mark twice is one.
    const key = `${customerCode}\n${markedAt}`;
    if (seen.has(key)) return;
    seen.add(key);
    marks.push({ customerCode, markedAt, by: cellText(reader.cell(r, byCol)) });
  });
  return { value: marks, problems };
}

/** Customers the user chose to mark lapsed on the Lapsing sheet (Mark Lapsed = Yes), marked on asOf by `by`. */
export function lapsingMarksFromRows(table: SheetTable, asOf: IsoDate, by = ''): Result<LapsedMark[]> {
  const reader = new SheetReader(table);
  const marks: LapsedMark[] = [];
  const problems = [...reader.unwritable, ...reader.missingHeaders(['Code', 'Mark Lapsed'])];
  if (problems.some((p) => p.code === 'header_missing')) return { value: marks, problems };
  const [codeCol, markCol] = [reader.column('Code'), reader.column('Mark Lapsed')] as [number, number];
  table.rows.forEach((row, r) => {
    const choice = readYesNo(reader.cell(r, markCol));
    if (choice === null || ('value' in choice && !choice.value)) return;
    if ('reason' in choice) {
      problems.push(reader.problem(r, markCol, 'choice_invalid', `'${cellText(reader.cell(r, markCol))}' is not Yes or No; the customer was not marked lapsed.`, 'not marked'));
      return;
    }
    const customerCode = cellText(reader.cell(r, codeCol));
    if (customerCode) marks.push({ customerCode, markedAt: asOf, by });
  });
  return { value: marks, problems };
}
