/**
 * What the API does with the add-in's rows: each rendered with the garage's templates and queued
 * in the ledger with its message (the ledger decides whether an Action ID goes again), previewed
 * without touching anything, or looked up as the workbook shows it.
 */
import { renderMessage, type CompiledTemplates, type ContactLogEntry, type RenderedMessage } from '../../core/index.ts';
import type { OutgoingMessage } from '../channels/channel.ts';
import type { Delivery, Ledger } from '../ledger/ledger.ts';
import { sendOutcomeOf } from '../send-job.ts';
import { coreRow, type RowsBody, type SubmittedRow } from './schemas.ts';

/** A submitted row's state: queued to go, already in the ledger, or not sendable and why. */
export interface RowReply {
  actionId: string;
  state: 'queued' | 'sending' | 'already sent' | 'uncertain' | 'not sent';
  /** Why it was not sent, in words for the row's Status. */
  reason?: string;
}

// What the ledger's states mean to a garage re-submitting a row.
const HELD: Partial<Record<Delivery['state'], RowReply['state']>> = { submitting: 'sending', sent: 'already sent', uncertain: 'uncertain' };

type Rendered = { outgoing: OutgoingMessage } | { reason: string };

function render(row: SubmittedRow, templates: CompiledTemplates): Rendered {
  const { action, context } = coreRow(row);
  const { value, problems } = renderMessage(action, context, templates);
  if (!value) return { reason: problems[0]?.message ?? 'it could not be rendered' };
  const { settings } = context;
  return {
    outgoing: {
      actionId: action.actionId,
      method: action.method,
      to: action.to,
      from: { name: settings.garageName, email: settings.senderMailbox, smsSender: settings.smsSender, replyTo: settings.replyToMailbox || undefined },
      message: value,
    },
  };
}

/**
 * Renders and queues each row; the drain (started by the caller) sends them. The ledger's calls are
 * all handed over at once, not one after another: its thread takes them in order, and the answer
 * does not wait on a round trip per row.
 */
export async function submitRows(body: RowsBody, ledger: Ledger, templates: CompiledTemplates, now: Date): Promise<RowReply[]> {
  const at = now.toISOString();
  // A row the ledger already holds is not rendered again: its state is the answer.
  const held = await Promise.all(body.rows.map((row) => ledger.get(row.action.actionId, row.action.method)));
  return Promise.all(
    body.rows.map(async (row, index): Promise<RowReply> => {
      const { action } = row;
      const heldState = HELD[held[index]?.state ?? 'queued'];
      if (heldState) return { actionId: action.actionId, state: heldState };
      const rendered = render(row, templates);
      if ('reason' in rendered) return { actionId: action.actionId, state: 'not sent', reason: rendered.reason };
      const queued = await ledger.queue({ actionId: action.actionId, channel: action.method, by: body.by, customerCode: action.code, contactDue: action.contactDue, to: action.to, message: rendered.outgoing }, at);
      return { actionId: action.actionId, state: queued.queued ? 'queued' : (HELD[queued.state] ?? 'queued') };
    }),
  );
}

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

export interface Preview {
  /** Rows that would go, by method. */
  byMethod: Record<string, number>;
  smsSegments: number;
  rows: PreviewRow[];
}

function previewText(message: RenderedMessage): Pick<PreviewRow, 'subject' | 'text' | 'smsSegments'> {
  if (message.channel === 'email') return { subject: message.subject, text: message.text };
  if (message.channel === 'sms') return { text: message.text, smsSegments: message.segments };
  return { text: [message.salutation, ...message.paragraphs, ...message.signOff, ...(message.optOut ? [message.optOut] : [])].join('\n\n') };
}

/** What submitting these rows would send; reads the ledger, changes nothing. */
export async function previewRows(body: RowsBody, ledger: Ledger, templates: CompiledTemplates): Promise<Preview> {
  const preview: Preview = { byMethod: {}, smsSegments: 0, rows: [] };
  const held = await Promise.all(body.rows.map((row) => ledger.get(row.action.actionId, row.action.method)));
  for (const [index, row] of body.rows.entries()) {
    const { actionId, method, to } = row.action;
    const heldState = HELD[held[index]?.state ?? 'queued'];
    if (heldState) {
      preview.rows.push({ actionId, method, to, notGoing: heldState === 'sending' ? 'it is being sent now' : heldState === 'already sent' ? 'it was sent already' : 'it may have been sent already (Uncertain): check it first' });
      continue;
    }
    const rendered = render(row, templates);
    if ('reason' in rendered) {
      preview.rows.push({ actionId, method, to, notGoing: rendered.reason });
      continue;
    }
    const shown = previewText(rendered.outgoing.message);
    preview.byMethod[method] = (preview.byMethod[method] ?? 0) + 1;
    preview.smsSegments += shown.smsSegments ?? 0;
    preview.rows.push({ actionId, method, to, ...shown });
  }
  return preview;
}

/** A row as the workbook shows it: Status, Sent At (Europe/London date), Reference, and its Contact Log line once settled. */
export interface RowStatus {
  actionId: string;
  status: 'Sent' | 'Printed' | 'Failed' | 'Uncertain' | 'Queued' | 'Sending' | null;
  method: string | null;
  sentAt: string | null;
  reference: string;
  contactLog: ContactLogEntry | null;
}

const METHODS = ['Email', 'SMS', 'Letter'] as const;

/** Each Action ID's latest delivery (an action sent by letter after an email failed shows the letter). */
export async function rowStatuses(ids: readonly string[], ledger: Ledger): Promise<RowStatus[]> {
  return Promise.all(
    [...new Set(ids)].map(async (actionId): Promise<RowStatus> => {
      const held = (await Promise.all(METHODS.map((m) => ledger.get(actionId, m)))).filter((d): d is Delivery => d !== null);
      const latest = held.sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : a.queuedAt > b.queuedAt ? -1 : 0))[0];
      if (!latest) return { actionId, status: null, method: null, sentAt: null, reference: '', contactLog: null };
      const outcome = sendOutcomeOf(latest);
      if (!outcome) return { actionId, status: latest.state === 'queued' ? 'Queued' : 'Sending', method: latest.channel, sentAt: null, reference: '', contactLog: null };
      return { actionId, status: outcome.rowStatus as RowStatus['status'], method: latest.channel, sentAt: outcome.sentAt, reference: outcome.reference, contactLog: outcome.entry };
    }),
  );
}
