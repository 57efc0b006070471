/**
 * The open workbook through Office.js, against the in-memory Excel of support/fake-excel.ts: what
 * is written is what the garage sees (text as text, dates as dates), a weekly load keeps the
 * garage's history and choices as `build --into` does (the core's rebuild, the same code), and
 * every request stays under Excel on the web's 5 MB in a number of syncs set by the bytes.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { canWriteWorkbook, officeWorkbookStore } from '../../addin/excel/office-workbook-store.ts';
import { readSheetTables } from '../../addin/excel/read-sheets.ts';
import { writePlan } from '../../addin/excel/write-plan.ts';
import { EXCEL_WEB_PAYLOAD_LIMIT, REQUEST_BUDGET } from '../../addin/excel/request-budget.ts';
import { rebuildWorkbook, SHEETS_READ_BACK, type Rebuilt, type RebuildStopped, type WorkbookPlan } from '../../core/index.ts';
import { col, table } from '../../core/workbook/columns.ts';
import { PRINT_SETUP, type PlanCell, type PlanColumn } from '../../core/workbook/plan.ts';
import { exportFileSource, listExportFiles } from '../../worker/read-export.ts';
import { samplePlan } from '../core/workbook/sample-garage.ts';
import { FakeExcel } from './support/fake-excel.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const AS_OF = '2026-11-16';
const BY = 'Sarah Whitfield';

function onePlan(columns: PlanColumn[], rows: PlanCell[][], name = 'Notes'): WorkbookPlan {
  return { asOf: AS_OF, sheets: [{ name, kind: 'data', table: table(name.replace(/\W/g, ''), columns, rows), side: null, frozenRows: 1, print: PRINT_SETUP }] };
}

/** Writes a plan into a fresh fake Excel through the store, as a first load does. */
async function written(plan: WorkbookPlan, options: { budget?: number } = {}): Promise<FakeExcel> {
  const excel = new FakeExcel();
  const store = officeWorkbookStore(excel.run, options);
  assert.equal(await store.readSheets(plan.sheets.map((s) => s.name)), null, 'a workbook without the sheets reads as none');
  assert.deepEqual(await store.write(plan), { written: true });
  return excel;
}

/** A sheet as the garage sees it: header row and rows, by header. */
function sheetOf(excel: FakeExcel, name: string) {
  const [headers = [], ...rows] = excel.sheetValues(name);
  const column = (header: string) => {
    const c = headers.indexOf(header);
    assert.ok(c >= 0, `${name} has no ${header} column`);
    return c;
  };
  return {
    rows,
    column: (header: string) => rows.map((r) => r[column(header)]),
    /** "G7" for the cell under `header` on the row whose `keyHeader` is `key`. */
    cell(keyHeader: string, key: string, header: string): string {
      const r = rows.findIndex((row) => row[column(keyHeader)] === key);
      assert.ok(r >= 0, `${name} has no row with ${keyHeader} ${key}`);
      return `${String.fromCharCode(65 + column(header))}${r + 2}`;
    },
    nextRow: rows.length + 2,
    letter: (header: string) => String.fromCharCode(65 + column(header)),
  };
}

function built(result: Rebuilt | RebuildStopped): Rebuilt {
  assert.ok(!('stopped' in result), 'stopped' in result ? result.stopped.join('; ') : '');
  return result;
}

async function sampleExports() {
  return exportFileSource(await listExportFiles([SAMPLES]));
}

