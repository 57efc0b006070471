import assert from 'node:assert/strict';
import { importTables } from '../../../core/import/import-tables.ts';
import type { RawTable } from '../../../core/import/raw-table.ts';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import { importCsv } from './support.ts';

describe('a value longer than an Excel cell holds', () => {
  const cases: { description: string; input: number; expected: { cut: boolean } }[] = [
    { description: 'a note of exactly 32,767 characters is kept whole', input: 32_767, expected: { cut: false } },
    { description: 'a note of 32,768 characters is cut and reported', input: 32_768, expected: { cut: true } },
    { description: 'a 5 MB note is cut and reported', input: 5_000_000, expected: { cut: true } },
  ];
  for (const { description, input, expected } of cases) {
    it(description, () => {
      const { records, problems } = importCsv({ 'c.csv': `Customer Code,Surname,Address 1\nC1,Smith,${'x'.repeat(input)}\n` });
      const customer = records.customers[0]!;
      assert.equal(customer.address[0]?.length, Math.min(input, 32_767));
      const tooLong = problems.filter((p) => p.code === 'cell_too_long');
      assert.equal(tooLong.length, expected.cut ? 1 : 0);
      if (expected.cut) {
        assert.deepEqual(tooLong[0]!.where, { file: 'c.csv', row: 2, column: 'Address 1' });
        assert.equal(tooLong[0]!.value.length, 32_767, 'the cut value is kept');
        assert.match(tooLong[0]!.message, new RegExp(`${input.toLocaleString('en-GB')} characters`));
      }
    });
  }
});

describe('a workbook sheet after the first', () => {
  const table = (sheet: string | undefined, headers: string[], rows: string[][]): RawTable => ({
    fileName: sheet ? `jobs.xlsx (sheet "${sheet}")` : 'jobs.xlsx', headers, rows, rowNumbers: rows.map((_, i) => i + 2), headerRow: 1, ...(sheet ? { sheet } : {}),
  });

  it('is read when its headers are an export of its own', () => {
    const result = importTables([table(undefined, ['Customer Code', 'Surname'], [['C1', 'Smith']]), table('Vehicles', ['Reg No', 'Customer Code'], [['AB12CDE', 'C1']])], { settings: DEFAULT_SETTINGS, asOf: '2026-11-16' });
    assert.deepEqual([result.value.records.customers.length, result.value.records.units.length], [1, 1]);
    assert.deepEqual(result.problems, []);
  });

  it('is named as not read when its headers are not an export\'s', () => {
    const result = importTables([table(undefined, ['Customer Code', 'Surname'], [['C1', 'Smith']]), table('Notes', ['Note'], [['call back Tuesday']])], { settings: DEFAULT_SETTINGS, asOf: '2026-11-16' });
    assert.deepEqual(result.problems.map((p) => [p.code, p.where.file]), [['sheet_not_read', 'jobs.xlsx (sheet "Notes")']]);
    assert.match(result.problems[0]!.message, /the sheet "Notes" was not read/);
  });
});
