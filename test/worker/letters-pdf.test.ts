/**
 * The letters PDF read back with pdf.js, as a printer would lay it out: one letter a page, the
 * customer's address inside the DL envelope's window, and nothing left unfilled.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RenderedLetter } from '../../core/index.ts';
import { DL_WINDOW, lettersPdf } from '../../worker/channels/letters-pdf.ts';

const PT_PER_MM = 72 / 25.4;
const A4_HEIGHT_PT = 841.89;

interface Placed {
  text: string;
  /** From the page's left and top edges, in millimetres. */
  leftMm: number;
  topMm: number;
}

async function pagesOf(path: string): Promise<Placed[][]> {
  // The standard fonts' widths come with pdf.js; told where, it reads the PDF's Helvetica without a warning.
  const standardFontDataUrl = new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url).pathname;
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), standardFontDataUrl, disableFontFace: true }).promise;
  const pages: Placed[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(
      content.items
        .filter((item): item is typeof item & { str: string; transform: number[] } => 'str' in item && item.str.trim() !== '')
        .map((item) => ({ text: item.str, leftMm: item.transform[4]! / PT_PER_MM, topMm: (A4_HEIGHT_PT - item.transform[5]!) / PT_PER_MM })),
    );
  }
  return pages;
}

const letter = (name: string): RenderedLetter => ({
  salutation: `Dear ${name},`,
  channel: 'letter',
  paragraphs: ['Your Nissan Juke (MX73 VCW) is due its MOT on 12 December 2026.', 'Call us on 01565 496000 to book.'],
  signOff: ['Yours sincerely,', 'Sarah Whitfield, Service Manager', 'Whitfield Motors'],
  optOut: 'To stop letters like this, call 01565 496000.',
});

describe('the letters PDF', () => {
  it('puts one letter a page, each customer’s address inside the DL window, with nothing undefined', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'retention-letters-')), 'letters.pdf');
    const footer = 'Whitfield Motors Ltd · Registered in England and Wales no. 01234567';
    const pdf = lettersPdf(path, { window: DL_WINDOW, letterhead: ['Whitfield Motors', 'Unit 4, Mill Lane, Knutsford, WA16 6AA', '01565 496000'], date: '16 November 2026', footer });
    assert.equal(pdf.add('Mrs Jean Harrison, 12 High Street, Knutsford, WA16 7HX', letter('Mrs Harrison')), 1);
    assert.equal(pdf.add('Mr Tom Jones, 2 Low Road, Wilmslow, SK9 9EF', letter('Mr Jones')), 2);
    await pdf.close();

    const pages = await pagesOf(path);
    assert.equal(pages.length, 2, 'one letter a page');
    for (const [page, [first, postcode]] of [[0, ['Mrs Jean Harrison', 'WA16 7HX']], [1, ['Mr Tom Jones', 'SK9 9EF']]] as const) {
      for (const line of [first, postcode]) {
        const placed = pages[page]!.find((p) => p.text === line);
        assert.ok(placed, `page ${page + 1} has "${line}"`);
        assert.ok(placed.leftMm >= DL_WINDOW.left && placed.leftMm <= DL_WINDOW.left + DL_WINDOW.width, `"${line}" is ${placed.leftMm.toFixed(1)} mm from the left`);
        assert.ok(placed.topMm >= DL_WINDOW.top && placed.topMm <= DL_WINDOW.top + DL_WINDOW.height, `"${line}" is ${placed.topMm.toFixed(1)} mm from the top`);
      }
      const text = pages[page]!.map((p) => p.text).join(' ');
      assert.match(text, /Whitfield Motors/);
      assert.match(text, /16 November 2026/);
      assert.ok(pages[page]!.some((p) => p.text.includes('no. 01234567') && p.topMm > 280), 'the company’s details at the foot of the page');
      assert.doesNotMatch(text, /undefined|null|Dear ,/);
    }
  });

  it('makes no file when a run has no letters', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'retention-letters-')), 'letters.pdf');
    await lettersPdf(path).close();
    assert.throws(() => readFileSync(path), /ENOENT/);
  });
});
