/**
 * Send approved and Refresh statuses as the user sees them, from the pane or the ribbon: the
 * session (session.ts) does the work in its Web Worker; this turns what came of it into one
 * sentence saying what happened and what to do.
 */
import { londonDate } from '../../core/index.ts';
import { pendingContacts, settlePendingContacts } from './pending-contacts.ts';
import { refreshRowStatuses, sendApprovedRows, type SendReport } from './session.ts';
import type { WorkerSettings } from './worker-settings.ts';

export type Outcome = { ok: boolean; message: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "12 Sent, 3 Printed, 1 Failed" */
function counted(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .sort(([, a], [, b]) => b - a)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

export function sentMessage(report: SendReport): Outcome {
  if (report.handed === 0 && report.notGoing.length === 0) {
    return { ok: true, message: 'Nothing to send: no row on Due Actions is set to Yes under Approve (rows already sent are not sent again).' };
  }
  const parts: string[] = [];
  if (report.handed > 0) parts.push(`${plural(report.handed, 'approved row')} handed to the worker: ${counted(report.byStatus)}. Each row's Status is on Due Actions, and what went is on the Contact Log.`);
  const failed = (report.byStatus.Failed ?? 0) + (report.byStatus['Not sent'] ?? 0);
  if (failed > 0) parts.push(`${plural(failed, 'row')} did not go: its Status says why; fix it and press Send approved again.`);
  if (report.byStatus.Uncertain) parts.push(`${plural(report.byStatus.Uncertain, 'row')} may or may not have gone (Uncertain): check before sending again ("npx retention resolve" on the worker's computer).`);
  if (report.notGoing.length > 0) parts.push(`${plural(report.notGoing.length, 'approved row')} cannot go: ${report.notGoing.slice(0, 3).map((n) => `${n.actionId} (${n.reason})`).join('; ')}${report.notGoing.length > 3 ? '…' : ''}.`);
  if (report.pending > 0) parts.push(`${plural(report.pending, 'row')} still being sent: press Refresh statuses in a minute.`);
  if (report.stoppedPartWay) parts.push(`The worker stopped answering part-way, so the rest stay approved: ${report.stoppedPartWay}`);
  return { ok: failed === 0 && report.notGoing.length === 0 && !report.stoppedPartWay && !report.byStatus.Uncertain, message: parts.join(' ') };
}

/** The approved rows to the worker, their statuses written back; waits up to `waitMs` for them to settle. */
export async function sendApproved(settings: WorkerSettings, now: Date, waitMs: number): Promise<Outcome & { report: SendReport | null }> {
  const reply = await sendApprovedRows(settings, londonDate(now), waitMs);
  if (reply.type === 'sent') return { ...sentMessage(reply.report), report: reply.report };
  return { ok: false, message: reply.type === 'refused' ? reply.reason : 'Retention Desk got an answer it did not expect: reload the pane and try again.', report: null };
}

/** What the worker finished since: rows Queued, Sending or Uncertain, and contacts sent one at a time. */
export async function refreshStatuses(settings: WorkerSettings, now: Date): Promise<Outcome> {
  const reply = await refreshRowStatuses(settings, londonDate(now), pendingContacts());
  if (reply.type !== 'refreshed') return { ok: false, message: reply.type === 'refused' ? reply.reason : 'Retention Desk got an answer it did not expect: reload the pane and try again.' };
  settlePendingContacts(reply.settled);
  if (reply.updated === 0 && reply.pending === 0) return { ok: true, message: 'Every sent row already has its final status.' };
  const still = reply.pending > 0 ? ` ${plural(reply.pending, 'row')} still being sent: press Refresh statuses again in a minute.` : '';
  return { ok: true, message: `${plural(reply.updated, 'row')} brought up to date on Due Actions and the Contact Log.${still}` };
}
