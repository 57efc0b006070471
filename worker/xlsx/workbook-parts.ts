/**
 * What a sheet's cells need from the rest of the package (ECMA-376 SpreadsheetML): where each
 * sheet's part is, the shared strings its `t="s"` cells point into, which cell styles format a
 * number as a date, and whether the workbook counts days from 1904.
 *
 * Dates are told the way exceljs 4.4.0 tells them, so a sheet reads as it did through exceljs: a
 * style is a date style when its number format is one of Excel's built-in date formats (14–22,
 * 45–47) or a format with y, m, d, h, M, s or b outside quotes and brackets.
 */
import { posix } from 'node:path';
import type JSZip from 'jszip';
import { SaxesParser } from 'saxes';

/** A tag's name without its namespace prefix: some writers spell `<x:c>` for `<c>`. */
export const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The parser every part is read with: no position tracking, which the reading does not need and costs time. */
export function partParser(): SaxesParser {
  return new SaxesParser({ position: false });
}

async function partText(zip: JSZip, part: string): Promise<string | null> {
  return (await zip.file(part)?.async('string')) ?? null;
}

/** Every `<name …>` start tag of a small part, as its attributes (workbook.xml and its relationships). */
function startTags(xml: string, name: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const parser = partParser();
  parser.on('opentag', (tag) => {
    if (localName(tag.name) === name) found.push(tag.attributes as Record<string, string>);
  });
  parser.write(xml).close();
  return found;
}

export interface WorkbookPart {
  /** Sheet name → its part in the zip ("xl/worksheets/sheet3.xml"), in the workbook's order. */
  sheets: Map<string, string>;
  /** Serial numbers count from 1904 (old Mac workbooks) instead of 1900. */
  date1904: boolean;
}

/** The workbook part and its relationships: where each sheet is, and its date system. */
export async function workbookPart(zip: JSZip): Promise<WorkbookPart> {
  const workbook = await partText(zip, 'xl/workbook.xml');
  if (workbook === null) throw new Error('it has no xl/workbook.xml');
  const targets = new Map<string, string>();
  for (const { Id, Target } of startTags((await partText(zip, 'xl/_rels/workbook.xml.rels')) ?? '<Relationships/>', 'Relationship')) {
    // Relative to xl/ (as Excel writes them), or absolute from the package root (as openpyxl does).
    if (Id && Target) targets.set(Id, Target.startsWith('/') ? Target.slice(1) : posix.normalize(posix.join('xl', Target)));
  }
  const sheets = new Map<string, string>();
  let date1904 = false;
  const parser = partParser();
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    const name = localName(tag.name);
    if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    if (name !== 'sheet') return;
    const id = Object.entries(attributes).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1];
    const target = targets.get(id ?? '');
    if (attributes.name && target) sheets.set(attributes.name, target);
  });
  parser.write(workbook).close();
  return { sheets, date1904 };
}

/**
 * The shared strings (`xl/sharedStrings.xml`), each as its text: rich-text runs joined, phonetic
 * readings (`<rPh>`) left out. An `<si>` with no text at all is null, as exceljs gave it.
 */
export async function sharedStrings(zip: JSZip): Promise<(string | null)[]> {
  const xml = await partText(zip, 'xl/sharedStrings.xml');
  const strings: (string | null)[] = [];
  if (xml === null) return strings;
  const text = new TextRuns();
  const parser = partParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') text.start();
    else text.open(name);
  });
  parser.on('text', (t) => text.add(t));
  parser.on('cdata', (t) => text.add(t));
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') strings.push(text.end());
    else text.close(name);
  });
  parser.write(xml).close();
  return strings;
}

/**
 * The text of a string item (`<si>`, or a cell's `<is>`): every `<t>` in it, whether alone or in
 * rich-text runs, except those of phonetic readings. `_xHHHH_` escapes (how Excel writes a
 * carriage return, say) are decoded.
 */
export class TextRuns {
  private parts: string[] = [];
  private inT = false;
  private inPhonetic = false;
  private sawT = false;

  start(): void {
    this.parts = [];
    this.inT = false;
    this.inPhonetic = false;
    this.sawT = false;
  }

  open(name: string): void {
    if (name === 'rPh') this.inPhonetic = true;
    else if (name === 't' && !this.inPhonetic) {
      this.inT = true;
      this.sawT = true;
    }
  }

  close(name: string): void {
    if (name === 'rPh') this.inPhonetic = false;
    else if (name === 't') this.inT = false;
  }

  add(text: string): void {
    if (this.inT) this.parts.push(text);
  }

  /** The text, or null when the item held no `<t>`. */
  end(): string | null {
    if (!this.sawT) return null;
    return this.parts.join('').replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** Excel's built-in number formats that show a date or a time (ECMA-376 §18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A custom format that shows a date or time: y, m, d, h, M, s or b outside [..] and "..", as exceljs tells it. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (`s="n"`, an index into cellXfs), whether it formats a number as a date. */
export async function dateStyles(zip: JSZip): Promise<boolean[]> {
  const xml = await partText(zip, 'xl/styles.xml');
  if (xml === null) return [];
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  const open: string[] = [];
  const parser = partParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    const parent = open[open.length - 1];
    // Only the workbook's formats and cell styles: dxfs and cellStyleXfs hold numFmt and xf too.
    if (name === 'numFmt' && parent === 'numFmts') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
    if (name === 'xf' && parent === 'cellXfs') formatIds.push(Number(attributes.numFmtId ?? 0));
    if (!tag.isSelfClosing) open.push(name);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
  });
  parser.write(xml).close();
  return formatIds.map((id) => {
    if (!id) return false;
    const code = custom.get(id);
    return code !== undefined && code !== '' ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}
