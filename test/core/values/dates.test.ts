import assert from 'node:assert/strict';
import type { RawCell } from '../../../core/import/raw-table.ts';
import { dayFirstDate, readDate, type TwoDigitYears } from '../../../core/values/dates.ts';

/** As an import reads a column of due dates on 16/11/2026. */
const PIVOT: TwoDigitYears = { asOf: '2026-11-16', past: false };
const PAST: TwoDigitYears = { asOf: '2026-11-16', past: true };

/** What a reader gives, flattened for a table: the date (and time), 'blank', or 'refused: reason'. */
function outcome(cell: RawCell, pivot?: TwoDigitYears): string {
  const read = readDate(cell, pivot);
  if (read === null) return 'blank';
  if ('reason' in read) return `refused: ${read.reason}`;
  return read.value.time ? `${read.value.date} ${read.value.time}` : read.value.date;
}

interface Case {
  description: string;
  input: RawCell;
  /** How two-digit years are read, as an import gives it; none, as a kept sheet gives. */
  pivot?: TwoDigitYears;
  /** The date (and time), 'blank', or a pattern the refusal matches. */
  expected: string | RegExp;
}

const CASES: Case[] = [
  { description: 'reads dd/mm/yyyy', input: '16/11/2026', expected: '2026-11-16' },
  { description: 'reads d/m/yyyy', input: '1/2/2026', expected: '2026-02-01' },
  { description: 'reads 04/05/2024 as 4 May, not April 5', input: '04/05/2024', expected: '2024-05-04' },
  { description: 'reads dd/mm/yy in this century when the import gives a pivot', input: '12/12/26', pivot: PIVOT, expected: '2026-12-12' },
  { description: 'reads dd/mm/yy of a date of birth last century', input: '16/12/58', pivot: PAST, expected: '1958-12-16' },
  { description: 'reads dd/mm/yy of a past event never after the as-of date', input: '10/03/45', pivot: PAST, expected: '1945-03-10' },
  { description: 'reads dd/mm/yy of a due date in the nearest century', input: '10/03/45', pivot: PIVOT, expected: '2045-03-10' },
  { description: 'refuses dd/mm/yy where nothing says which century (a kept sheet)', input: '16/11/26', expected: /two-digit year; write the year in full/ },
  { description: 'reads dd-mm-yyyy', input: '16-11-2026', expected: '2026-11-16' },
  { description: 'reads dd.mm.yyyy', input: '16.11.2026', expected: '2026-11-16' },
  { description: 'reads 12-Mar-2024', input: '12-Mar-2024', expected: '2024-03-12' },
  { description: 'reads 12 March 2024', input: '12 March 2024', expected: '2024-03-12' },
  { description: 'reads 12-Sept-24 with a pivot', input: '12-Sept-24', pivot: PIVOT, expected: '2024-09-12' },
  { description: 'reads ISO', input: '2024-03-12', expected: '2024-03-12' },
  { description: 'counts a stamp written in UTC in winter as the same London date', input: '2026-11-15T23:30:00Z', expected: '2026-11-15 23:30' },
  { description: 'counts a stamp written in UTC on a summer night as the next London day', input: '2026-06-15T23:30:00Z', expected: '2026-06-16 00:30' },
  { description: 'counts a stamp written in New Zealand as its London date', input: '2026-11-16T10:30:00+13:00', expected: '2026-11-15 21:30' },
  { description: 'keeps the date of a stamp with no zone as written', input: '2026-06-15T23:30:00', expected: '2026-06-15 23:30' },
  { description: 'reads a JSON Date stamp with milliseconds', input: '2026-11-16T09:30:00.000Z', expected: '2026-11-16 09:30' },
  { description: 'reads a JSON Date stamp of a summer morning in London time', input: '2026-07-16T09:30:00.000Z', expected: '2026-07-16 10:30' },
  { description: 'reads dd/mm/yyyy with a time', input: '26/10/2026 06:47', expected: '2026-10-26 06:47' },
  { description: 'keeps the time of a received stamp in twelve-hour form', input: '26/10/2026 6:47 pm', expected: '2026-10-26 18:47' },
  { description: 'reads an Excel serial number', input: 46342, expected: '2026-11-16' },
  { description: 'reads an Excel serial written as text', input: '46342', expected: '2026-11-16' },
  { description: 'reads a spreadsheet date cell', input: { date: '2026-11-16', time: '' }, expected: '2026-11-16' },
  { description: 'reads 29 February in a leap year', input: '29/02/2024', expected: '2024-02-29' },
  { description: 'never reads a date month first: 03/25/2024 is refused and says why', input: '03/25/2024', expected: /month-first/ },
  { description: 'refuses an impossible date such as 31/02/2025', input: '31/02/2025', expected: /not a real date/ },
  { description: 'refuses 29 February in a year that has none', input: '29/02/2025', expected: /not a real date/ },
  { description: 'refuses words', input: 'next Tuesday', expected: /not a date/ },
  { description: 'refuses a date with words after it', input: '16/11/2026 by post', expected: /not a date/ },
  { description: 'refuses an ISO date with junk after it', input: '2026-11-16junk', expected: /not a date/ },
  { description: 'treats an empty cell as blank, not a problem', input: '', expected: 'blank' },
  { description: 'treats a cell of spaces as blank', input: '   ', expected: 'blank' },
  { description: 'treats a missing cell as blank', input: null, expected: 'blank' },
];

describe('the one date reader', () => {
  for (const c of CASES) {
    it(c.description, () => {
      const got = outcome(c.input, c.pivot);
      if (typeof c.expected === 'string') assert.equal(got, c.expected);
      else assert.match(got, c.expected);
    });
  }

  it('reads dd/mm/yyyy and dd-Mon-yyyy on the quick path exactly as the general reader does', () => {
    const months = ['Jan', 'FEB', 'mar', 'Apr', 'May', 'jun', 'Jul', 'AUG', 'Sep', 'oct', 'Nov', 'Dec', 'Dex', 'Ma1', 'M\u00e1r'];
    const cells: string[] = [];
    for (const year of [1899, 1900, 1958, 2000, 2024, 2025, 2099, 2100, 2101]) {
      for (let month = 0; month <= 13; month += 1) {
        for (const day of [0, 1, 9, 28, 29, 30, 31, 32]) {
          const dd = String(day).padStart(2, '0');
          cells.push(`${dd}/${String(month).padStart(2, '0')}/${year}`);
          cells.push(`${dd}-${months[month] ?? 'Sept'}-${year}`);
        }
      }
    }
    cells.push('1a/02/2024', '12/0b/2024', '12/02/20x4', '12-Dec-2o23', '12 Dec 2023', '12/Dec/2023');
    for (const cell of cells) {
      const general = readDate(cell, PIVOT);
      const quick = dayFirstDate(cell);
      if (quick !== null) assert.equal(quick, general && 'value' in general ? general.value.date : null, cell);
      else if (cell.length === 10 || /^\d\d-[A-Za-z]{3}-\d{4}$/.test(cell)) assert.ok(general === null || 'reason' in general, `${cell} was refused by the quick path only`);
    }
  });

});
