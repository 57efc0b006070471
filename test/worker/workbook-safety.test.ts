/**
 * The garage's history lives in its workbook, so nothing that happens to the file during a build
 * may lose a row of it: two builds at once, a save in Excel mid-build, a killed build, a read-only
 * file, the garage's own sheets and columns.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { rebuildWorkbook, type WorkbookStore } from '../../core/index.ts';
import { exportFileSource, listExportFiles } from '../../worker/read-export.ts';
import { BACKUPS_KEPT, openWorkbookFile } from '../../worker/workbook-file.ts';
import { AS_OF, columnValues, headerColumn, open, run, SAMPLES } from './support/workbook.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** One sample workbook, built once; each test works on its own copy. */
let built = '';
async function workbookCopy(): Promise<string> {
  if (!built) {
    built = join(mkdtempSync(join(tmpdir(), 'retention-safety-')), 'built.xlsx');
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--out', built]);
    assert.equal(code, 1, err);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'retention-safety-')), 'retention.xlsx');
  copyFileSync(built, path);
  return path;
}

/** Types a Contact Log line below the last one, as a user would in Excel, and saves. */
async function typeLogLine(path: string, actionId: string): Promise<void> {
  const workbook = await open(path);
  const log = workbook.getWorksheet('Contact Log')!;
  const row = log.getRow(log.rowCount + 1);
  row.getCell(headerColumn(log, 'Action ID')).value = actionId;
  row.getCell(headerColumn(log, 'Sent At')).value = new Date(Date.UTC(2026, 10, 16));
  row.getCell(headerColumn(log, 'Status')).value = 'sent';
  row.commit();
  await workbook.xlsx.writeFile(path);
}

async function logIds(path: string): Promise<unknown[]> {
  return columnValues((await open(path)).getWorksheet('Contact Log')!, 'Action ID');
}

async function rebuildInto(path: string, wrap: (store: WorkbookStore) => WorkbookStore = (s) => s) {
  const file = await openWorkbookFile(path, { by: 'test' });
  try {
    return await rebuildWorkbook({ exports: exportFileSource(await listExportFiles([SAMPLES])), workbook: wrap(file), asOf: AS_OF, by: 'test' });
  } finally {
    await file.close();
  }
}

describe('two writers to one workbook', () => {
  it('lets only one of two builds at once write, keeps every Contact Log line, and the other says why', async () => {
    const path = await workbookCopy();
    await typeLogLine(path, 'typed/by/hand/2026-11-01');
    const [first, second] = await Promise.all([run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]), run(['build', SAMPLES, '--as-of', AS_OF, '--into', path])]);
    const loser = [first, second].find((r) => /is being rebuilt by/.test(r.err));
    const winner = [first, second].find((r) => r !== loser);
    assert.ok(loser, `one build should have been turned away:\n${first.err}\n${second.err}`);
    assert.match(loser.err, /this build did not touch it.*Wait for that build to finish/s);
    assert.equal(loser.code, 1);
    assert.match(winner!.out, /Workbook: /);
    assert.ok((await logIds(path)).includes('typed/by/hand/2026-11-01'));
    assert.ok(!existsSync(`${path}.lock`), 'the lock is released');
  });

  it('reads the workbook again when it is saved during a build, so the rows added then are kept', async () => {
    const path = await workbookCopy();
    let saves = 0;
    const result = await rebuildInto(path, (store) => ({
      readSheets: (names) => store.readSheets(names),
      async write(plan) {
        // The user saves a new log line after the build read the file, before it swaps the new one in.
        if (saves++ === 0) await typeLogLine(path, 'saved/during/the/build/2026-11-16');
        return store.write(plan);
      },
    }));
    assert.ok(!('stopped' in result));
    assert.equal(result.rereads, 1);
    assert.ok((await logIds(path)).includes('saved/during/the/build/2026-11-16'));
  });

  it('leaves a workbook that keeps changing as the user last saved it, and says so', async () => {
    const path = await workbookCopy();
    let saves = 0;
    const result = await rebuildInto(path, (store) => ({
      readSheets: (names) => store.readSheets(names),
      async write(plan) {
        await typeLogLine(path, `saved/again/${++saves}/2026-11-16`);
        return store.write(plan);
      },
    }));
    assert.ok('stopped' in result);
    assert.match(result.stopped.join(' '), /changed 3 times.*save and close it in Excel, then build again/);
    const ids = await logIds(path);
    for (let n = 1; n <= saves; n++) assert.ok(ids.includes(`saved/again/${n}/2026-11-16`));
  });

  it('takes over a lock left by a build that is no longer running, and says so', async () => {
    const path = await workbookCopy();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: gone.pid, host: hostname(), by: 'Dave', since: '2026-11-16T08:00:00Z' }));
    const { code, out, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1, err);
    assert.match(out, /A lock left by a build by Dave .* was cleared/);
    assert.ok(!existsSync(`${path}.lock`));
  });

  it('respects a lock held from another computer, naming it and what to do', async () => {
    const path = await workbookCopy();
    const before = readFileSync(path);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 4242, host: 'FRONT-DESK-PC', by: 'Dave', since: '2026-11-16T08:00:00Z' }));
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1);
    assert.match(err, /by Dave on FRONT-DESK-PC/);
    assert.match(err, /delete .*retention\.xlsx\.lock and build again/);
    assert.deepEqual(readFileSync(path), before);
    assert.ok(existsSync(`${path}.lock`), 'another computer’s lock is not ours to remove');
  });
});

