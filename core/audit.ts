/**
 * The data-capture audit (the Data Builder's "audit view"): for each staff member, the customers
 * they dealt with in the period and the required contact items missing from each record, so the
 * owner can see who collects data well and who needs help.
 *
 * - A staff member dealt with a customer when a job (booked, appointment or completed date in the
 *   period) or a booking request (received in the period) names both of them. A job without a
 *   customer code belongs to the unit's owner. Customers not in the customer file are skipped.
 * - One row per staff member and customer: a customer two people dealt with appears under each.
 * - Complete % = items present and valid / (customers × required items), one decimal; compared
 *   with the period of equal length just before (weekly), or the month before (monthly).
 */
import { addDays, addMonths, daysBetween, monthOf, type IsoDate } from './calendar.ts';
import { customerGaps } from './audit-items.ts';
import { inCodeOrder } from './code-order.ts';
import type { GarageIndex } from './garage-index.ts';
import type { ContactItem, Customer } from './records.ts';
import type { AuditCustomerRow, AuditReport, AuditStaffSummary } from './results.ts';
import type { GarageSettings } from './settings.ts';

export interface AuditPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** Jobs and booking requests whose staff name is blank are still counted, under this name. */
export const NO_STAFF_NAMED = '(no staff named)';

export interface StaffPerformance {
  name: string;
  customers: number;
  missingItems: number;
  completePct: number;
  /** Last month's complete %; null when this person dealt with nobody then. */
  previousPct: number | null;
  /** completePct − previousPct, one decimal; null when there is nothing to compare with. */
  change: number | null;
}

export interface MonthlyPerformance {
  month: AuditPeriod;
  previousMonth: AuditPeriod;
  staff: StaffPerformance[];
}

/** The weekly audit: the settings' audit period (7 days) ending on the as-of date, both ends included. */
export function weeklyAuditPeriod(asOf: IsoDate, settings: GarageSettings): AuditPeriod {
  const days = Math.max(1, Math.floor(settings.auditPeriodDays));
  return { from: addDays(asOf, -(days - 1)), to: asOf };
}

