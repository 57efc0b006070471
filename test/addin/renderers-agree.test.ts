/**
 * One plan, two renderers: the sample garage's plan drawn through Office.js (into the fake Excel)
 * and through exceljs (worker/xlsx/write-workbook.ts, read back with exceljs) gives the same
 * workbook: sheets, headers, cells and their types, number formats, dropdowns, conditional formats,
 * tables, frozen headers, widths and print setup.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { officeWorkbookStore } from '../../addin/excel/office-workbook-store.ts';
import { pageSections } from '../../addin/excel/page-codes.ts';
import { columnWidthPoints, PAGE_MARGINS, printArea, TABLE_STYLE } from '../../addin/excel/write-plan.ts';
import type { WorkbookPlan } from '../../core/index.ts';
import { writeWorkbook } from '../../worker/xlsx/write-workbook.ts';
import { samplePlan } from '../core/workbook/sample-garage.ts';
import { FakeExcel, parseAddress, type FakeSheet } from './support/fake-excel.ts';

/** exceljs's document model carries these, though its typings leave them out. */
interface ReadSheetInternals {
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> };
  tables: Record<string, { table: { tableRef: string; style: { theme: string } } }>;
}

const internals = (sheet: ExcelJS.Worksheet) => sheet as unknown as ReadSheetInternals;
const MS_PER_DAY = 86_400_000;

/** A cell as both renderers can say it: blank '', a date as its serial, a formula as its text. */
function xlsxCell(value: ExcelJS.CellValue): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Math.round(value.getTime() / MS_PER_DAY + 25_569);
  if (typeof value === 'object' && 'formula' in value) return `=${value.formula}`;
  return value as string | number | boolean;
}

function officeCell(sheet: FakeSheet, r: number, c: number): string | number | boolean {
  return sheet.formula(r, c) ?? sheet.value(r, c) ?? '';
}

/** Every cell of every row in the area (1-based rows, columns), from both. */
function grid<T>(rows: number, columns: number, cell: (r: number, c: number) => T): T[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => cell(r + 1, c + 1)));
}

/** "A2:A6" → ["A2", …, "A6"]. */
function cellsOf(address: string): string[] {
  const a = parseAddress(address);
  const cells: string[] = [];
  for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) cells.push(`${String.fromCharCode(65 + c)}${r + 1}`);
  return cells;
}

