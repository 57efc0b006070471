/**
 * Send approved, Check what will go and Refresh statuses, as the pane's session worker does them.
 * The approved rows are read from Due Actions and worked out with this session's exports
 * (approvedSends: Method, To and merge context, as `retention send` renders them); the worker
 * (`retention serve`) sends them; what it reports is written back through the core's rebuild —
 * the same one `build --into` and `retention send` use — so each row's Status, Sent At and
 * Reference and the Contact Log lines are written exactly as they would be on the command line.
 *
 * The statuses are asked for inside the rebuild (sendOutcomes), after the workbook was read: if the
 * garage edits it meanwhile, the rebuild reads again and asks again, and the worker's ledger
 * answers with where each row stands, so nothing is sent twice.
 */
import {
  approvedSends,
  awaitsSending,
  contactLogKey,
  readKeptState,
  readOnlyWorkbook,
  rebuildWorkbook,
  SEND_PENDING,
  type RebuildRequest,
  type SendOutcome,
  type WorkbookStore,
} from '../../core/index.ts';
import { previewRows, rowStatuses, settledStatuses, SETTLED_STATUSES, submitRows, type RowReply, type RowStatus } from '../shared/worker-api.ts';
import { blobExportSource } from './browser-exports.ts';
import type { SendReport, SessionAnswer, SessionQuestion } from './session-messages.ts';

type Ask<T extends SessionQuestion['type']> = Extract<SessionQuestion, { type: T }>;

/** A refusal that stops the rebuild before it writes: the words are the pane's. */
class NothingWritten extends Error {}

const refused = (reason: string): SessionAnswer => ({ type: 'refused', reason });

/** Why a rebuild stopped, in words: ours as they are, anything else as the workbook's problem. */
function stoppedBy(error: unknown): SessionAnswer {
  if (error instanceof NothingWritten) return refused(error.message);
  return refused(`The workbook could not be written (${(error as Error).message}). Nothing in it was changed; the worker's record of what went is kept, so press Refresh statuses to write it.`);
}

/** "Nothing to send": true when no row on Due Actions is approved and still to go. */
async function nothingApproved(workbook: WorkbookStore, asOf: string, by: string): Promise<SessionAnswer | null> {
  const kept = await readKeptState(workbook, asOf, by);
  if ('stopped' in kept) return refused(kept.stopped.join(' '));
  for (const edit of kept.state.dueEdits.values()) if (awaitsSending(edit)) return null;
  return { type: 'sent', report: { handed: 0, byStatus: {}, notGoing: [], pending: 0, stoppedPartWay: null } };
}

export async function checkSend(question: Ask<'check-send'>, workbook: WorkbookStore): Promise<SessionAnswer> {
  const due = await rebuildWorkbook({ exports: blobExportSource(question.files), workbook: readOnlyWorkbook(workbook), asOf: question.asOf, by: question.by });
  if ('stopped' in due) return refused(due.stopped.join(' '));
  const sends = approvedSends(due.retention, due.state);
  if (sends.rows.length === 0) return { type: 'send-checked', approved: 0, notGoing: sends.notGoing, preview: null };
  const preview = await previewRows(question.worker, sends.rows);
  if (!preview.ok) return refused(preview.failure.message);
  return { type: 'send-checked', approved: sends.rows.length, notGoing: sends.notGoing, preview: preview.value };
}

/** The row's outcome as the workbook shows it, with its Contact Log line once settled (the rebuild logs a line once). */
function outcomeOf(status: RowStatus): SendOutcome {
  return { actionId: status.actionId, rowStatus: status.status ?? '', sentAt: status.sentAt, reference: status.reference, entry: status.contactLog };
}

/** What a reply says before any status came: Not sent with its reason, or where the ledger has it. */
function replyOutcome(reply: RowReply): SendOutcome {
  const reference = reply.reason ?? reply.reference;
  return { actionId: reply.actionId, rowStatus: reply.status, sentAt: reply.sentAt, reference, entry: null };
}

/** This session's exports rebuilt into the workbook, with what the sends came to written on their rows and the Contact Log. */
function rebuildWithOutcomes(question: Ask<'send' | 'refresh'>, workbook: WorkbookStore, sendOutcomes: NonNullable<RebuildRequest['sendOutcomes']>) {
  return rebuildWorkbook({ exports: blobExportSource(question.files), workbook, asOf: question.asOf, by: question.by, sendOutcomes });
}

