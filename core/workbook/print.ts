/**
 * How each sheet prints: which columns are on paper, how many pages wide, and the header and
 * footer. The garage prints Due Actions to work through with a pen and the Audit for the staff
 * meeting, so type must stay readable: no smaller than about 7 pt, i.e. 11 pt Calibri at 64% or
 * more. A sheet too wide for one page at that scale prints two pages wide; columns only a
 * computer needs (Action ID) sit at the table's right end, outside the print area.
 *
 * The arithmetic follows Excel's: a column w characters wide is 7w + 5 pixels at 96 dpi
 * (Calibri 11's digit is 7 px), and A4 landscape with Excel's normal margins (0.7" left and right)
 * leaves 297 mm − 1.4" ≈ 988 px. Pages break between columns, never inside one.
 *
 * @example
 * printLayout([...columns]) // → { printColumns: 14, pagesWide: 2, scale: 0.93 }
 */
import { ukDate } from '../calendar.ts';
import type { PlanColumn, PlanSheet, PrintSetup } from './plan.ts';

/** Printable width of A4 landscape at Excel's normal margins, in pixels at 96 dpi. */
export const PRINTABLE_WIDTH_PX = Math.floor((297 / 25.4 - 2 * 0.7) * 96);

/** 11 pt × 0.64 ≈ 7 pt: the smallest type the SPEC allows on paper. */
export const MIN_PRINT_SCALE = 0.64;

/**
 * LibreOffice fits a sheet 3–6% smaller than this arithmetic (measured with bench/print-check.ts
 * on the sample garage), so a sheet stays one page wide only while the arithmetic gives 68% or
 * more: then both Excel and LibreOffice print it at 7 pt or larger.
 */
export const PLANNED_MIN_SCALE = Math.ceil((MIN_PRINT_SCALE / 0.94) * 1000) / 1000;

/** A column's width on screen in pixels, as Excel draws it. */
export function columnPixels(width: number): number {
  return Math.round(7 * width + 5);
}

export interface PrintLayout {
  /** The leading columns of the table that print; the rest are left out of the print area. */
  printColumns: number;
  pagesWide: 1 | 2;
  /** The scale Excel will come to when fitting that many pages wide (at most 1). */
  scale: number;
}

/** Pages the columns need at a scale, breaking between columns as Excel does. */
function pagesAt(pixels: readonly number[], scale: number): number {
  let pages = 1;
  let used = 0;
  for (const px of pixels) {
    const w = px * scale;
    if (used > 0 && used + w > PRINTABLE_WIDTH_PX) {
      pages++;
      used = 0;
    }
    used += w;
  }
  return pages;
}

/** The largest scale (to 0.001) at which the columns fit in `pages` pages wide. */
export function fitScale(pixels: readonly number[], pages: number): number {
  if (pagesAt(pixels, 1) <= pages) return 1;
  let low = 0.01;
  let high = 1;
  while (high - low > 0.0005) {
    const mid = (low + high) / 2;
    if (pagesAt(pixels, mid) <= pages) low = mid;
    else high = mid;
  }
  return Math.floor(low * 1000) / 1000;
}

/**
 * Which columns print and how many pages wide. The print area is the columns before the first
 * one marked not to print (so those belong at the right end; a column the garage added to a kept
 * table comes after them and stays off paper too). One page when that keeps the scale at
 * PLANNED_MIN_SCALE or more, else two.
 */
export function printLayout(columns: readonly PlanColumn[]): PrintLayout {
  const firstOff = columns.findIndex((c) => !c.print);
  const printColumns = firstOff < 0 ? columns.length : firstOff;
  const pixels = columns.slice(0, printColumns).filter((c) => !c.hidden).map((c) => columnPixels(c.width));
  const one = fitScale(pixels, 1);
  if (one >= PLANNED_MIN_SCALE) return { printColumns, pagesWide: 1, scale: one };
  return { printColumns, pagesWide: 2, scale: fitScale(pixels, 2) };
}

/** Excel's header and footer codes take & as a code, so a literal one is doubled. */
const literal = (text: string) => text.replace(/&/g, '&&');

/**
 * The print setup for a sheet in the plan: the layout above, the header repeated, and a header
 * and footer with the sheet's name, the as-of date and "Page N of M" (Excel's &A, &P and &N codes,
 * which Office.js's headersFooters take too), and in the middle what the sheet says of itself.
 */
export function printSetup(sheet: Pick<PlanSheet, 'table' | 'note'>, asOf: string): PrintSetup {
  const layout = printLayout(sheet.table.columns);
  return {
    orientation: 'landscape',
    fitToWidth: layout.pagesWide,
    fitToHeight: 0,
    repeatHeaderRow: true,
    printColumns: layout.printColumns,
    scale: layout.scale,
    gridLines: true,
    header: `&L&"-,Bold"&A&C${literal(sheet.note ?? '')}&RAs of ${ukDate(asOf)}`,
    footer: '&CPage &P of &N',
  };
}
