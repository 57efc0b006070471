/**
 * What laying the garage's letterhead PDF under the letters costs: the time to write a run's
 * letters PDF with the drawn letterhead, against the same letters on a letterhead PDF (a logo
 * picture, a coloured band and text, as a letterhead exported from Word has), and the files' sizes.
 *
 *   node --import tsx bench/letters.ts     # 500 letters, best of 3
 */
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { RenderedLetter } from '../core/index.ts';
import { DL_WINDOW, lettersPdf } from '../worker/channels/letters-pdf.ts';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'retention-bench-letters-'));

/** A 600 × 200 RGB PNG with a gradient, standing in for the garage's logo. */
function logoPng(): Buffer {
  const [width, height] = [600, 200];
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, ((x ^ y) & 0xff) / 2], y * (width * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

async function letterheadPdf(path: string): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  const written = new Promise<void>((resolve) => doc.pipe(createWriteStream(path)).on('finish', () => resolve()));
  doc.rect(0, 0, doc.page.width, 110).fill('#1f4e79');
  doc.image(logoPng(), 40, 20, { fit: [210, 70] });
  doc.fillColor('white').font('Helvetica-Bold').fontSize(20).text('WHITFIELD MOTORS', 330, 30, { lineBreak: false });
  doc.font('Helvetica').fontSize(9).text('Unit 4, Mill Lane, Knutsford, WA16 6AA · 01565 496000 · service@whitfield.example', 330, 60, { width: 230 });
  doc.fillColor('#1f4e79').fontSize(7).text('Whitfield Motors Ltd · Registered in England and Wales no. 01234567 · Registered office: Unit 4, Mill Lane, Knutsford', 40, 815, { lineBreak: false });
  doc.end();
  await written;
  return path;
}

const letter: RenderedLetter = {
  channel: 'letter',
  salutation: 'Dear Mrs Harrison,',
  paragraphs: ['Your Nissan Juke (MX73 VCW) is due its MOT on 12 December 2026.', 'Call us on 01565 496000 or book online at whitfield.example/book, and we will have you back on the road the same day.'],
  signOff: ['Yours sincerely,', 'Sarah Whitfield, Service Manager', 'Whitfield Motors'],
  optOut: 'To stop letters like this, call 01565 496000.',
};

async function write(name: string, letterhead: string | null): Promise<{ seconds: number; bytes: number }> {
  const path = join(dir, `${name}.pdf`);
  const started = performance.now();
  const pdf = lettersPdf(path, { window: DL_WINDOW, letterhead: ['Whitfield Motors', 'Unit 4, Mill Lane, Knutsford, WA16 6AA', '01565 496000'], date: '16 November 2026', footer: 'Whitfield Motors Ltd · Registered in England and Wales no. 01234567', letterheadPdf: letterhead });
  for (let n = 0; n < LETTERS; n++) pdf.add(`Mrs Jean Harrison, ${n + 1} High Street, Knutsford, WA16 7HX`, letter);
  await pdf.close();
  return { seconds: (performance.now() - started) / 1000, bytes: statSync(path).size };
}

const stationery = await letterheadPdf(join(dir, 'stationery.pdf'));
const results: Record<string, { seconds: number; bytes: number }> = {};
for (const [name, letterhead] of [['drawn letterhead', null], ['letterhead PDF laid under', stationery]] as const) {
  const runs = [];
  for (let n = 0; n < 3; n++) runs.push(await write(name.replaceAll(' ', '-'), letterhead));
  results[name] = runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));
}
console.log(`Letters PDF, ${LETTERS.toLocaleString('en-GB')} letters (best of 3); letterhead PDF ${(statSync(stationery).size / 1024).toFixed(0)} KB:`);
for (const [name, { seconds, bytes }] of Object.entries(results)) {
  console.log(`  ${name.padEnd(26)} ${seconds.toFixed(2)} s  ${((LETTERS / seconds) | 0).toLocaleString('en-GB')} letters/s  ${(bytes / 1024).toFixed(0)} KB`);
}
