/**
 * The kept sheets are read from their XML (worker/xlsx/sheet-xml.ts), no longer through exceljs's
 * in-memory model. Whatever a garage's workbook holds, the new reader must give the same tables
 * the old one did: a row it lost would be a Contact Log line forgotten, and a reminder sent twice.
 * So every workbook here is read both ways and compared, and the cell types and shapes the
 * fixtures lack are checked on a package written by hand.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { readWorkbookBytes, type ReadSheet } from '../../../worker/xlsx/read-workbook.ts';
import { sheetsThroughExcelJs } from '../support/exceljs-sheets.ts';
import { AS_OF, open, run, SAMPLES } from '../support/workbook.ts';

const FIXTURES = new URL('../../fixtures/saved-by/', import.meta.url).pathname;

/** Headers, rows and every cell's address (and each row's, for column -1) the same both ways. */
function assertSameSheets(got: ReadonlyMap<string, ReadSheet>, expected: ReadonlyMap<string, ReadSheet>): void {
  assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
  for (const [name, want] of expected) {
    const sheet = got.get(name)!;
    assert.deepEqual(sheet.headers, want.headers, `${name} headers`);
    assert.deepEqual(sheet.rows, want.rows, `${name} rows`);
    for (let r = 0; r < want.rows.length; r++) {
      for (let c = -1; c < want.headers.length; c++) assert.equal(sheet.cellAddress(r, c), want.cellAddress(r, c), `${name} row ${r} column ${c}`);
    }
  }
}

async function assertReadAsExcelJsDid(bytes: Uint8Array): Promise<Map<string, ReadSheet>> {
  const { sheets } = await readWorkbookBytes(bytes);
  assertSameSheets(sheets, await sheetsThroughExcelJs(bytes));
  return sheets;
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retention-read-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reading the kept sheets from their XML, as exceljs read them', () => {
  for (const [program, file] of [
    ['openpyxl', 'openpyxl.xlsx'],
    ['LibreOffice', 'libreoffice.xlsx'],
    ['Excel', 'excel.xlsx'],
  ] as const) {
    it(`reads every sheet of a workbook ${program} saved as exceljs did`, async () => {
      const sheets = await assertReadAsExcelJsDid(await readFile(join(FIXTURES, file)));
      // Something to compare: the sample's Due Actions and both typed Contact Log rows.
      assert.ok(sheets.get('Due Actions')!.rows.length > 100);
      assert.equal(sheets.get('Contact Log')!.rows.length, 2);
    });
  }

  describe('a workbook retention build wrote, edited by the garage and built into', () => {
    let edited: string;
    let rebuilt: string;
    before(async () => {
      const built = join(dir, 'built.xlsx');
      assert.ok([0, 1].includes((await run(['build', SAMPLES, '--as-of', AS_OF, '--out', built])).code));
      // The garage's edits: a column of its own on the Contact Log and on Due Actions, text that
      // looks like a number or a formula, a date, a blank row between two typed rows.
      const book = await open(built);
      const log = book.getWorksheet('Contact Log')!;
      const notes = log.getRow(1).cellCount + 1;
      log.getRow(1).getCell(notes).value = 'Notes';
      const typed = [
        { row: 2, sentAt: new Date(Date.UTC(2026, 10, 16)), action: 'warranty/C00285/VX69RUD/2026-12-23', reference: '00123', note: '=SUM(A1)' },
        { row: 4, sentAt: new Date(Date.UTC(2026, 10, 13)), action: 'drifting/C00038/-/2026-10-25', reference: 'posted by hand', note: 7.5 },
      ];
      for (const t of typed) {
        const row = log.getRow(t.row);
        [t.sentAt, t.action.split('/')[1]!, 'Reminder', 'SMS', '+447970981737', 'sent', t.reference, 'Priya Shah', t.action].forEach((value, i) => (row.getCell(i + 1).value = value));
        row.getCell(notes).value = t.note;
      }
      const due = book.getWorksheet('Due Actions')!;
      const called = due.getRow(1).cellCount + 1;
      due.getRow(1).getCell(called).value = 'Called?';
      ['00123', '=SUM(A1)', true, 3.5, new Date(Date.UTC(2026, 10, 20))].forEach((value, i) => (due.getRow(i + 2).getCell(called).value = value));
      edited = join(dir, 'edited.xlsx');
      await book.xlsx.writeFile(edited);
      rebuilt = join(dir, 'rebuilt.xlsx');
      await copyFile(edited, rebuilt);
      const into = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', rebuilt]);
      assert.match(into.out, /Workbook: /, into.err);
    });

    it('reads the garage’s edits as exceljs did, blank row and all', async () => {
      const sheets = await assertReadAsExcelJsDid(await readFile(edited));
      const log = sheets.get('Contact Log')!;
      assert.equal(log.headers.at(-1), 'Notes');
      assert.deepEqual(log.rows.map((r) => [r[0], r[6], r.at(-1)]), [
        ['2026-11-16', '00123', '=SUM(A1)'],
        ['2026-11-13', 'posted by hand', 7.5],
      ]);
      // The blank row 3 is left out; the row typed under it is still row 4.
      assert.equal(log.cellAddress(1, 0), 'A4');
    });

    it('reads the workbook the rebuild wrote as exceljs did, the garage’s columns carried over', async () => {
      const sheets = await assertReadAsExcelJsDid(await readFile(rebuilt));
      assert.equal(sheets.get('Contact Log')!.headers.at(-1), 'Notes');
      const due = sheets.get('Due Actions')!;
      const called = due.headers.indexOf('Called?');
      assert.ok(called > 0, 'Due Actions keeps its Called? column');
      const values = due.rows.map((r) => r[called]).filter((v) => v !== null);
      for (const value of ['00123', '=SUM(A1)', 3.5, '2026-11-20']) assert.ok(values.includes(value), `Called? keeps ${String(value)}`);
    });
  });
});

