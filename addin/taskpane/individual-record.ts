/**
 * Where a contact sent by hand is written into the workbook: its Contact Log line (and its Due
 * Actions row, if it has one) once the worker reports a final status. That is the workbook's
 * status writer's job (open-workbook.ts, the same one Send approved uses), so this is only the
 * hand-over to it; while the pane has none, nothing is written here and the line waits in the
 * worker's ledger for Refresh statuses.
 */
import type { DueAction } from '../../core/index.ts';
import { openWorkbook } from '../shared/open-workbook.ts';
import type { SentRow } from '../shared/one-row-api.ts';

const FINAL = new Set(['Sent', 'Printed', 'Failed']);

/** Hands a final status to the workbook's status writer; says in words what was written, or null. */
export async function recordIndividualSend(action: DueAction, sent: SentRow): Promise<string | null> {
  if (!sent.status || !FINAL.has(sent.status)) return null;
  const workbook = openWorkbook();
  if (!workbook) return null;
  try {
    await workbook.statuses.writeStatuses([{ actionId: action.actionId, status: sent.status, sentAt: sent.sentAt, reference: sent.reference, ...(sent.reason ? { reason: sent.reason } : {}) }]);
    return 'It is on the Contact Log.';
  } catch (error) {
    return `It could not be written on the Contact Log (${(error as Error).message}): press Refresh statuses on the ribbon to write it.`;
  }
}
