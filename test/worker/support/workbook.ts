/** Running the command line in a test, and reading a workbook back the way a user would see it. */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { main } from '../../../worker/cli.ts';

export const SAMPLES = new URL('../../../samples/', import.meta.url).pathname;
/** The sample garage's as-of date. */
export const AS_OF = '2026-11-16';

/** `retention …` as a user at the sample garage would run it, with what it printed. */
export async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), now: () => new Date('2026-11-16T12:00:00Z'), user: 'Sarah Whitfield' });
  return { code, out, err };
}

export async function open(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** Column number of a header on row 1; 0 when there is none. */
export function headerColumn(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, n) => {
    if (cell.value === header) found = n;
  });
  return found;
}

/** Column number of a header on row 1, which must be there. */
export function column(sheet: ExcelJS.Worksheet, header: string): number {
  const found = headerColumn(sheet, header);
  assert.ok(found, `${sheet.name} has no ${header} column`);
  return found;
}

/** The non-blank values under a header. */
export function columnValues(sheet: ExcelJS.Worksheet, header: string): unknown[] {
  const c = column(sheet, header);
  const values: unknown[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) values.push(sheet.getRow(r).getCell(c).value);
  return values.filter((v) => v !== null && v !== undefined);
}
