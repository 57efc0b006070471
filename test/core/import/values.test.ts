import assert from 'node:assert/strict';
import { dayFirstDate, readDate, readEmail, readFlag, readMethod, readNumber, readPostcode, readRegistration } from '../../../core/import/values.ts';

const PIVOT = 2026;
const dateOf = (cell: Parameters<typeof readDate>[0]) => {
  const read = readDate(cell, PIVOT);
  return read && 'value' in read ? read.value.date : read && read.reason;
};

describe('reading dates from exports', () => {
  const cases: [string, Parameters<typeof readDate>[0], string][] = [
    ['dd/mm/yyyy', '16/11/2026', '2026-11-16'],
    ['d/m/yyyy', '1/2/2026', '2026-02-01'],
    ['dd/mm/yy in this century', '12/12/26', '2026-12-12'],
    ['dd/mm/yy of a date of birth last century', '16/12/58', '1958-12-16'],
    ['dd-mm-yyyy', '16-11-2026', '2026-11-16'],
    ['dd.mm.yyyy', '16.11.2026', '2026-11-16'],
    ['12-Mar-2024', '12-Mar-2024', '2024-03-12'],
    ['12 March 2024', '12 March 2024', '2024-03-12'],
    ['12-Sept-24', '12-Sept-24', '2024-09-12'],
    ['ISO', '2024-03-12', '2024-03-12'],
    ['ISO with a time', '2024-03-12T09:30:00Z', '2024-03-12'],
    ['dd/mm/yyyy with a time', '26/10/2026 06:47', '2026-10-26'],
    ['an Excel serial number', 46342, '2026-11-16'],
    ['an Excel serial written as text', '46342', '2026-11-16'],
    ['a spreadsheet date cell', { date: '2026-11-16', time: '' }, '2026-11-16'],
    ['29 February in a leap year', '29/02/2024', '2024-02-29'],
  ];
  for (const [label, cell, expected] of cases) {
    it(`reads ${label}`, () => assert.equal(dateOf(cell), expected));
  }

  it('never reads a date month first: 03/25/2024 is refused and says why', () => {
    assert.match(String(dateOf('03/25/2024')), /month-first/);
  });

  it('reads 04/05/2024 as 4 May, not April 5', () => assert.equal(dateOf('04/05/2024'), '2024-05-04'));

  it('refuses an impossible date such as 31/02/2025', () => assert.match(String(dateOf('31/02/2025')), /not a real date/));

  it('refuses 29 February in a year that has none', () => assert.match(String(dateOf('29/02/2025')), /not a real date/));

  it('refuses words', () => assert.match(String(dateOf('next Tuesday')), /not a date/));

  it('treats a blank cell as no date, not a problem', () => {
    assert.equal(readDate('', PIVOT), null);
    assert.equal(readDate(null, PIVOT), null);
  });

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

  it('keeps the time of a received stamp', () => {
    const read = readDate('26/10/2026 6:47 pm', PIVOT);
    assert.deepEqual(read && 'value' in read ? read.value : null, { date: '2026-10-26', time: '18:47' });
  });
});

describe('reading postcodes', () => {
  it('puts a lower-case postcode without a space into the Royal Mail form', () => {
    assert.deepEqual(readPostcode('sk104ab'), { value: 'SK10 4AB' });
    assert.deepEqual(readPostcode(' m22 6yh '), { value: 'M22 6YH' });
    assert.deepEqual(readPostcode('EC1A1BB'), { value: 'EC1A 1BB' });
  });

  it('refuses what is not a UK postcode', () => {
    for (const text of ['12345', 'N/A', 'SK10 4A', 'QQ1 1AA']) assert.ok(readPostcode(text) && 'reason' in readPostcode(text)!, text);
  });
});

describe('reading email addresses', () => {
  it('trims stray spaces and lower-cases capitals', () => {
    assert.deepEqual(readEmail('  Linda.Hussain@Example.COM '), { value: 'linda.hussain@example.com' });
  });

  it('refuses an address with no domain, two @ or no @', () => {
    for (const text of ['trevor.fletcher@', 'henry.begum@@example.com', 'nobody', 'a b@example.com', 'jo@example']) {
      assert.ok('reason' in (readEmail(text) ?? { value: '' }), text);
    }
  });
});

describe('reading yes/no columns', () => {
  it('accepts Y, Yes, True, 1 and X as yes and their opposites as no', () => {
    for (const yes of ['Y', 'yes', 'TRUE', '1', 'x', true]) assert.deepEqual(readFlag(yes), { value: true }, String(yes));
    for (const no of ['N', 'No', 'false', '0', false]) assert.deepEqual(readFlag(no), { value: false }, String(no));
  });

  it('leaves a blank as blank for the caller to read as "no consent" or "not opted out"', () => {
    assert.equal(readFlag(''), null);
    assert.equal(readFlag(null), null);
  });

  it('refuses a word it does not know', () => assert.ok('reason' in (readFlag('maybe') ?? { value: false })));

  it('reads every one-character cell the same whatever its case, and refuses the ones that are not yes or no', () => {
    const read = (cell: string) => {
      const flag = readFlag(cell);
      return flag === null ? 'blank' : 'value' in flag ? flag.value : 'refused';
    };
    assert.deepEqual(['y', 'Y', 'x', 'X', 't', 'T', '1', '✓'].map(read), Array(8).fill(true));
    assert.deepEqual(['n', 'N', 'f', 'F', '0', '-'].map(read), Array(6).fill(false));
    assert.deepEqual(['2', 'z', 'Z', '9', '?', ' '].map(read), ['refused', 'refused', 'refused', 'refused', 'refused', 'blank']);
  });
});

describe('reading other values', () => {
  it('reads Text as SMS and Post as Letter, and Phone as no sendable preference', () => {
    assert.deepEqual(readMethod('Text'), { value: 'SMS' });
    assert.deepEqual(readMethod('post'), { value: 'Letter' });
    assert.deepEqual(readMethod('Phone'), { value: null });
    assert.ok('reason' in (readMethod('Pigeon') ?? { value: null }));
  });

  it('reads £175.10 and 32,586 as numbers', () => {
    assert.deepEqual(readNumber('£175.10'), { value: 175.1 });
    assert.deepEqual(readNumber('32,586'), { value: 32586 });
    assert.ok('reason' in (readNumber('lots') ?? { value: 0 }));
  });

  it('keys a registration without spaces and shows a current plate as AB12 CDE', () => {
    assert.deepEqual(readRegistration(' me75thh '), { key: 'ME75THH', display: 'ME75 THH' });
    assert.deepEqual(readRegistration('A123 BCD'), { key: 'A123BCD', display: 'A123 BCD' });
  });
});
