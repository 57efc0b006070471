/**
 * Where `build --into` spends its time, step by step, in one process (run after `npm run bench`
 * has made the data and the workbook): reading the kept sheets, each export, computing and
 * drawing the plan, writing. For finding what to make faster; the targets are judged by bench/run.ts.
 *
 *   node [--expose-gc] --import tsx bench/into-steps.ts [bench/data/garage-100000] [bench/data/garage-100000.xlsx]
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rebuildWorkbook, type WorkbookStore } from '../core/index.ts';
import { exportFileSource } from '../worker/read-export.ts';
import { openWorkbookFile } from '../worker/workbook-file.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = process.argv[2] ?? join(here, 'data', 'garage-100000');
const source = process.argv[3] ?? join(here, 'data', 'garage-100000.xlsx');
const copy = join(mkdtempSync(join(tmpdir(), 'retention-into-')), 'retention.xlsx');
copyFileSync(source, copy);
const paths = readdirSync(dataDir).filter((f) => f.endsWith('.csv')).map((f) => join(dataDir, f));

const started = performance.now();
let last = started;
let lastStep = 'open';
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
const collectGarbage = (globalThis as { gc?: () => void }).gc;
function mark(next: string): void {
  const now = performance.now();
  const { rss, heapUsed } = process.memoryUsage();
  // With --expose-gc, what is still alive after each step too (the collection is not timed).
  collectGarbage?.();
  const live = collectGarbage ? `   live ${mb(process.memoryUsage().heapUsed).padStart(5)} MB` : '';
  console.log(`${lastStep.padEnd(24)} ${((now - last) / 1000).toFixed(2).padStart(6)} s   rss ${mb(rss).padStart(5)} MB   heap ${mb(heapUsed).padStart(5)} MB${live}`);
  last = performance.now();
  lastStep = next;
}
// As build opens it: the kept sheets are not held for a second read.
const file = await openWorkbookFile(copy, { by: 'bench', rememberReads: false });
const store: WorkbookStore = {
  async readSheets(names) {
    mark('read kept sheets');
    const sheets = await file.readSheets(names);
    mark('(before first export)');
    return sheets;
  },
  write: (plan) => file.write(plan),
};
try {
  await rebuildWorkbook({ exports: exportFileSource(paths), workbook: store, asOf: '2026-11-16', by: 'bench', onStep: (step) => mark(step) });
  mark('end');
} finally {
  await file.close();
}
console.log(`total ${((performance.now() - started) / 1000).toFixed(2)} s, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