export async function sendApproved(question: Ask<'send'>, workbook: WorkbookStore): Promise<SessionAnswer> {
  const none = await nothingApproved(workbook, question.asOf, question.by);
  if (none) return none;
  let report: SendReport = { handed: 0, byStatus: {}, notGoing: [], pending: 0, stoppedPartWay: null };
  try {
    const rebuilt = await rebuildWithOutcomes(question, workbook, async (kept, retention) => {
      const sends = approvedSends(retention, kept);
      report = { handed: 0, byStatus: {}, notGoing: sends.notGoing, pending: 0, stoppedPartWay: null };
      if (sends.rows.length === 0) return [];
      const handed = await submitRows(question.worker, sends.rows);
      if (handed.rows.length === 0 && handed.failure) throw new NothingWritten(`Nothing was sent: ${handed.failure.message}`);
      report.handed = handed.rows.length;
      report.stoppedPartWay = handed.failure?.message ?? null;
      const going = handed.rows.filter((r) => r.state !== 'not sent').map((r) => r.actionId);
      const statuses = await settledStatuses(question.worker, going, question.waitMs);
      const outcomes = handed.rows.map((reply) => {
        const status = statuses.get(reply.actionId);
        return status?.status ? outcomeOf(status) : replyOutcome(reply);
      });
      for (const o of outcomes) {
        report.byStatus[o.rowStatus] = (report.byStatus[o.rowStatus] ?? 0) + 1;
        if (!SETTLED_STATUSES.has(o.rowStatus) && o.rowStatus !== 'Not sent') report.pending += 1;
      }
      return outcomes;
    });
    if ('stopped' in rebuilt) return refused(`${report.handed > 0 ? `${report.handed} rows were handed to the worker, but ` : ''}the workbook was not written: ${rebuilt.stopped.join(' ')} Press Refresh statuses once it can be.`);
    return { type: 'sent', report };
  } catch (error) {
    return stoppedBy(error);
  }
}

export async function refreshStatuses(question: Ask<'refresh'>, workbook: WorkbookStore): Promise<SessionAnswer> {
  const kept = await readKeptState(workbook, question.asOf, question.by);
  if ('stopped' in kept) return refused(kept.stopped.join(' '));
  const shown = kept.state.dueEdits;
  const pending = [...shown].filter(([, edit]) => SEND_PENDING.has(edit.status.trim().toLowerCase())).map(([id]) => id);
  const asked = [...new Set([...pending, ...question.alsoIds])];
  if (asked.length === 0) return { type: 'refreshed', updated: 0, pending: 0, settled: [] };
  const answer = await rowStatuses(question.worker, asked);
  if (!answer.ok) return refused(answer.failure.message);
  const logged = new Set(kept.state.contactLog.map(contactLogKey));
  // Only what the workbook does not show yet (a row's Status, a Contact Log line): an unchanged workbook is not rewritten.
  const news = answer.value.rows.filter(
    (s) => s.status !== null && ((shown.has(s.actionId) && s.status !== shown.get(s.actionId)?.status) || (s.contactLog !== null && !logged.has(contactLogKey(s.contactLog)))),
  );
  const stillPending = answer.value.rows.filter((s) => s.status !== null && !SETTLED_STATUSES.has(s.status)).length;
  // The other rows asked about (contacts sent one at a time) whose line is on the Contact Log once this is written.
  const settled = answer.value.rows.filter((s) => question.alsoIds.includes(s.actionId) && SETTLED_STATUSES.has(s.status ?? '') && s.contactLog !== null).map((s) => s.actionId);
  if (news.length === 0) return { type: 'refreshed', updated: 0, pending: stillPending, settled };
  try {
    // A line logged since it was read is not logged twice: the rebuild reads the log again and logs each line once.
    const rebuilt = await rebuildWithOutcomes(question, workbook, () => news.map(outcomeOf));
    if ('stopped' in rebuilt) return refused(`The statuses were not written: ${rebuilt.stopped.join(' ')}`);
    return { type: 'refreshed', updated: news.length, pending: stillPending, settled };
  } catch (error) {
    return stoppedBy(error);
  }
}
