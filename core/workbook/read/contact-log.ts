/**
 * The Contact Log sheet back into entries, through the same reader as a log file (core/contact-log.ts),
 * its problems given the sheet's cell addresses.
 */
import { contactLogFromRows } from '../../contact-log.ts';
import type { ContactLogEntry } from '../../records.ts';
import { SheetReader, type SheetProblem, type SheetTable } from '../sheet-table.ts';

export function contactLogFromSheet(table: SheetTable): { entries: ContactLogEntry[]; problems: SheetProblem[] } {
  const reader = new SheetReader(table);
  const records = table.rows.map((row) => Object.fromEntries(table.headers.map((h, i) => [h, row[i] ?? null])));
  const { entries, problems } = contactLogFromRows(records, 2);
  const actionIdCol = reader.column('Action ID');
  return {
    entries,
    // contactLogFromRows counts rows as a sheet does (header on 1); its messages already say what was done.
    problems: problems.map((p) => reader.problem(p.row - 2, actionIdCol, 'log_row_invalid', p.message, 'see message')),
  };
}
