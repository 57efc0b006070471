/**
 * What the ribbon's last Send approved or Refresh statuses came to: a function command has no
 * window of its own, so its outcome is kept in this computer's browser storage and the pane shows
 * it when next opened.
 */
import type { Outcome } from './send-approved.ts';

const KEY = 'retention-desk.last-command';

export interface LastCommand extends Outcome {
  /** The command as the ribbon names it. */
  command: string;
  at: string;
}

export function rememberCommand(command: string, outcome: Outcome, now: Date, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify({ command, at: now.toISOString(), ok: outcome.ok, message: outcome.message } satisfies LastCommand));
}

/** The last command's outcome, once: shown, it is forgotten. */
export function takeLastCommand(storage: Storage = localStorage): LastCommand | null {
  try {
    const last = JSON.parse(storage.getItem(KEY) ?? 'null') as LastCommand | null;
    storage.removeItem(KEY);
    return last && typeof last.message === 'string' ? last : null;
  } catch {
    return null;
  }
}
