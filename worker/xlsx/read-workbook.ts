/**
 * Reads a workbook back for its kept sheets and the user's edits: each sheet's header row (row 1,
 * from column A up to the first blank header) and the rows under it, as plain cells, dates as
 * IsoDate strings. Blank rows are left out; cellAddress still names the right cell.
 *
 * Only the sheets asked for, and without a spreadsheet model: a 100,000-customer workbook holds
 * ten million cells. The zip is opened once; the shared strings and the styles (to tell dates) are
 * read, then each sheet asked for is parsed from its XML (sheet-xml.ts). exceljs's streaming
 * reader is not used: it loses worksheets now and then when they come before the workbook part in
 * the zip (as its own streaming writer puts them), which here would mean lost edits.
 *
 * The garage's own sheets (`whole`) are carried over with their styles, tables and the rest, so
 * those still need exceljs's in-memory model: when there are any, exceljs reads a copy of the
 * workbook in which every other sheet is replaced by an empty one.
 *
 * @example
 * const { sheets } = await readWorkbook('retention.xlsx', { sheets: ['Settings', 'Schedule', 'Contact Log'] });
 * settingsFromRows(sheets.get('Settings')!);
 */
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ownSheetLosses } from './own-sheets.ts';
import { readSheetXml, type ReadSheet, type SheetContext } from './sheet-xml.ts';
import { dateStyles, sharedStrings, workbookPart } from './workbook-parts.ts';

export type { ReadSheet } from './sheet-xml.ts';

export interface ReadWorkbook {
  sheets: Map<string, ReadSheet>;
  /** The sheets asked for whole, as exceljs loaded them (the garage's own sheets, to carry over). */
  whole: ExcelJS.Worksheet[];
  /** What a rewrite would lose from the sheets asked for whole (see ownSheetLosses). */
  wholeLosses: string[];
}

export interface ReadOptions {
  /** The sheets to read; the others are skipped unparsed. Default: every sheet. */
  sheets?: readonly string[];
  /** Sheets to hand back whole, besides: those the name test picks. */
  whole?: (name: string) => boolean;
}

const EMPTY_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';

function xmlAttributes(tag: string): Record<string, string> {
  const decode = (v: string) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
}

/**
 * Rewrites each absolute relationship target ("/xl/tables/table1.xml", as openpyxl writes them)
 * as the relative one Excel writes ("../tables/table1.xml", relative to the part that owns the
 * relationship). exceljs 4.4.0 looks a sheet's tables up by the relative form only, and fails
 * on a workbook with absolute ones (exceljs issue 1468).
 */
export async function relativeRelationshipTargets(zip: JSZip): Promise<void> {
  for (const relsPart of Object.keys(zip.files).filter((name) => name.endsWith('.rels'))) {
    const xml = await zip.file(relsPart)!.async('string');
    // "xl/worksheets/_rels/sheet1.xml.rels" belongs to a part in xl/worksheets; "_rels/.rels" to the package.
    const owner = `/${posix.dirname(posix.dirname(relsPart))}`;
    const rewritten = xml.replace(/<Relationship\b[^>]*>/g, (tag) => {
      const { Target, TargetMode } = xmlAttributes(tag);
      if (!Target?.startsWith('/') || TargetMode === 'External') return tag;
      const relative = posix.relative(owner, Target).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
      return tag.replace(/\bTarget="[^"]*"/, `Target="${relative}"`);
    });
    if (rewritten !== xml) zip.file(relsPart, rewritten);
  }
}

/** The garage's own sheets through exceljs's in-memory reader, every other sheet emptied first. */
async function wholeSheets(zip: JSZip, parts: ReadonlyMap<string, string>, isWhole: (name: string) => boolean): Promise<ExcelJS.Worksheet[]> {
  for (const [name, part] of parts) {
    if (!isWhole(name) && zip.file(part)) zip.file(part, EMPTY_SHEET);
  }
  await relativeRelationshipTargets(zip);
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.filter((worksheet) => isWhole(worksheet.name));
}

export async function readWorkbook(path: string, options: ReadOptions = {}): Promise<ReadWorkbook> {
  return readWorkbookBytes(await readFile(path), options);
}

/** readWorkbook for bytes already read (the caller keeps them to tell later whether the file changed). */
export async function readWorkbookBytes(fileBytes: Uint8Array, options: ReadOptions = {}): Promise<ReadWorkbook> {
  const isWhole = options.whole ?? (() => false);
  const isWanted = (name: string) => !isWhole(name) && (!options.sheets || options.sheets.includes(name));
  const zip = await JSZip.loadAsync(fileBytes);
  const { sheets: parts, date1904 } = await workbookPart(zip);
  const sheets = new Map<string, ReadSheet>();
  const wanted = [...parts].filter(([name, part]) => isWanted(name) && zip.file(part));
  if (wanted.length > 0) {
    const context: SheetContext = { sharedStrings: await sharedStrings(zip), dateStyles: await dateStyles(zip), date1904 };
    for (const [name, part] of wanted) sheets.set(name, readSheetXml(name, await zip.file(part)!.async('string'), context));
  }
  const ownParts = new Map([...parts].filter(([name]) => isWhole(name)));
  const wholeLosses = await ownSheetLosses(zip, ownParts);
  // Last: it rewrites the zip's sheets in place.
  const whole = ownParts.size > 0 ? await wholeSheets(zip, parts, isWhole) : [];
  return { sheets, whole, wholeLosses };
}
