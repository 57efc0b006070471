/**
 * Reads a workbook back for its kept sheets and the user's edits: each sheet's header row (row 1,
 * from column A up to the first blank header) and the rows under it, as plain cells, dates as
 * IsoDate strings. Blank rows are left out; cellAddress still names the right cell.
 *
 * Only the sheets asked for: a 100,000-customer workbook holds ten million cells, which exceljs's
 * in-memory reader cannot hold in a default Node heap. exceljs's streaming reader would skip them,
 * but it loses worksheets now and then when they come before the workbook part in the zip (as
 * its own streaming writer puts them), which here would mean lost edits. So the zip is opened
 * with JSZip, every sheet not asked for is replaced by an empty one, and exceljs's in-memory
 * reader, which is reliable, reads what is left.
 *
 * @example
 * const { sheets } = await readWorkbook('retention.xlsx', { sheets: ['Settings', 'Schedule', 'Contact Log'] });
 * settingsFromRows(sheets.get('Settings')!);
 */
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cellValue } from './cell-values.ts';
import { ownSheetLosses } from './own-sheets.ts';
import { columnLetter, isDateCell, type SheetCell, type SheetTable } from '../../core/index.ts';

export interface ReadSheet extends SheetTable {
  cellAddress: (rowIndex: number, colIndex: number) => string;
}

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

/** A cell as the sheet readers take it: dates as IsoDate. */
function plain(value: ExcelJS.CellValue | undefined): SheetCell {
  const cell = cellValue(value);
  return isDateCell(cell) ? cell.date : cell;
}

const isBlank = (cell: SheetCell) => cell === null || String(cell).trim() === '';

function readSheet(name: string, worksheet: ExcelJS.Worksheet): ReadSheet {
  const headers: string[] = [];
  const rows: SheetCell[][] = [];
  const rowNumbers: number[] = [];
  worksheet.eachRow((row) => {
    if (row.number === 1) {
      for (let c = 1; ; c++) {
        const text = plain(row.getCell(c).value);
        if (text === null || isBlank(text)) break;
        headers.push(String(text).trim());
      }
      return;
    }
    const cells = headers.map((_, c) => plain(row.getCell(c + 1).value));
    if (cells.every(isBlank)) return;
    rows.push(cells);
    rowNumbers.push(row.number);
  });
  return {
    sheet: name,
    headers,
    rows,
    cellAddress: (rowIndex, colIndex) => {
      const row = rowNumbers[rowIndex] ?? rowIndex + 2;
      // No such column: the whole row, as Excel names it (7:7).
      return colIndex < 0 ? `${row}:${row}` : `${columnLetter(colIndex)}${row}`;
    },
  };
}

const EMPTY_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';

function xmlAttributes(tag: string): Record<string, string> {
  const decode = (v: string) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
}

/** Sheet name → its part in the zip ("xl/worksheets/sheet3.xml"), from the workbook part and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const [tag] of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const { Id, Target } = xmlAttributes(tag);
    if (Id && Target) targets.set(Id, Target.startsWith('/') ? Target.slice(1) : `xl/${Target}`);
  }
  const parts = new Map<string, string>();
  for (const [tag] of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const attributes = xmlAttributes(tag);
    const target = targets.get(attributes['r:id'] ?? '');
    if (attributes.name && target) parts.set(attributes.name, target);
  }
  return parts;
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

export async function readWorkbook(path: string, options: ReadOptions = {}): Promise<ReadWorkbook> {
  return readWorkbookBytes(await readFile(path), options);
}

/** readWorkbook for bytes already read (the caller keeps them to tell later whether the file changed). */
export async function readWorkbookBytes(fileBytes: Uint8Array, options: ReadOptions = {}): Promise<ReadWorkbook> {
  const isWhole = options.whole ?? (() => false);
  const isWanted = (name: string) => !options.sheets || options.sheets.includes(name);
  const zip = await JSZip.loadAsync(fileBytes);
  await relativeRelationshipTargets(zip);
  const parts = await sheetParts(zip);
  for (const [name, part] of parts) {
    if (!isWanted(name) && !isWhole(name) && zip.file(part)) zip.file(part, EMPTY_SHEET);
  }
  const wholeLosses = await ownSheetLosses(zip, new Map([...parts].filter(([name]) => isWhole(name))));
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, ReadSheet>();
  const whole: ExcelJS.Worksheet[] = [];
  workbook.eachSheet((worksheet) => {
    if (isWhole(worksheet.name)) whole.push(worksheet);
    else if (isWanted(worksheet.name)) sheets.set(worksheet.name, readSheet(worksheet.name, worksheet));
  });
  return { sheets, whole, wholeLosses };
}
