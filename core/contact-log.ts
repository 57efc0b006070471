/**
 * The Contact Log as rows (a sheet, a CSV or JSON file) → ContactLogEntries. Only what was sent,
 * skipped, failed or is uncertain; a row that cannot be read is reported, never guessed at,
 * because a lost log line would send a customer the same reminder twice.
 */
import type { IsoDate } from './calendar.ts';
import { placeOf, type Problem, type ProblemCode, type Result } from './problems.ts';
import type { ContactLogEntry } from './records.ts';
import { cellText, type RawTable } from './import/raw-table.ts';
import { readDate } from './values/dates.ts';
import { readMethod } from './values/methods.ts';
import { hasUnwritable, unwritableMessage, withoutUnwritable } from './values/workbook-text.ts';

export const CONTACT_LOG_HEADERS = ['Action ID', 'Sent At', 'Customer', 'Contact Due', 'Method', 'To', 'Status', 'Reference', 'By'] as const;
type ContactLogHeader = (typeof CONTACT_LOG_HEADERS)[number];

/** Where the rows came from: a --contact-log file (named in problems), or a sheet (whose reader places them). */
export interface LogRowsFrom {
  file?: string;
  /** The spreadsheet row of rows[0]: 2 below a header row. */
  firstRow?: number;
  /** The row of each row, when they are not consecutive (a file with blank lines). */
  rowNumbers?: readonly number[];
}

const STATUSES: readonly ContactLogEntry['status'][] = ['sent', 'skipped', 'failed', 'uncertain', 'delivered', 'undelivered'];

/** The date a log line was sent: the one date reader, a stamp's date taken as written. */
function sentDate(text: string): IsoDate | null {
  const read = readDate(text);
  return read && 'value' in read ? read.value.date : null;
}

/** The JSON key for each header, as a log written by code spells it. */
const KEYS: Record<ContactLogHeader, string> = {
  'Action ID': 'actionId', 'Sent At': 'sentAt', Customer: 'customerCode', 'Contact Due': 'contactDue',
  Method: 'method', To: 'to', Status: 'status', Reference: 'reference', By: 'by',
};

/** Rows keyed by the sheet's headers (or the entry's own keys, as in a JSON file). Each problem names its row and column. */
export function contactLogFromRows(rows: readonly Record<string, unknown>[], { file, firstRow = 2, rowNumbers }: LogRowsFrom = {}): Result<ContactLogEntry[]> {
  const entries: ContactLogEntry[] = [];
  const problems: Problem[] = [];
  rows.forEach((row, i) => {
    const rowNumber = rowNumbers?.[i] ?? firstRow + i;
    const problem = (column: ContactLogHeader, code: ProblemCode, value: string, message: string, action: string) =>
      problems.push({ source: 'contact-log', code, message, where: placeOf({ file, row: rowNumber, column }), value, action });
    // A log line is written into the workbook again, so it may hold nothing a workbook cannot.
    const field = (header: ContactLogHeader): string => {
      const value = row[header] ?? row[KEYS[header]];
      if (value === undefined || value === null) return '';
      const text = value instanceof Date ? value.toISOString() : String(value).trim();
      if (!hasUnwritable(text)) return text;
      const cleaned = withoutUnwritable(text);
      problem(header, 'character_unwritable', cleaned.text, unwritableMessage(`Row ${rowNumber}, ${header},`, cleaned.removed), 'character removed; the rest kept');
      return cleaned.text;
    };
    const actionId = field('Action ID');
    if (!actionId) {
      if (Object.values(row).some((v) => v !== null && v !== undefined && String(v).trim() !== '')) {
        problem('Action ID', 'code_missing', '', `Row ${rowNumber} has no Action ID, so it cannot stop a repeat; add the Action ID or delete the row.`, 'row not read');
      }
      return;
    }
    const sentAtText = field('Sent At');
    const sentAt = sentDate(sentAtText);
    if (!sentAt) {
      const what = sentAtText ? `Sent At "${sentAtText}" is not a date` : 'Sent At is blank';
      problem(
        'Sent At', 'date_invalid', sentAtText,
        `Row ${rowNumber} (${actionId}): ${what}; it still stops this action repeating, but block days cannot be counted from it. Write the date it was sent as dd/mm/yyyy.`,
        'kept as written; the action still counts as done',
      );
    }
    const statusWritten = field('Status');
    const statusText = statusWritten.toLowerCase();
    const status = (STATUSES as readonly string[]).includes(statusText) ? (statusText as ContactLogEntry['status']) : 'sent';
    if (statusText && status !== statusText) {
      problem(
        'Status', 'status_invalid', statusWritten,
        `Row ${rowNumber} (${actionId}): status "${statusText}" is not one of ${STATUSES.join(', ')}; treated as sent so the customer is not contacted twice.`,
        'treated as sent',
      );
    }
    const methodText = field('Method');
    const method = readMethod(methodText);
    if (method && 'reason' in method) {
      problem('Method', 'method_invalid', methodText, `Row ${rowNumber} (${actionId}): Method ${method.reason}; the line still stops this action repeating.`, 'method left blank');
    }
    entries.push({
      actionId,
      // An unreadable date still settles the action itself; the text is kept to be written back as it was.
      sentAt,
      ...(sentAt === null ? { sentAtText } : {}),
      customerCode: field('Customer'),
      contactDue: field('Contact Due'),
      method: method && 'value' in method ? method.value : null,
      to: field('To'),
      status,
      reference: field('Reference'),
      by: field('By'),
    });
  });
  return { value: entries, problems };
}

/**
 * A contact log file read as an export is (core/import/csv.ts): its header row gives the keys,
 * and blank lines are skipped without losing the file's row numbers.
 */
export function contactLogFromTable(table: RawTable): Result<ContactLogEntry[]> {
  const records = table.rows.map((cells) => Object.fromEntries(table.headers.map((h, i) => [h, cellText(cells[i])])));
  return contactLogFromRows(records, { file: table.fileName, rowNumbers: table.rowNumbers });
}
