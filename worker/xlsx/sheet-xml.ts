/**
 * One sheet's part (`xl/worksheets/sheetN.xml`), read through a SAX parser into the table the
 * sheet readers take: the header row (row 1, from column A up to the first blank header) and the
 * rows under it, blank rows left out, cellAddress still naming the right cell.
 *
 * Cells come as exceljs 4.4.0's in-memory reader gave them, which is what every kept sheet was read
 * with before: numbers as numbers (dates, by their style, as IsoDate strings), booleans, text from
 * shared strings, inline strings and formula results (`t="str"`), errors as their text ("#N/A"), a
 * formula by its last result, a merged cell by its range's first cell. No cell objects are made:
 * a 100,000-customer workbook's Due Actions sheet is half a million cells.
 *
 * Where exceljs was wrong this is not: a formula whose last result is 0 or FALSE reads as that,
 * not blank; `t="str"` text is decoded once, not twice ("&amp;lt;" in the file is "&lt;", not
 * "<"); a `t="d"` cell (an ISO date) is its date; a formula's text result in a date-formatted
 * cell is its text. Cells and rows without an `r` attribute, which some
 * writers leave out, are placed by counting.
 */
import { columnLetter, fromExcelSerial, type SheetCell, type SheetTable } from '../../core/index.ts';
import { localName, partParser, TextRuns } from './workbook-parts.ts';

export interface ReadSheet extends SheetTable {
  cellAddress: (rowIndex: number, colIndex: number) => string;
}

/** What the sheet's cells point into elsewhere in the package. */
export interface SheetContext {
  sharedStrings: readonly (string | null)[];
  /** By cell style index: whether it formats a number as a date. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25569;
const DAYS_1900_TO_1904 = 1462;

/**
 * A date-formatted number as an IsoDate, by exceljs's arithmetic (to the millisecond, then the
 * day): '' for a serial outside Excel's dates (a time of day alone), as it was read before.
 */
function serialDate(serial: number, date1904: boolean): SheetCell {
  const ms = Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DAYS_1900_TO_1904 : 0)) * MS_PER_DAY);
  if (Number.isNaN(ms)) return null;
  return fromExcelSerial(ms / MS_PER_DAY + UNIX_EPOCH_SERIAL) ?? '';
}

/**
 * The text as a string of its own. The parser's text is a slice of the whole sheet's XML, and V8
 * keeps a slice's parent alive: one kept cell would hold the 30 MB Due Actions XML in memory for
 * the whole build.
 */
function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** "BC12" → 55 (1-based); 0 when the reference has no letters. */
function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 97 || code > 122) break;
    n = n * 26 + (code - 96);
  }
  return n;
}

/** "B7" → [7, 2]. */
function cellPosition(ref: string): [row: number, col: number] {
  const col = columnNumber(ref);
  return [Number(ref.slice(/^[A-Za-z]*/.exec(ref)![0].length)), col];
}

