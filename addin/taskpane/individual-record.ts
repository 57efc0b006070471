/**
 * Where a contact sent by hand is written into the workbook: its Contact Log line (and its Due
 * Actions row's Status, if it has one), through Refresh statuses — the same rebuild Send approved
 * writes with. The contact is remembered as pending first, so if the pane is closed before the
 * worker finishes, the ribbon's Refresh statuses still writes its line.
 */
import { addPendingContact } from '../shared/pending-contacts.ts';
import { refreshStatuses } from '../shared/send-approved.ts';
import { settledStatuses, SETTLED_STATUSES, type RowStatus } from '../shared/worker-api.ts';
import type { WorkerSettings } from '../shared/worker-settings.ts';

/** Waits up to `waitMs` for the worker to finish the contact; its last status, or null if it has none yet. */
export async function awaitOutcome(settings: WorkerSettings, actionId: string, waitMs: number): Promise<RowStatus | null> {
  const latest = (await settledStatuses(settings, [actionId], waitMs)).get(actionId);
  return latest?.status ? latest : null;
}

/** Writes the contact's outcome once final; says in words what was written, or null while it is still going. */
export async function recordIndividualSend(settings: WorkerSettings, actionId: string, status: string | null): Promise<string | null> {
  addPendingContact(actionId);
  if (!status || !SETTLED_STATUSES.has(status)) return null;
  const written = await refreshStatuses(settings, new Date());
  return written.ok ? 'It is on the Contact Log.' : `It could not be written on the Contact Log yet (${written.message}) Press Refresh statuses to write it.`;
}
