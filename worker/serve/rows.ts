/**
 * What the API does with the add-in's rows: each rendered with the garage's templates and queued
 * in the ledger with its message (the ledger decides whether an Action ID goes again), previewed
 * without touching anything, or looked up as the workbook shows it.
 */
import { renderMessage, type CompiledTemplates, type PreviewRow, type RenderedMessage, type RowReply, type RowStatus, type SendPreview } from '../../core/index.ts';
import type { OutgoingMessage } from '../channels/channel.ts';
import type { Delivery, Ledger } from '../ledger/ledger.ts';
import { emailsSentSince, sendOutcomeOf } from '../send-job.ts';
import { coreRow, type RowsBody, type SubmittedRow } from './schemas.ts';

// What the ledger's states mean to a garage re-submitting a row.
const HELD: Partial<Record<Delivery['state'], RowReply['state']>> = { submitting: 'sending', sent: 'already sent', uncertain: 'uncertain' };

/** The reply for a row the ledger holds already: its state, and its row as the workbook shows it. */
function heldReply(delivery: Delivery, state: RowReply['state']): RowReply {
  const outcome = sendOutcomeOf(delivery);
  if (!outcome) return { actionId: delivery.actionId, state, status: 'Sending', sentAt: null, reference: '' };
  return { actionId: delivery.actionId, state, status: outcome.rowStatus as RowReply['status'], sentAt: outcome.sentAt, reference: outcome.reference };
}

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
export async function submitRows(body: RowsBody, ledger: Ledger, templates: CompiledTemplates, now: Date, dailyLimit: number | null = null): Promise<RowReply[]> {
  const at = now.toISOString();
  // A row the ledger already holds is not rendered again: its state is the answer.
  const held = await Promise.all(body.rows.map((row) => ledger.get(row.action.actionId, row.action.method)));
  // Past a Microsoft 365 mailbox's daily limit the mail would be refused: those wait for tomorrow, as with `retention send`.
  let emailsLeft = dailyLimit === null ? Infinity : await remainingToday(ledger, dailyLimit, now);
  return Promise.all(
    body.rows.map(async (row, index): Promise<RowReply> => {
      const { action } = row;
      const before = held[index];
      const heldState = before && HELD[before.state];
      if (heldState) return heldReply(before, heldState);
      const rendered = render(row, templates);
      if ('reason' in rendered) return { actionId: action.actionId, state: 'not sent', status: 'Not sent', sentAt: null, reference: rendered.reason, reason: rendered.reason };
      // Counted in the rows' order: everything above this line runs before the first row waits on the ledger.
      if (action.method === 'Email' && emailsLeft-- <= 0) return { actionId: action.actionId, state: 'not sent', status: 'Not sent', sentAt: null, reference: OVER_DAILY_LIMIT, reason: OVER_DAILY_LIMIT };
      const queued = await ledger.queue({ actionId: action.actionId, channel: action.method, by: body.by, customerCode: action.code, contactDue: action.contactDue, to: action.to, message: rendered.outgoing }, at);
      if (queued.queued || queued.state === 'queued') return { actionId: action.actionId, state: 'queued', status: 'Queued', sentAt: null, reference: '' };
      // Another submission of the same row got there first: say where it stands now.
      const current = await ledger.get(action.actionId, action.method);
      return current ? heldReply(current, HELD[current.state] ?? 'queued') : { actionId: action.actionId, state: 'queued', status: 'Queued', sentAt: null, reference: '' };
    }),
  );
}

const OVER_DAILY_LIMIT = "over the mailbox's daily limit: send again tomorrow";

/** How many more emails a mailbox with a daily limit may send in the rolling 24 hours. */
async function remainingToday(ledger: Ledger, dailyLimit: number, now: Date): Promise<number> {
  return Math.max(0, dailyLimit - (await emailsSentSince(ledger, new Date(now.getTime() - 86_400_000))));
}

function previewText(message: RenderedMessage): Pick<PreviewRow, 'subject' | 'text' | 'smsSegments'> {
  if (message.channel === 'email') return { subject: message.subject, text: message.text };
  if (message.channel === 'sms') return { text: message.text, smsSegments: message.segments };
  return { text: [message.salutation, ...message.paragraphs, ...message.signOff, ...(message.optOut ? [message.optOut] : [])].join('\n\n') };
}

/** What submitting these rows would send; reads the ledger, changes nothing. */
export async function previewRows(body: RowsBody, ledger: Ledger, templates: CompiledTemplates, mailbox: { dailyLimit: number | null; now: Date }): Promise<SendPreview> {
  const remaining = mailbox.dailyLimit === null ? null : await remainingToday(ledger, mailbox.dailyLimit, mailbox.now);
  const preview: SendPreview = { byChannel: {}, smsSegments: 0, mailboxRemainingToday: remaining, refused: [], rows: [] };
  const held = await Promise.all(body.rows.map((row) => ledger.get(row.action.actionId, row.action.method)));
  for (const [index, row] of body.rows.entries()) {
    const { actionId, method, to } = row.action;
    const heldState = HELD[held[index]?.state ?? 'queued'];
    if (heldState) {
      const reason = heldState === 'sending' ? 'it is being sent now' : heldState === 'already sent' ? 'it was sent already' : 'it may have been sent already (Uncertain): check it first';
      preview.rows.push({ actionId, method, to, notGoing: reason });
      preview.refused.push({ actionId, reason });
      continue;
    }
    const rendered = render(row, templates);
    if ('reason' in rendered) {
      preview.rows.push({ actionId, method, to, notGoing: rendered.reason });
      preview.refused.push({ actionId, reason: rendered.reason });
      continue;
    }
    const shown = previewText(rendered.outgoing.message);
    preview.byChannel[method] = (preview.byChannel[method] ?? 0) + 1;
    preview.smsSegments += shown.smsSegments ?? 0;
    preview.rows.push({ actionId, method, to, ...shown });
  }
  return preview;
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
