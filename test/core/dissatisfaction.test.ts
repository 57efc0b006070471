import assert from 'node:assert/strict';
import { dissatisfactionReport } from '../../core/dissatisfaction.ts';
import { booking, customer, garage } from './support/records.ts';

describe('dissatisfaction reasons', () => {
  const bookings = [
    booking({ requestId: 'R1', received: '2026-11-10', dissatisfactionReason: 'Price too high' }),
    booking({ requestId: 'R2', received: '2026-11-03', dissatisfactionReason: 'Waiting time' }),
    booking({ requestId: 'R3', received: '2026-11-01', dissatisfactionReason: '' }),
    booking({ requestId: 'R4', received: '2026-11-02', dissatisfactionReason: '  price  too high ' }),
    booking({ requestId: 'R5', received: '2026-11-12', dissatisfactionReason: '   ' }),
    booking({ requestId: 'R6', received: null, dissatisfactionReason: 'Courtesy car unavailable' }),
    booking({ requestId: 'R7', received: '2026-10-20', dissatisfactionReason: 'Waiting time' }),
  ];

  it('lists every booking with a reason, sorted by reason then oldest first, blank reasons left out', () => {
    const report = dissatisfactionReport(bookings);
    assert.deepEqual(report.rows.map((r) => [r.reason, r.requestId]), [
      ['Courtesy car unavailable', 'R6'],
      ['Price too high', 'R4'],
      ['Price too high', 'R1'],
      ['Waiting time', 'R7'],
      ['Waiting time', 'R2'],
    ]);
  });

  it('counts each reason, grouping spellings that differ only in case and spaces under the first one met', () => {
    const { counts } = dissatisfactionReport(bookings);
    assert.deepEqual(counts, { 'Courtesy car unavailable': 1, 'Price too high': 2, 'Waiting time': 2 });
    assert.deepEqual(Object.keys(counts), ['Courtesy car unavailable', 'Price too high', 'Waiting time']);
  });

  it('orders the counts alphabetically whatever order the reasons first appear in', () => {
    const { counts } = dissatisfactionReport([
      booking({ requestId: 'R1', dissatisfactionReason: 'wrong part fitted' }),
      booking({ requestId: 'R2', dissatisfactionReason: 'Not fixed first time' }),
      booking({ requestId: 'R3', dissatisfactionReason: 'Invoice query' }),
    ]);
    assert.deepEqual(Object.keys(counts), ['Invoice query', 'Not fixed first time', 'wrong part fitted']);
  });

  it("names the customer from the booking, else from the customer's record", () => {
    const g = garage({ customers: [customer({ code: 'C1', name: 'Mr Tom Jones' })] });
    const report = dissatisfactionReport(
      [
        booking({ requestId: 'R1', received: '2026-11-01', name: 'Tom', dissatisfactionReason: 'Cost' }),
        booking({ requestId: 'R2', received: '2026-11-02', dissatisfactionReason: 'Cost', outcome: 'Declined', staff: 'Kim' }),
      ],
      g,
    );
    assert.deepEqual(report.rows.map((r) => [r.name, r.outcome, r.staff]), [['Tom', '', 'Sam'], ['Mr Tom Jones', 'Declined', 'Kim']]);
  });

  it('is empty when no booking gives a reason', () => {
    assert.deepEqual(dissatisfactionReport([booking()]), { rows: [], counts: {} });
  });
});
