/**
 * Excel tables and data bars for exceljs's streaming writer, which has neither: exceljs 4.4's
 * WorkbookWriter cannot add tables, and its dataBar rule points at an x14 extension the streaming
 * writer never writes (Excel would "repair" the file). So we write those parts ourselves:
 *
 * - a table part (xl/tables/tableN.xml), a relationship from the sheet to it, a <tableParts>
 *   element closing the sheet, and a content-type override;
 * - a plain 2007-style <dataBar> conditional format, which every Excel since 2007 draws;
 * - <printOptions>, which the streaming writer drops (its in-memory writer keeps it).
 *
 * This leans on five internals of exceljs 4.4.0 (named below); the round-trip and second-reader (SheetJS) tests
 * fail loudly if an upgrade moves them.
 */
import type ExcelJS from 'exceljs';

/** The parts of exceljs's streaming writers we reach into (exceljs 4.4.0, lib/stream/xlsx/*). */
interface WorksheetInternals {
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeCloseWorksheet(): void;
  _writeConditionalFormatting(): void;
  _writePageMargins(): void;
  stream: { write(text: string): void };
}

interface WorkbookInternals {
  zip: { append(source: unknown, data: { name: string }): unknown };
}

const TABLE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';
const TABLE_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';

export interface TableSpec {
  name: string;
  /** "A1:O5": header row and data rows. */
  ref: string;
  headers: readonly string[];
}

export interface DataBarSpec {
  /** "D2:D9" */
  ref: string;
  min: number;
  max: number;
  argb: string;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tableXml(id: number, spec: TableSpec): string {
  const columns = spec.headers.map((h, i) => `<tableColumn id="${i + 1}" name="${xml(h)}"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${xml(spec.name)}" displayName="${xml(spec.name)}" ref="${spec.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${spec.ref}"/>` +
    `<tableColumns count="${spec.headers.length}">${columns}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    '</table>'
  );
}

function dataBarXml(spec: DataBarSpec, priority: number): string {
  return (
    `<conditionalFormatting sqref="${spec.ref}"><cfRule type="dataBar" priority="${priority}"><dataBar>` +
    `<cfvo type="num" val="${spec.min}"/><cfvo type="num" val="${spec.max}"/><color rgb="${spec.argb}"/>` +
    '</dataBar></cfRule></conditionalFormatting>'
  );
}

/** Adds tables and data bars to a streaming workbook; call before each sheet is committed. */
export function streamExtras(workbook: ExcelJS.stream.xlsx.WorkbookWriter) {
  const book = workbook as unknown as WorkbookInternals;
  const tableFiles: string[] = [];
  const append = book.zip.append.bind(book.zip);
  book.zip.append = (source, data) => {
    if (data.name === '[Content_Types].xml' && typeof source === 'string' && tableFiles.length > 0) {
      const overrides = tableFiles.map((f) => `<Override PartName="/xl/tables/${f}" ContentType="${TABLE_CONTENT_TYPE}"/>`).join('');
      return append(source.replace('</Types>', `${overrides}</Types>`), data);
    }
    return append(source, data);
  };

  return {
    /** The sheet's tables and data bars, written when the sheet is committed. */
    decorate(worksheet: ExcelJS.Worksheet, tables: readonly TableSpec[], dataBars: readonly DataBarSpec[]): void {
      const sheet = worksheet as unknown as WorksheetInternals;
      if (worksheet.pageSetup.showGridLines) {
        const margins = sheet._writePageMargins.bind(sheet);
        sheet._writePageMargins = () => {
          // <printOptions> comes just before <pageMargins> in a sheet.
          sheet.stream.write('<printOptions gridLines="1"/>');
          margins();
        };
      }
      const parts: string[] = [];
      for (const spec of tables) {
        const id = tableFiles.length + 1;
        const file = `table${id}.xml`;
        tableFiles.push(file);
        append(tableXml(id, spec), { name: `xl/tables/${file}` });
        parts.push(sheet._sheetRelsWriter.addRelationship({ Type: TABLE_REL, Target: `../tables/${file}` }));
      }
      if (dataBars.length > 0) {
        const writeFormats = sheet._writeConditionalFormatting.bind(sheet);
        sheet._writeConditionalFormatting = () => {
          writeFormats();
          // Priorities after exceljs's own rules, which count up from 1.
          dataBars.forEach((bar, i) => sheet.stream.write(dataBarXml(bar, 1000 + i)));
        };
      }
      if (parts.length > 0) {
        const close = sheet._writeCloseWorksheet.bind(sheet);
        sheet._writeCloseWorksheet = () => {
          // <tableParts> is the last element before </worksheet> (no extLst is written).
          sheet.stream.write(`<tableParts count="${parts.length}">${parts.map((rId) => `<tablePart r:id="${rId}"/>`).join('')}</tableParts>`);
          close();
        };
      }
    },
  };
}
