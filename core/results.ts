/**
 * What the core computes for an as-of date: plain data that the workbook plan, the JSON summary
 * and the add-in all draw from.
 */
import type { IsoDate } from './calendar.ts';
import type { ContactItem, Method } from './records.ts';
import type { Purpose } from './schedule/rule.ts';

export interface DueAction {
  /** rule/customer/unit-or-job/trigger-date: stable across imports. */
  actionId: string;
  ruleId: string;
  /** Contact date: when the contact became due. */
  date: IsoDate;
  triggerDate: IsoDate;
  code: string;
  name: string;
  type: string;
  contactDue: string;
  purpose: Purpose;
  /** null when no permitted channel has a valid address: shown, highlighted, not sendable. */
  method: Method | null;
  /** Email address, E.164 mobile, or the postal address on one line. */
  to: string;
  /** The other methods this customer may be sent for this purpose (for the Method dropdown's sake). */
  allowedMethods: Method[];
  /**
   * The customer's address for each allowed method that has a usable one: where the message goes
   * when the user changes Method on Due Actions (a method missing here is refused).
   */
  addresses: Partial<Record<Method, string>>;
  unit: string;
  job: string;
  reason: string;
  template: string;
}

export type LifecycleStatus = 'Active' | 'Drifting' | 'Lapsing' | 'Lapsed' | 'No visits';

export interface LifecycleRow {
  code: string;
  name: string;
  lastVisit: IsoDate | null;
  lastUnit: string;
  monthsSince: number | null;
  status: LifecycleStatus;
}

export interface AuditCustomerRow {
  staff: string;
  code: string;
  name: string;
  /** For every required item: null when present and valid, else why it counts as missing. */
  gaps: Partial<Record<ContactItem, string | null>>;
  missingItems: number;
}

export interface AuditStaffSummary {
  name: string;
  customers: number;
  missingItems: number;
  /** Share of required items present and valid, 0–100, one decimal. */
  completePct: number;
  /** The same measure over the equal period just before; null when nobody was dealt with then. */
  previousPct: number | null;
}

export interface AuditReport {
  from: IsoDate;
  to: IsoDate;
  items: ContactItem[];
  rows: AuditCustomerRow[];
  staff: AuditStaffSummary[];
}

export type BookingFlag = 'amber' | 'overdue' | null;

export interface BookingReviewRow {
  requestId: string;
  received: IsoDate | null;
  customerCode: string;
  name: string;
  registration: string;
  requestedDate: IsoDate | null;
  status: string;
  actioned: IsoDate | null;
  staff: string;
  /** D − received, whole days. */
  ageDays: number | null;
  unactioned: boolean;
  flag: BookingFlag;
}

export interface BookingsReview {
  rows: BookingReviewRow[];
  unactioned: number;
  overdue: number;
}

export interface DissatisfactionRow {
  reason: string;
  requestId: string;
  received: IsoDate | null;
  customerCode: string;
  name: string;
  outcome: string;
  staff: string;
}

export interface DissatisfactionReport {
  rows: DissatisfactionRow[];
  /** Reason → count, reasons in alphabetical order. */
  counts: Record<string, number>;
}
