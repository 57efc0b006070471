/**
 * The data-capture audit (the Data Builder's "audit view"): for each staff member, the customers
 * they dealt with in the period and the required contact items missing from each record, so the
 * owner can see who collects data well and who needs help.
 *
 * - A staff member dealt with a customer when a job (booked, appointment or completed date in the
 *   period) or a booking request (received in the period) names both of them. A job or request
 *   without a customer code belongs to the owner of the unit it names. Customers not in the
 *   customer file are skipped.
 * - One row per staff member and customer: a customer two people dealt with appears under each.
 * - Complete % = items present and valid / (customers × required items), one decimal; compared
 *   with the period of equal length just before (weekly), or the month before (monthly).
 */
import { addDays, addMonths, daysBetween, monthOf, type IsoDate } from './calendar.ts';
import { gapsFinder, missingItemCount } from './audit-items.ts';
import { inCodeOrder } from './code-order.ts';
import { ownerCode, type GarageIndex } from './garage-index.ts';
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
  const gapsOf = gapsFinder(items);
  const [current, previous] = dealtWith(garage, [period, previousPeriod(period)], (customer, code) => ({ code, customer, ...gapsOf(customer) }));

  const rows: AuditCustomerRow[] = [];
  const staff: AuditStaffSummary[] = [];
  for (const name of staffNames(current)) {
    const customers = inCodeOrder([...current.get(name)!], (c) => c.code);
    for (const { code, customer, gaps, missingItems } of customers) rows.push({ staff: name, code, name: customer.name, gaps, missingItems });
    const now = measure(customers, items) ?? NOBODY;
    staff.push({ name, ...now, previousPct: measure(previous.get(name), items)?.completePct ?? null });
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
  // Only the counts are reported here, not which items are missing.
  const [current, previous] = dealtWith(garage, [month, previousMonth], (customer) => ({ missingItems: missingItemCount(customer, items) }));

  const staff: StaffPerformance[] = [];
  for (const name of staffNames(current)) {
    const now = measure(current.get(name), items) ?? NOBODY;
    const previousPct = measure(previous.get(name), items)?.completePct ?? null;
    const change = previousPct === null ? null : oneDecimal(now.completePct - previousPct);
    staff.push({ name, ...now, previousPct, change });
  }
  return { month, previousMonth, staff };
}

/** Staff name → the customers they dealt with, as judged once each. */
type StaffCustomers<T> = Map<string, Set<T>>;
type Measure = { customers: number; missingItems: number; completePct: number };

// Never used for a listed staff member (each dealt with someone); keeps the types honest.
const NOBODY: Measure = { customers: 0, missingItems: 0, completePct: 100 };

/**
 * Who dealt with whom in each of two periods. One pass over the jobs and the booking requests for
 * both (the jobs run to hundreds of thousands); each customer met is looked up and judged once,
 * however many staff and periods they appear in. Codes not in the customer file are skipped.
 */
function dealtWith<T>(
  garage: GarageIndex,
  periods: readonly [AuditPeriod, AuditPeriod],
  judge: (customer: Customer, code: string) => T,
): [StaffCustomers<T>, StaffCustomers<T>] {
  const found: [StaffCustomers<T>, StaffCustomers<T>] = [new Map(), new Map()];
  // Code → the customer as judged; null for a code not in the customer file.
  const met = new Map<string, T | null>();
  const add = (i: number, staff: string, code: string): void => {
    let customer = met.get(code);
    if (customer === undefined) {
      const record = garage.customerByCode.get(code);
      customer = record ? judge(record, code) : null;
      met.set(code, customer);
    }
    if (customer === null) return;
    const name = staff.trim() || NO_STAFF_NAMED;
    const byStaff = found[i]!;
    const customers = byStaff.get(name);
    if (customers) customers.add(customer);
    else byStaff.set(name, new Set([customer]));
  };

  // Most jobs are nowhere near either period: one look at the span of both turns them away.
  const span: AuditPeriod = {
    from: periods[0].from < periods[1].from ? periods[0].from : periods[1].from,
    to: periods[0].to > periods[1].to ? periods[0].to : periods[1].to,
  };
  const jobs = garage.jobs;
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j]!;
    if (!within(job.bookedDate, span) && !within(job.appointmentDate, span) && !within(job.completedDate, span)) continue;
    for (let i = 0; i < periods.length; i++) {
      const p = periods[i]!;
      if (!within(job.bookedDate, p) && !within(job.appointmentDate, p) && !within(job.completedDate, p)) continue;
      const code = ownerCode(garage.unitByRegistration, job);
      if (code) add(i, job.staff, code);
    }
  }
  for (const booking of garage.bookings) {
    if (!within(booking.received, span)) continue;
    // A request names its customer by code or, without one, by a registration the units export knows.
    const code = ownerCode(garage.unitByRegistration, booking);
    if (!code) continue;
    for (let i = 0; i < periods.length; i++) {
      if (within(booking.received, periods[i]!)) add(i, booking.staff, code);
    }
  }
  return found;
}

function within(date: IsoDate | null, period: AuditPeriod): boolean {
  return date !== null && date >= period.from && date <= period.to;
}

/** Customers, missing items and complete % over a set of customers; null when there are none. */
function measure(customers: Iterable<{ missingItems: number }> | undefined, items: readonly ContactItem[]): Measure | null {
  if (!customers) return null;
  let count = 0;
  let missingItems = 0;
  for (const customer of customers) {
    count += 1;
    missingItems += customer.missingItems;
  }
  if (count === 0) return null;
  const required = count * items.length;
  // With no items required there is nothing to miss: complete.
  const completePct = required === 0 ? 100 : oneDecimal(((required - missingItems) / required) * 100);
  return { customers: count, missingItems, completePct };
}

function requiredItems(settings: GarageSettings): ContactItem[] {
  return [...new Set(settings.requiredAuditItems)];
}

const collator = new Intl.Collator('en-GB', { numeric: true });

/** Staff by name; the unnamed bucket last, since it is a to-do rather than a person. */
function staffNames(found: StaffCustomers<unknown>): string[] {
  const names = [...found.keys()].filter((n) => n !== NO_STAFF_NAMED).sort(collator.compare);
  if (found.has(NO_STAFF_NAMED)) names.push(NO_STAFF_NAMED);
  return names;
}

function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}
