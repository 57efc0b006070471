/** A "book me in" request export row → a BookingRequest. */
import type { BookingRequest } from '../../records.ts';
import type { RowReader } from '../row-reader.ts';
import { registrationKey } from '../values.ts';

export function bookingFromRow(r: RowReader): BookingRequest | null {
  const requestId = r.text('requestId');
  if (requestId === '') {
    r.problem('requestId', 'code_missing', 'This booking request has no request number.', 'row skipped');
    return null;
  }
  const received = r.dateTime('received', true);
  return {
    requestId,
    received: received?.date ?? null,
    receivedTime: received?.time ?? '',
    customerCode: r.text('customerCode'),
    registration: registrationKey(r.text('registration')),
    name: r.text('name'),
    email: r.email('email'),
    phone: r.phone('phone'),
    requestedDate: r.date('requestedDate'),
    status: r.word('status'),
    outcome: r.word('outcome'),
    // "price too high " and "Price too high" are one reason on the Dissatisfaction sheet.
    dissatisfactionReason: r.text('dissatisfactionReason').replace(/\s+/g, ' '),
    actioned: r.pastDate('actioned'),
    staff: r.word('staff'),
  };
}
