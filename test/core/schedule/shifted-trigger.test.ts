import assert from 'node:assert/strict';
import { addDays, addMonths, addYears, type IsoDate } from '../../../core/calendar.ts';
import { shiftedTrigger } from '../../../core/schedule/occasions.ts';
import { customer, garage } from './garage-builder.ts';
import { days, dueFor } from './run-schedule.ts';

describe('a trigger that moves an imported date on', () => {
  const shifts: { description: string; shift: (d: IsoDate) => IsoDate }[] = [
    { description: '+ 15 months (drifting)', shift: (d) => addMonths(d, 15) },
    { description: '+ 12 months (service)', shift: (d) => addMonths(d, 12) },
    { description: '+ 3 months (advisory)', shift: (d) => addMonths(d, 3) },
    { description: '+ 4 years (sales follow-up)', shift: (d) => addYears(d, 4) },
  ];
  const windows = [
    { from: '2026-02-28', to: '2026-03-30' },
    { from: '2026-01-29', to: '2026-02-28' },
    { from: '2028-02-29', to: '2028-02-29' },
    { from: '2026-12-31', to: '2027-01-30' },
  ];
  for (const { description, shift } of shifts) {
    it(`${description} lands in the window exactly when the date moved on does`, () => {
      for (const window of windows) {
        const trigger = shiftedTrigger(window, shift);
        for (const date of days(addDays(window.from, -5 * 366), addDays(window.to, 40))) {
          const moved = shift(date);
          const expected = moved >= window.from && moved <= window.to ? moved : null;
          assert.equal(trigger(date), expected, `${date} → ${moved} in ${window.from}..${window.to}`);
        }
      }
    });
  }

  it('moves every date when the engine gives no window', () => {
    assert.equal(shiftedTrigger(undefined, (d) => addMonths(d, 15))('2024-11-30'), '2026-02-28');
    assert.equal(shiftedTrigger(undefined, (d) => d)(null), null);
  });

  it('lets a customer whose last visit was on 30 November drift on 28 February', () => {
    const g = garage({ customers: [customer({ lastVisit: '2024-11-30' })] });
    assert.deepEqual(dueFor('drifting', g, '2026-02-28').map((a) => a.triggerDate), ['2026-02-28']);
  });
});
