/**
 * The machine-readable summary of a build (`retention build --json`): counts a script or a
 * person can check at a glance.
 */
import type { IsoDate } from './calendar.ts';
import { RECORD_KINDS, type RecordKind } from './records.ts';
import type { Retention } from './retention.ts';
import { lifecycleCounts } from './lifecycle.ts';

export interface BuildSummary {
  asOf: IsoDate;
  imported: Record<RecordKind, number>;
  problems: number;
  dueActions: {
    total: number;
    byContactDue: Record<string, number>;
    byMethod: Record<'Email' | 'SMS' | 'Letter' | 'None', number>;
    /** Due rows with no usable method (no valid address on any permitted channel): data-capture gaps to fix. */
    unreachable: number;
  };
  lifecycle: { active: number; drifting: number; lapsing: number; lapsed: number; noVisits: number };
  audit: { from: IsoDate; to: IsoDate; staff: { name: string; customers: number; missingItems: number; completePct: number; previousPct: number | null }[] };
  bookings: { unactioned: number; overdue: number };
  dissatisfaction: Record<string, number>;
}

export function buildSummary(retention: Retention, problemCount: number): BuildSummary {
  const imported = Object.fromEntries(RECORD_KINDS.map((k) => [k, retention.garage[k].length])) as Record<RecordKind, number>;
  const byContactDue: Record<string, number> = {};
  const byMethod = { Email: 0, SMS: 0, Letter: 0, None: 0 };
  for (const action of retention.dueActions) {
    byContactDue[action.contactDue] = (byContactDue[action.contactDue] ?? 0) + 1;
    byMethod[action.method ?? 'None'] += 1;
  }
  return {
    asOf: retention.asOf,
    imported,
    problems: problemCount,
    dueActions: { total: retention.dueActions.length, byContactDue, byMethod, unreachable: byMethod.None },
    lifecycle: lifecycleCounts(retention.lifecycle),
    audit: {
      from: retention.audit.from,
      to: retention.audit.to,
      staff: retention.audit.staff.map(({ name, customers, missingItems, completePct, previousPct }) => ({ name, customers, missingItems, completePct, previousPct })),
    },
    bookings: { unactioned: retention.bookings.unactioned, overdue: retention.bookings.overdue },
    dissatisfaction: retention.dissatisfaction.counts,
  };
}
