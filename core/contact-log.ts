/**
 * The Contact Log as rows (a sheet, a CSV or JSON file) → ContactLogEntries. Only what was sent,
 * skipped, failed or is uncertain; a row that cannot be read is reported, never guessed at,
 * because a lost log line would send a customer the same reminder twice.
 */
import type { IsoDate } from './calendar.ts';
import type { ContactLogEntry } from './records.ts';
import { readDate } from './values/dates.ts';
import { readMethod } from './values/methods.ts';

export const CONTACT_LOG_HEADERS = ['Action ID', 'Sent At', 'Customer', 'Contact Due', 'Method', 'To', 'Status', 'Reference', 'By'] as const;

export interface ContactLogProblem {
  row: number;
  /** The header of the cell at fault, so a sheet can name the cell; '' for the whole file. */
  column: (typeof CONTACT_LOG_HEADERS)[number] | '';
  code: 'file_unreadable' | 'code_missing' | 'date_invalid' | 'status_invalid' | 'method_invalid';
  value: string;
  message: string;
  action: string;
}

const STATUSES: readonly ContactLogEntry['status'][] = ['sent', 'skipped', 'failed', 'uncertain'];

/** The date a log line was sent: the one date reader, a stamp's date taken as written. */
function sentDate(text: string): IsoDate | null {
  const read = readDate(text);
  return read && 'value' in read ? read.value.date : null;
}

function field(row: Record<string, unknown>, header: string, key: string): string {
  const value = row[header] ?? row[key];
  if (value === undefined || value === null) return '';
  return value instanceof Date ? value.toISOString() : String(value).trim();
}

/** Rows keyed by the sheet's headers (or the entry's own keys, as in a JSON file). `firstRow` is the spreadsheet row of rows[0]. */
export function contactLogFromRows(rows: Record<string, unknown>[], firstRow = 2): { entries: ContactLogEntry[]; problems: ContactLogProblem[] } {
  const entries: ContactLogEntry[] = [];
  const problems: ContactLogProblem[] = [];
  rows.forEach((row, i) => {
    const rowNumber = firstRow + i;
    const actionId = field(row, 'Action ID', 'actionId');
    if (!actionId) {
      if (Object.values(row).some((v) => v !== null && v !== undefined && String(v).trim() !== '')) {
        problems.push({ row: rowNumber, column: 'Action ID', code: 'code_missing', value: '', message: `Row ${rowNumber} has no Action ID, so it cannot stop a repeat; add the Action ID or delete the row.`, action: 'row not read' });
      }
      return;
    }
    const sentAtText = field(row, 'Sent At', 'sentAt');
    const sentAt = sentDate(sentAtText);
    if (!sentAt) {
      problems.push({
        row: rowNumber, column: 'Sent At', code: 'date_invalid', value: sentAtText,
        message: `Row ${rowNumber} (${actionId}): Sent At "${sentAtText}" is not a date; it still stops this action repeating, but block days cannot be counted from it. Write the date it was sent as dd/mm/yyyy.`,
        action: 'kept as written; the action still counts as done',
      });
    }
    const statusText = field(row, 'Status', 'status').toLowerCase();
    const status = (STATUSES as readonly string[]).includes(statusText) ? (statusText as ContactLogEntry['status']) : 'sent';
    if (statusText && status !== statusText) {
      problems.push({
        row: rowNumber, column: 'Status', code: 'status_invalid', value: field(row, 'Status', 'status'),
        message: `Row ${rowNumber} (${actionId}): status "${statusText}" is not one of ${STATUSES.join(', ')}; treated as sent so the customer is not contacted twice.`,
        action: 'treated as sent',
      });
    }
    const methodText = field(row, 'Method', 'method');
    const method = readMethod(methodText);
    if (method && 'reason' in method) {
      problems.push({ row: rowNumber, column: 'Method', code: 'method_invalid', value: methodText, message: `Row ${rowNumber} (${actionId}): Method ${method.reason}; the line still stops this action repeating.`, action: 'method left blank' });
    }
    entries.push({
      actionId,
      // An unreadable date still settles the action itself; the text is kept to be written back as it was.
      sentAt,
      ...(sentAt === null ? { sentAtText } : {}),
      customerCode: field(row, 'Customer', 'customerCode'),
      contactDue: field(row, 'Contact Due', 'contactDue'),
      method: method && 'value' in method ? method.value : null,
      to: field(row, 'To', 'to'),
      status,
      reference: field(row, 'Reference', 'reference'),
      by: field(row, 'By', 'by'),
    });
  });
  return { entries, problems };
}
