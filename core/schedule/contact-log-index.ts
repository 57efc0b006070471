/**
 * The Contact Log, indexed once for the engine: which Action IDs are settled, and when each rule
 * last reached each customer about each unit or job (for block days).
 *
 * - sent, skipped, uncertain: that Action ID is settled and never comes back. Uncertain (a send
 *   that may or may not have gone out when the worker stopped) waits for a person to confirm it,
 *   because sending it again could reach the customer twice.
 * - failed: nothing went out, so the action comes back to be tried again.
 * - Block days count from sends that went out, or may have: sent and uncertain; a line whose
 *   Sent At is not a date cannot start them (it is reported on every build until fixed).
 */
import type { IsoDate } from '../calendar.ts';
import type { ContactLogEntry } from '../records.ts';

export interface ContactLogIndex {
  settled: Set<string>;
  /** `rule/customer/subject` → the latest date something went out for it. */
  lastSent: Map<string, IsoDate>;
}

/**
 * `mot-1/C1001/AB12CDE/2026-12-12` → `mot-1/C1001/AB12CDE`: everything before the trigger date,
 * which is always the last part, so a code or job number with a '/' in it still keys correctly.
 */
export function blockKeyOf(actionId: string): string | null {
  const cut = actionId.lastIndexOf('/');
  return cut > 0 ? actionId.slice(0, cut) : null;
}

export function indexContactLog(entries: readonly ContactLogEntry[]): ContactLogIndex {
  const settled = new Set<string>();
  const lastSent = new Map<string, IsoDate>();
  for (const entry of entries) {
    if (entry.status === 'failed') continue;
    settled.add(entry.actionId);
    if (entry.status === 'skipped') continue;
    const key = blockKeyOf(entry.actionId);
    if (!key || entry.sentAt === null) continue;
    const seen = lastSent.get(key);
    if (seen === undefined || entry.sentAt > seen) lastSent.set(key, entry.sentAt);
  }
  return { settled, lastSent };
}
