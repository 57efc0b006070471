/**
 * The rows the garage approved on Due Actions, as the add-in hands them to the worker: each due
 * action with the Method and To its row chose, and the merge context its templates read. A row
 * whose send is settled or under way (Sent, Queued, Uncertain…) is not offered again: the
 * worker's ledger would refuse it anyway, and Refresh statuses brings its outcome in.
 */
import type { KeptState } from '../kept-state.ts';
import type { Retention } from '../retention.ts';
import type { DueAction } from '../results.ts';
import { rowMethod, type DueEdit } from '../workbook/sheets/due-actions.ts';
import { mergeContextFor, type MergeContext } from './merge-context.ts';

export interface ApprovedSend {
  action: DueAction;
  context: MergeContext;
}

export interface ApprovedSends {
  rows: ApprovedSend[];
  /** Approved rows that cannot go, and why in the garage's words. */
  notGoing: { actionId: string; reason: string }[];
}

/** Row statuses (lower case) that mean the row has gone, may have, or is going now. */
const SEND_UNDER_WAY_OR_SETTLED: ReadonlySet<string> = new Set(['sent', 'printed', 'delivered', 'undelivered', 'uncertain', 'queued', 'sending']);

/** True for a Due Actions row set to Yes whose send is neither settled nor under way. */
export function awaitsSending(edit: Pick<DueEdit, 'approve' | 'status'> | undefined): boolean {
  return edit?.approve === 'Yes' && !SEND_UNDER_WAY_OR_SETTLED.has(edit.status.trim().toLowerCase());
}

/** Row statuses the worker may still change: Refresh statuses asks about these. */
export const SEND_PENDING: ReadonlySet<string> = new Set(['queued', 'sending', 'uncertain']);

export function approvedSends(retention: Pick<Retention, 'dueActions' | 'garage'>, state: Pick<KeptState, 'dueEdits' | 'settings'>): ApprovedSends {
  const sends: ApprovedSends = { rows: [], notGoing: [] };
  for (const action of retention.dueActions) {
    const edit = state.dueEdits.get(action.actionId);
    if (!edit || !awaitsSending(edit)) continue;
    // As `retention send` does: a Method the customer cannot take falls back to the row's own (the sheet shows why).
    const { method, to } = rowMethod(action, edit);
    if (!method || !to) {
      sends.notGoing.push({ actionId: action.actionId, reason: action.reason || 'the customer has no way to be contacted' });
      continue;
    }
    const sendable: DueAction = { ...action, method, to };
    const context = mergeContextFor(sendable, retention.garage, state.settings);
    if (!context) {
      sends.notGoing.push({ actionId: action.actionId, reason: 'its customer is not in the exports' });
      continue;
    }
    sends.rows.push({ action: sendable, context });
  }
  return sends;
}
