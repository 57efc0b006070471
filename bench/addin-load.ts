/**
 * Loading the 100,000-customer benchmark garage into a workbook open in Excel, through the add-in's
 * Office.js workbook store and the in-memory Excel of the tests (test/addin/support/fake-excel.ts):
 * first into an empty workbook, then the weekly load into the same workbook. Reports the syncs,
 * the largest request and response (Excel on the web refuses one over 5 MB), the bytes sent and
 * the time, and checks the sync bound:
 *
 *   syncs of a write ≤ R + 1 + ceil(B / (C − m))
 *
 * R the syncs of reading the kept sheets again (the changed-since-read check), 1 to find the sheets
 * and tables, B the bytes written, C the 4 MB budget, m the largest single addition (a row).
 * The time is the fake's and ours, not Excel's: it says what the store costs, not how long Excel
 * takes to apply the requests.
 *
 *   node --import tsx bench/addin-load.ts           # 100,000 customers
 *   BENCH_CUSTOMERS=20000 node --import tsx bench/addin-load.ts
 */
import { officeWorkbookStore } from '../addin/excel/office-workbook-store.ts';
import { EXCEL_WEB_PAYLOAD_LIMIT, REQUEST_BUDGET } from '../addin/excel/request-budget.ts';
import type { PlanWritten } from '../addin/excel/write-plan.ts';
import { rebuildWorkbook, type ExportSource, type RawTable } from '../core/index.ts';
import { FakeExcel } from '../test/addin/support/fake-excel.ts';

const SEED = 20261116;
const AS_OF = '2026-11-16';
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);

const { generateGarage } = await import('../samples/generator.ts');
const generated = generateGarage({ seed: SEED, customers: CUSTOMERS, asOf: AS_OF });
const tables: RawTable[] = (['customers', 'units', 'jobs', 'advisories', 'bookings'] as const).map((kind) => ({
  fileName: `${kind}.csv`,
  headers: [...generated[kind].headers],
  rows: generated[kind].rows,
  rowNumbers: generated[kind].rows.map((_, i) => i + 2),
  headerRow: 1,
}));
const exports: ExportSource = {
  async *files() {
    for (const table of tables) yield { value: table, problems: [] };
  },
};

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const excel = new FakeExcel();

async function load(label: string): Promise<boolean> {
  const startSync = excel.syncs.length;
  let written: PlanWritten | null = null;
  let writeStartSync = 0;
  let writeStarted = 0;
  let writeSeconds = 0;
  const store = officeWorkbookStore(excel.run, { onWritten: (w) => (written = w) });
  const timed = {
    readSheets: store.readSheets.bind(store),
    async write(plan: Parameters<typeof store.write>[0]) {
      writeStartSync = excel.syncs.length;
      writeStarted = performance.now();
      const result = await store.write(plan);
      writeSeconds = (performance.now() - writeStarted) / 1000;
      return result;
    },
  };
  const started = performance.now();
  const result = await rebuildWorkbook({ exports, workbook: timed, asOf: AS_OF, by: 'Bench' });
  const seconds = (performance.now() - started) / 1000;
  if ('stopped' in result) throw new Error(result.stopped.join('; '));
  const syncs = excel.syncs.slice(startSync);
  const writeSyncs = excel.syncs.length - writeStartSync;
  const w = written as PlanWritten | null;
  if (!w) throw new Error('nothing was written');
  const recheck = writeSyncs - w.syncs;
  const bound = recheck + 1 + Math.ceil(w.bytes / (REQUEST_BUDGET - w.largest));
  const largestRequest = Math.max(...syncs.map((s) => s.requestBytes));
  const largestResponse = Math.max(...syncs.map((s) => s.responseBytes));
  const sent = syncs.reduce((sum, s) => sum + s.requestBytes, 0);
  const received = syncs.reduce((sum, s) => sum + s.responseBytes, 0);
  const cells = excel.workbook.sheets.reduce((sum, s) => sum + s.cells.reduce((n, row) => n + row.length, 0), 0);
  console.log(`\n${label}`);
  console.log(`  syncs: ${syncs.length} in all; the write ${writeSyncs} (${recheck} re-reading the kept sheets, ${w.syncs} writing), bound ${bound}: ${writeSyncs <= bound ? 'met' : 'MISSED'}`);
  console.log(`  largest request ${mb(largestRequest)} MB, largest response ${mb(largestResponse)} MB (limit ${mb(EXCEL_WEB_PAYLOAD_LIMIT)} MB): ${Math.max(largestRequest, largestResponse) < EXCEL_WEB_PAYLOAD_LIMIT ? 'met' : 'MISSED'}`);
  console.log(`  sent ${mb(sent)} MB, received ${mb(received)} MB; ${cells.toLocaleString('en-GB')} cells in the workbook`);
  console.log(`  ${seconds.toFixed(1)} s in all, ${writeSeconds.toFixed(1)} s of it the write (the fake's time and ours, not Excel's)`);
  return writeSyncs <= bound && Math.max(largestRequest, largestResponse) < EXCEL_WEB_PAYLOAD_LIMIT;
}

console.log(`Loading the ${CUSTOMERS.toLocaleString('en-GB')}-customer garage through the Office.js workbook store into the fake Excel (budget ${mb(REQUEST_BUDGET)} MB a sync)`);
const ok = [await load('into an empty workbook'), await load('the weekly load into the same workbook')];
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (ok.includes(false)) process.exitCode = 1;
