import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { table, col } from '../../../core/workbook/columns.ts';
import { PRINT_SETUP, type PlanCell, type PlanSheet, type WorkbookPlan } from '../../../core/workbook/plan.ts';
import { NO_ACTIONS_REQUIRED, workbookPlan } from '../../../core/workbook/index.ts';
import { readWorkbook } from '../../../worker/xlsx/read-workbook.ts';
import { isOwnSheet } from '../../../worker/xlsx/own-sheets.ts';
import { writeWorkbook } from '../../../worker/xlsx/write-workbook.ts';
import { sampleInput, samplePlan, sampleRetention } from '../../core/workbook/sample-garage.ts';

/** exceljs's document model carries these, though its typings leave them out. */
interface ReadSheetInternals {
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> };
  tables: Record<string, { table: { tableRef: string; columns: { name: string }[] } }>;
}

function formatsOf(book: ExcelJS.Workbook, sheet: string): ExcelJS.ConditionalFormattingOptions[] {
  return (book.getWorksheet(sheet) as unknown as ReadSheetInternals).conditionalFormattings;
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retention-xlsx-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The plan's cells as a reader gives them back: blanks as null. */
function expected(rows: PlanCell[][]): PlanCell[][] {
  return rows.map((r) => r.map((v) => (v === '' || v === undefined ? null : v)));
}

function oneSheet(name: string, rows: PlanCell[][], type: 'date' | 'text' = 'date'): WorkbookPlan {
  const sheet: PlanSheet = { name, kind: 'data', table: table('Dates', [col('when', 'When', type), col('note', 'Note')], rows), side: null, frozenRows: 1, print: PRINT_SETUP };
  return { asOf: '2026-11-16', sheets: [sheet] };
}

describe('writing the workbook with exceljs and reading it back', () => {
  const plan = samplePlan();
  let path: string;
  let book: ExcelJS.Workbook;
  before(async () => {
    path = join(dir, 'round-trip.xlsx');
    await writeWorkbook(plan, path);
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
  });

  it('has every sheet of the plan, in order', () => {
    assert.deepEqual(
      book.worksheets.map((w) => w.name),
      plan.sheets.map((s) => s.name),
    );
  });

  it('gives back every sheet’s headers and cells as the plan had them', async () => {
    const read = await readWorkbook(path);
    for (const sheet of plan.sheets) {
      const got = read.sheets.get(sheet.name);
      assert.ok(got, sheet.name);
      assert.deepEqual(got.headers, sheet.table.columns.map((c) => c.header), sheet.name);
      // A formula's cell reads as its last result, 0 included (the Audit's Missing).
      const rows = sheet.table.rows.length === 0 && sheet.table.emptyMessage ? [] : expected(sheet.table.rows);
      if (sheet.table.rows.length > 0) assert.deepEqual(got.rows, rows, sheet.name);
    }
  });

  it('makes every sheet one Excel table over its header and rows, summaries on sheets of their own', () => {
    for (const sheet of plan.sheets) {
      const tables = (book.getWorksheet(sheet.name) as unknown as ReadSheetInternals).tables;
      const main = tables[sheet.table.name]?.table;
      assert.ok(main, `${sheet.name} has table ${sheet.table.name}`);
      assert.equal(main.tableRef.split(':')[0], 'A1');
      assert.deepEqual(main.columns.map((c) => c.name), sheet.table.columns.map((c) => c.header));
      assert.equal(Object.keys(tables).length, 1, sheet.name);
    }
    const summary = (book.getWorksheet('Audit Summary') as unknown as ReadSheetInternals).tables;
    assert.equal(summary.AuditSummary?.table.tableRef, 'A1:F3');
  });

  it('freezes the header row and sets up printing as the plan says: landscape A4, pages wide, header repeated', () => {
    for (const sheet of plan.sheets) {
      const ws = book.getWorksheet(sheet.name)!;
      assert.deepEqual([ws.views[0]?.state, (ws.views[0] as { ySplit?: number }).ySplit], ['frozen', 1], sheet.name);
      assert.deepEqual(
        [ws.pageSetup.orientation, ws.pageSetup.paperSize, ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight, ws.pageSetup.printTitlesRow],
        ['landscape', 9, sheet.print.fitToWidth, 0, '1:1'],
        sheet.name,
      );
    }
  });

  it('writes the print area, gridlines, and the header and footer into the sheet XML', async () => {
    const zip = await JSZip.loadAsync(await readFile(path));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const due = plan.sheets.findIndex((s) => s.name === 'Due Actions');
    const rows = plan.sheets[due]!.table.rows.length + 1;
    // Due Actions prints Approve to Reference; Action ID (column O) stays off paper.
    assert.ok(workbookXml.includes(`<definedName name="_xlnm.Print_Area" localSheetId="${due}">&apos;Due Actions&apos;!$A$1:$N$${rows}</definedName>`), workbookXml);
    const customers = plan.sheets.find((s) => s.name === 'Customers')!;
    const sheetXml = await zip.file(`xl/worksheets/sheet${plan.sheets.indexOf(customers) + 1}.xml`)!.async('string');
    assert.match(sheetXml, /<pageSetup [^>]*orientation="landscape"[^>]*fitToWidth="2" fitToHeight="0"/);
    assert.match(sheetXml, /<printOptions [^>]*gridLines="1"/);
    assert.match(sheetXml, /<oddHeader>&amp;L&amp;&quot;-,Bold&quot;&amp;A&amp;CRebuilt from the DMS exports[^<]*&amp;RAs of 16\/11\/2026<\/oddHeader>/);
    assert.match(sheetXml, /<oddFooter>&amp;CPage &amp;P of &amp;N<\/oddFooter>/);
  });

  it('writes dates as real dates formatted dd/mm/yyyy, and numbers with their formats', () => {
    const due = book.getWorksheet('Due Actions')!;
    assert.equal(due.getCell('B2').type, ExcelJS.ValueType.Date);
    assert.equal(due.getCell('B2').numFmt, 'dd/mm/yyyy');
    const summary = book.getWorksheet('Audit Summary')!;
    assert.equal(summary.getCell('D2').numFmt, '0.0%');
    assert.equal(summary.getCell('D2').value, 0.2);
    assert.equal(book.getWorksheet('Customers')!.getCell('P2').numFmt, '@');
  });

  it('notes on the first header cell of a data sheet that it is rebuilt from the exports, and leaves the header on row 1', () => {
    const customers = book.getWorksheet('Customers')!;
    assert.equal(customers.getCell('A1').value, 'Code');
    assert.match(String(customers.getCell('A1').note ?? ''), /Rebuilt from the DMS exports/);
    assert.equal(book.getWorksheet('Settings')!.getCell('A1').note, undefined);
  });

  it('writes the Audit’s Missing as a formula for each row, with the build’s count as its result', () => {
    const audit = book.getWorksheet('Audit')!;
    const missing = audit.getRow(1).values as unknown[];
    const col = missing.indexOf('Missing');
    const cell = audit.getRow(2).getCell(col).value as ExcelJS.CellFormulaValue;
    assert.match(cell.formula, /^\(OR\(LEN\(TRIM\(\$D2\)\)=0/);
    assert.equal(cell.result, plan.sheets.find((s) => s.name === 'Audit')!.table.rows[0]![col - 1]);
    assert.match((audit.getRow(3).getCell(col).value as ExcelJS.CellFormulaValue).formula, /\$D3\b/);
  });

  it('wraps the text of a column the plan wraps, in its cells and for what is typed there later', async () => {
    const long = 'Flat 2, The Old Mill, 14 Long Lane, Little Sutton, Macclesfield, SK10 4AB';
    const wrapped: WorkbookPlan = oneSheet('Letters', [['2026-11-16', long]]);
    const fittedPlan = { ...wrapped, sheets: wrapped.sheets.map((s) => ({ ...s, table: { ...s.table, columns: s.table.columns.map((c) => (c.key === 'note' ? { ...c, wrap: true } : c)) } })) };
    const wrapPath = join(dir, 'wrapped.xlsx');
    await writeWorkbook(fittedPlan, wrapPath);
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(wrapPath);
    const ws = check.getWorksheet('Letters')!;
    assert.equal(ws.getCell('B2').alignment?.wrapText, true);
    assert.equal(ws.getColumn(2).alignment?.wrapText, true);
    assert.notEqual(ws.getCell('A2').alignment?.wrapText, true);
  });

  it('keeps =HYPERLINK(…) from an export as a string, never a formula', () => {
    const customers = book.getWorksheet('Customers')!;
    const cell = customers.getCell('B3');
    assert.equal(cell.type, ExcelJS.ValueType.String);
    assert.equal(cell.value, '=HYPERLINK("http://evil.example","click")');
    assert.equal(cell.formula, undefined);
    assert.equal(book.getWorksheet('Customers')!.getCell('B5').value, '+44 Motors');
  });

  it('puts the Approve and Method dropdowns on every Due Actions row', () => {
    const model = (book.getWorksheet('Due Actions') as unknown as ReadSheetInternals).dataValidations.model;
    const rows = plan.sheets[0]!.table.rows.length;
    for (let r = 2; r <= rows + 1; r++) {
      assert.deepEqual(model[`A${r}`]?.formulae, ['"Yes,Hold,Skip"'], `A${r}`);
      assert.deepEqual(model[`G${r}`]?.formulae, ['"Email,SMS,Letter"'], `G${r}`);
    }
  });

  it('writes every highlight as a conditional format with its formula and fill', () => {
    for (const sheet of plan.sheets) {
      const formats = formatsOf(book, sheet.name);
      const rules = formats.flatMap((f) => f.rules.map((r) => ({ ref: f.ref, rule: r as ExcelJS.ExpressionRuleType })));
      for (const h of sheet.table.highlights) {
        const found = rules.find((r) => r.rule.type === 'expression' && r.rule.formulae?.[0] === h.formula);
        assert.ok(found, `${sheet.name}: ${h.meaning}`);
      }
    }
    const bookings = formatsOf(book, 'Bookings');
    assert.equal(bookings[0]?.ref, 'A2:J3');
    assert.equal((bookings[0]?.rules[0] as ExcelJS.ExpressionRuleType).style?.fill?.type, 'pattern');
  });

  it('draws a data bar on the audit summary’s complete %', () => {
    const bars = formatsOf(book, 'Audit Summary').filter((f) => f.rules.some((r) => r.type === 'dataBar'));
    assert.deepEqual(bars.map((b) => b.ref), ['D2:D3']);
  });

  it('leaves no static fill on Customers: the work phone the import could not use is yellow by a conditional format', () => {
    const customers = book.getWorksheet('Customers')!;
    // C4 is row 5; Work Phone is column X.
    assert.notEqual((customers.getCell('X5').fill as ExcelJS.FillPattern | undefined)?.pattern, 'solid');
    const formats = formatsOf(book, 'Customers').filter((f) => f.ref === 'X2:X5');
    assert.deepEqual(formats.map((f) => (f.rules[0] as ExcelJS.ExpressionRuleType).formulae), [['AND(LEN(TRIM($X2))=0,ISNUMBER(SEARCH("Work Phone:",$P2)))']]);
  });

  it('says "No actions required" on an empty Due Actions sheet, inside its table', async () => {
    const empty = workbookPlan(sampleInput({ retention: { ...sampleRetention(), dueActions: [] } }));
    const emptyPath = join(dir, 'empty.xlsx');
    await writeWorkbook(empty, emptyPath);
    const read = await readWorkbook(emptyPath);
    assert.deepEqual(read.sheets.get('Due Actions')?.rows[0]?.[0], NO_ACTIONS_REQUIRED);
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(emptyPath);
    assert.equal((check.getWorksheet('Due Actions') as unknown as ReadSheetInternals).tables.DueActions?.table.tableRef, 'A1:O2');
  });
});

describe('writing the rows as sheet XML', () => {
  it('writes every part exactly as exceljs’s own cells do: values, styles, fills, formulas, blanks', async () => {
    const plan = samplePlan();
    const [fast, reference] = [join(dir, 'rows-fast.xlsx'), join(dir, 'rows-exceljs.xlsx')];
    await writeWorkbook(plan, fast);
    await writeWorkbook(plan, reference, { exceljsCells: true });
    const [a, b] = [await JSZip.loadAsync(await readFile(fast)), await JSZip.loadAsync(await readFile(reference))];
    assert.deepEqual(Object.keys(a.files).sort(), Object.keys(b.files).sort());
    for (const name of Object.keys(b.files)) {
      if (name === 'docProps/core.xml') continue; // the time it was written
      assert.equal(await a.file(name)?.async('string'), await b.file(name)?.async('string'), name);
    }
  });
});

describe('dates in the workbook', () => {
  const zone = process.env.TZ;
  before(() => {
    process.env.TZ = 'Pacific/Auckland';
  });
  after(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('stay the same calendar date under TZ=Pacific/Auckland, across its daylight-saving changes', async () => {
    assert.equal(new Date(2026, 0, 1).getTimezoneOffset(), -780, 'the zone took effect');
    const dates = ['2026-04-05', '2026-09-27', '2026-11-16', '2026-12-31', '2000-02-29', '1900-03-01', '1900-01-01'];
    const path = join(dir, 'auckland.xlsx');
    await writeWorkbook(oneSheet('Dates', dates.map((d) => [d, d])), path);
    const read = await readWorkbook(path);
    assert.deepEqual(read.sheets.get('Dates')?.rows, dates.map((d) => [d, d]));
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(path);
    assert.equal(check.getWorksheet('Dates')!.getCell('A4').type, ExcelJS.ValueType.Date);
  });

  it('writes 16/11/2026 as Excel serial 46342', async () => {
    const path = join(dir, 'serial.xlsx');
    await writeWorkbook(oneSheet('Dates', [['2026-11-16', null]]), path);
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(path);
    const date = check.getWorksheet('Dates')!.getCell('A2').value as Date;
    assert.equal(date.getTime() / 86_400_000 + 25569, 46342);
  });

  it('writes text that is not a date as text, even in a date column', async () => {
    const path = join(dir, 'not-a-date.xlsx');
    await writeWorkbook(oneSheet('Dates', [['sometime', null]]), path);
    const read = await readWorkbook(path);
    assert.deepEqual(read.sheets.get('Dates')?.rows, [['sometime', null]]);
  });
});

describe('replacing a workbook', () => {
  it('leaves the existing file intact, and no temporary file behind, when the write fails', async () => {
    const folder = await mkdtemp(join(dir, 'swap-'));
    const path = join(folder, 'retention.xlsx');
    await writeFile(path, 'the old workbook');
    // A row far down holds a number no workbook can hold: the write fails mid-sheet.
    const rows: PlanCell[][] = Array.from({ length: 5000 }, (_, i) => ['2026-11-16', `row ${i}`]);
    rows.push(['2026-11-16', Number.NaN]);
    await assert.rejects(writeWorkbook(oneSheet('Dates', rows), path), /Dates!B5002: NaN is not a number/);
    assert.equal(await readFile(path, 'utf8'), 'the old workbook');
    assert.deepEqual(await readdir(folder), ['retention.xlsx']);
  });

  it('fails with the file system’s reason, not a crash, when the folder does not exist', async () => {
    await assert.rejects(writeWorkbook(oneSheet('Dates', [['2026-11-16', 'x']]), join(dir, 'no-such-folder', 'retention.xlsx')), { code: 'ENOENT' });
  });

  it('replaces the existing file once the new one is complete', async () => {
    const folder = await mkdtemp(join(dir, 'swap-'));
    const path = join(folder, 'retention.xlsx');
    await writeFile(path, 'the old workbook');
    await writeWorkbook(oneSheet('Dates', [['2026-11-16', 'new']]), path);
    const read = await readWorkbook(path);
    assert.deepEqual(read.sheets.get('Dates')?.rows, [['2026-11-16', 'new']]);
    assert.deepEqual(await readdir(folder), ['retention.xlsx']);
  });
});

describe('reading a workbook back', () => {
  it('skips blank rows but still names each cell by its real address', async () => {
    const path = join(dir, 'gaps.xlsx');
    await writeWorkbook(oneSheet('Notes', [['a', 'first'], [null, null], [null, null], ['b', 'fourth']], 'text'), path);
    const sheet = (await readWorkbook(path)).sheets.get('Notes');
    assert.deepEqual(sheet?.rows, [
      ['a', 'first'],
      ['b', 'fourth'],
    ]);
    assert.equal(sheet?.cellAddress(1, 1), 'B5');
  });

  it('reads shared strings, as in a workbook Excel has saved', async () => {
    const path = join(dir, 'shared.xlsx');
    const plan = samplePlan();
    await writeWorkbook(plan, path, { sharedStrings: true });
    const read = await readWorkbook(path, { sheets: ['Customers'] });
    assert.deepEqual(read.sheets.get('Customers')?.rows, expected(plan.sheets[1]!.table.rows));
  });

  it('reads only the sheets asked for', async () => {
    const read = await readWorkbook(join(dir, 'round-trip.xlsx'), { sheets: ['Settings', 'Contact Log'] });
    assert.deepEqual([...read.sheets.keys()].sort(), ['Contact Log', 'Settings']);
    assert.equal(read.sheets.get('Settings')?.rows[0]?.[0], 'Garage name');
  });

  it('reads only the main table’s columns, up to the first blank header', async () => {
    const sheet = (await readWorkbook(join(dir, 'round-trip.xlsx'))).sheets.get('Dissatisfaction');
    assert.deepEqual(sheet?.headers, ['Reason', 'Request ID', 'Received', 'Code', 'Name', 'Outcome', 'Staff']);
  });
});

describe('which sheets are the garage’s own', () => {
  it('takes the summary sheets as Retention Desk’s, so a rebuild replaces them rather than carrying an old copy over', () => {
    assert.equal(isOwnSheet('Audit Summary'), false);
    assert.equal(isOwnSheet('Dissatisfaction Summary'), false);
    assert.equal(isOwnSheet('Price List'), true);
  });
});
