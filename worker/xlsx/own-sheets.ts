/**
 * The garage's own sheets: any sheet in its workbook that Retention Desk did not make (a price
 * list, a call sheet, a pivot of last month's figures typed by hand). A rebuild rewrites the whole
 * file, so these are read back as exceljs worksheets and written again after the plan's sheets,
 * with their values, formulas, styles, widths, heights, merged cells, notes, hyperlinks, dropdowns,
 * conditional formats, print setup and tables.
 *
 * What exceljs cannot carry (charts, pictures, shapes, pivot tables, form controls) would be lost,
 * so a sheet holding any of them stops the build before anything is written: `ownSheetLosses`
 * says which and what to do.
 */
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import type { TableSpec } from './stream-tables.ts';
import { SHEET_ORDER } from '../../core/index.ts';

/** Relationship types from a sheet to parts exceljs drops when it writes a sheet again. */
const LOST_PARTS: Record<string, string> = {
  drawing: 'a chart, picture or shape',
  pivotTable: 'a pivot table',
  oleObject: 'an embedded object',
  ctrlProp: 'a form control',
  image: 'a background picture',
};

const OURS = new Set<string>(SHEET_ORDER);

/** True for a sheet Retention Desk did not make. */
export function isOwnSheet(name: string): boolean {
  return !OURS.has(name);
}

/**
 * What a rewrite would lose from the garage's own sheets, one line each, from the sheets'
 * relationship parts; empty when everything can be carried over.
 */
export async function ownSheetLosses(zip: JSZip, parts: ReadonlyMap<string, string>): Promise<string[]> {
  const losses: string[] = [];
  for (const [name, part] of parts) {
    if (!isOwnSheet(name)) continue;
    const slash = part.lastIndexOf('/');
    const rels = await zip.file(`${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`)?.async('string');
    if (!rels) continue;
    const kinds = new Set<string>();
    for (const [, type] of rels.matchAll(/Type="[^"]*\/([A-Za-z]+)"/g)) {
      const what = LOST_PARTS[type!];
      if (what) kinds.add(what);
    }
    for (const what of kinds) {
      losses.push(`your sheet "${name}" has ${what}, which Retention Desk cannot carry over when it rewrites the workbook; move that sheet to a workbook of its own (right-click the tab, Move or Copy…), then build again`);
    }
  }
  return losses;
}

/** exceljs's in-memory worksheet model carries these, though its typings leave some out. */
interface LoadedSheet extends ExcelJS.Worksheet {
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
  dataValidations: { model: Record<string, ExcelJS.DataValidation> };
  model: ExcelJS.WorksheetModel & { merges?: string[] };
}

interface StreamedSheet {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/** Writes one of the garage's own sheets into the streaming workbook; returns its tables for streamExtras. */
export function writeOwnSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ExcelJS.Worksheet): { worksheet: ExcelJS.Worksheet; tables: TableSpec[] } {
  const loaded = source as LoadedSheet;
  const target = workbook.addWorksheet(source.name, {
    views: source.views,
    pageSetup: source.pageSetup,
    headerFooter: source.headerFooter,
    properties: source.properties,
    state: source.state,
  });
  target.columns = source.columns.map((c) => ({ width: c.width, hidden: c.hidden, style: c.style, outlineLevel: c.outlineLevel }));
  source.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const copy = target.getRow(rowNumber);
    if (row.height) copy.height = row.height;
    copy.hidden = row.hidden;
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      // A merged cell's value lives on its master; mergeCells below joins them again.
      if (cell.isMerged && cell.master !== cell) return;
      const to = copy.getCell(colNumber);
      to.value = cell.value;
      to.style = cell.style;
      if (cell.note) to.note = cell.note;
    });
    copy.commit();
  });
  for (const range of loaded.model.merges ?? []) target.mergeCells(range);
  for (const cf of loaded.conditionalFormattings ?? []) target.addConditionalFormatting(cf);
  for (const [address, validation] of Object.entries(loaded.dataValidations?.model ?? {})) {
    (target as unknown as StreamedSheet).dataValidations.add(address, validation);
  }
  const tables = source.getTables().map((entry): TableSpec => {
    const table = (entry as unknown as { table: { name: string; tableRef?: string; ref?: string; columns: { name: string }[] } }).table;
    return { name: table.name, ref: table.tableRef ?? table.ref ?? '', headers: table.columns.map((c) => c.name) };
  });
  return { worksheet: target, tables: tables.filter((t) => t.ref !== '') };
}
