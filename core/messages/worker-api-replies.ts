/**
 * What the worker's API (`retention serve`) answers the add-in, declared once for both sides: the
 * worker builds these replies (worker/serve/rows.ts) and the add-in reads them
 * (addin/shared/worker-api.ts), so a change to one that the other does not follow fails to compile.
 */
import type { ContactLogEntry } from '../records.ts';

/**
 * A submitted row's state — queued to go, already in the ledger, or not sendable and why — with
 * what the workbook's row shows for it (Status, Sent At, Reference). POST /api/rows.
 */
export interface RowReply {
  actionId: string;
  state: 'queued' | 'sending' | 'already sent' | 'uncertain' | 'not sent';
  status: 'Sent' | 'Printed' | 'Failed' | 'Uncertain' | 'Queued' | 'Sending' | 'Not sent';
  sentAt: string | null;
  reference: string;
  /** Why it was not sent, in words for the row's Status. */
  reason?: string;
}

/**
 * A row as the worker's ledger has it now, as the workbook shows it: Status, Sent At (Europe/London
 * date), Reference, and its Contact Log line once settled. Null status: the worker never had it.
 * GET /api/rows, POST /api/rows/status.
 */
export interface RowStatus {
  actionId: string;
  status: 'Sent' | 'Printed' | 'Failed' | 'Uncertain' | 'Queued' | 'Sending' | null;
  method: string | null;
  sentAt: string | null;
  reference: string;
  contactLog: ContactLogEntry | null;
}

/** What one row would send. POST /api/preview. */
export interface PreviewRow {
  actionId: string;
  method: string;
  to: string;
  /** What would go: an email's subject and text, a text message, a letter's words. */
  subject?: string;
  text?: string;
  smsSegments?: number;
  /** Why this row would not go: not renderable, or already in the ledger. */
  notGoing?: string;
}

/** What submitting these rows would send; nothing is sent. POST /api/preview. */
export interface SendPreview {
  /** Rows that would go, by method. */
  byChannel: Record<string, number>;
  smsSegments: number;
  /** How many more emails the Microsoft 365 mailbox may send in the rolling 24 hours; null when it sets no limit. */
  mailboxRemainingToday: number | null;
  /** The rows that would not go, and why. */
  refused: { actionId: string; reason: string }[];
  rows: PreviewRow[];
}