/** The period of equal length that ends the day before `period` starts. */
export function previousPeriod(period: AuditPeriod): AuditPeriod {
  const days = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/** The audit for a period, each staff member compared with the equal period just before. */
export function auditReport(garage: GarageIndex, period: AuditPeriod, settings: GarageSettings): AuditReport {
  const items = requiredItems(settings);
  const [current, previous] = dealtWith(garage, [period, previousPeriod(period)]);
  const gapsOf = gapsCache(garage, items);

  const rows: AuditCustomerRow[] = [];
  const staff: AuditStaffSummary[] = [];
  for (const name of staffNames(current)) {
    const codes = sortedCodes(current.get(name));
    for (const code of codes) {
      const { customer, gaps, missingItems } = gapsOf(code);
      rows.push({ staff: name, code, name: customer.name, gaps, missingItems });
    }
    const now = measure(codes, items, gapsOf) ?? NOBODY;
    staff.push({ name, ...now, previousPct: measure(previous.get(name), items, gapsOf)?.completePct ?? null });
  }
  return { from: period.from, to: period.to, items, rows, staff };
}

/**
 * Individual performance for the monthly review: the calendar month before the as-of date against
 * the month before that (D = 10 Jan 2027 → December 2026 against November 2026).
 */
export function monthlyPerformance(garage: GarageIndex, asOf: IsoDate, settings: GarageSettings): MonthlyPerformance {
  const month = monthOf(addMonths(monthOf(asOf).from, -1));
  const previousMonth = monthOf(addMonths(month.from, -1));
  const items = requiredItems(settings);
  const [current, previous] = dealtWith(garage, [month, previousMonth]);
  const gapsOf = gapsCache(garage, items);

  const staff: StaffPerformance[] = [];
  for (const name of staffNames(current)) {
    const now = measure(current.get(name), items, gapsOf) ?? NOBODY;
    const previousPct = measure(previous.get(name), items, gapsOf)?.completePct ?? null;
    const change = previousPct === null ? null : oneDecimal(now.completePct - previousPct);
    staff.push({ name, ...now, previousPct, change });
  }
  return { month, previousMonth, staff };
}

type StaffCustomers = Map<string, Set<string>>;
type Measure = { customers: number; missingItems: number; completePct: number };

// Never used for a listed staff member (each dealt with someone); keeps the types honest.
const NOBODY: Measure = { customers: 0, missingItems: 0, completePct: 100 };

/**
 * Who dealt with whom in each of two periods: staff name → customer codes. One pass over the jobs
 * and the booking requests for both (the jobs run to hundreds of thousands).
 */
function dealtWith(garage: GarageIndex, periods: readonly [AuditPeriod, AuditPeriod]): [StaffCustomers, StaffCustomers] {
  const found: [StaffCustomers, StaffCustomers] = [new Map(), new Map()];
  const add = (i: number, staff: string, code: string): void => {
    if (!garage.customerByCode.has(code)) return;
    const name = staff.trim() || NO_STAFF_NAMED;
    const byStaff = found[i]!;
    const codes = byStaff.get(name);
    if (codes) codes.add(code);
    else byStaff.set(name, new Set([code]));
  };

  for (const job of garage.jobs) {
    for (let i = 0; i < periods.length; i++) {
      const p = periods[i]!;
      if (!within(job.bookedDate, p) && !within(job.appointmentDate, p) && !within(job.completedDate, p)) continue;
      const code = job.customerCode || garage.unitByRegistration.get(job.registration)?.customerCode || '';
      if (code) add(i, job.staff, code);
    }
  }
  for (const booking of garage.bookings) {
    if (!booking.customerCode) continue;
    for (let i = 0; i < periods.length; i++) {
      if (within(booking.received, periods[i]!)) add(i, booking.staff, booking.customerCode);
    }
  }
  return found;
}

function within(date: IsoDate | null, period: AuditPeriod): boolean {
  return date !== null && date >= period.from && date <= period.to;
}

interface CustomerGaps {
  customer: Customer;
  gaps: AuditCustomerRow['gaps'];
  missingItems: number;
}

/** Each customer's gaps, worked out once however many staff and periods they appear in. */
function gapsCache(garage: GarageIndex, items: readonly ContactItem[]): (code: string) => CustomerGaps {
  const cache = new Map<string, CustomerGaps>();
  return (code) => {
    let entry = cache.get(code);
    if (!entry) {
      // dealtWith only keeps codes that are in the customer file.
      const customer = garage.customerByCode.get(code)!;
      entry = { customer, ...customerGaps(customer, items) };
      cache.set(code, entry);
    }
    return entry;
  };
}

/** Customers, missing items and complete % over a set of customers; null when there are none. */
function measure(
  codes: Iterable<string> | undefined,
  items: readonly ContactItem[],
  gapsOf: (code: string) => CustomerGaps,
): Measure | null {
  if (!codes) return null;
  let customers = 0;
  let missingItems = 0;
  for (const code of codes) {
    customers += 1;
    missingItems += gapsOf(code).missingItems;
  }
  if (customers === 0) return null;
  const required = customers * items.length;
  // With no items required there is nothing to miss: complete.
  const completePct = required === 0 ? 100 : oneDecimal(((required - missingItems) / required) * 100);
  return { customers, missingItems, completePct };
}

function requiredItems(settings: GarageSettings): ContactItem[] {
  return [...new Set(settings.requiredAuditItems)];
}

const collator = new Intl.Collator('en-GB', { numeric: true });

/** Staff by name; the unnamed bucket last, since it is a to-do rather than a person. */
function staffNames(found: StaffCustomers): string[] {
  const names = [...found.keys()].filter((n) => n !== NO_STAFF_NAMED).sort(collator.compare);
  if (found.has(NO_STAFF_NAMED)) names.push(NO_STAFF_NAMED);
  return names;
}

function sortedCodes(codes: Set<string> | undefined): string[] {
  return codes ? inCodeOrder([...codes], (code) => code) : [];
}

function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}
