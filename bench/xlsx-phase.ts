/**
 * The workbook-writing phase on its own: writeWorkbook (tables, styles, formats, highlights)
 * against the floor — exceljs's streaming writer putting the same cells in the same sheets with
 * no styles, tables or formats. Target: writeWorkbook ≤ 1.5 × the floor at 100,000 customers.
 *
 * The garage is generateGarage({ seed: 20261116, customers, asOf: '2026-11-16' }), imported with
 * importTables straight from memory (no CSV round trip), computed and planned; only the writing
 * is timed. Each side runs in a fresh process so peak RSS is its own.
 *
 *   node --import tsx bench/xlsx-phase.ts                  # both sides, best of 3, 100,000 customers
 *   BENCH_CUSTOMERS=20000 node --import tsx bench/xlsx-phase.ts
 *   node --import tsx bench/xlsx-phase.ts write|floor DIR  # one side, one JSON line (for bench/run.ts)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { WorkbookPlan } from '../core/workbook/plan.ts';
import { excelSerial } from '../core/calendar.ts';
import { writeWorkbook } from '../worker/xlsx/write-workbook.ts';

const SEED = 20261116;
const AS_OF = '2026-11-16';

export interface XlsxTiming {
  side: 'write' | 'floor';
  seconds: number;
  peakRssMb: number;
  /** RSS just before writing began: what the plan itself holds. */
  rssBeforeMb: number;
  cells: number;
  fileMb: number;
}

function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function cellCount(plan: WorkbookPlan): number {
  let cells = 0;
  for (const sheet of plan.sheets) {
    cells += (sheet.table.rows.length + 1) * sheet.table.columns.length;
  }
  return cells;
}

/** The floor: the plan's cells, dates as serial numbers, written plainly by exceljs's streaming writer. */
export async function writePlainCells(plan: WorkbookPlan, path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  for (const sheet of plan.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    const { table } = sheet;
    worksheet.addRow(table.columns.map((c) => c.header)).commit();
    for (const cells of table.rows) {
      const values: ExcelJS.CellValue[] = cells.map((value, c) => (table.columns[c]!.type === 'date' && typeof value === 'string' ? excelSerial(value) : value));
      worksheet.addRow(values).commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
}

async function timeSide(side: XlsxTiming['side'], plan: WorkbookPlan, dir: string): Promise<XlsxTiming> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${side}.xlsx`);
  rmSync(path, { force: true });
  const rssBeforeMb = rssMb();
  const started = performance.now();
  if (side === 'write') await writeWorkbook(plan, path);
  else await writePlainCells(plan, path);
  const seconds = (performance.now() - started) / 1000;
  return { side, seconds, peakRssMb: peakRssMb(), rssBeforeMb, cells: cellCount(plan), fileMb: statSync(path).size / 1024 / 1024 };
}

/** A seeded garage of `customers`, imported, computed and planned as `retention build` would. */
export async function benchPlan(customers: number): Promise<WorkbookPlan> {
  const { generateGarage } = await import('../samples/generator.ts');
  const { importTables } = await import('../core/import/import-tables.ts');
  const { computeRetention } = await import('../core/retention.ts');
  const { defaultRules } = await import('../core/schedule/default-rules.ts');
  const { DEFAULT_SETTINGS } = await import('../core/settings.ts');
  const { workbookPlan, defaultSchedule } = await import('../core/workbook/index.ts');
  const exports = generateGarage({ seed: SEED, customers, asOf: AS_OF });
  const tables = (['customers', 'units', 'jobs', 'advisories', 'bookings'] as const).map((kind) => ({
    fileName: `${kind}.csv`,
    headers: [...exports[kind].headers],
    rows: exports[kind].rows,
    rowNumbers: exports[kind].rows.map((_, i) => i + 2),
    headerRow: 1,
  }));
  const settings = DEFAULT_SETTINGS;
  const imported = importTables(tables, { settings, asOf: AS_OF });
  const retention = computeRetention({ records: imported.value.records, lookups: imported.value.lookups, asOf: AS_OF, contactLog: [], lapsedMarks: [], settings, rules: defaultRules(settings) });
  return workbookPlan({ retention, settings, importProblems: imported.problems, contactLog: [], lapsedMarks: [], schedule: defaultSchedule(settings) });
}

const here = fileURLToPath(new URL('.', import.meta.url));
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);

async function runOneSide(side: XlsxTiming['side'], dir: string): Promise<void> {
  const planStarted = performance.now();
  const plan = await benchPlan(CUSTOMERS);
  const planSeconds = (performance.now() - planStarted) / 1000;
  const timing = await timeSide(side, plan, dir);
  console.log(JSON.stringify({ ...timing, planSeconds }));
}

function runInChild(side: XlsxTiming['side'], dir: string): XlsxTiming & { planSeconds: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), side, dir], { encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`xlsx bench (${side}) failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as XlsxTiming & { planSeconds: number };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const [side, dir] = process.argv.slice(2);
  if (side === 'write' || side === 'floor') {
    await runOneSide(side, dir ?? join(here, 'data', 'xlsx'));
  } else {
    const out = join(here, 'data', `xlsx-${CUSTOMERS}`);
    const best = (s: XlsxTiming['side']) => {
      const runs = [runInChild(s, out), runInChild(s, out), runInChild(s, out)];
      const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      return { ...fastest, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
    };
    const floor = best('floor');
    const write = best('write');
    const ratio = write.seconds / floor.seconds;
    console.log(`\nWorkbook writing — ${CUSTOMERS.toLocaleString('en-GB')} customers, ${write.cells.toLocaleString('en-GB')} cells (best of 3, fresh process each)`);
    console.log('side    seconds   peak RSS MB   RSS before MB   file MB   plan built in');
    for (const r of [floor, write]) {
      console.log(`${r.side.padEnd(6)} ${r.seconds.toFixed(2).padStart(8)}   ${r.peakRssMb.toFixed(0).padStart(11)}   ${r.rssBeforeMb.toFixed(0).padStart(13)}   ${r.fileMb.toFixed(1).padStart(7)}   ${r.planSeconds.toFixed(1)} s`);
    }
    console.log(`write / floor = ${ratio.toFixed(2)}× (target ≤ 1.5×): ${ratio <= 1.5 ? 'met' : 'MISSED'}`);
  }
}
