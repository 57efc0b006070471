import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { AS_OF, column, columnValues, open, run, SAMPLES } from './support/workbook.ts';

async function builtWorkbook(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'retention-state-')), 'retention.xlsx');
  const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--out', path]);
  assert.equal(code, 1, err);
  return path;
}

/** Edits the workbook the way a user would in Excel, and saves it. */
async function edit(path: string, change: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = await open(path);
  change(workbook);
  await workbook.xlsx.writeFile(path);
}

describe('keeping the garage’s state in its workbook', () => {
  it('does not bring back an action the Contact Log says was sent, and keeps the log line', async () => {
    const path = await builtWorkbook();
    let sentId = '';
    await edit(path, (wb) => {
      const due = wb.getWorksheet('Due Actions')!;
      sentId = String(due.getRow(2).getCell(column(due, 'Action ID')).value);
      const log = wb.getWorksheet('Contact Log')!;
      const row = log.getRow(2);
      row.getCell(column(log, 'Action ID')).value = sentId;
      row.getCell(column(log, 'Sent At')).value = new Date(Date.UTC(2026, 10, 16));
      row.getCell(column(log, 'Status')).value = 'sent';
      row.commit();
    });
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1, err);
    const wb = await open(path);
    assert.ok(!columnValues(wb.getWorksheet('Due Actions')!, 'Action ID').includes(sentId));
    assert.ok(columnValues(wb.getWorksheet('Contact Log')!, 'Action ID').includes(sentId));
  });

  it('logs a row set to Skip as skipped and keeps a row on Hold held', async () => {
    const path = await builtWorkbook();
    let skipId = '';
    let holdId = '';
    await edit(path, (wb) => {
      const due = wb.getWorksheet('Due Actions')!;
      skipId = String(due.getRow(2).getCell(column(due, 'Action ID')).value);
      holdId = String(due.getRow(3).getCell(column(due, 'Action ID')).value);
      due.getRow(2).getCell(column(due, 'Approve')).value = 'Skip';
      due.getRow(3).getCell(column(due, 'Approve')).value = 'Hold';
    });
    const { out } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.match(out, /1 row\(s\) set to Skip/);
    const wb = await open(path);
    const due = wb.getWorksheet('Due Actions')!;
    const ids = columnValues(due, 'Action ID');
    assert.ok(!ids.includes(skipId), 'the skipped row is gone');
    const holdRow = ids.indexOf(holdId) + 2;
    assert.equal(due.getRow(holdRow).getCell(column(due, 'Approve')).value, 'Hold');
    const log = wb.getWorksheet('Contact Log')!;
    const logRow = columnValues(log, 'Action ID').indexOf(skipId) + 2;
    assert.ok(logRow >= 2);
    assert.equal(log.getRow(logRow).getCell(column(log, 'Status')).value, 'skipped');
    assert.equal(log.getRow(logRow).getCell(column(log, 'By')).value, 'Sarah Whitfield');
  });

  it('lets the Settings sheet change the thresholds', async () => {
    const path = await builtWorkbook();
    const before = JSON.parse((await run(['build', SAMPLES, '--as-of', AS_OF, '--json'])).out) as { lifecycle: { lapsing: number; drifting: number } };
    await edit(path, (wb) => {
      const settings = wb.getWorksheet('Settings')!;
      settings.eachRow((row) => {
        if (row.getCell(1).value === 'Lapsing after (months)') row.getCell(2).value = 30;
      });
    });
    const { out } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path, '--json']);
    const after = JSON.parse(out) as { lifecycle: { lapsing: number } };
    assert.ok(after.lifecycle.lapsing < before.lifecycle.lapsing, `${after.lifecycle.lapsing} < ${before.lifecycle.lapsing}`);
  });

  it('runs a custom rule from the Schedule sheet and marks an invalid one with its reason, skipping only it', async () => {
    const path = await builtWorkbook();
    await edit(path, (wb) => {
      const schedule = wb.getWorksheet('Schedule')!;
      const add = (values: Record<string, unknown>) => {
        const row = schedule.getRow(schedule.rowCount + 1);
        for (const [header, value] of Object.entries(values)) row.getCell(column(schedule, header)).value = value as ExcelJS.CellValue;
        row.commit();
      };
      add({ 'Rule ID': 'mot-early', 'Contact Due': 'Early MOT Letter', Trigger: 'unit.motDue', 'Offset (days)': -45, 'Window (days)': 30, Purpose: 'service' });
      add({ 'Rule ID': 'broken', 'Contact Due': 'Broken Rule', Trigger: 'unit.colour', 'Offset (days)': 0, 'Window (days)': 7, Purpose: 'service' });
    });
    const { out, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path, '--json']);
    const summary = JSON.parse(out) as { dueActions: { byContactDue: Record<string, number> } };
    assert.ok((summary.dueActions.byContactDue['Early MOT Letter'] ?? 0) > 0, JSON.stringify(summary.dueActions.byContactDue));
    assert.ok((summary.dueActions.byContactDue['MOT Reminder'] ?? 0) > 0, 'the other rules still run');
    assert.match(err, /Schedule!/);
    const schedule = (await open(path)).getWorksheet('Schedule')!;
    const ids = columnValues(schedule, 'Rule ID');
    const problem = schedule.getRow(ids.indexOf('broken') + 2).getCell(column(schedule, 'Problem')).value;
    assert.match(String(problem), /colour|trigger/i);
  });

  it('refuses to rewrite a workbook whose Contact Log sheet was renamed, names the sheet and leaves the file as it was', async () => {
    const path = await builtWorkbook();
    await edit(path, (wb) => {
      wb.getWorksheet('Contact Log')!.name = 'Old Log';
    });
    const before = readFileSync(path);
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1);
    assert.match(err, /"Contact Log" sheet/);
    assert.match(err, /nothing was written/i);
    assert.deepEqual(readFileSync(path), before);
  });

  it('refuses to rewrite a workbook whose Contact Log lost its Action ID column', async () => {
    const path = await builtWorkbook();
    await edit(path, (wb) => {
      const log = wb.getWorksheet('Contact Log')!;
      log.getRow(1).getCell(column(log, 'Action ID')).value = 'Ref';
    });
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1);
    assert.match(err, /"Action ID" column/);
  });

  it('refuses to rewrite a workbook whose Due Actions lost its Approve column, so no approval is lost', async () => {
    const path = await builtWorkbook();
    await edit(path, (wb) => {
      const due = wb.getWorksheet('Due Actions')!;
      due.spliceColumns(column(due, 'Approve'), 1);
    });
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1);
    assert.match(err, /"Due Actions" sheet has no "Approve" column/);
  });

  it('names the sheet and cell of text typed into a date column, and keeps the rest', async () => {
    const path = await builtWorkbook();
    await edit(path, (wb) => {
      const lapsed = wb.getWorksheet('Lapsed')!;
      const row = lapsed.getRow(2);
      row.getCell(column(lapsed, 'Code')).value = 'C00005';
      row.getCell(column(lapsed, 'Marked At')).value = 'last week';
      row.commit();
    });
    const { out, code } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1);
    assert.match(out, /Lapsed!C2/);
    assert.match(out, /1 lapsed/);
  });

  it('keeps text typed into a Contact Log Sent At as text, and names its cell on every build until it is fixed', async () => {
    const path = await builtWorkbook();
    let sentId = '';
    await edit(path, (wb) => {
      const due = wb.getWorksheet('Due Actions')!;
      sentId = String(due.getRow(2).getCell(column(due, 'Action ID')).value);
      const log = wb.getWorksheet('Contact Log')!;
      const row = log.getRow(2);
      row.getCell(column(log, 'Action ID')).value = sentId;
      row.getCell(column(log, 'Sent At')).value = 'last week';
      row.getCell(column(log, 'Status')).value = 'sent';
      row.commit();
    });
    for (const build of ['first', 'second']) {
      const sentAtCell = await open(path).then((wb) => `Contact Log!${String.fromCharCode(64 + column(wb.getWorksheet('Contact Log')!, 'Sent At'))}2`);
      const { out } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
      assert.ok(out.includes(sentAtCell), `${build} build names ${sentAtCell}`);
      const wb = await open(path);
      const log = wb.getWorksheet('Contact Log')!;
      assert.equal(log.getRow(2).getCell(column(log, 'Sent At')).value, 'last week', `${build} build`);
      assert.ok(!columnValues(wb.getWorksheet('Due Actions')!, 'Action ID').includes(sentId), `${build} build`);
    }
  });

  it('says a folder named as the workbook is not one, and writes nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'retention-folder-'));
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--out', folder]);
    assert.equal(code, 2, 'bad usage');
    assert.match(err, /a folder, not a workbook/);
  });

  it('says a file that is not a workbook cannot be read, and leaves it as it was', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'retention-notxlsx-')), 'retention.xlsx');
    writeFileSync(path, 'not a workbook');
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--out', path]);
    assert.equal(code, 1);
    assert.match(err, /could not be read as a workbook.*Nothing was written/);
    assert.doesNotMatch(err, /--out|new file/, 'starting a new workbook would lose the Contact Log');
    assert.equal(readFileSync(path, 'utf8'), 'not a workbook');
  });

  it('says when a workbook to build into does not exist', async () => {
    const { code, err } = await run(['build', SAMPLES, '--into', '/nonexistent/retention.xlsx']);
    assert.equal(code, 2);
    assert.match(err, /--out to make a new one/);
  });
});

