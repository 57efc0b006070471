/**
 * A sheet read back from a workbook: its header row and the rows under it, as plain cells.
 * The readers of the kept sheets (Settings, Schedule, Lapsed, Contact Log) and of the user's
 * Due Actions edits take this shape and report every cell they cannot use with its address,
 * e.g. "Settings!B7: 'abc' is not a whole number", as a Problem, instead of throwing.
 */
import { placeOf, type Problem, type ProblemCode, type ProblemSource } from '../problems.ts';
import { hasUnwritable, unwritableMessage, withoutUnwritable } from '../values/workbook-text.ts';
import { columnLetter } from './columns.ts';

/** A cell as a reader gets it: dates already turned into IsoDate strings. */
export type SheetCell = string | number | boolean | null;

export interface SheetTable {
  /** The sheet's name, for problem addresses. */
  sheet: string;
  headers: readonly string[];
  rows: readonly (readonly SheetCell[])[];
  /** "B7" for rows[rowIndex][colIndex]; by default the header is row 1 and rows follow without gaps. */
  cellAddress?: (rowIndex: number, colIndex: number) => string;
}

export function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return String(cell).trim();
}

export function isBlankCell(cell: SheetCell | undefined): boolean {
  return cellText(cell) === '';
}

export function isBlankRow(row: readonly SheetCell[]): boolean {
  return row.every((c) => isBlankCell(c));
}

/**
 * Finds columns by header, ignoring case, spaces and punctuation; reports required headers that
 * are missing. Its table has no character a workbook cannot hold: text read back from a sheet is
 * written into the next workbook, so such a character is removed here and reported (`unwritable`).
 */
export class SheetReader {
  readonly table: SheetTable;
  /** Cells that held characters a workbook cannot hold, now removed from `table`. */
  readonly unwritable: Problem[] = [];
  private readonly index = new Map<string, number>();

  /** `source`: what the sheet holds, for its problems (the Settings sheet's are 'setting'). */
  constructor(
    table: SheetTable,
    private readonly source: ProblemSource = 'sheet',
  ) {
    this.table = table;
    const dirty: [number, number, string][] = [];
    table.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (typeof cell === 'string' && hasUnwritable(cell)) dirty.push([r, c, cell]);
      }),
    );
    if (dirty.length > 0) {
      const rows = table.rows.map((row) => [...row]);
      const removed = dirty.map(([r, c, cell]) => {
        const cleaned = withoutUnwritable(cell);
        rows[r]![c] = cleaned.text;
        return cleaned.removed;
      });
      this.table = { ...table, rows };
      dirty.forEach(([r, c], i) => {
        this.unwritable.push(this.problem(r, c, 'character_unwritable', unwritableMessage('This cell', removed[i]!), 'character removed; the rest kept'));
      });
    }
    table.headers.forEach((h, i) => {
      const key = headerKey(h);
      if (key && !this.index.has(key)) this.index.set(key, i);
    });
  }

  has(header: string): boolean {
    return this.index.has(headerKey(header));
  }

  /** Index of the first header matching any of the names, or -1. */
  column(...headers: string[]): number {
    for (const h of headers) {
      const i = this.index.get(headerKey(h));
      if (i !== undefined) return i;
    }
    return -1;
  }

  cell(rowIndex: number, colIndex: number): SheetCell {
    if (colIndex < 0) return null;
    return this.table.rows[rowIndex]?.[colIndex] ?? null;
  }

  address(rowIndex: number, colIndex: number): string {
    if (this.table.cellAddress) return this.table.cellAddress(rowIndex, colIndex);
    // No such column: the whole row, as Excel names it (7:7).
    if (colIndex < 0) return `${rowIndex + 2}:${rowIndex + 2}`;
    return `${columnLetter(colIndex)}${rowIndex + 2}`;
  }

  /** A problem at a cell, its message led by the address: "Settings!B7: …". */
  problem(rowIndex: number, colIndex: number, code: ProblemCode, text: string, action: string): Problem {
    const address = this.address(rowIndex, colIndex);
    const row = /\d+$/.exec(address);
    return {
      source: this.source,
      code,
      message: `${this.table.sheet}!${address}: ${text}`,
      where: placeOf({ sheet: this.table.sheet, row: row ? Number(row[0]) : undefined, column: this.table.headers[colIndex] ?? '', address }),
      value: cellText(this.cell(rowIndex, colIndex)),
      action,
    };
  }

  /** Problems for required headers the sheet lacks. */
  missingHeaders(required: readonly string[]): Problem[] {
    return required
      .filter((h) => !this.has(h))
      .map((h) => ({
        source: this.source,
        code: 'header_missing' as const,
        message: `${this.table.sheet}: there is no "${h}" column; put the header back on row 1.`,
        where: { sheet: this.table.sheet, column: h },
        value: '',
        action: 'sheet not read',
      }));
  }
}

function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9%]/g, '');
}

/** A whole number from a cell (15, "15", " 15 "), or null. */
export function readWholeCell(cell: SheetCell): number | null {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? cell : null;
  const text = cellText(cell).replace(/^[\u2212\u2013]/, '-');
  return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}

/** "a, b; c" → ['a', 'b', 'c']; blanks dropped. */
export function listItems(cell: SheetCell): string[] {
  return cellText(cell)
    .split(/\s*[,;\n]\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
