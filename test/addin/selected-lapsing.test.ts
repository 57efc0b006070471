/**
 * Mark lapsed's reading of the selection, against the in-memory Excel: the samples built into it
 * through the store (as a load does), then rows selected on the Lapsing sheet as a user would.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { officeWorkbookStore } from '../../addin/excel/office-workbook-store.ts';
import { selectedLapsingCustomers } from '../../addin/excel/selected-lapsing.ts';
import { LAPSED_SHEET, LAPSING_SHEET, rebuildWorkbook } from '../../core/index.ts';
import { exportFileSource, listExportFiles } from '../../worker/read-export.ts';
import { FakeExcel } from './support/fake-excel.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const AS_OF = '2026-11-16';

describe('reading the customers selected on the Lapsing sheet', function () {
  this.timeout(60_000);
  let excel: FakeExcel;
  let lapsing: string[][];

  before(async () => {
    excel = new FakeExcel();
    const paths = await listExportFiles([SAMPLES]);
    const built = await rebuildWorkbook({ exports: exportFileSource(paths), workbook: officeWorkbookStore(excel.run), asOf: AS_OF, by: 'Sarah' });
    assert.ok(!('stopped' in built));
    lapsing = excel.sheetValues(LAPSING_SHEET).map((row) => row.map(String));
    assert.ok(lapsing.length > 4, 'the samples have customers lapsing');
  });

  const code = (row: number) => lapsing[row - 1]![lapsing[0]!.indexOf('Code')]!;

  it('gives the codes of whole rows selected, each once', async () => {
    excel.select(LAPSING_SHEET, '2:4');
    assert.deepEqual(await selectedLapsingCustomers(excel.run), { codes: [code(2), code(3), code(4)] });
  });

  it('finds the Code column by its header, whichever cells of the rows are selected', async () => {
    excel.select(LAPSING_SHEET, 'B3:B3');
    assert.deepEqual(await selectedLapsingCustomers(excel.run), { codes: [code(3)] });
  });

  it('leaves out the header row and reads a whole-column selection only as far as the sheet is used', async () => {
    excel.select(LAPSING_SHEET, 'A:A');
    const read = await selectedLapsingCustomers(excel.run);
    assert.ok('codes' in read);
    assert.equal(read.codes.length, lapsing.length - 1);
    assert.ok(!read.codes.includes('Code'));
  });

  it('says to select rows on the Lapsing sheet when the selection is on another sheet', async () => {
    excel.select(LAPSED_SHEET, 'A1:A1');
    const read = await selectedLapsingCustomers(excel.run);
    assert.ok('refused' in read);
    assert.match(read.refused, /The selection is on the Lapsed sheet\. On the Lapsing sheet, select the rows/);
  });

  it('says no customer is selected when only the header is', async () => {
    excel.select(LAPSING_SHEET, '1:1');
    const read = await selectedLapsingCustomers(excel.run);
    assert.ok('refused' in read);
    assert.match(read.refused, /No customer's row is selected/);
  });

  it('says what to do when nothing usable is selected', async () => {
    excel.workbook.selection = null;
    const read = await selectedLapsingCustomers(excel.run);
    assert.ok('refused' in read);
    assert.match(read.refused, /Excel could not read the selection .*select the rows/);
  });
});
