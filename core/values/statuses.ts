/**
 * The one reader of status words: booking requests' and jobs'. DMSs spell the same status many
 * ways ("Booked In", "booked-in", "CONFIRMED"), so each is matched through a small alias table,
 * case, spaces and punctuation ignored, never only by its exact text.
 */

export type BookingStatus = 'booked' | 'declined' | 'cancelled';

/** Letters and digits only, lower case: "Booked-In " → "bookedin". */
function statusKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const BOOKING_ALIASES: Record<BookingStatus, readonly string[]> = {
  booked: ['Booked', 'Booked In', 'Confirmed'],
  declined: ['Declined', 'Lost', 'Rejected'],
  cancelled: ['Cancelled', 'Canceled'],
};

const BOOKING_STATUS = new Map<string, BookingStatus>(
  (Object.entries(BOOKING_ALIASES) as [BookingStatus, readonly string[]][]).flatMap(([status, words]) => words.map((w) => [statusKey(w), status] as const)),
);

/**
 * A booking request's status when it closes the request (booked, declined or cancelled); null
 * for any other (New, Pending, blank…).
 *
 * @example bookingStatus('Booked In') // 'booked'
 */
export function bookingStatus(text: string): BookingStatus | null {
  return BOOKING_STATUS.get(statusKey(text)) ?? null;
}

/** Cancelled, Canceled, Cancelled by customer, CANCELLATION… */
const CANCELLED = /^\s*cancel/i;

/** Job statuses that mean the customer did not attend. */
const NOT_ATTENDED = new Set(['dna', 'didnotattend', 'noshow', 'notattended', 'didntattend']);

/**
 * True when a job's status says it was cancelled or the customer did not attend (Cancelled,
 * Canceled, DNA, No Show…, matched loosely): such a job is not a booking and not a visit.
 *
 * @example jobCancelled('Cancelled by customer') // true
 */
export function jobCancelled(status: string): boolean {
  // Asked of every completed job: most statuses (Completed, Invoiced, blank) are turned away by
  // their first letter or a regular expression, with no string made.
  const first = status.trimStart().charCodeAt(0) | 32;
  if (first === 99) return CANCELLED.test(status); // c
  if (first === 100 || first === 110) return NOT_ATTENDED.has(statusKey(status)); // d n
  return false;
}
