/**
 * A garage edits its workbook in whatever it has — Excel, LibreOffice, a script using openpyxl —
 * and saves it; the next build into it must read every edit back. The fixtures in
 * test/fixtures/saved-by/ are the sample workbook (as of 2026-11-16) with the same edits
 * (edits.json), saved by each program; their README says how each was made. These tests only read
 * the committed files: no Python, openpyxl or LibreOffice is needed to run them.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../worker/cli.ts';
import { relativeRelationshipTargets } from '../../worker/xlsx/read-workbook.ts';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/saved-by/', import.meta.url).pathname;
const AS_OF = '2026-11-16';

interface LogRow {
  'Action ID': string;
  'Sent At': string;
  Status: string;
  By: string;
  [header: string]: string;
}
const edits = JSON.parse(readFileSync(join(FIXTURES, 'edits.json'), 'utf8')) as {
  skip: string;
  hold: string;
  method: { actionId: string; from: string; to: string };
  logInsideTable: LogRow;
  logBelowTable: LogRow;
};

const PROGRAMS = [
  { program: 'openpyxl', file: 'openpyxl.xlsx' },
  { program: 'LibreOffice', file: 'libreoffice.xlsx' },
  { program: 'Excel', file: 'excel.xlsx' },
];

type Row = Record<string, ExcelJS.CellValue>;

/** A sheet's rows under its header row, as header → value. */
function rowsOf(sheet: ExcelJS.Worksheet): Row[] {
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, n) => (headers[n] = String(cell.value)));
  const rows: Row[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row: Row = {};
    headers.forEach((h, n) => (row[h] = sheet.getRow(r).getCell(n).value));
    if (Object.values(row).some((v) => v !== null && v !== undefined && v !== '')) rows.push(row);
  }
  return rows;
}

const isoDay = (value: ExcelJS.CellValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

/** Copies a fixture to a temporary folder, builds into it as of 2026-11-16, and reads back Due Actions and the Contact Log. */
async function buildInto(file: string): Promise<{ due: Row[]; log: Row[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'retention-saved-by-')), 'retention.xlsx');
  copyFileSync(join(FIXTURES, file), path);
  let out = '';
  let err = '';
  const code = await main(['build', SAMPLES, '--as-of', AS_OF, '--into', path], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    now: () => new Date('2026-11-16T12:00:00Z'),
    user: 'Sarah Whitfield',
  });
  // 1: the samples carry deliberate import problems; anything else means the build stopped.
  assert.equal(code, 1, err);
  assert.match(out, /Workbook: /, err);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return { due: rowsOf(workbook.getWorksheet('Due Actions')!), log: rowsOf(workbook.getWorksheet('Contact Log')!) };
}

for (const { program, file } of PROGRAMS) {
  describe(`a workbook ${program} saved`, () => {
    let due: Row[];
    let log: Row[];

    before(async () => {
      ({ due, log } = await buildInto(file));
    });

    const dueRow = (actionId: string) => due.find((r) => r['Action ID'] === actionId);
    const logRows = (actionId: string) => log.filter((r) => r['Action ID'] === actionId);

    it(`finds every sheet's Excel table when exceljs reads a workbook ${program} saved`, async () => {
      const zip = await JSZip.loadAsync(readFileSync(join(FIXTURES, file)));
      await relativeRelationshipTargets(zip);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await zip.generateAsync({ type: 'uint8array' })) as unknown as ArrayBuffer);
      const tables = (name: string) => workbook.getWorksheet(name)!.getTables().map((t) => (t as unknown as { table: { name: string } }).table.name);
      assert.deepEqual(tables('Due Actions'), ['DueActions']);
      assert.deepEqual(tables('Contact Log'), ['ContactLog']);
      workbook.eachSheet((sheet) => assert.ok(sheet.getTables().length > 0, `${sheet.name} has its table`));
    });

    it(`logs a row set to Skip as skipped and drops it from Due Actions, in a workbook ${program} saved`, () => {
      assert.equal(dueRow(edits.skip), undefined);
      const [skipped] = logRows(edits.skip);
      assert.deepEqual([skipped?.Status, skipped?.By], ['skipped', 'Sarah Whitfield']);
    });

    it(`keeps a row on Hold held in a workbook ${program} saved`, () => {
      assert.equal(dueRow(edits.hold)?.Approve, 'Hold');
    });

    it(`keeps a changed Method in a workbook ${program} saved`, () => {
      assert.equal(dueRow(edits.method.actionId)?.Method, edits.method.to);
    });

    for (const [where, typed] of [
      ['inside the table', edits.logInsideTable],
      ['below the table', edits.logBelowTable],
    ] as const) {
      it(`keeps a Contact Log row typed ${where} in a workbook ${program} saved, and its action is no longer due`, () => {
        const kept = logRows(typed['Action ID']);
        assert.equal(kept.length, 1, `one Contact Log row for ${typed['Action ID']}`);
        const [row] = kept;
        assert.deepEqual([isoDay(row!['Sent At']!), row!.Status, row!.By, row!.Reference], [typed['Sent At'], typed.Status, typed.By, typed.Reference]);
        assert.equal(dueRow(typed['Action ID']), undefined, `${typed['Action ID']} is no longer due`);
      });
    }
  });
}

describe('a Method changed on Due Actions', () => {
  // SPEC: "Changing Method on a Due Actions row makes To the customer's address for that method".
  it('makes To the customer’s address for the new method', async () => {
    const { due } = await buildInto('excel.xlsx');
    const row = due.find((r) => r['Action ID'] === edits.method.actionId);
    assert.equal(row?.Method, 'Email');
    assert.equal(row?.To, 'gokafor@example.net');
  });
});
