/**
 * Column widths from what the columns hold. A sheet declares each column's usual width; here a
 * text column grows to its longest line, up to its limit (`maxWidth`, or 40 characters), and
 * wraps beyond it, so a letter address on Due Actions shows down to the postcode instead of
 * being cut. A cell with line breaks always wraps, or its lines run together. Every header keeps
 * room for its filter button, which otherwise hides its last letters.
 */
import type { PlanColumn, PlanTable } from './plan.ts';

/** The widest a text column grows before wrapping, unless the column says otherwise. */
export const DEFAULT_MAX_WIDTH = 40;

/** Bold header text plus Excel's filter button (about 3 characters). */
export function headerWidth(header: string): number {
  return Math.ceil(header.length * 1.1) + 3;
}

/** Longest line among a text column's cells, and whether any cell has a line break. */
function measure(table: PlanTable, index: number): { longest: number; lineBreaks: boolean } {
  let longest = 0;
  let lineBreaks = false;
  for (const row of table.rows) {
    const value = row[index];
    if (typeof value !== 'string') continue;
    if (value.length <= longest && !value.includes('\n')) continue;
    if (value.includes('\n')) {
      lineBreaks = true;
      for (const line of value.split('\n')) longest = Math.max(longest, line.length);
    } else longest = value.length;
  }
  return { longest, lineBreaks };
}

function fitColumn(table: PlanTable, column: PlanColumn, index: number): PlanColumn {
  const width = Math.max(column.width, headerWidth(column.header));
  if (column.type !== 'text') return { ...column, width };
  const { longest, lineBreaks } = measure(table, index);
  const limit = Math.max(width, column.maxWidth ?? DEFAULT_MAX_WIDTH);
  // One character of padding, as Excel's own autofit leaves.
  const fitted = Math.min(Math.max(width, longest + 1), limit);
  return { ...column, width: fitted, wrap: column.wrap || lineBreaks || longest + 1 > fitted };
}

/** The table with each column's width fitted to its content. */
export function fitColumns(table: PlanTable): PlanTable {
  const columns = table.columns.map((c, i) => fitColumn(table, c, i));
  return { ...table, columns };
}
