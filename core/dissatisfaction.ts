/**
 * Dissatisfaction reasons, for the manager to review and act on: every booking outcome in the
 * export that gives a reason, sorted by reason (as the Loyalty Driver's list is when you click
 * the Status heading), then oldest first, with how many times each reason comes up.
 *
 * Reasons are trimmed and grouped ignoring case and repeated spaces; a group is shown with the
 * first spelling met in the export, so "Price too high" and "price too high " count together.
 */
import type { GarageIndex } from './garage-index.ts';
import type { BookingRequest } from './records.ts';
import type { DissatisfactionReport, DissatisfactionRow } from './results.ts';

const SPACES = /\s+/g;
const alphabetical = new Intl.Collator('en-GB', { numeric: true }).compare;

export function dissatisfactionReport(bookings: readonly BookingRequest[], garage?: GarageIndex): DissatisfactionReport {
  const spelling = new Map<string, string>();
  const rows: DissatisfactionRow[] = [];
  const counts = new Map<string, number>();
  for (const booking of bookings) {
    // Most requests give no reason at all.
    if (booking.dissatisfactionReason === '') continue;
    const given = booking.dissatisfactionReason.trim().replace(SPACES, ' ');
    if (given === '') continue;
    const key = given.toLowerCase();
    let reason = spelling.get(key);
    if (reason === undefined) {
      reason = given;
      spelling.set(key, reason);
    }
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
    rows.push({
      reason,
      requestId: booking.requestId,
      received: booking.received,
      customerCode: booking.customerCode,
      // The customer file is asked only when the request gives no name.
      name: booking.name.trim() || garage?.customerByCode.get(booking.customerCode)?.name || '',
      outcome: booking.outcome,
      staff: booking.staff,
    });
  }
  rows.sort((a, b) => alphabetical(a.reason, b.reason) || byReceived(a, b));
  // fromEntries keeps the alphabetical order (and would define even a reason called "__proto__").
  const ordered = Object.fromEntries([...counts].sort(([a], [b]) => alphabetical(a, b)));
  return { rows, counts: ordered };
}

/** Oldest first; no received date last. */
function byReceived(a: DissatisfactionRow, b: DissatisfactionRow): number {
  if (a.received === b.received) return 0;
  if (a.received === null) return 1;
  if (b.received === null) return -1;
  return a.received < b.received ? -1 : 1;
}