/** A minimal package around one sheet's XML, with shared strings and styles of our choosing. */
async function packageOf(sheetXml: string, options: { sharedStrings?: string; date1904?: boolean } = {}): Promise<Uint8Array> {
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  // Styles: 0 General, 1 built-in date (14), 2 custom dd/mm/yyyy, 3 custom with "d" only in quotes, 4 [h]:mm (a time).
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0&quot; days&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts>` +
      '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>' +
      '<dxfs count="1"><dxf><numFmt numFmtId="167" formatCode="yyyy"/></dxf></dxfs></styleSheet>',
  );
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${options.sharedStrings ?? ''}</sst>`);
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}">${sheetXml}</worksheet>`);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('reading cells of every kind from a sheet’s XML', () => {
  const SHARED = '<si><t>Action ID</t></si><si><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ignored</t></rPh></si><si><t>line_x000D_break</t></si><si><t/></si>';

  it('reads numbers, dates, text, booleans, errors and formulas as exceljs did', async () => {
    const bytes = await packageOf(
      '<sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>When</t></is></c><c r="C1" t="str"><v>Amount</v></c><c r="D1" t="str"><v>Other</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>46342</v></c><c r="C2" s="3"><v>12.5</v></c><c r="D2" t="b"><v>1</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="2"><v>46343.75</v></c><c r="C3"><f>1+1</f><v>2</v></c><c r="D3" t="e"><v>#N/A</v></c></row>' +
        '<row r="4"><c r="A4" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="B4" s="2"><f>TODAY()</f><v>46342</v></c><c r="C4" t="str"><f>"00"&amp;"123"</f><v>00123</v></c><c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>' +
        '<row r="5"><c r="A5" s="1"/><c r="B5" t="s"><v>3</v></c></row>' +
        '<row r="7"><c r="A7"><f t="shared" ref="A7:A8" si="0">ROW()</f><v>7</v></c><c r="B7" s="4"><v>0.5</v></c><c r="C7"><f>0*1</f><v>0</v></c><c r="D7" t="b"><f>TRUE()</f><v>1</v></c></row>' +
        '<row r="8"><c r="A8"><f t="shared" si="0"/><v>8</v></c><c r="B8" t="str"><v>=SUM(A1)</v></c></row>' +
        '</sheetData>',
      { sharedStrings: SHARED },
    );
    const { sheets } = await readWorkbookBytes(bytes);
    assertSameSheets(sheets, await sheetsThroughExcelJs(bytes));
    const log = sheets.get('Log')!;
    assert.deepEqual(log.headers, ['Action ID', 'When', 'Amount', 'Other']);
    assert.deepEqual(log.rows, [
      ['Rich text', '2026-11-16', 12.5, true],
      ['line\rbreak', '2026-11-17', 2, '#N/A'],
      ['inline', '2026-11-16', '00123', '#DIV/0!'],
      [7, '', 0, true],
      [8, '=SUM(A1)', null, null],
    ]);
    assert.deepEqual([log.cellAddress(3, 1), log.cellAddress(4, -1)], ['B7', '8:8']);
  });

  it('takes a merged range’s first value for each of its cells, as exceljs did', async () => {
    const bytes = await packageOf(
      '<sheetData><row r="1"><c r="A1" t="str"><v>Name</v></c><c r="C1" t="str"><v>Note</v></c></row>' +
        '<row r="2"><c r="A2" t="str"><v>Ann</v></c><c r="C2" t="str"><v>x</v></c></row></sheetData>' +
        '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A2:B3"/></mergeCells>',
    );
    const { sheets } = await readWorkbookBytes(bytes);
    assertSameSheets(sheets, await sheetsThroughExcelJs(bytes));
    assert.deepEqual(sheets.get('Log')!.headers, ['Name', 'Name', 'Note']);
    assert.deepEqual(sheets.get('Log')!.rows, [
      ['Ann', 'Ann', 'x'],
      ['Ann', 'Ann', null],
    ]);
  });

  it('counts days from 1904 in a workbook that says so', async () => {
    const bytes = await packageOf('<sheetData><row r="1"><c r="A1" t="str"><v>When</v></c></row><row r="2"><c r="A2" s="1"><v>44880</v></c></row></sheetData>', { date1904: true });
    const { sheets } = await readWorkbookBytes(bytes);
    assertSameSheets(sheets, await sheetsThroughExcelJs(bytes));
    assert.deepEqual(sheets.get('Log')!.rows, [['2026-11-16']]);
  });

  it('places cells and rows that have no r attribute by counting', async () => {
    // exceljs cannot read these; some writers leave r out.
    const bytes = await packageOf(
      '<sheetData><row><c t="str"><v>Action ID</v></c><c t="str"><v>Note</v></c></row>' +
        '<row><c t="str"><v>a</v></c><c><v>1</v></c></row><row/>' +
        '<row><c t="str"><v>b</v></c><c r="B4"><v>2</v></c></row><row r="9"><c r="B9" t="str"><v>c</v></c></row></sheetData>',
    );
    const log = (await readWorkbookBytes(bytes)).sheets.get('Log')!;
    assert.deepEqual(log.headers, ['Action ID', 'Note']);
    assert.deepEqual(log.rows, [
      ['a', 1],
      ['b', 2],
      [null, 'c'],
    ]);
    assert.deepEqual([0, 1, 2].map((r) => log.cellAddress(r, 1)), ['B2', 'B4', 'B9']);
  });

  it('reads text the file spells with entities once, where exceljs decoded it twice', async () => {
    // "&amp;lt;3" in the file is the text "&lt;3", typed as such.
    const bytes = await packageOf('<sheetData><row r="1"><c r="A1" t="str"><v>Reference</v></c></row><row r="2"><c r="A2" t="str"><v>Tom &amp;lt;3</v></c></row></sheetData>');
    assert.deepEqual((await readWorkbookBytes(bytes)).sheets.get('Log')!.rows, [['Tom &lt;3']]);
    assert.deepEqual((await sheetsThroughExcelJs(bytes)).get('Log')!.rows, [['Tom <3']]);
  });

  it('reads only the sheets asked for, and hands back none whole when no sheet is the garage’s own', async () => {
    const bytes = await readFile(join(FIXTURES, 'excel.xlsx'));
    const read = await readWorkbookBytes(bytes, { sheets: ['Settings', 'Contact Log'], whole: (name) => name === 'Prices' });
    assert.deepEqual([...read.sheets.keys()].sort(), ['Contact Log', 'Settings']);
    assert.deepEqual([read.whole, read.wholeLosses], [[], []]);
  });
});
