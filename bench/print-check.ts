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

interface Word {
  text: string;
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

/** Each sheet's name and first header, from the workbook itself. */
async function sheetsOf(path: string): Promise<{ name: string; firstHeader: string }[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const names = [...book.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  const sheets = [];
  for (let i = 0; i < names.length; i++) {
    const xml = (await zip.file(`xl/worksheets/sheet${i + 1}.xml`)?.async('string')) ?? '';
    const first = /<c r="A1"[^>]*>(?:<is><t[^>]*>|<v>)([^<]*)/.exec(xml);
    sheets.push({ name: names[i]!, firstHeader: first?.[1] ?? '' });
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
    const words: Word[] = [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: m[3]!.replace(/&amp;/g, '&'),
      y: Number(m[1]),
      height: Number(m[2]) - Number(m[1]),
    }));
    return { height, words };
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// The header carries the sheet's name at the top left; the footer "Page N of M" at the bottom.
const sheets = await sheetsOf(workbook);
const pagesOf = (name: string) => pages.filter((p) => p.words.filter((w) => w.y < p.height * 0.08).map((w) => w.text).join(' ').startsWith(name));
const fullSize = median(pagesOf('Lapsed').flatMap((p) => p.words.map((w) => w.height)));
console.log('sheet                 pages  wide  scale  smallest type');
for (const sheet of sheets) {
  const own = pagesOf(sheet.name);
  if (own.length === 0) {
    console.log(`${sheet.name.padEnd(20)}  (not found in the PDF)`);
    continue;
  }
  const scales = own.map((p) => median(p.words.map((w) => w.height)) / fullSize);
  const firstStrip = own.filter((p) => p.words.some((w) => w.text === sheet.firstHeader.split(' ')[0] && w.y < p.height * 0.2)).length;
  const wide = firstStrip > 0 ? Math.round(own.length / firstStrip) : NaN;
  const scale = Math.min(...scales.filter((s) => Number.isFinite(s)));
  console.log(`${sheet.name.padEnd(20)}  ${String(own.length).padStart(5)}  ${String(wide).padStart(4)}  ${(scale * 100).toFixed(0).padStart(4)}%  ${(11 * scale).toFixed(1)} pt`);
}
console.log(`PDF: ${pdf}`);
