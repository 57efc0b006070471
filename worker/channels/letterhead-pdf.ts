/**
 * The garage's own letterhead, as a PDF of its printed stationery, laid under the letters pdfkit
 * wrote: its first page under the first page of every letter, its second page (if it has one, as
 * stationery with a continuation sheet does) under a letter's further pages, else the first again.
 *
 * pdfkit cannot import another PDF's pages, so pdf-lib opens the finished letters, embeds the
 * letterhead's pages once each as form XObjects, and puts a drawing of one at the start of every
 * page's content: underneath the letter, so a white box on the stationery never hides its text.
 *
 * A letterhead must be A4 portrait, like the letters. One of another size is refused, not scaled:
 * shrunk or stretched stationery no longer matches the garage's printed paper, and its header can
 * slide into the envelope window; exporting it once as A4 is the fix that lasts.
 */
import { readFile, stat } from 'node:fs/promises';
import { drawObject, PDFArray, PDFDocument, type PDFPage, popGraphicsState, pushGraphicsState } from 'pdf-lib';

/** A4 in points (210 × 297 mm); a letterhead within a millimetre of it counts as A4. */
const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
const TOLERANCE = MM;

export interface Letterhead {
  readonly document: PDFDocument;
  /** Whether the letterhead has a page of its own for continuation pages. */
  readonly continuationSheet: boolean;
}

/** The letterhead PDF, checked; or the one reason it cannot be used, saying what to do. */
export async function readLetterhead(path: string): Promise<{ letterhead: Letterhead } | { problem: string }> {
  const named = `The letterhead PDF ${path} (letters.letterheadPdf)`;
  const found = await stat(path).catch(() => null);
  if (!found) return { problem: `${named} is not there: put the garage's letterhead PDF there, or correct the path in the configuration (a relative path is read from the configuration file's folder).` };
  if (!found.isFile()) return { problem: `${named} is not a file: name the PDF file itself.` };
  const bytes = await readFile(path);
  // A PDF starts "%PDF-" (within its first kilobyte, by the standard's leniency).
  if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    return { problem: `${named} is not a PDF: save the letterhead as a PDF (in Word: File › Save As, PDF) and name that file.` };
  }
  let document: PDFDocument;
  let pages: PDFPage[];
  try {
    // Opened even when encrypted, to say so: pdf-lib cannot decrypt, so such a letterhead is refused below.
    document = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    pages = document.getPages();
  } catch (error) {
    return { problem: `${named} could not be read as a PDF (${(error as Error).message}): export it again from the program that made it.` };
  }
  if (document.isEncrypted) {
    return { problem: `${named} is protected (encrypted, with a password or limits on copying), so its pages cannot be printed under the letters: save a copy without protection (in Acrobat: File › Properties › Security, No Security; or print it to a new PDF) and name that.` };
  }
  if (pages.length === 0) return { problem: `${named} has no pages: export the letterhead again.` };
  for (const [index, page] of pages.slice(0, 2).entries()) {
    const wrong = notA4(page);
    if (wrong) return { problem: `${named}: its ${index === 0 ? 'first page' : 'second page (for continuation pages)'} ${wrong}. Letters are printed on A4 portrait, and stationery shrunk or stretched to fit would not match the garage's printed paper or keep clear of the envelope window: export the letterhead as A4 portrait (in Word: Layout › Size, A4) and name that file.` };
  }
  try {
    // Embedding it once here finds what pdf-lib cannot copy (an unknown stream filter) now, not when the run's letters are finished.
    const trial = await PDFDocument.create();
    await trial.embedPages(pages.slice(0, 2), pages.slice(0, 2).map(printedBox));
    await trial.save();
  } catch (error) {
    return { problem: `${named} could not be copied under the letters (${(error as Error).message}): print it to a new PDF and name that file.` };
  }
  return { letterhead: { document, continuationSheet: pages.length > 1 } };
}

/** The crop box, what a viewer shows and a printer prints; embedded, its corner lands on the letter page's. */
function printedBox(page: PDFPage): { left: number; bottom: number; right: number; top: number } {
  const { x, y, width, height } = page.getCropBox();
  return { left: x, bottom: y, right: x + width, top: y + height };
}

/** Why a page is not A4 portrait, in words; '' when it is. */
function notA4(page: PDFPage): string {
  const { width, height } = page.getCropBox();
  const size = `${(width / MM).toFixed(1)} × ${(height / MM).toFixed(1)} mm`;
  const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE;
  if (page.getRotation().angle % 360 !== 0) return `is turned (rotated ${page.getRotation().angle}°)`;
  if (near(width, A4.height) && near(height, A4.width)) return `is A4 on its side (landscape, ${size})`;
  if (!near(width, A4.width) || !near(height, A4.height)) return `is ${size}, not A4 (210.0 × 297.0 mm)`;
  return '';
}

/**
 * The letters with the letterhead under each page: `letterStarts` holds the page numbers (from 1)
 * where a letter begins; the other pages are its continuation pages.
 */
export async function layLetterheadUnder(letters: Uint8Array, letterhead: Letterhead, letterStarts: ReadonlySet<number>): Promise<Uint8Array> {
  // updateMetadata false: the PDF keeps the title and creator pdfkit gave it.
  const out = await PDFDocument.load(letters, { updateMetadata: false });
  const sheets = letterhead.document.getPages().slice(0, letterhead.continuationSheet ? 2 : 1);
  const [first, continuation = first] = await out.embedPages(sheets, sheets.map(printedBox));
  for (const [index, page] of out.getPages().entries()) {
    const sheet = letterStarts.has(index + 1) ? first! : continuation!;
    const name = page.node.newXObject('Letterhead', sheet.ref);
    const under = out.context.register(out.context.contentStream([pushGraphicsState(), drawObject(name), popGraphicsState()]));
    // normalize() (by newXObject) made Contents an array; the drawing goes first, so the letter is printed over it.
    (page.node.Contents() as PDFArray).insert(0, under);
  }
  return out.save();
}
