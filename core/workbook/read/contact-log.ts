/**
 * The Contact Log sheet back into entries, through the same reader as a log file (core/contact-log.ts),
 * its problems given the sheet's cell addresses.
 */
import { contactLogFromRows } from '../../contact-log.ts';
import type { ContactLogEntry } from '../../records.ts';
import { SheetReader, type SheetProblem, type SheetTable } from '../sheet-table.ts';

export function contactLogFromSheet(table: SheetTable): { entries: ContactLogEntry[]; problems: SheetProblem[] } {
  const reader = new SheetReader(table);
  const records = reader.table.rows.map((row) => Object.fromEntries(table.headers.map((h, i) => [h, row[i] ?? null])));
  const { entries, problems } = contactLogFromRows(records, 2);
  return {
    entries,
    // contactLogFromRows counts rows as a sheet does (header on 1), and names the column at fault.
    problems: [...reader.unwritable, ...problems.map((p) => reader.problem(p.row - 2, reader.column(p.column), p.code === 'code_missing' ? 'code_missing' : p.code === 'date_invalid' ? 'date_invalid' : 'choice_invalid', p.message, p.action))],
  };
}
