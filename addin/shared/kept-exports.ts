/**
 * The exports last loaded on this computer, kept in the browser's IndexedDB (idb-keyval) so that
 * Send approved and Refresh statuses — from the ribbon too, and after Excel was closed — can work
 * out each approved row's message without the garage loading the files again. They stay on this
 * computer, as the files themselves do; the workbook keeps its own copy of what they hold.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

interface Kept {
  files: File[];
  loadedAt: string;
}

let store: UseStore | null = null;
const keptStore = () => (store ??= createStore('retention-desk', 'exports'));
const KEY = 'last-loaded';

/** Keeps these files as the ones last loaded; a failure (private browsing, storage full) only means they are not kept. */
export async function keepExports(files: readonly File[], now: Date): Promise<boolean> {
  try {
    await set(KEY, { files: [...files], loadedAt: now.toISOString() } satisfies Kept, keptStore());
    return true;
  } catch {
    return false;
  }
}

/** The files last loaded on this computer and when, or null when there are none (or storage is unavailable). */
export async function keptExports(): Promise<Kept | null> {
  try {
    const kept = (await get<Kept>(KEY, keptStore())) ?? null;
    return kept && Array.isArray(kept.files) && kept.files.length > 0 ? kept : null;
  } catch {
    return null;
  }
}

export async function forgetExports(): Promise<void> {
  await del(KEY, keptStore()).catch(() => {});
}
