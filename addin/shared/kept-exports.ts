/**
 * The exports last loaded into a workbook on this computer, kept in the browser's IndexedDB
 * (idb-keyval) under the workbook's id (excel/workbook-id.ts), so that Send approved and Refresh
 * statuses — from the ribbon too, and after Excel was closed — can work out each approved row's
 * message without the garage loading the files again. They stay on this computer, as the files
 * themselves do; loading the next week's replaces them.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

interface Kept {
  files: File[];
  loadedAt: string;
}

let store: UseStore | null = null;
const keptStore = () => (store ??= createStore('retention-desk', 'exports'));
const keyFor = (workbookId: string) => `loaded-into:${workbookId}`;

/** Keeps these files as the ones last loaded into this workbook; a failure (private browsing, storage full) only means they are not kept. */
export async function keepExports(workbookId: string, files: readonly File[], now: Date): Promise<boolean> {
  try {
    await set(keyFor(workbookId), { files: [...files], loadedAt: now.toISOString() } satisfies Kept, keptStore());
    return true;
  } catch {
    return false;
  }
}

/** The files last loaded into this workbook on this computer and when, or null when there are none (or storage is unavailable). */
export async function keptExports(workbookId: string): Promise<Kept | null> {
  try {
    const kept = (await get<Kept>(keyFor(workbookId), keptStore())) ?? null;
    return kept && Array.isArray(kept.files) && kept.files.length > 0 ? kept : null;
  } catch {
    return null;
  }
}

export async function forgetExports(workbookId: string): Promise<void> {
  await del(keyFor(workbookId), keptStore()).catch(() => {});
}
