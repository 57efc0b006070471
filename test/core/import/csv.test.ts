import assert from 'node:assert/strict';
import { tableFromCsv } from '../../../core/import/csv.ts';
import { IMPORT_LIMITS } from '../../../core/import/limits.ts';

const HEADER = 'Code,Surname,Town';

/** Customers C1…Cn, one a line, with the line ending given. */
function customers(n: number, end = '\n'): string[] {
  return Array.from({ length: n }, (_, i) => `C${i + 1},Smith${i + 1},Leeds`).concat([]).map((l) => l + end);
}

describe('reading a CSV export', () => {
  const cases: { description: string; input: string; expected: { codes: string[]; malformedRows: number[] } }[] = [
    {
      description: 'a stray quote at the start of a name in a long file costs only its own row',
      input: [`${HEADER}\n`, ...customers(3), 'C4,"Smith4,Leeds\n', ...customers(2000).slice(4)].join(''),
      expected: { codes: ['C1', 'C2', 'C3', 'C4', ...Array.from({ length: 1996 }, (_, i) => `C${i + 5}`)], malformedRows: [5] },
    },
    {
      description: 'two stray quotes a few rows apart each cost their own row, not the rows between',
      input: `${HEADER}\nC1,"Smith,Leeds\nC2,Jones,Leeds\nC3,Brown,Leeds\nC4,Green",Leeds\nC5,White,Leeds\n`,
      expected: { codes: ['C1', 'C2', 'C3', 'C4', 'C5'], malformedRows: [2, 5] },
    },
    {
      description: 'a stray quote before a properly quoted value further down costs only its own row',
      input: `${HEADER}\nC1,"Smith,Leeds\nC2,Jones,Leeds\nC3,"Brown, Jo",Leeds\nC4,White,Leeds\n`,
      expected: { codes: ['C1', 'C2', 'C3', 'C4'], malformedRows: [2] },
    },
    {
      description: 'a quote in the middle of a value is read as written, without a problem',
      input: `${HEADER}\nC1,O"Brien,Leeds\nC2,Jones,Leeds\n`,
      expected: { codes: ['C1', 'C2'], malformedRows: [] },
    },
    {
      description: 'an address typed with line breaks in quotes stays one row',
      input: `Code,Surname,Address\nC1,Smith,"Flat 1\nHigh St\nLeeds"\nC2,Jones,"1 Main St"\n`,
      expected: { codes: ['C1', 'C2'], malformedRows: [] },
    },
    {
      description: 'a quoted value with line breaks still reads as one row in a file that also has a stray quote',
      input: `Code,Surname,Address\nC1,Smith,"Flat 1\nHigh St"\nC2,"Jones,1 Main St\nC3,Brown,2 Main St\n`,
      expected: { codes: ['C1', 'C2', 'C3'], malformedRows: [3] },
    },
    {
      description: 'a CRLF file with a bare LF ends the row at the LF',
      input: `${HEADER}\r\nC1,Smith,Leeds\nC2,Jones,Leeds\r\nC3,Brown,Leeds\r\n`,
      expected: { codes: ['C1', 'C2', 'C3'], malformedRows: [] },
    },
    {
      description: 'a CRLF file with a bare CR ends the row at the CR',
      input: `${HEADER}\r\nC1,Smith,Leeds\rC2,Jones,Leeds\r\nC3,Brown,Leeds\r\n`,
      expected: { codes: ['C1', 'C2', 'C3'], malformedRows: [] },
    },
    {
      description: 'an LF file with one CRLF line reads every row',
      input: `${HEADER}\nC1,Smith,Leeds\r\nC2,Jones,Leeds\nC3,Brown,Leeds\n`,
      expected: { codes: ['C1', 'C2', 'C3'], malformedRows: [] },
    },
    {
      description: 'an old Mac file, CR only, reads every row',
      input: `${HEADER}\rC1,Smith,Leeds\rC2,Jones,Leeds\r`,
      expected: { codes: ['C1', 'C2'], malformedRows: [] },
    },
  ];
  for (const { description, input, expected } of cases) {
    it(description, () => {
      const { value: table, problems } = tableFromCsv('customers.csv', input);
      assert.ok(table);
      assert.deepEqual(table.rows.map((r) => r[0]), expected.codes);
      assert.deepEqual(problems.filter((p) => p.code === 'row_malformed').map((p) => p.where.row), expected.malformedRows);
      assert.equal(problems.length, expected.malformedRows.length, JSON.stringify(problems));
    });
  }

  it('keeps the stray quote in the value it was read into, and says so', () => {
    const { value: table, problems } = tableFromCsv('customers.csv', `${HEADER}\nC1,"Smith,Leeds\nC2,Jones,Leeds\n`);
    assert.deepEqual(table?.rows[0], ['C1', '"Smith', 'Leeds']);
    assert.match(problems[0]!.message, /customers\.csv row 2: a quote mark/);
    assert.equal(problems[0]!.value, 'C1,"Smith,Leeds');
  });

  it('keeps the line breaks of a quoted value in a CRLF file as written', () => {
    const { value: table } = tableFromCsv('c.csv', 'Code,Note\r\nC1,"a\r\nb"\r\nC2,x\r\n');
    assert.deepEqual(table?.rows, [['C1', 'a\r\nb'], ['C2', 'x']]);
  });

  it('numbers rows as a spreadsheet does after a stray quote: one row a line', () => {
    const { value: table } = tableFromCsv('c.csv', `${HEADER}\nC1,"Smith,Leeds\nC2,Jones,Leeds\n`);
    assert.deepEqual(table?.rowNumbers, [2, 3]);
  });

  it('refuses a line with more values than Excel has columns before reading it, saying which line', () => {
    const { value, problems } = tableFromCsv('wide.csv', `${HEADER}\nC1,Smith,Leeds\n${','.repeat(120)}\n`, { ...IMPORT_LIMITS, columns: 100 });
    assert.equal(value, null);
    assert.deepEqual(problems.map((p) => p.code), ['file_too_large']);
    assert.match(problems[0]!.message, /wide\.csv line 3 has more than 100 values/);
  });

  it('does not count commas inside quotes towards the column limit', () => {
    const { value, problems } = tableFromCsv('c.csv', `Code,Note\nC1,"${','.repeat(150)}"\n`, { ...IMPORT_LIMITS, columns: 100 });
    assert.deepEqual(problems, []);
    assert.equal(value?.rows.length, 1);
  });
});
