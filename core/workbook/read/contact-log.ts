/**
 * The Contact Log sheet back into entries, through the same reader as a log file (core/contact-log.ts),
 * each problem placed at its own cell (a bad date at Sent At, a bad status at Status).
 */
import { contactLogFromRows } from '../../contact-log.ts';
import type { Result } from '../../problems.ts';
import type { ContactLogEntry } from '../../records.ts';
import { SheetReader, type SheetTable } from '../sheet-table.ts';

export function contactLogFromSheet(table: SheetTable): Result<ContactLogEntry[]> {
  const reader = new SheetReader(table, 'contact-log');
  const records = reader.table.rows.map((row) => Object.fromEntries(table.headers.map((h, i) => [h, row[i] ?? null])));
  const { value, problems } = contactLogFromRows(records, { firstRow: 2 });
  return {
    value,
    // contactLogFromRows counts rows as a sheet does (header on 1), so row - 2 is the row's index.
    problems: [...reader.unwritable, ...problems.map((p) => reader.problem((p.where.row ?? 2) - 2, reader.column(p.where.column ?? ''), p.code, p.message, p.action))],
  };
}