describe('the open workbook through Office.js', () => {
  describe('what it writes', () => {
    const awkward = ['=SUM(A1:A3)', '+44 7700 900123', '-5 days', '@home', '00123', 'TRUE', '2026-11-16', "'quoted"];

    it('writes imported text as text: formulas, signs, @, leading zeros, TRUE and dates stay as typed', async () => {
      const excel = await written(onePlan([col('name', 'Name'), col('ref', 'Ref')], awkward.map((text, i) => [text, `R${i}`])));
      const sheet = excel.workbook.sheet('Notes')!;
      awkward.forEach((text, i) => {
        assert.equal(sheet.value(i + 1, 0), text, `row ${i + 2}`);
        assert.equal(sheet.formula(i + 1, 0), undefined, `row ${i + 2} is no formula`);
      });
      const read = await officeWorkbookStore(excel.run).readSheets(['Notes']);
      assert.deepEqual(read?.get('Notes')?.rows.map((r) => r[0]), awkward);
    });

    it('would have turned that text into formulas and numbers had the column not been text first (the fake takes typing as Excel does)', () => {
      const excel = new FakeExcel();
      excel.workbook.addSheet('Plain');
      awkward.forEach((text, i) => excel.type('Plain', `A${i + 1}`, text));
      const sheet = excel.workbook.sheet('Plain')!;
      assert.deepEqual(
        awkward.map((_, i) => sheet.formula(i, 0) ?? sheet.value(i, 0)),
        ['=SUM(A1:A3)', '=+44 7700 900123', '=-5 days', '=@home', 123, true, 46342, 'quoted'],
      );
    });

    it('writes calendar dates as date serials under the column’s date format, and reads them back as the same dates', async () => {
      const dates = ['2026-11-16', '2000-01-01', '1900-03-01', '2026-02-28'];
      const excel = await written(onePlan([col('when', 'When', 'date'), col('note', 'Note')], dates.map((d) => [d, 'x'])));
      const sheet = excel.workbook.sheet('Notes')!;
      assert.deepEqual(dates.map((_, i) => sheet.value(i + 1, 0)), [46342, 36526, 61, 46081]);
      assert.deepEqual(dates.map((_, i) => sheet.numberFormat(i + 1, 0)), Array(4).fill('dd/mm/yyyy'));
      const read = await officeWorkbookStore(excel.run).readSheets(['Notes']);
      assert.deepEqual(read?.get('Notes')?.rows.map((r) => r[0]), dates);
    });

    it('keeps a word typed in a date column as a word, and the cell keeps the column’s date format', async () => {
      const excel = await written(onePlan([col('when', 'When', 'date')], [['2026-11-16'], ['=next week'], ['tomorrow']]));
      const sheet = excel.workbook.sheet('Notes')!;
      assert.deepEqual([sheet.value(2, 0), sheet.formula(2, 0), sheet.value(3, 0)], ['=next week', undefined, 'tomorrow']);
      assert.equal(sheet.numberFormat(2, 0), 'dd/mm/yyyy');
    });

    it('reads only the sheets asked for, and says none when the workbook has none of them', async () => {
      const excel = await written(samplePlan());
      const read = await officeWorkbookStore(excel.run).readSheets(['Settings', 'Schedule', 'No Such Sheet']);
      assert.deepEqual([...(read?.keys() ?? [])], ['Settings', 'Schedule']);
      assert.equal(await officeWorkbookStore(excel.run).readSheets(['No Such Sheet']), null);
    });

    it('rewrites a sheet the workbook already has in place, leaving the garage’s own sheet alone', async () => {
      const plan = samplePlan();
      const excel = await written(plan);
      excel.workbook.addSheet('Price List');
      excel.type('Price List', 'A1', 'MOT');
      const store = officeWorkbookStore(excel.run);
      await store.readSheets(SHEETS_READ_BACK);
      assert.deepEqual(await store.write(plan), { written: true });
      assert.deepEqual(excel.workbook.sheets.map((s) => s.name), [...plan.sheets.map((s) => s.name), 'Price List']);
      assert.equal(excel.workbook.sheet('Price List')!.value(0, 0), 'MOT');
      assert.deepEqual(excel.workbook.tables.map((t) => t.name).sort(), plan.sheets.map((s) => s.table.name).sort());
    });

    it('needs ExcelApi 1.9', () => {
      const excel = (version: number) => ({ isSetSupported: (name: string, v = '1.1') => name === 'ExcelApi' && Number(v) <= version });
      assert.equal(canWriteWorkbook(excel(1.9)), true);
      assert.equal(canWriteWorkbook(excel(1.8)), false);
    });
  });

  describe('a weekly load into a workbook that already has the sheets', () => {
    let excel: FakeExcel;
    let first: Rebuilt;
    let second: Rebuilt;
    const picked = { skip: '', hold: '', method: '', sent: '', lapse: '' };

    before(async () => {
      excel = new FakeExcel();
      first = built(await rebuildWorkbook({ exports: await sampleExports(), workbook: officeWorkbookStore(excel.run), asOf: AS_OF, by: BY }));

      // The garage's week, typed in Excel.
      const due = sheetOf(excel, 'Due Actions');
      const ids = due.column('Action ID').map(String);
      // A row going by email to a customer with a mobile SMS may be used for.
      const bySms = first.retention.dueActions.find((a) => a.method === 'Email' && a.addresses.SMS && ids.indexOf(a.actionId) > 2);
      [picked.skip, picked.hold, picked.sent] = [ids[0]!, ids[1]!, ids[2]!];
      excel.type('Due Actions', due.cell('Action ID', picked.skip, 'Approve'), 'Skip');
      excel.type('Due Actions', due.cell('Action ID', picked.hold, 'Approve'), 'Hold');
      if (bySms) {
        picked.method = bySms.actionId;
        excel.type('Due Actions', due.cell('Action ID', picked.method, 'Method'), 'SMS');
      }
      const log = sheetOf(excel, 'Contact Log');
      for (const [header, value] of [['Sent At', '16/11/2026'], ['Customer', 'C1'], ['Contact Due', 'MOT Reminder'], ['Method', 'Email'], ['Status', 'sent'], ['By', BY], ['Action ID', picked.sent]] as const) {
        excel.type('Contact Log', `${log.letter(header)}${log.nextRow}`, value);
      }
      const settings = sheetOf(excel, 'Settings');
      excel.type('Settings', settings.cell('Setting', 'Garage name', 'Value'), 'Harrison Motors');
      const schedule = sheetOf(excel, 'Schedule');
      excel.type('Schedule', schedule.cell('Rule ID', 'mot-1', 'Window (days)'), 25);
      const lapsing = sheetOf(excel, 'Lapsing');
      picked.lapse = String(lapsing.column('Code')[0]);
      excel.type('Lapsing', lapsing.cell('Code', picked.lapse, 'Mark Lapsed'), 'Yes');

      second = built(await rebuildWorkbook({ exports: await sampleExports(), workbook: officeWorkbookStore(excel.run), asOf: AS_OF, by: BY }));
    });

    it('logs the row set to Skip as skipped by whoever loaded, and leaves it off Due Actions', () => {
      assert.equal(second.skipped, 1);
      const log = sheetOf(excel, 'Contact Log');
      const r = log.column('Action ID').indexOf(picked.skip);
      assert.ok(r >= 0, 'the skip is in the Contact Log');
      assert.deepEqual([log.column('Status')[r], log.column('By')[r]], ['skipped', BY]);
      assert.ok(!sheetOf(excel, 'Due Actions').column('Action ID').includes(picked.skip));
    });

    it('keeps the row on Hold held', () => {
      const due = sheetOf(excel, 'Due Actions');
      assert.equal(due.column('Approve')[due.column('Action ID').indexOf(picked.hold)], 'Hold');
    });

    it('keeps a changed Method the customer may be sent by, with To their address for it', function () {
      if (!picked.method) this.skip();
      const due = sheetOf(excel, 'Due Actions');
      const r = due.column('Action ID').indexOf(picked.method);
      assert.equal(due.column('Method')[r], 'SMS');
      assert.match(String(due.column('To')[r]), /^(\+44|07)/);
    });

    it('keeps the line typed in the Contact Log, with its date as a date, and does not bring that action back', () => {
      const log = sheetOf(excel, 'Contact Log');
      const r = log.column('Action ID').indexOf(picked.sent);
      assert.ok(r >= 0);
      assert.equal(log.column('Sent At')[r], 46342);
      assert.equal(second.state.contactLog.find((e) => e.actionId === picked.sent)?.sentAt, AS_OF);
      assert.ok(!sheetOf(excel, 'Due Actions').column('Action ID').includes(picked.sent));
    });

    it('keeps the Settings and Schedule as the garage changed them', () => {
      const settings = sheetOf(excel, 'Settings');
      assert.equal(settings.column('Value')[settings.column('Setting').indexOf('Garage name')], 'Harrison Motors');
      const schedule = sheetOf(excel, 'Schedule');
      assert.equal(schedule.column('Window (days)')[schedule.column('Rule ID').indexOf('mot-1')], 25);
    });

    it('records Yes under Mark Lapsed as a lapsed mark on the Lapsed sheet', () => {
      assert.deepEqual(second.state.lapsedMarks.map((m) => m.customerCode), [picked.lapse]);
      const lapsed = sheetOf(excel, 'Lapsed');
      assert.deepEqual(lapsed.column('Code'), [picked.lapse]);
      assert.equal(lapsed.column('By')[0], BY);
    });

    it('reads back what it wrote: the same load again leaves every sheet as it was', async () => {
      const sheets = () => excel.workbook.sheets.map((s) => [s.name, excel.sheetValues(s.name)]);
      const before = sheets();
      built(await rebuildWorkbook({ exports: await sampleExports(), workbook: officeWorkbookStore(excel.run), asOf: AS_OF, by: BY }));
      assert.deepEqual(sheets(), before);
    });

    it('notices a choice made in Excel while the sheets were worked out, reads again and keeps it', async () => {
      let edited = false;
      const result = built(
        await rebuildWorkbook({
          exports: await sampleExports(),
          workbook: officeWorkbookStore(excel.run),
          asOf: AS_OF,
          by: BY,
          onStep: (step) => {
            if (step !== 'writing' || edited) return;
            edited = true;
            const due = sheetOf(excel, 'Due Actions');
            excel.type('Due Actions', due.cell('Action ID', String(due.column('Action ID')[due.rows.length - 1]), 'Approve'), 'Hold');
          },
        }),
      );
      assert.equal(result.rereads, 1);
      const due = sheetOf(excel, 'Due Actions');
      assert.equal(due.column('Approve')[due.rows.length - 1], 'Hold');
    });
  });

  describe('requests and syncs', () => {
    /** Rows of `columns` texts of about `length` characters each. */
    function textRows(rows: number, columns: number, length: number): PlanCell[][] {
      return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => `${r}-${c}-`.padEnd(length, 'x')));
    }
    const textColumns = (n: number) => Array.from({ length: n }, (_, i) => col(`c${i}`, `Column ${i}`));

    it('writes 20,000 rows in a few syncs, not one a row', async () => {
      const excel = new FakeExcel();
      const done = await excel.run((context) => writePlan(context, onePlan(textColumns(3), textRows(20_000, 3, 8))));
      assert.equal(excel.workbook.sheet('Notes')!.value(20_000, 2), '19999-2-');
      assert.ok(done.syncs <= 3, `${done.syncs} syncs`);
    });

    it('keeps syncs within 1 + ceil(bytes / (budget − largest addition)), whatever the budget', async () => {
      for (const budget of [64 * 1024, 256 * 1024, 1024 * 1024]) {
        const excel = new FakeExcel();
        const done = await excel.run((context) => writePlan(context, samplePlan(), budget));
        assert.equal(excel.syncs.length, done.syncs);
        const bound = 1 + Math.ceil(done.bytes / (budget - done.largest));
        assert.ok(done.syncs <= bound, `budget ${budget}: ${done.syncs} syncs, bound ${bound}`);
        assert.ok(done.largest < budget, `largest addition ${done.largest}`);
      }
    });

    it('sends and reads back an 11 MB sheet with no request or response over 5 MB', async () => {
      const plan = onePlan(textColumns(8), textRows(40_000, 8, 36));
      const excel = await written(plan);
      assert.ok(excel.syncs.length >= 5, `${excel.syncs.length} syncs`);
      assert.ok(excel.largestRequest < EXCEL_WEB_PAYLOAD_LIMIT && excel.largestRequest > REQUEST_BUDGET / 2, `largest request ${excel.largestRequest}`);
      const before = excel.syncs.length;
      const read = await officeWorkbookStore(excel.run).readSheets(['Notes']);
      assert.equal(read?.get('Notes')?.rows.length, 40_000);
      assert.deepEqual(read?.get('Notes')?.rows[39_999], plan.sheets[0]!.table.rows[39_999]);
      const reads = excel.syncs.slice(before);
      assert.ok(reads.every((s) => s.responseBytes < EXCEL_WEB_PAYLOAD_LIMIT && !s.refused));
      assert.ok(reads.length <= 6, `${reads.length} syncs to read it`);
    });

    it('is refused by the fake host when a request is over 5 MB, as by Excel on the web', async () => {
      const excel = new FakeExcel();
      await assert.rejects(
        excel.run((context) => writePlan(context, onePlan(textColumns(8), textRows(40_000, 8, 36)), 8 * 1024 * 1024)),
        (error: { code?: string }) => error.code === 'RequestPayloadSizeLimitExceeded',
      );
    });

    it('reads rows longer than it guessed in halves when Excel refuses the response', async () => {
      const excel = new FakeExcel({ payloadLimit: 1024 * 1024 });
      const sheet = excel.workbook.addSheet('Contact Log');
      sheet.write(0, 0, 'Action ID');
      sheet.write(0, 1, 'Note');
      for (let r = 1; r <= 1_000; r++) {
        sheet.write(r, 0, `id-${r}`);
        sheet.write(r, 1, r <= 100 ? 'short' : 'long '.repeat(400));
      }
      const read = await excel.run((context) => readSheetTables(context, ['Contact Log'], 800 * 1024));
      assert.equal(read?.get('Contact Log')?.rows.length, 1_000);
      assert.ok(excel.syncs.some((s) => s.refused === 'ResponsePayloadSizeLimitExceeded'), 'a response was refused first');
      assert.ok(excel.syncs.every((s) => s.refused || s.responseBytes <= 1024 * 1024));
    });

    it('fails a store that reads a value before its sync (the fake keeps Office.js’s rule)', async () => {
      const excel = await written(samplePlan());
      await assert.rejects(
        excel.run(async (context) => {
          const range = context.workbook.worksheets.getItem('Settings').getRange('A1');
          range.load('values');
          return range.values;
        }),
        (error: { code?: string }) => error.code === 'PropertyNotLoaded',
      );
    });
  });
});
