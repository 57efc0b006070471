/**
 * The weekly review of "book me in" requests: every request with its age, so a manager can see
 * that each one is actioned quickly.
 *
 * - Age = as-of date − received date, in days.
 * - A request is unactioned while it has no Actioned date and its status is not Booked, Declined
 *   or Cancelled, read through the alias table (Booked In and Confirmed are booked; Lost and
 *   Rejected declined; core/values/statuses.ts).
 * - Unactioned and older than 1 day (Settings: booking amber days) → amber; older than 2 days
 *   (booking overdue days) → overdue, red. "Older than 1 day" means an age of 2 days or more.
 * - A request with no received date has no age and no flag: we cannot say how late it is.
 */
import { dayNumber, type IsoDate } from './calendar.ts';
import type { GarageIndex } from './garage-index.ts';
import type { BookingRequest } from './records.ts';
import type { BookingFlag, BookingReviewRow, BookingsReview } from './results.ts';
import type { GarageSettings } from './settings.ts';
import { bookingStatus } from './values/statuses.ts';

/** Every request, oldest first (no received date last), with the unactioned and overdue counts. */
export function bookingsReview(
  bookings: readonly BookingRequest[],
  asOf: IsoDate,
  settings: GarageSettings,
  garage?: GarageIndex,
): BookingsReview {
  const asOfDay = dayNumber(asOf);
  const rows = [...bookings].sort(oldestFirst).map((booking) => reviewRow(booking, asOfDay, settings, garage));
  let unactioned = 0;
  let overdue = 0;
  for (const row of rows) {
    if (row.unactioned) unactioned += 1;
    if (row.flag === 'overdue') overdue += 1;
  }
  return { rows, unactioned, overdue };
}

/** True when someone has dealt with the request: an Actioned date, or a closing status. */
export function isActioned(booking: Pick<BookingRequest, 'actioned' | 'status'>): boolean {
  return booking.actioned !== null || bookingStatus(booking.status) !== null;
}

/** `asOfDay`: the as-of date's day number, worked out once for every request. */
function reviewRow(booking: BookingRequest, asOfDay: number, settings: GarageSettings, garage?: GarageIndex): BookingReviewRow {
  const unit = garage?.unitByRegistration.get(booking.registration);
  const customerCode = booking.customerCode || unit?.customerCode || '';
  const ageDays = booking.received === null ? null : asOfDay - dayNumber(booking.received);
  const unactioned = !isActioned(booking);
  return {
    requestId: booking.requestId,
    received: booking.received,
    customerCode,
    // The customer file is asked only when the request gives no name.
    name: booking.name.trim() || garage?.customerByCode.get(customerCode)?.name || '',
    registration: unit?.registrationDisplay ?? booking.registration,
    requestedDate: booking.requestedDate,
    status: booking.status,
    actioned: booking.actioned,
    staff: booking.staff,
    ageDays,
    unactioned,
    flag: unactioned ? flagFor(ageDays, settings) : null,
  };
}

function flagFor(ageDays: number | null, settings: GarageSettings): BookingFlag {
  if (ageDays === null) return null;
  if (ageDays > settings.bookingOverdueDays) return 'overdue';
  if (ageDays > settings.bookingAmberDays) return 'amber';
  return null;
}

/** By received date, then time of day; requests with no received date last. */
function oldestFirst(a: BookingRequest, b: BookingRequest): number {
  if (a.received !== b.received) {
    if (a.received === null) return 1;
    if (b.received === null) return -1;
    return a.received < b.received ? -1 : 1;
  }
  return a.receivedTime < b.receivedTime ? -1 : a.receivedTime > b.receivedTime ? 1 : 0;
}
