import assert from 'node:assert/strict';
import { col, table } from '../../../core/workbook/columns.ts';
import { fitColumns, headerWidth } from '../../../core/workbook/fit-columns.ts';
import type { PlanColumn } from '../../../core/workbook/plan.ts';
import { samplePlan } from './sample-garage.ts';

const fitted = (column: PlanColumn, values: (string | null)[]) => fitColumns(table('T', [column], values.map((v) => [v]))).columns[0]!;

describe('column widths from what the columns hold', () => {
  const cases: { description: string; column: PlanColumn; values: (string | null)[]; width: number; wrap: boolean }[] = [
    { description: 'keeps its usual width when the content is shorter', column: col('a', 'To', 'text', { width: 30 }), values: ['short'], width: 30, wrap: false },
    { description: 'grows to the longest value, with a character to spare', column: col('a', 'Outcome', 'text', { width: 18 }), values: ['Customer went elsewhere now'], width: 28, wrap: false },
    {
      description: 'stops at its limit and wraps, so a letter address shows down to its postcode',
      column: col('a', 'To', 'text', { width: 30, maxWidth: 48 }),
      values: ['Flat 2, The Old Mill, 14 Long Lane, Little Sutton, Macclesfield, SK10 4AB'],
      width: 48,
      wrap: true,
    },
    { description: 'wraps a cell with line breaks, measuring its longest line', column: col('a', 'Address 1', 'text', { width: 24 }), values: ['The Old Mill\nLong Lane'], width: 24, wrap: true },
    { description: 'leaves room for the header and its filter button', column: col('a', 'Do Not Contact', 'text', { width: 10 }), values: ['Yes'], width: headerWidth('Do Not Contact'), wrap: false },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const got = fitted(c.column, c.values);
      assert.deepEqual([got.width, got.wrap], [c.width, c.wrap]);
    });
  }

  it('shows every text cell in the sample workbook whole: it fits its column, or the column wraps', () => {
    for (const s of samplePlan().sheets) {
      s.table.columns.forEach((c, i) => {
        if (c.type !== 'text' || c.wrap) return;
        for (const row of s.table.rows) {
          const text = typeof row[i] === 'string' ? (row[i] as string) : '';
          assert.ok(text.length < c.width && !text.includes('\n'), `${s.name} ${c.header}: "${text}" in ${c.width}`);
        }
      });
    }
  });

  it('gives every header in the sample workbook room beside its filter button', () => {
    for (const s of samplePlan().sheets) {
      for (const c of s.table.columns) assert.ok(c.width >= headerWidth(c.header), `${s.name} ${c.header}: ${c.width}`);
    }
  });
});
