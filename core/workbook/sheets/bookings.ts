/**
 * Bookings: every "book me in" request with its age in days (as-of date − received). A request
 * still unactioned — no Actioned date, status not Booked, Declined or Cancelled — turns amber
 * when older than the amber days (Settings, 1) and red when older than the overdue days (2).
 * The test is a formula, so typing an Actioned date or a closing status clears it at once.
 */
import type { BookingsReview } from '../../results.ts';
import type { GarageSettings } from '../../settings.ts';
import { blankTest, col, refs, table } from '../columns.ts';
import { displayRegistration } from '../display.ts';
import { PRINT_SETUP, type PlanSheet } from '../plan.ts';

export const BOOKINGS_SHEET = 'Bookings';

export const BOOKINGS_COLUMNS = [
  col('requestId', 'Request ID', 'text', { width: 12 }),
  col('received', 'Received', 'date'),
  col('code', 'Code', 'text', { width: 10 }),
  col('name', 'Name', 'text', { width: 24 }),
  col('unit', 'Unit', 'text', { width: 11 }),
  col('requested', 'Requested', 'date'),
  col('status', 'Status', 'text', { width: 12 }),
  col('actioned', 'Actioned', 'date'),
  col('staff', 'Staff'),
  col('ageDays', 'Age (days)', 'integer', { width: 11 }),
];

const CLOSING_STATUSES = ['booked', 'declined', 'cancelled', 'canceled'];

export function bookingsSheet(review: BookingsReview, settings: GarageSettings): PlanSheet {
  const ref = refs(BOOKINGS_COLUMNS);
  const status = `LOWER(TRIM(${ref('status')}))`;
  const unactioned = [blankTest(ref('actioned')), ...CLOSING_STATUSES.map((s) => `${status}<>"${s}"`)].join(',');
  const olderThan = (days: number) => `AND(${unactioned},ISNUMBER(${ref('ageDays')}),${ref('ageDays')}>${days})`;
  const rows = review.rows.map((r) => [r.requestId, r.received, r.customerCode, r.name, displayRegistration(r.registration), r.requestedDate, r.status, r.actioned, r.staff, r.ageDays]);
  const bookings = table('Bookings', BOOKINGS_COLUMNS, rows, {
    // Red first: Excel lets the first true rule's fill win.
    highlights: [
      { columns: 'row', formula: olderThan(settings.bookingOverdueDays), fill: 'red', meaning: `unactioned for more than ${settings.bookingOverdueDays} days (overdue)` },
      { columns: 'row', formula: olderThan(settings.bookingAmberDays), fill: 'amber', meaning: `unactioned for more than ${settings.bookingAmberDays} day(s)` },
    ],
  });
  return { name: BOOKINGS_SHEET, kind: 'data', table: bookings, frozenRows: 1, print: PRINT_SETUP };
}
