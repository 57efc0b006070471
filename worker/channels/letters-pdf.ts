/**
 * The run's letters as one print-ready A4 PDF (pdfkit), a letter a page (more when long): the
 * garage's letterhead, the date, the customer's address where a DL window envelope shows it,
 * salutation, body, sign-off and, on marketing letters, how to opt out.
 *
 * The window: a UK DL window envelope shows an address block 20 mm from the left edge and 50 mm
 * from the top, 90 mm × 35 mm, when the A4 sheet is folded in three (the common "left window"
 * position). `window` moves it for other envelopes.
 *
 * With the garage's stationery as a PDF (`letterheadPdf`), its pages are laid under the letters
 * when the run's PDF is finished (letterhead-pdf.ts), and the drawn letterhead and logo are left
 * off: the stationery carries them.
 */
import { createWriteStream } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import PDFDocument from 'pdfkit';
import type { RenderedLetter } from '../../core/index.ts';
import { layLetterheadUnder, readLetterhead } from './letterhead-pdf.ts';

const mm = (millimetres: number) => (millimetres * 72) / 25.4;

export interface LetterLayout {
  /** The address window, in millimetres from the sheet's top-left corner. */
  window: { left: number; top: number; width: number; height: number };
  /** The garage's name, then its address and contact lines, at the top of every letter. */
  letterhead: string[];
  /** "16 November 2026": the letters' date as the garage writes it. */
  date: string;
  /** A PNG or JPEG at the top left of every letter. */
  logo?: string | null;
  /** A limited company's registered name, number and office, at the foot of every page. */
  footer?: string;
  /** The garage's printed stationery as an A4 PDF, laid under every page in place of the drawn letterhead and logo. */
  letterheadPdf?: string | null;
}

/** Continuation pages on stationery start below where its header is printed (about 40 mm on common A4 letterheads). */
const STATIONERY_HEADER = mm(40);

export const DL_WINDOW = { left: 20, top: 50, width: 90, height: 35 };

export interface LettersPdf {
  readonly fileName: string;
  /** Adds a letter; returns the page it starts on. */
  add(address: string, letter: RenderedLetter): number;
  close(): Promise<void>;
}

export function lettersPdf(path: string, layout: LetterLayout = { window: DL_WINDOW, letterhead: [], date: '' }): LettersPdf {
  let doc: PDFKit.PDFDocument | null = null;
  let done: Promise<void> = Promise.resolve();
  let pages = 0;
  const letterStarts = new Set<number>();

  // Made with the first letter: a run with no letters leaves no empty PDF behind.
  function open(): PDFKit.PDFDocument {
    const made = new PDFDocument({ size: 'A4', margins: { top: layout.letterheadPdf ? STATIONERY_HEADER : mm(15), bottom: mm(20), left: mm(20), right: mm(20) }, autoFirstPage: false, info: { Title: 'Letters', Creator: 'Retention Desk' } });
    // Written under .part and named only when whole: a run killed half-way leaves no PDF that looks finished.
    const out = createWriteStream(`${path}.part`);
    made.pipe(out);
    made.on('pageAdded', () => (pages += 1));
    done = new Promise((resolve, reject) => {
      out.on('finish', () => resolve());
      out.on('error', reject);
    });
    return made;
  }

  return {
    fileName: basename(path),
    add(address, letter) {
      doc ??= open();
      doc.addPage();
      const first = pages;
      letterStarts.add(first);
      if (layout.logo && !layout.letterheadPdf) doc.image(layout.logo, mm(20), mm(12), { fit: [mm(50), mm(25)] });
      const [name = '', ...rest] = layout.letterheadPdf ? [] : layout.letterhead;
      if (name) doc.font('Helvetica-Bold').fontSize(16).text(name, { align: 'right' });
      if (rest.length > 0) doc.font('Helvetica').fontSize(9).text(rest.join('\n'), { align: 'right' });
      const { window } = layout;
      const lines = address.split(/\s*,\s*/).filter(Boolean);
      doc.font('Helvetica').fontSize(11).text(lines.join('\n'), mm(window.left + 4), mm(window.top + 4), { width: mm(window.width - 8), height: mm(window.height - 8), lineGap: 1 });
      const body = { width: doc.page.width - mm(40) };
      doc.text(layout.date, mm(20), mm(window.top + window.height + 10), { ...body, align: 'right' });
      doc.moveDown(2).text(letter.salutation, mm(20), undefined, body).moveDown();
      for (const paragraph of letter.paragraphs) doc.text(paragraph, body).moveDown();
      const [closing = '', ...signer] = letter.signOff;
      // Room for a signature between the closing and the signer.
      doc.text(closing, body).moveDown(3).text(signer.join('\n'), body);
      if (letter.optOut) doc.moveDown(2).fontSize(8).text(letter.optOut, body);
      if (layout.footer) {
        // Inside the bottom margin, where the body never reaches; pdfkit would add a page for text below it.
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc.fontSize(7).text(layout.footer, mm(20), doc.page.height - mm(12), { ...body, align: 'center', lineBreak: false });
        doc.page.margins.bottom = bottom;
      }
      return first;
    },
    async close() {
      if (!doc) return;
      doc.end();
      await done;
      if (layout.letterheadPdf) {
        // Read again now, not trusted from when the run began: a letterhead that cannot be used fails the letters, never prints them bare.
        const read = await readLetterhead(layout.letterheadPdf);
        if ('problem' in read) throw new Error(read.problem);
        await writeFile(`${path}.part`, await layLetterheadUnder(await readFile(`${path}.part`), read.letterhead, letterStarts));
      }
      await rename(`${path}.part`, path);
    },
  };
}

/** A limited company's footer: its registered name, number and office; '' for a sole trader. */
export function companyFooter(settings: { companyName?: string; companyNumber?: string; registeredOffice?: string }): string {
  if (!settings.companyName) return '';
  return [settings.companyName, settings.companyNumber && `Registered in England and Wales no. ${settings.companyNumber}`, settings.registeredOffice && `Registered office: ${settings.registeredOffice}`]
    .filter(Boolean)
    .join(' · ');
}
