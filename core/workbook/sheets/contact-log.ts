/**
 * Contact Log (kept, append-only): what was sent or deliberately skipped, one row per Action ID.
 * It is what stops the same reminder going twice, so it is carried from build to build untouched.
 */
import { CONTACT_LOG_HEADERS } from '../../contact-log.ts';
import type { ContactLogEntry } from '../../records.ts';
import { col, table } from '../columns.ts';
import { displayTo } from '../display.ts';
import { PRINT_SETUP, type PlanSheet } from '../plan.ts';

export const CONTACT_LOG_SHEET = 'Contact Log';

const [actionId, sentAt, customer, contactDue, method, to, status, reference, by] = CONTACT_LOG_HEADERS;

// Action ID is the log's key for the next build, not for reading on paper: last, and out of the
// print area. The readers find every column by its header, so the order is free.
export const CONTACT_LOG_COLUMNS = [
  col('sentAt', sentAt, 'date'),
  col('customer', customer, 'text', { width: 11 }),
  col('contactDue', contactDue, 'text', { width: 24 }),
  col('method', method, 'text', { width: 10 }),
  col('to', to, 'text', { width: 30 }),
  col('status', status, 'text', { width: 11 }),
  col('reference', reference, 'text', { width: 18 }),
  col('by', by, 'text', { width: 16 }),
  col('actionId', actionId!, 'text', { width: 44, print: false }),
];

export function contactLogSheet(entries: readonly ContactLogEntry[]): PlanSheet {
  // A Sent At that is not a date goes back as the text the garage typed (see ContactLogEntry.sentAtText).
  const rows = entries.map((e) => [e.sentAt ?? (e.sentAtText || null), e.customerCode, e.contactDue, e.method, displayTo(e.to), e.status, e.reference, e.by, e.actionId]);
  return { name: CONTACT_LOG_SHEET, kind: 'kept', table: table('ContactLog', CONTACT_LOG_COLUMNS, rows), frozenRows: 1, print: PRINT_SETUP };
}
