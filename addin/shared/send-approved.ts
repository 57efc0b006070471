/**
 * Send approved and Refresh statuses, shared by the ribbon's commands and the pane: the approved
 * rows go to the worker, and what it reports for each is written back on Due Actions by the
 * workbook's status writer. Every outcome is a sentence for the user.
 */
import { londonDate, type WorkbookStore } from '../../core/index.ts';
import { approvedRows } from './approved-rows.ts';
import { rowStatuses, submitRows, type RowStatus } from './worker-api.ts';
import type { WorkerSettings } from './worker-settings.ts';

/** Writes Status, Sent At and Reference on Due Actions, and the Contact Log lines, as the worker reports them. */
export interface StatusWriter {
  writeStatuses(rows: readonly RowStatus[]): Promise<void>;
  /** The Action IDs sent or queued that have no final status yet, for Refresh statuses. */
  pendingActionIds(): Promise<string[]>;
}

export interface Workbook {
  store: WorkbookStore;
  statuses: StatusWriter;
}

export type Outcome = { ok: boolean; message: string; rows: RowStatus[] };

const NO_WORKBOOK = 'This workbook has no Retention Desk sheets yet. Open the pane (Home › Retention Desk › Open) and load your exports first.';

export async function sendApproved(workbook: Workbook | null, settings: WorkerSettings, now: Date): Promise<Outcome> {
  if (!workbook) return { ok: false, message: NO_WORKBOOK, rows: [] };
  const approved = await approvedRows(workbook.store, londonDate(now), settings.by);
  if ('stopped' in approved) return { ok: false, message: approved.stopped.join(' '), rows: [] };
  if (approved.rows.length === 0) return { ok: true, message: 'Nothing to send: no row on Due Actions is set to Yes under Approve (rows already sent are not sent again).', rows: [] };
  const answer = await submitRows(settings, approved.rows);
  if (!answer.ok) return { ok: false, message: answer.failure.message, rows: [] };
  await workbook.statuses.writeStatuses(answer.value.rows);
  const refused = answer.value.rows.filter((r) => r.reason);
  const message = `${approved.rows.length} approved row${approved.rows.length === 1 ? '' : 's'} handed to the worker; each row's Status is on Due Actions.` +
    (refused.length ? ` ${refused.length} could not go: see their Status.` : '') +
    ' Rows still sending get their status with Refresh statuses.';
  return { ok: refused.length === 0, message, rows: answer.value.rows };
}

export async function refreshStatuses(workbook: Workbook | null, settings: WorkerSettings): Promise<Outcome> {
  if (!workbook) return { ok: false, message: NO_WORKBOOK, rows: [] };
  const pending = await workbook.statuses.pendingActionIds();
  if (pending.length === 0) return { ok: true, message: 'Every sent row already has its final status.', rows: [] };
  const answer = await rowStatuses(settings, pending);
  if (!answer.ok) return { ok: false, message: answer.failure.message, rows: [] };
  await workbook.statuses.writeStatuses(answer.value.rows);
  return { ok: true, message: `${answer.value.rows.length} row${answer.value.rows.length === 1 ? '' : 's'} brought up to date on Due Actions.`, rows: answer.value.rows };
}
