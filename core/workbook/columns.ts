/**
 * Building a table's columns, and naming its cells in formulas. Column formats follow the type:
 * text is '@' (so what a user types, such as 07700 900123, stays as typed), dates dd/mm/yyyy.
 */
import type { ColumnType, PlanColumn, PlanTable } from './plan.ts';

const FORMATS: Record<ColumnType, string> = {
  text: '@',
  date: 'dd/mm/yyyy',
  number: '#,##0.00',
  percent: '0.0%',
  integer: '0',
};

const WIDTHS: Record<ColumnType, number> = { text: 16, date: 12, number: 11, percent: 11, integer: 9 };

/** A column: col('method', 'Method', 'text', { width: 9 }). */
export function col(key: string, header: string, type: ColumnType = 'text', options: { width?: number; numFmt?: string; hidden?: boolean; print?: boolean; wrap?: boolean; maxWidth?: number; formula?: string } = {}): PlanColumn {
  // Wide enough for the header and its filter button, whatever the type's usual width.
  const width = options.width ?? Math.max(WIDTHS[type], header.length + 4);
  const column: PlanColumn = { header, key, type, numFmt: options.numFmt ?? FORMATS[type], width, hidden: options.hidden ?? false, print: options.print ?? true, wrap: options.wrap ?? false };
  if (options.maxWidth !== undefined) column.maxWidth = options.maxWidth;
  if (options.formula !== undefined) column.formula = options.formula;
  return column;
}

/** A table with nothing but columns and rows; sheets add highlights and dropdowns to it. */
export function table(name: string, columns: PlanColumn[], rows: PlanTable['rows'], extra: Partial<PlanTable> = {}): PlanTable {
  return { name, columns, rows, highlights: [], dataBars: [], validations: [], marks: [], emptyMessage: null, ...extra };
}

/** Excel's column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The cell of a column in the first data row, for a formula: `$G2`. `start` is the table's first
 * column (0 for A; a side table starts further right).
 */
function cellRef(columns: readonly PlanColumn[], key: string, start = 0): string {
  const index = columns.findIndex((c) => c.key === key);
  if (index < 0) throw new Error(`No column "${key}" in ${columns.map((c) => c.key).join(', ')}`);
  return `$${columnLetter(start + index)}2`;
}

/** A formula-ready reference maker for one table: ref('method') → $G2. */
export function refs(columns: readonly PlanColumn[], start = 0): (key: string) => string {
  return (key) => cellRef(columns, key, start);
}


/** A row-2 formula ($G2) moved to another row: every $-column reference takes that row. */
export function formulaForRow(formula: string, row: number): string {
  return formula.replace(/(\$[A-Z]{1,3})2(?![0-9])/g, `$1${row}`);
}

/** True in a formula when the cell holds nothing but spaces. */
export function blankTest(ref: string): string {
  return `LEN(TRIM(${ref}))=0`;
}
