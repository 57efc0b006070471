/**
 * The Contact Log as rows (a sheet, a CSV or JSON file) → ContactLogEntries. Only what was sent,
 * skipped, failed or is uncertain; a row that cannot be read is reported, never guessed at,
 * because a lost log line would send a customer the same reminder twice.
 */
import { isIsoDate, isoDate, isRealDate, type IsoDate } from './calendar.ts';
import type { ContactLogEntry, Method } from './records.ts';
import { METHODS } from './records.ts';

export const CONTACT_LOG_HEADERS = ['Action ID', 'Sent At', 'Customer', 'Contact Due', 'Method', 'To', 'Status', 'Reference', 'By'] as const;

export interface ContactLogProblem {
  row: number;
  message: string;
}

const STATUSES: readonly ContactLogEntry['status'][] = ['sent', 'skipped', 'failed', 'uncertain'];

/** Accepts 2026-11-16, 2026-11-16T09:30:00Z-style stamps (date part taken as written) and 16/11/2026. */
export function logDate(text: string): IsoDate | null {
  const t = text.trim();
  if (isIsoDate(t.slice(0, 10))) return t.slice(0, 10);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(t);
  if (uk) {
    const [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
    if (isRealDate(y, m, d)) return isoDate(y, m, d);
  }
  return null;
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
        problems.push({ row: rowNumber, message: `Row ${rowNumber} has no Action ID, so it cannot stop a repeat; add the Action ID or delete the row.` });
      }
      return;
    }
    const sentAtText = field(row, 'Sent At', 'sentAt');
    const sentAt = logDate(sentAtText);
    if (!sentAt) {
      problems.push({ row: rowNumber, message: `Row ${rowNumber} (${actionId}): "${sentAtText}" is not a date; it still stops this action repeating, but block days cannot be counted from it.` });
    }
    const statusText = field(row, 'Status', 'status').toLowerCase();
    const status = (STATUSES as readonly string[]).includes(statusText) ? (statusText as ContactLogEntry['status']) : 'sent';
    if (statusText && status !== statusText) {
      problems.push({ row: rowNumber, message: `Row ${rowNumber} (${actionId}): status "${statusText}" is not one of ${STATUSES.join(', ')}; treated as sent so the customer is not contacted twice.` });
    }
    const methodText = field(row, 'Method', 'method');
    const method = (METHODS as readonly string[]).find((m) => m.toLowerCase() === methodText.toLowerCase()) as Method | undefined;
    entries.push({
      actionId,
      // An unreadable date still suppresses the action itself; for block days it counts as long ago.
      sentAt: sentAt ?? '1900-01-01',
      customerCode: field(row, 'Customer', 'customerCode'),
      contactDue: field(row, 'Contact Due', 'contactDue'),
      method: method ?? null,
      to: field(row, 'To', 'to'),
      status,
      reference: field(row, 'Reference', 'reference'),
      by: field(row, 'By', 'by'),
    });
  });
  return { entries, problems };
}
