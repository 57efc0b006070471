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

interface Measure {
  longest: number;
  lineBreaks: boolean;
}

/**
 * Longest line in each text column, and whether any cell has a line break: one pass over the rows
 * (a 100,000-customer Customers sheet is 3 million cells; row by row keeps to memory order).
 */
function measure(table: PlanTable): (Measure | null)[] {
  const measures = table.columns.map((c): Measure | null => (c.type === 'text' ? { longest: 0, lineBreaks: false } : null));
  const text = measures.flatMap((m, i) => (m ? [i] : []));
  for (const row of table.rows) {
    for (const i of text) {
      const value = row[i];
      if (typeof value !== 'string') continue;
      const m = measures[i]!;
      if (value.indexOf('\n') < 0) {
        if (value.length > m.longest) m.longest = value.length;
        continue;
      }
      m.lineBreaks = true;
      for (const line of value.split('\n')) if (line.length > m.longest) m.longest = line.length;
    }
  }
  return measures;
}

function fitColumn(column: PlanColumn, measured: Measure | null): PlanColumn {
  const width = Math.max(column.width, headerWidth(column.header));
  if (!measured) return { ...column, width };
  const { longest, lineBreaks } = measured;
  const limit = Math.max(width, column.maxWidth ?? DEFAULT_MAX_WIDTH);
  // One character of padding, as Excel's own autofit leaves.
  const fitted = Math.min(Math.max(width, longest + 1), limit);
  return { ...column, width: fitted, wrap: column.wrap || lineBreaks || longest + 1 > fitted };
}

/** The table with each column's width fitted to its content. */
export function fitColumns(table: PlanTable): PlanTable {
  const measures = measure(table);
  const columns = table.columns.map((c, i) => fitColumn(c, measures[i] ?? null));
  return { ...table, columns };
}