describe('a build that is killed', () => {
  // Killed at several moments: reading, computing, writing. Whatever the moment, the workbook is whole.
  for (const afterMs of [300, 700, 1000]) {
    it(`leaves a whole workbook when killed ${afterMs} ms in, and the next build clears what it left`, async function () {
      this.timeout(30_000);
      const path = await workbookCopy();
      await typeLogLine(path, 'kept/through/a/kill/2026-11-16');
      const child = spawn(process.execPath, [join(ROOT, 'bin/retention.js'), 'build', SAMPLES, '--as-of', AS_OF, '--into', path], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      child.kill('SIGKILL');
      await exited;
      assert.ok((await logIds(path)).includes('kept/through/a/kill/2026-11-16'), 'the workbook opens and still has the line');
      const { out, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
      assert.match(out, /Workbook: /, `the next build wrote the workbook:\n${err}`);
      assert.deepEqual(readdirSync(join(path, '..')).filter((n) => n.includes('.tmp-') || n.includes('.lock')), []);
      assert.ok((await logIds(path)).includes('kept/through/a/kill/2026-11-16'));
    });
  }

  it('clears an unreadable lock a minute old (a build killed as it took the lock)', async () => {
    const path = await workbookCopy();
    writeFileSync(`${path}.lock`, '');
    const minuteAgo = new Date(Date.now() - 61_000);
    utimesSync(`${path}.lock`, minuteAgo, minuteAgo);
    const { out, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.match(out, /A lock left by another build, which is no longer running, was cleared/, err);
    assert.ok(!existsSync(`${path}.lock`));
  });

  it('respects an unreadable lock made just now: a build may be writing it', async () => {
    const path = await workbookCopy();
    writeFileSync(`${path}.lock`, '');
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1);
    assert.match(err, /is being rebuilt by another build/);
  });

  it('removes a temporary file a killed build left, and says so', async () => {
    const path = await workbookCopy();
    writeFileSync(`${path}.tmp-99999-deadbeef`, 'half a workbook');
    const { out } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.match(out, /Removed 1 unfinished file\(s\) left by an earlier build that was stopped: retention\.xlsx\.tmp-99999-deadbeef/);
    assert.ok(!existsSync(`${path}.tmp-99999-deadbeef`));
  });
});

describe('backups and permissions', () => {
  it('keeps the previous workbook under backups/ beside it and says where', async () => {
    const path = await workbookCopy();
    const before = readFileSync(path);
    const { out } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    const backups = readdirSync(join(path, '..', 'backups'));
    assert.equal(backups.length, 1);
    assert.match(backups[0]!, /^retention before \d{4}-\d\d-\d\d \d{6}\.xlsx$/);
    assert.deepEqual(readFileSync(join(path, '..', 'backups', backups[0]!)), before);
    assert.match(out, /The previous workbook is kept as .*backups\/retention before/);
  });

  it(`keeps only the newest ${BACKUPS_KEPT} backups of a workbook, and none of another's are touched`, async () => {
    const path = await workbookCopy();
    const folder = join(path, '..', 'backups');
    mkdirSync(folder);
    for (let day = 1; day <= BACKUPS_KEPT + 1; day++) writeFileSync(join(folder, `retention before 2026-10-0${day} 090000.xlsx`), 'old');
    writeFileSync(join(folder, 'other before 2026-01-01 090000.xlsx'), 'another workbook’s');
    await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    const kept = readdirSync(folder).filter((n) => n.startsWith('retention before')).sort();
    assert.equal(kept.length, BACKUPS_KEPT);
    assert.ok(!kept.includes('retention before 2026-10-01 090000.xlsx'), 'the oldest went');
    assert.ok(existsSync(join(folder, 'other before 2026-01-01 090000.xlsx')));
  });

  it('leaves a read-only workbook alone and says how to allow the update', async () => {
    const path = await workbookCopy();
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1);
    assert.match(err, /is read-only, so it was not rewritten.*make it writable/s);
    assert.deepEqual(readFileSync(path), before);
    assert.equal(statSync(path).mode & 0o777, 0o444);
  });

  it('keeps the workbook’s permissions when it rewrites it', async () => {
    const path = await workbookCopy();
    chmodSync(path, 0o640);
    await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(statSync(path).mode & 0o777, 0o640);
  });
});

describe('what the garage added to its workbook', () => {
  it('keeps a sheet the garage added, with its values, formulas, styles, merged cells and widths', async () => {
    const path = await workbookCopy();
    const workbook = await open(path);
    const prices = workbook.addWorksheet('Price List');
    prices.getColumn(1).width = 30;
    prices.mergeCells('A1:B1');
    prices.getCell('A1').value = 'Winter offers';
    prices.getCell('A1').font = { bold: true, size: 14 };
    prices.getCell('A2').value = 'MOT';
    prices.getCell('B2').value = 54.85;
    prices.getCell('A3').value = 'Service';
    prices.getCell('B3').value = 149;
    prices.getCell('B4').value = { formula: 'SUM(B2:B3)', result: 203.85 };
    prices.getCell('B2').numFmt = '£#,##0.00';
    await workbook.xlsx.writeFile(path);

    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1, err);
    const after = (await open(path)).getWorksheet('Price List');
    assert.ok(after, 'the sheet is still there');
    assert.equal(after.getCell('A1').value, 'Winter offers');
    assert.equal(after.getCell('A1').font?.bold, true);
    assert.equal(after.getCell('B2').value, 54.85);
    assert.equal(after.getCell('B2').numFmt, '£#,##0.00');
    assert.equal((after.getCell('B4').value as ExcelJS.CellFormulaValue).formula, 'SUM(B2:B3)');
    assert.equal(after.getColumn(1).width, 30);
    assert.ok(after.getCell('B1').isMerged, 'A1:B1 is still merged');
  });

  it('keeps a column the garage added to the Contact Log and one added to Due Actions, against the same rows', async () => {
    const path = await workbookCopy();
    const workbook = await open(path);
    const log = workbook.getWorksheet('Contact Log')!;
    const logRow = log.getRow(2);
    logRow.getCell(headerColumn(log, 'Action ID')).value = 'rang/them/instead/2026-11-10';
    logRow.getCell(headerColumn(log, 'Sent At')).value = new Date(Date.UTC(2026, 10, 10));
    logRow.getCell(headerColumn(log, 'Status')).value = 'sent';
    const notes = log.actualColumnCount + 1;
    log.getRow(1).getCell(notes).value = 'Notes';
    logRow.getCell(notes).value = 'Phoned, booked for Tuesday';
    logRow.commit();
    const due = workbook.getWorksheet('Due Actions')!;
    const called = headerColumn(due, 'Action ID') + 1;
    due.getRow(1).getCell(called).value = 'Called?';
    due.getRow(3).getCell(called).value = 'No answer';
    const dueId = due.getRow(3).getCell(headerColumn(due, 'Action ID')).value;
    await workbook.xlsx.writeFile(path);

    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1, err);
    const after = await open(path);
    const logAfter = after.getWorksheet('Contact Log')!;
    const logRowAfter = columnValues(logAfter, 'Action ID').indexOf('rang/them/instead/2026-11-10') + 2;
    assert.equal(logAfter.getRow(logRowAfter).getCell(headerColumn(logAfter, 'Notes')).value, 'Phoned, booked for Tuesday');
    const dueAfter = after.getWorksheet('Due Actions')!;
    const dueRowAfter = columnValues(dueAfter, 'Action ID').indexOf(dueId) + 2;
    assert.ok(headerColumn(dueAfter, 'Called?'), 'the Called? column is still there');
    assert.equal(dueAfter.getRow(dueRowAfter).getCell(headerColumn(dueAfter, 'Called?')).value, 'No answer');
  });

  it('stops before writing when a sheet the garage added has a picture it cannot carry over', async () => {
    const path = await workbookCopy();
    const workbook = await open(path);
    const sheet = workbook.addWorksheet('Logo');
    // A 1×1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    sheet.addImage(workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'B2:C3');
    await workbook.xlsx.writeFile(path);
    const before = readFileSync(path);
    const { code, err } = await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    assert.equal(code, 1);
    assert.match(err, /your sheet "Logo" has a chart, picture or shape.*move that sheet to a workbook of its own/);
    assert.deepEqual(readFileSync(path), before);
  });
});