describe('one plan through Office.js and through exceljs', () => {
  // The sample garage: something on every sheet, and names such as =HYPERLINK(…) and +44 Motors.
  const plan: WorkbookPlan = samplePlan();
  let dir: string;
  let book: ExcelJS.Workbook;
  let excel: FakeExcel;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retention-renderers-'));
    await writeWorkbook(plan, join(dir, 'plan.xlsx'));
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'plan.xlsx'));
    excel = new FakeExcel();
    const store = officeWorkbookStore(excel.run);
    await store.readSheets([]);
    await store.write(plan);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const each = (check: (name: string, xlsx: ExcelJS.Worksheet, office: FakeSheet, index: number) => void) => () =>
    plan.sheets.forEach((s, i) => check(s.name, book.getWorksheet(s.name)!, excel.workbook.sheet(s.name)!, i));

  it('has the same sheets in the same order, kept ones with the same tab colour', () => {
    assert.deepEqual(excel.workbook.sheets.map((s) => s.name), book.worksheets.map((s) => s.name));
    for (const sheet of book.worksheets) {
      const argb = sheet.properties.tabColor?.argb;
      assert.equal(excel.workbook.sheet(sheet.name)!.tabColor, argb ? `#${argb.slice(2)}` : '', sheet.name);
    }
  });

  it(
    'has the same headers and cells, of the same types, formulas as formulas',
    each((name, xlsx, office, i) => {
      const sheet = plan.sheets[i]!;
      const rows = 1 + Math.max(sheet.table.rows.length, 1);
      const width = sheet.table.columns.length;
      const fromFile = grid(rows, width, (r, c) => xlsxCell(xlsx.getRow(r).getCell(c).value));
      const fromOffice = grid(rows, width, (r, c) => officeCell(office, r - 1, c - 1));
      assert.deepEqual(fromOffice, fromFile, name);
    }),
  );

  it(
    'has the same number format in every cell, the header row bold',
    each((name, xlsx, office, i) => {
      const sheet = plan.sheets[i]!;
      const rows = 1 + Math.max(sheet.table.rows.length, 1);
      const width = sheet.table.columns.length;
      assert.deepEqual(
        grid(rows, width, (r, c) => office.numberFormat(r - 1, c - 1)),
        grid(rows, width, (r, c) => xlsx.getRow(r).getCell(c).numFmt ?? 'General'),
        name,
      );
      assert.deepEqual(grid(1, width, (_, c) => office.isBold(0, c - 1)), grid(1, width, (_, c) => xlsx.getRow(1).getCell(c).font?.bold === true), name);
    }),
  );

  it(
    'has the same dropdowns on the same cells, with the same error message',
    each((name, xlsx, office) => {
      const fromFile = Object.entries(internals(xlsx).dataValidations.model)
        .filter(([, v]) => v)
        .map(([cell, v]) => [cell, { list: v!.formulae[0], title: v!.errorTitle, message: v!.error, blank: v!.allowBlank }] as const);
      const fromOffice = office.validations.flatMap((v) => {
        const rule = v.rule as { list: { source: string } };
        const alert = v.errorAlert as { title: string; message: string; showAlert: boolean; style: string };
        assert.deepEqual([alert.showAlert, alert.style], [true, 'Stop']);
        return cellsOf(v.address).map((cell) => [cell, { list: `"${rule.list.source}"`, title: alert.title, message: alert.message, blank: v.ignoreBlanks }] as const);
      });
      const byCell = (list: readonly (readonly [string, unknown])[]) => [...list].sort((a, b) => a[0].localeCompare(b[0]));
      assert.deepEqual(byCell(fromOffice), byCell(fromFile), name);
      if (name === 'Due Actions') assert.equal(fromFile.length, 2 * 5, 'Approve and Method on five rows');
    }),
  );

  it(
    'has the same conditional formats over the same ranges, in the same order',
    each((name, xlsx, office) => {
      const areas = (ref: string) => ref.split(/[ ,]+/).map((a) => a.trim()).sort();
      const fromFile = internals(xlsx).conditionalFormattings.flatMap((f) =>
        f.rules.map((rule) =>
          rule.type === 'dataBar'
            ? { areas: areas(f.ref), bar: `#${(rule as unknown as { color: { argb: string } }).color.argb.slice(2)}` }
            : { areas: areas(f.ref), formula: `=${(rule as ExcelJS.ExpressionRuleType).formulae![0]}`, fill: `#${(rule as ExcelJS.ExpressionRuleType).style!.fill!.type === 'pattern' ? ((rule as ExcelJS.ExpressionRuleType).style!.fill as ExcelJS.FillPattern).bgColor!.argb!.slice(2) : ''}` },
        ),
      );
      const fromOffice = office.conditionalFormats.map((f) => (f.type === 'DataBar' ? { areas: [...f.areas].sort(), bar: f.dataBar.fillColor } : { areas: [...f.areas].sort(), formula: f.formula, fill: f.fill }));
      assert.deepEqual(fromOffice, fromFile, name);
      if (name === 'Customers') assert.equal(fromFile.length, 8, 'a highlight for each contact item');
    }),
  );

  it(
    'makes the same Excel table over header and rows, with the same style',
    each((name, xlsx, office) => {
      const fromFile = Object.entries(internals(xlsx).tables).map(([table, { table: t }]) => [table, t.tableRef, t.style.theme]);
      const fromOffice = excel.workbook.tablesOn(office).map((t) => [t.name, t.address, t.style]);
      assert.deepEqual(fromOffice, fromFile, name);
      assert.equal(fromOffice[0]?.[2], TABLE_STYLE);
    }),
  );

  it(
    'freezes the header row and gives each column the same width, hiding and wrapping',
    each((name, xlsx, office, i) => {
      assert.equal(office.frozenRows, xlsx.views[0]?.state === 'frozen' ? (xlsx.views[0] as ExcelJS.WorksheetViewFrozen).ySplit : 0, name);
      plan.sheets[i]!.table.columns.forEach((_, c) => {
        const column = xlsx.getColumn(c + 1);
        assert.equal(office.columnWidths.get(c), columnWidthPoints(column.width!), `${name} column ${c + 1} width`);
        assert.equal(office.hiddenColumns.has(c), column.hidden === true, `${name} column ${c + 1} hidden`);
        const wrapped = office.wrapped.find((w) => w.area.c0 <= c && w.area.c1 >= c);
        assert.deepEqual(wrapped ? [true, wrapped.verticalAlignment] : [false], column.alignment?.wrapText ? [true, 'Top'] : [false], `${name} column ${c + 1} wrap`);
      });
    }),
  );

  it(
    'prints the same: landscape A4, pages wide, margins, the header row repeated, the print area, header and footer',
    each((name, xlsx, office, i) => {
      const setup = xlsx.pageSetup;
      const margins = setup.margins!;
      assert.deepEqual(
        {
          orientation: office.page.orientation,
          paper: office.page.paperSize,
          wide: (office.page.zoom as { horizontalFitToPages: number }).horizontalFitToPages,
          tall: (office.page.zoom as { verticalFitToPages: number }).verticalFitToPages,
          gridlines: office.page.printGridlines,
          margins: [office.page.leftMargin, office.page.rightMargin, office.page.topMargin, office.page.bottomMargin, office.page.headerMargin, office.page.footerMargin],
          titles: office.printTitleRows.replace(/\$/g, ''),
          area: office.printArea,
        },
        {
          orientation: setup.orientation === 'landscape' ? 'Landscape' : setup.orientation,
          paper: setup.paperSize === 9 ? 'A4' : setup.paperSize,
          wide: setup.fitToWidth,
          tall: setup.fitToHeight,
          gridlines: setup.showGridLines,
          margins: [margins.left, margins.right, margins.top, margins.bottom, margins.header, margins.footer].map((inches) => Math.round(inches * 72 * 10) / 10),
          titles: setup.printTitlesRow,
          // The file leaves the print area out when every column prints; Office.js is given all of them.
          area: setup.printArea ?? printArea(plan.sheets[i]!),
        },
        name,
      );
      assert.equal(office.page.leftMargin, PAGE_MARGINS.leftMargin);
      const sections = (codes: string | undefined) => pageSections(codes ?? '');
      const headers = office.headersFooters;
      assert.deepEqual({ left: headers.leftHeader, center: headers.centerHeader, right: headers.rightHeader }, sections(xlsx.headerFooter.oddHeader), `${name} header`);
      assert.deepEqual({ left: headers.leftFooter, center: headers.centerFooter, right: headers.rightFooter }, sections(xlsx.headerFooter.oddFooter), `${name} footer`);
    }),
  );
});
