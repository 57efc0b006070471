/**
 * The letters PDF read back with pdf.js, as a printer would lay it out: one letter a page, the
 * customer's address inside the DL envelope's window, and nothing left unfilled.
 */
import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import PDFDocument from 'pdfkit';
import type { RenderedLetter } from '../../core/index.ts';
import { readLetterhead } from '../../worker/channels/letterhead-pdf.ts';
import { DL_WINDOW, lettersPdf } from '../../worker/channels/letters-pdf.ts';
import { run } from './support/workbook.ts';

const PT_PER_MM = 72 / 25.4;
const A4_HEIGHT_PT = 841.89;

interface Placed {
  text: string;
  /** From the page's left and top edges, in millimetres. */
  leftMm: number;
  topMm: number;
}

function readPdf(path: string) {
  // The standard fonts' widths come with pdf.js; told where, it reads the PDF's Helvetica without a warning.
  const standardFontDataUrl = new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url).pathname;
  return getDocument({ data: new Uint8Array(readFileSync(path)), standardFontDataUrl, disableFontFace: true }).promise;
}

async function pagesOf(path: string): Promise<Placed[][]> {
  const pdf = await readPdf(path);
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

const folder = () => mkdtempSync(join(tmpdir(), 'retention-letters-'));

/** A garage's stationery as a PDF: a page per marker (A4 unless a size is given), the marker printed where a letterhead's header goes. */
async function stationery(path: string, markers: (string | [string, string])[], options: PDFKit.PDFDocumentOptions = {}): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, ...options });
  const written = new Promise<void>((resolve) => doc.pipe(createWriteStream(path)).on('finish', () => resolve()));
  for (const page of markers) {
    const [marker, size] = typeof page === 'string' ? [page, undefined] : page;
    // addPage({}) would fall back to pdfkit's default size, not the document's.
    if (size) doc.addPage({ size });
    else doc.addPage();
    // A white box behind the header, as Word's exports often have: it must not hide the letter.
    doc.rect(0, 0, doc.page.width, 100).fill('white');
    doc.fillColor('black').font('Helvetica-Bold').fontSize(14).text(marker, 300, 40, { lineBreak: false });
  }
  doc.end();
  await written;
  return path;
}

/** Per page, what is drawn first: the letterhead (a form XObject) or the letter's own text. */
async function drawnFirst(path: string): Promise<string[]> {
  const pdf = await readPdf(path);
  const first: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const { fnArray } = await (await pdf.getPage(n)).getOperatorList();
    const form = fnArray.indexOf(OPS.paintFormXObjectBegin);
    first.push(form !== -1 && form < fnArray.indexOf(OPS.showText) ? 'letterhead' : 'letter');
  }
  return first;
}

const longLetter = (name: string): RenderedLetter => ({ ...letter(name), paragraphs: Array.from({ length: 14 }, (_, n) => `Paragraph ${n + 1}. ${'Your vehicle’s service history matters to us and to its next owner. '.repeat(4)}`) });

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

