/**
 * The pane's own settings: where the worker is, the pairing key it printed, and the name written
 * as By. Kept in this computer's browser storage for the pane, never in the workbook, which is
 * shared and backed up with the key inside it otherwise.
 */
export interface WorkerSettings {
  address: string;
  pairingKey: string;
  by: string;
}

const STORAGE_KEY = 'retention-desk.worker';

/** The worker usually serves the pane itself, so its address is the pane's own by default. */
export function defaultSettings(): WorkerSettings {
  return { address: globalThis.location?.origin ?? 'https://localhost:3443', pairingKey: '', by: '' };
}

export function loadSettings(storage: Storage = localStorage): WorkerSettings {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Partial<WorkerSettings> | null;
    return { ...defaultSettings(), ...(saved ?? {}) };
  } catch {
    return defaultSettings();
  }
}

export function saveSettings(settings: WorkerSettings, storage: Storage = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify({ ...settings, address: settings.address.trim().replace(/\/+$/, '') }));
}
