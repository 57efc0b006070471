import assert from 'node:assert/strict';
import { addDays } from '../../core/calendar.ts';
import { bookingsReview } from '../../core/bookings.ts';
import type { BookingFlag } from '../../core/results.ts';
import { DEFAULT_SETTINGS } from '../../core/settings.ts';
import { booking, customer, garage, unit } from './support/records.ts';

const D = '2026-11-16';

describe('the bookings review', () => {
  const ages: { ageDays: number; flag: BookingFlag }[] = [
    { ageDays: 0, flag: null },
    { ageDays: 1, flag: null },
    { ageDays: 2, flag: 'amber' },
    { ageDays: 3, flag: 'overdue' },
    { ageDays: 30, flag: 'overdue' },
  ];
  for (const { ageDays, flag } of ages) {
    it(`flags an unactioned request ${ageDays} days old as ${flag ?? 'nothing'}`, () => {
      const review = bookingsReview([booking({ received: addDays(D, -ageDays), status: 'New' })], D, DEFAULT_SETTINGS);
      assert.equal(review.rows[0]?.ageDays, ageDays);
      assert.equal(review.rows[0]?.unactioned, true);
      assert.equal(review.rows[0]?.flag, flag);
      assert.equal(review.unactioned, 1);
      assert.equal(review.overdue, flag === 'overdue' ? 1 : 0);
    });
  }

  const actioned: { description: string; status: string; actioned: string | null }[] = [
    { description: 'a request booked in', status: 'Booked', actioned: null },
    { description: 'a request whose status reads "Booked In"', status: 'Booked In', actioned: null },
    { description: 'a request whose status reads "booked-in"', status: 'booked-in', actioned: null },
    { description: 'a confirmed request', status: 'Confirmed', actioned: null },
    { description: 'a lost request', status: 'Lost', actioned: null },
    { description: 'a rejected request', status: 'Rejected', actioned: null },
    { description: 'a request canceled, spelt the American way', status: 'Canceled', actioned: null },
    { description: 'a declined request, in any case', status: 'DECLINED', actioned: null },
    { description: 'a cancelled request', status: ' cancelled ', actioned: null },
    { description: 'a request with an Actioned date whatever its status', status: 'Pending', actioned: addDays(D, -4) },
  ];
  for (const c of actioned) {
    it(`treats ${c.description} as actioned and never flags it`, () => {
      const review = bookingsReview([booking({ received: addDays(D, -10), status: c.status, actioned: c.actioned })], D, DEFAULT_SETTINGS);
      assert.equal(review.rows[0]?.unactioned, false);
      assert.equal(review.rows[0]?.flag, null);
      assert.deepEqual([review.unactioned, review.overdue], [0, 0]);
    });
  }

  for (const status of ['Not booked', 'Awaiting confirmation', 'Pending']) {
    it(`keeps a request whose status reads "${status}" unactioned: only the alias table's words close one`, () => {
      const review = bookingsReview([booking({ received: addDays(D, -10), status })], D, DEFAULT_SETTINGS);
      assert.deepEqual([review.unactioned, review.overdue], [1, 1]);
    });
  }

  it('follows the amber and overdue days in Settings', () => {
    const settings = { ...DEFAULT_SETTINGS, bookingAmberDays: 3, bookingOverdueDays: 5 };
    const flags = [3, 4, 6].map((age) => bookingsReview([booking({ received: addDays(D, -age) })], D, settings).rows[0]?.flag);
    assert.deepEqual(flags, [null, 'amber', 'overdue']);
  });

  it('gives a request with no received date no age and no flag, but still counts it unactioned', () => {
    const review = bookingsReview([booking({ received: null })], D, DEFAULT_SETTINGS);
    assert.deepEqual([review.rows[0]?.ageDays, review.rows[0]?.flag, review.unactioned], [null, null, 1]);
  });

  it('lists every request oldest first, those with no received date last', () => {
    const review = bookingsReview(
      [
        booking({ requestId: 'R1', received: '2026-11-14', receivedTime: '15:00' }),
        booking({ requestId: 'R2', received: null }),
        booking({ requestId: 'R3', received: '2026-11-02', status: 'Booked' }),
        booking({ requestId: 'R4', received: '2026-11-14', receivedTime: '09:30' }),
      ],
      D,
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(review.rows.map((r) => r.requestId), ['R3', 'R4', 'R1', 'R2']);
    assert.deepEqual([review.unactioned, review.overdue], [3, 0]);
  });

  it("takes the name from the request, else the customer's record", () => {
    const g = garage({ customers: [customer({ code: 'C1', name: 'Mr Tom Jones' })], units: [unit({ registration: 'XY99ZZZ', customerCode: 'C1' })] });
    const review = bookingsReview(
      [
        booking({ requestId: 'R1', received: '2026-11-15', name: 'T. Jones' }),
        booking({ requestId: 'R2', received: '2026-11-16', name: ' ' }),
        booking({ requestId: 'R3', received: '2026-11-16', customerCode: '', registration: 'XY99ZZZ', receivedTime: '10:00' }),
      ],
      D,
      DEFAULT_SETTINGS,
      g,
    );
    assert.deepEqual(review.rows.map((r) => [r.requestId, r.name, r.customerCode]), [
      ['R1', 'T. Jones', 'C1'],
      ['R2', 'Mr Tom Jones', 'C1'],
      ['R3', 'Mr Tom Jones', 'C1'],
    ]);
    assert.equal(review.rows[2]?.registration, 'XY99 ZZZ');
  });
});