describe('letters on the garage’s letterhead PDF', () => {
  it('lays the letterhead’s first page under each letter and its second under continuation pages, leaving the drawn letterhead off', async () => {
    const dir = folder();
    const letterheadPdf = await stationery(join(dir, 'stationery.pdf'), ['WHITFIELD HEADED PAPER', 'WHITFIELD CONTINUATION SHEET']);
    const path = join(dir, 'letters.pdf');
    const footer = 'Whitfield Motors Ltd · Registered in England and Wales no. 01234567';
    const pdf = lettersPdf(path, { window: DL_WINDOW, letterhead: ['Whitfield Motors', 'Unit 4, Mill Lane, Knutsford, WA16 6AA'], date: '16 November 2026', footer, letterheadPdf });
    assert.equal(pdf.add('Mrs Jean Harrison, 12 High Street, Knutsford, WA16 7HX', letter('Mrs Harrison')), 1);
    assert.equal(pdf.add('Mr Tom Jones, 2 Low Road, Wilmslow, SK9 9EF', longLetter('Mr Jones')), 2);
    assert.equal(pdf.add('Ms Ann Lee, 8 Park Road, Macclesfield, SK10 4AB', letter('Ms Lee')), 4, 'the long letter took two pages');
    await pdf.close();

    const pages = await pagesOf(path);
    assert.equal(pages.length, 4);
    const text = (page: number) => pages[page]!.map((p) => p.text).join(' ');
    for (const [page, name, postcode, salutation] of [[0, 'Mrs Jean Harrison', 'WA16 7HX', 'Dear Mrs Harrison,'], [1, 'Mr Tom Jones', 'SK9 9EF', 'Dear Mr Jones,'], [3, 'Ms Ann Lee', 'SK10 4AB', 'Dear Ms Lee,']] as const) {
      assert.match(text(page), /WHITFIELD HEADED PAPER/, `page ${page + 1} is on the headed paper`);
      assert.doesNotMatch(text(page), /CONTINUATION SHEET/);
      for (const line of [name, postcode]) {
        const placed = pages[page]!.find((p) => p.text === line);
        assert.ok(placed, `page ${page + 1} has "${line}"`);
        assert.ok(placed.leftMm >= DL_WINDOW.left && placed.leftMm <= DL_WINDOW.left + DL_WINDOW.width, `"${line}" is ${placed.leftMm.toFixed(1)} mm from the left`);
        assert.ok(placed.topMm >= DL_WINDOW.top && placed.topMm <= DL_WINDOW.top + DL_WINDOW.height, `"${line}" is ${placed.topMm.toFixed(1)} mm from the top`);
      }
      assert.match(text(page), /16 November 2026/);
      assert.ok(text(page).includes(salutation), `page ${page + 1} is ${name}’s letter`);
      assert.doesNotMatch(text(page), /Unit 4, Mill Lane/, 'the stationery carries the garage’s address; it is not drawn again');
    }
    assert.match(text(2), /WHITFIELD CONTINUATION SHEET/, 'the long letter’s second page is on the continuation sheet');
    assert.doesNotMatch(text(2), /HEADED PAPER/);
    assert.match(text(2), /Paragraph 14\./);
    const firstLine = Math.min(...pages[2]!.filter((p) => !p.text.includes('CONTINUATION')).map((p) => p.topMm));
    assert.ok(firstLine >= 40, `the continuation page’s text starts below the stationery’s header (${firstLine.toFixed(1)} mm)`);
    assert.ok(pages.some((page) => page.some((p) => p.text.includes('no. 01234567') && p.topMm > 280)), 'the company’s details still at the foot');
    assert.deepEqual(await drawnFirst(path), ['letterhead', 'letterhead', 'letterhead', 'letterhead'], 'the stationery is under the letter, so its white box hides nothing');
  });

  it('lays a one-page letterhead under continuation pages too', async () => {
    const dir = folder();
    const letterheadPdf = await stationery(join(dir, 'stationery.pdf'), ['WHITFIELD HEADED PAPER']);
    const path = join(dir, 'letters.pdf');
    const pdf = lettersPdf(path, { window: DL_WINDOW, letterhead: [], date: '16 November 2026', letterheadPdf });
    pdf.add('Mr Tom Jones, 2 Low Road, Wilmslow, SK9 9EF', longLetter('Mr Jones'));
    await pdf.close();
    const pages = await pagesOf(path);
    assert.equal(pages.length, 2);
    for (const page of pages) assert.ok(page.some((p) => p.text === 'WHITFIELD HEADED PAPER'));
  });

  it('fails the PDF, leaving no finished file, when the letterhead is gone by the time the letters are finished', async () => {
    const dir = folder();
    const letterheadPdf = await stationery(join(dir, 'stationery.pdf'), ['WHITFIELD HEADED PAPER']);
    const path = join(dir, 'letters.pdf');
    const pdf = lettersPdf(path, { window: DL_WINDOW, letterhead: [], date: '16 November 2026', letterheadPdf });
    pdf.add('Mr Tom Jones, 2 Low Road, Wilmslow, SK9 9EF', letter('Mr Jones'));
    rmSync(letterheadPdf);
    await assert.rejects(pdf.close(), /letterhead PDF .*stationery\.pdf .* is not there/);
    assert.throws(() => readFileSync(path), /ENOENT/, 'no letters.pdf: these letters were not printed');
  });

  const refusals: { description: string; make: (dir: string) => Promise<string> | string; problem: RegExp }[] = [
    { description: 'a file that is not there', make: (dir) => join(dir, 'nowhere.pdf'), problem: /nowhere\.pdf \(letters\.letterheadPdf\) is not there: put the garage's letterhead PDF there, or correct the path/ },
    { description: 'a folder', make: (dir) => (mkdirSync(join(dir, 'letterhead.pdf')), join(dir, 'letterhead.pdf')), problem: /is not a file: name the PDF file itself/ },
    { description: 'a Word document named .pdf', make: (dir) => (writeFileSync(join(dir, 'letterhead.pdf'), 'PK\u0003\u0004word/document.xml'), join(dir, 'letterhead.pdf')), problem: /is not a PDF: save the letterhead as a PDF/ },
    { description: 'a damaged PDF', make: (dir) => (writeFileSync(join(dir, 'letterhead.pdf'), '%PDF-1.7\nnothing else'), join(dir, 'letterhead.pdf')), problem: /could not be read as a PDF|has no pages/ },
    { description: 'a PDF protected against copying', make: (dir) => stationery(join(dir, 'letterhead.pdf'), ['HEADER'], { ownerPassword: 'garage', permissions: { copying: false }, pdfVersion: '1.7' }), problem: /is protected \(encrypted.*save a copy without protection/ },
    { description: 'US Letter stationery', make: (dir) => stationery(join(dir, 'letterhead.pdf'), ['HEADER'], { size: 'LETTER' }), problem: /first page is 215\.9 × 279\.4 mm, not A4 \(210\.0 × 297\.0 mm\)\..*export the letterhead as A4 portrait/ },
    { description: 'A4 on its side', make: (dir) => stationery(join(dir, 'letterhead.pdf'), ['HEADER'], { layout: 'landscape' }), problem: /first page is A4 on its side/ },
    { description: 'a continuation sheet of another size', make: (dir) => stationery(join(dir, 'letterhead.pdf'), ['HEADER', ['CONTINUED', 'A5']]), problem: /second page \(for continuation pages\) is 148\.0 × 210\.0 mm, not A4/ },
  ];
  for (const { description, make, problem } of refusals) {
    it(`refuses ${description} as the letterhead, saying what to do`, async () => {
      const read = await readLetterhead(await make(folder()));
      assert.ok('problem' in read, 'refused');
      assert.match(read.problem, problem);
    });
  }

  it('doctor: finds the letterhead PDF beside the configuration file and says when it is missing or will do', async () => {
    const config = folder();
    const workbook = join(folder(), 'retention.xlsx');
    writeFileSync(join(config, 'retention.config.json'), JSON.stringify({ letters: { letterheadPdf: 'stationery.pdf', companyFooter: false } }));
    const missing = await run(['doctor', workbook, '--config', join(config, 'retention.config.json')]);
    assert.equal(missing.code, 1);
    assert.ok(missing.out.includes(`FIX The letterhead PDF ${join(config, 'stationery.pdf')} (letters.letterheadPdf) is not there`), missing.out);

    await stationery(join(config, 'stationery.pdf'), ['WHITFIELD HEADED PAPER']);
    const found = await run(['doctor', workbook, '--config', join(config, 'retention.config.json')]);
    assert.match(found.out, /ok {2}The letterhead PDF .*stationery\.pdf is laid under every letter .*left to the stationery/, found.out);
  });
});