function isBlank(cell: SheetCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The cell being read: its type and style, the text of its value or inline string, and whether it has a formula. */
class CellReading {
  col = 0;
  type = '';
  style = 0;
  value = '';
  hasFormula = false;
  inValue = false;
  inFormula = false;
  inInline = false;
  readonly inline = new TextRuns();

  start(col: number, type: string, style: number): void {
    this.col = col;
    this.type = type;
    this.style = style;
    this.value = '';
    this.hasFormula = false;
    this.inValue = this.inFormula = this.inInline = false;
    this.inline.start();
  }

  /** The cell as the sheet readers take it. No closures here: this runs for every cell. */
  cell(context: SheetContext): SheetCell {
    const { type, value } = this;
    // exceljs took a cell as a formula when its <f> had text or a type (a shared formula's followers have no text).
    if (this.hasFormula) {
      if (value === '') return null;
      if (type === 'str' || type === 'e') return own(value);
      if (type === 'b') return parseInt(value, 10) !== 0;
      return this.number(context);
    }
    if (type === 'inlineStr') return own(this.inline.end() || value) || null;
    if (value === '') return null;
    switch (type) {
      case 's':
        return context.sharedStrings[parseInt(value, 10)] ?? null;
      case 'str':
      case 'e':
        return own(value);
      case 'b':
        return parseInt(value, 10) !== 0;
      case 'd':
        // An ISO 8601 date (Strict SpreadsheetML; a few writers use it): its calendar date.
        return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
      default:
        return this.number(context);
    }
  }

  private number(context: SheetContext): SheetCell {
    const n = parseFloat(this.value);
    return context.dateStyles[this.style] ? serialDate(n, context.date1904) : n;
  }
}

/** A merged range's cells take its first cell's value, as exceljs gave them. */
function applyMerges(rows: Map<number, SheetCell[]>, merges: readonly string[]): void {
  for (const range of merges) {
    const [from, to] = range.split(':');
    if (!from || !to) continue;
    const [top, left] = cellPosition(from);
    const [bottom, right] = cellPosition(to);
    const master = rows.get(top)?.[left - 1] ?? null;
    for (let r = top; r <= bottom; r++) {
      let cells = rows.get(r);
      if (!cells) rows.set(r, (cells = []));
      for (let c = left; c <= right; c++) if (r !== top || c !== left) cells[c - 1] = master;
    }
  }
}

/** Reads a sheet part's XML into its table. */
export function readSheetXml(name: string, xml: string, context: SheetContext): ReadSheet {
  // Row number → its cells by column (0-based), as far as the row goes.
  const rows = new Map<number, SheetCell[]>();
  const merges: string[] = [];
  const reading = new CellReading();
  let rowNumber = 0;
  let cells: SheetCell[] = [];
  let col = 0;
  let inSheetData = false;

  const parser = partParser();
  parser.on('opentag', (tag) => {
    const tagName = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    if (!inSheetData) {
      if (tagName === 'sheetData') inSheetData = true;
      else if (tagName === 'mergeCell' && attributes.ref) merges.push(attributes.ref);
      return;
    }
    switch (tagName) {
      case 'row': {
        // No r: the row after the last one.
        rowNumber = attributes.r ? Number(attributes.r) : rowNumber + 1;
        cells = rows.get(rowNumber) ?? [];
        rows.set(rowNumber, cells);
        col = 0;
        break;
      }
      case 'c': {
        // No r: the cell after the last one in its row.
        const ref = attributes.r;
        col = ref ? columnNumber(ref) || col + 1 : col + 1;
        reading.start(col, attributes.t ?? '', attributes.s ? parseInt(attributes.s, 10) : 0);
        break;
      }
      case 'v':
        reading.inValue = true;
        break;
      case 'f':
        reading.inFormula = true;
        if (attributes.t) reading.hasFormula = true;
        break;
      case 'is':
        reading.inInline = true;
        reading.inline.start();
        break;
      default:
        if (reading.inInline) reading.inline.open(tagName);
    }
  });
  const onText = (text: string) => {
    if (!inSheetData) return;
    if (reading.inValue) reading.value += text;
    else if (reading.inFormula) reading.hasFormula = true;
    else if (reading.inInline) reading.inline.add(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    if (!inSheetData) return;
    const tagName = localName(tag.name);
    switch (tagName) {
      case 'sheetData':
        inSheetData = false;
        break;
      case 'c':
        cells[reading.col - 1] = reading.cell(context);
        break;
      case 'v':
        reading.inValue = false;
        break;
      case 'f':
        reading.inFormula = false;
        break;
      case 'is':
        reading.inInline = false;
        break;
      default:
        if (reading.inInline) reading.inline.close(tagName);
    }
  });
  parser.write(xml).close();
  if (merges.length > 0) applyMerges(rows, merges);
  return sheetTable(name, rows);
}

/** The header row and the non-blank rows under it, from the cells by row. */
function sheetTable(name: string, byRow: Map<number, SheetCell[]>): ReadSheet {
  const headers: string[] = [];
  const headerCells = byRow.get(1) ?? [];
  for (let c = 0; !isBlank(headerCells[c]); c++) headers.push(String(headerCells[c]).trim());
  const rows: SheetCell[][] = [];
  const rowNumbers: number[] = [];
  const numbers = [...byRow.keys()].filter((n) => n > 1);
  // Rows come in order in every writer seen; sorted only when one did not.
  if (numbers.some((n, i) => i > 0 && n < numbers[i - 1]!)) numbers.sort((a, b) => a - b);
  for (const number of numbers) {
    const source = byRow.get(number)!;
    const cells: SheetCell[] = new Array<SheetCell>(headers.length);
    let blank = true;
    for (let c = 0; c < headers.length; c++) {
      const cell = source[c] ?? null;
      cells[c] = cell;
      if (blank && !isBlank(cell)) blank = false;
    }
    if (blank) continue;
    rows.push(cells);
    rowNumbers.push(number);
  }
  return {
    sheet: name,
    headers,
    rows,
    cellAddress: (rowIndex, colIndex) => {
      const row = rowNumbers[rowIndex] ?? rowIndex + 2;
      // No such column: the whole row, as Excel names it (7:7).
      return colIndex < 0 ? `${row}:${row}` : `${columnLetter(colIndex)}${row}`;
    },
  };
}
