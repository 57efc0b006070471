/**
 * How the workbook really prints: converts it to PDF with LibreOffice and reports, per sheet,
 * the pages, how many pages wide, and the effective scale of the type (so the smallest type on
 * paper). Needs LibreOffice (`soffice`) and poppler-utils (`pdftotext`); `npm test` does not.
 *
 *   npx tsx bench/print-check.ts [WORKBOOK.xlsx]   # default: builds the sample garage first
 *
 * The scale is measured, not read from the file: the height of the body's words (their median)
 * against the same words' height at 100%, which the Lapsed sheet (four columns, never fitted)
 * gives. LibreOffice scales the header and footer with the page, so they cannot be the yardstick.
 * Pages wide is the sheet's pages over the pages holding its first column's header.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import { columnPixels, fitScale } from '../core/workbook/print.ts';

interface Word {
  text: string;
  x: number;
  y: number;
  height: number;
}

const dir = mkdtempSync(join(tmpdir(), 'print-check-'));
let workbook = process.argv[2];
if (!workbook) {
  workbook = join(dir, 'sample.xlsx');
  try {
    execFileSync('node', ['bin/retention.js', 'build', 'samples', '--as-of', '2026-11-16', '--out', workbook], { stdio: 'ignore' });
  } catch {
    // Exit 1 is normal for the samples: they carry deliberate import problems.
  }
}

interface SheetInFile {
  name: string;
  firstHeader: string;
  /** What the plan worked out: pages wide and scale, from the printed columns' widths. */
  planned: { pagesWide: number; scale: number };
}

/** Each sheet's name, first header and planned layout, from the workbook itself. */
async function sheetsOf(path: string): Promise<SheetInFile[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const names = [...book.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  const sheets = [];
  for (let i = 0; i < names.length; i++) {
    const xml = (await zip.file(`xl/worksheets/sheet${i + 1}.xml`)?.async('string')) ?? '';
    const first = /<c r="A1"[^>]*>(?:<is><t[^>]*>|<v>)([^<]*)/.exec(xml);
    // The print area's last column, e.g. $N in 'Due Actions'!$A$1:$N$160; none: every column.
    const area = new RegExp(`_xlnm\\.Print_Area" localSheetId="${i}">[^<]*:\\$([A-Z]+)\\$`).exec(book)?.[1];
    const lastColumn = area ? [...area].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : Infinity;
    const widths: number[] = [];
    for (const m of xml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) {
      for (let c = Number(m[1]); c <= Math.min(Number(m[2]), lastColumn); c++) widths.push(Number(m[3]));
    }
    const pixels = widths.map(columnPixels);
    const pagesWide = Number(/fitToWidth="(\d+)"/.exec(xml)?.[1] ?? 1);
    sheets.push({ name: names[i]!, firstHeader: first?.[1] ?? '', planned: { pagesWide, scale: fitScale(pixels, pagesWide) } });
  }
  return sheets;
}

execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, workbook], { stdio: 'ignore' });
const pdf = join(dir, basename(workbook).replace(/\.xlsx$/i, '.pdf'));
const html = join(dir, 'words.html');
execFileSync('pdftotext', ['-bbox', pdf, html]);
const pages = readFileSync(html, 'utf8')
  .split('<page ')
  .slice(1)
  .map((page) => {
    const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
    const words: Word[] = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: m[4]!.replace(/&amp;/g, '&'),
      x: Number(m[1]),
      y: Number(m[2]),
      height: Number(m[3]) - Number(m[2]),
    }));
    return { height, words };
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// The header carries the sheet's name at the top left; the footer "Page N of M" at the bottom.
const sheets = await sheetsOf(workbook);
// A page belongs to the longest sheet name its header starts with ("Audit Summary", not "Audit").
const sheetOfPage = pages.map((p) => {
  const top = p.words.filter((w) => w.y < p.height * 0.08).map((w) => w.text).join(' ');
  return sheets.map((s) => s.name).filter((name) => top === name || top.startsWith(`${name} `)).sort((a, b) => b.length - a.length)[0];
});
const pagesOf = (name: string) => pages.filter((_, i) => sheetOfPage[i] === name);
const fullSize = median(pagesOf('Lapsed').flatMap((p) => p.words.map((w) => w.height)));
console.log('sheet                      pages  wide  scale  smallest type   planned: wide  scale');
for (const sheet of sheets) {
  const own = pagesOf(sheet.name);
  if (own.length === 0) {
    console.log(`${sheet.name.padEnd(25)}  (not found in the PDF)`);
    continue;
  }
  const scales = own.map((p) => median(p.words.map((w) => w.height)) / fullSize);
  // A page of the first strip starts with the first column: its repeated header row (the top line
  // below the page header) begins with that column's header.
  const startsTable = (p: (typeof own)[number]) => {
    const pageHeader = Math.min(...p.words.map((w) => w.y));
    const below = p.words.filter((w) => w.y > pageHeader + 3);
    const top = Math.min(...below.map((w) => w.y));
    const row = below.filter((w) => w.y < top + 2).sort((a, b) => a.x - b.x);
    return row[0]?.text === sheet.firstHeader.split(' ')[0];
  };
  const firstStrip = own.filter(startsTable).length;
  const wide = firstStrip > 0 ? Math.round(own.length / firstStrip) : NaN;
  const scale = Math.min(...scales.filter((s) => Number.isFinite(s)));
  const { planned } = sheet;
  console.log(
    `${sheet.name.padEnd(25)}  ${String(own.length).padStart(5)}  ${String(wide).padStart(4)}  ${(scale * 100).toFixed(0).padStart(4)}%  ${(11 * scale).toFixed(1).padStart(5)} pt` +
      `          ${String(planned.pagesWide).padStart(4)}  ${(planned.scale * 100).toFixed(0).padStart(4)}%`,
  );
}
console.log(`PDF: ${pdf}`);
