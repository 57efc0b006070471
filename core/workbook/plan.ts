/**
 * The workbook as plain data: sheets in order, each an Excel table with its columns, rows,
 * highlights, dropdowns and print setup. Both renderers (exceljs for the command line, Office.js
 * in the add-in) draw exactly this; neither decides anything about what the garage sees.
 *
 * Cells are plain values. A column's type says how to write them: in a `date` column an IsoDate
 * string becomes a real Excel date (any other string is text a user typed there, kept as text);
 * everywhere else a string is written as text, never as a formula, whatever it starts with
 * (=, +, -, @).
 */

export type ColumnType = 'text' | 'date' | 'number' | 'percent' | 'integer';

/** A date column holds IsoDate strings; a percent column holds fractions (0.873 shows as 87.3%). */
export type PlanCell = string | number | boolean | null;

export interface PlanColumn {
  header: string;
  /** Stable name for code and formulas: 'method', 'actionId'. */
  key: string;
  type: ColumnType;
  /** Excel number format: '@' text, 'dd/mm/yyyy', '0', '0.0%', '#,##0.00'. */
  numFmt: string;
  /** In characters, as Excel measures column width. */
  width: number;
  hidden: boolean;
  /** False for a column only a computer needs (Action ID): kept at the table's right end, off paper. */
  print: boolean;
  /** The widest a text column grows to fit its content before wrapping (fit-columns.ts). */
  maxWidth?: number;
  /**
   * A formula every data cell of the column holds, written for row 2 as highlights are ($G2); the
   * row's plan value is its result at build. So a count follows the garage's edits (the Audit's
   * Missing drops when an email is typed in). Formulas come from the plan only, never from data.
   */
  formula?: string;
  /** Long text wraps within the width instead of running under the next column. */
  wrap: boolean;
}

export type Fill = 'yellow' | 'amber' | 'red' | 'green' | 'grey';

/** ARGB colours for each fill, shared by both renderers so the two workbooks look alike. */
export const FILL_ARGB: Record<Fill, string> = {
  yellow: 'FFFFF2A8',
  amber: 'FFFFC982',
  red: 'FFF4A6A6',
  green: 'FFC6EFCE',
  grey: 'FFE0E0E0',
};

/**
 * A conditional format: cells are filled while the formula is true, so fixing a value in Excel
 * clears its highlight. The formula is written for the table's first data row (row 2), with
 * columns absolute and rows relative ($G2), as Excel expects for a range starting on row 2.
 */
export interface PlanHighlight {
  /** Column keys the fill covers; 'row' for every column of the table. */
  columns: readonly string[] | 'row';
  formula: string;
  fill: Fill;
  /** What the highlight means, in the garage's words (a legend, and what the tests look for). */
  meaning: string;
}

/** A bar in each cell of a column, scaled between min and max (0 and 1 for a percent). */
export interface PlanDataBar {
  column: string;
  min: number;
  max: number;
  argb: string;
}

/** A dropdown on every data cell of a column. Blank is always allowed. */
export interface PlanValidation {
  column: string;
  list: readonly string[];
  /** Shown by Excel when something else is typed. */
  error: string;
}

/**
 * A fill on one cell that no formula can work out (e.g. a value the import flagged as unusable
 * although it looks fine). Always paired with a note column that says why, because a static fill
 * does not clear itself when the value is fixed.
 */
export interface PlanMark {
  /** Index into rows. */
  row: number;
  column: string;
  fill: Fill;
}

export interface PlanTable {
  /** Excel table name: letters and digits, unique in the workbook ('DueActions'). */
  name: string;
  columns: PlanColumn[];
  rows: PlanCell[][];
  highlights: PlanHighlight[];
  dataBars: PlanDataBar[];
  validations: PlanValidation[];
  marks: PlanMark[];
  /**
   * Shown in the first cell of the (otherwise empty) first data row when there are no rows, e.g.
   * "No actions required". A reader sees a row with no key and skips it.
   */
  emptyMessage: string | null;
}

/** data: rebuilt from the exports every time. kept: the garage's own history, carried over. */
export type SheetKind = 'data' | 'kept';

export interface PrintSetup {
  orientation: 'landscape';
  /** Pages wide (1, or 2 where one page would take the type below about 7 pt); height runs on (0). */
  fitToWidth: 1 | 2;
  fitToHeight: 0;
  /** The header row repeats on every printed page. */
  repeatHeaderRow: true;
  /** The leading columns of the table in the print area; null for all of them. */
  printColumns: number | null;
  /** The scale fitting comes to, for the record (the renderer lets the spreadsheet fit). */
  scale: number | null;
  /** Cell gridlines on paper, so a long row can be read across. */
  gridLines: boolean;
  /** Page header and footer in Excel's codes (&A sheet, &P page, &N pages), as both renderers take them. */
  header: string;
  footer: string;
}

/** What a sheet starts with; workbookPlan lays each sheet out for paper (print.ts). */
export const PRINT_SETUP: PrintSetup = { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, repeatHeaderRow: true, printColumns: null, scale: null, gridLines: true, header: '', footer: '' };

export interface PlanSheet {
  name: string;
  kind: SheetKind;
  /** The sheet's table, its header on row 1 from column A. Readers read this one. */
  table: PlanTable;
  /**
   * Never a table. A summary used to sit beside its detail table, and filtering the detail by
   * staff hid summary rows with it (Excel filters whole rows); summaries now have sheets of their
   * own (Audit Summary, Dissatisfaction Summary). Optional null only while some sheets still say so.
   */
  side?: null;
  /**
   * What the sheet says of itself, e.g. that it is rebuilt from the exports each time: on screen a
   * note on its first header cell (row 1 stays the header, which the readers need), on paper the
   * page header. Null for none.
   */
  note?: string | null;
  /** Rows frozen at the top: the header. */
  frozenRows: 1;
  print: PrintSetup;
}

export interface WorkbookPlan {
  asOf: string;
  /** In workbook order; workbookPlan's are drawn when first read (see lazySheets). */
  sheets: PlanSheet[];
}

const forgetters = new WeakMap<readonly PlanSheet[], (index: number) => void>();

/**
 * Sheets each drawn when first read, then kept. A writer can forget each once written
 * (forgetSheet), so a 100,000-customer workbook holds one sheet's rows at a time, not all of them
 * (about 120 MB); one read again is drawn again, the same. A sheet put in place is kept.
 */
export function lazySheets(draws: readonly (() => PlanSheet)[]): PlanSheet[] {
  const drawn: (PlanSheet | undefined)[] = [];
  const put = new Set<number>();
  const sheets: PlanSheet[] = [];
  draws.forEach((draw, i) => {
    Object.defineProperty(sheets, i, {
      enumerable: true,
      configurable: true,
      get: () => (drawn[i] ??= draw()),
      set: (sheet: PlanSheet) => {
        drawn[i] = sheet;
        put.add(i);
      },
    });
  });
  forgetters.set(sheets, (i) => {
    if (!put.has(i)) drawn[i] = undefined;
  });
  return sheets;
}

/** Lets a lazily drawn sheet go (a no-op for any other array): called once it is written. */
export function forgetSheet(sheets: readonly PlanSheet[], index: number): void {
  forgetters.get(sheets)?.(index);
}