describe('retention lapse', () => {
  it('records who marked a customer lapsed and when, and stops their contacts without deleting them', async () => {
    const path = await builtWorkbook();
    const before = await open(path);
    const code = String(before.getWorksheet('Due Actions')!.getRow(2).getCell(column(before.getWorksheet('Due Actions')!, 'Code')).value);
    const result = await run(['lapse', path, '--codes', code, '--as-of', AS_OF, '--by', 'Tom Okafor']);
    assert.match(result.err, /Marked 1 customer/);
    const wb = await open(path);
    const lapsed = wb.getWorksheet('Lapsed')!;
    const at = columnValues(lapsed, 'Code').indexOf(code) + 2;
    assert.ok(at >= 2);
    assert.equal(lapsed.getRow(at).getCell(column(lapsed, 'By')).value, 'Tom Okafor');
    assert.ok(!columnValues(wb.getWorksheet('Due Actions')!, 'Code').includes(code), 'no contacts for a lapsed customer');
    const customers = wb.getWorksheet('Customers')!;
    const row = columnValues(customers, 'Code').indexOf(code) + 2;
    assert.equal(customers.getRow(row).getCell(column(customers, 'Status')).value, 'Lapsed');
  });

  it('marks every lapsing customer with --all-lapsing, reading the exports the last build used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retention-lapse-'));
    const path = join(dir, 'retention.xlsx');
    copyFileSync(join(SAMPLES, 'customers.csv'), join(dir, 'customers.csv'));
    await run(['build', join(dir, 'customers.csv'), '--as-of', AS_OF, '--out', path]);
    const lapsing = columnValues((await open(path)).getWorksheet('Lapsing')!, 'Code');
    assert.ok(lapsing.length > 0);
    await run(['lapse', path, '--all-lapsing', '--as-of', AS_OF]);
    const wb = await open(path);
    assert.deepEqual(columnValues(wb.getWorksheet('Lapsing')!, 'Code'), []);
    assert.equal(columnValues(wb.getWorksheet('Lapsed')!, 'Code').length, lapsing.length);
  });
});
