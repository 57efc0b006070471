/**
 * Contacts sent one at a time (the individual process) whose outcome is not on the Contact Log
 * yet: kept in this computer's browser storage, shared by the pane and the ribbon's commands, so
 * Refresh statuses writes their line even when the pane was closed before the send finished.
 */
const KEY = 'retention-desk.pending-contacts';

export function pendingContacts(storage: Storage = localStorage): string[] {
  try {
    const ids = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function addPendingContact(actionId: string, storage: Storage = localStorage): void {
  const ids = pendingContacts(storage);
  if (!ids.includes(actionId)) storage.setItem(KEY, JSON.stringify([...ids, actionId]));
}

export function settlePendingContacts(settled: readonly string[], storage: Storage = localStorage): void {
  if (settled.length === 0) return;
  storage.setItem(KEY, JSON.stringify(pendingContacts(storage).filter((id) => !settled.includes(id))));
}
