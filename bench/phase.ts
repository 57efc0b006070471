/** One benchmark phase in its own process; prints one JSON line: seconds, peak RSS, detail. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { SHEETS_READ_BACK } from '../core/index.ts';
import { main } from '../worker/cli.ts';
import { isOwnSheet } from '../worker/xlsx/own-sheets.ts';
import { readWorkbook } from '../worker/xlsx/read-workbook.ts';

const [phase, dataDir, asOf, workbook] = process.argv.slice(2) as [string, string, string, string | undefined];
const files = readdirSync(dataDir).filter((f) => f.endsWith('.csv')).map((f) => join(dataDir, f));

/** One export as papaparse parses it, straight from UTF-8: what both the parse and floor phases start with. */
function parsedRows(file: string): string[][] {
  return Papa.parse<string[]>(new TextDecoder('utf-8').decode(readFileSync(file)), { skipEmptyLines: 'greedy' }).data;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** A copy of the garage's workbook to build into, made before the clock starts. */
const intoCopy = phase === 'into' ? join(mkdtempSync(join(tmpdir(), 'retention-bench-')), 'retention.xlsx') : '';
if (intoCopy) copyFileSync(workbook!, intoCopy);

const quiet = { out: () => {}, err: () => {}, now: () => new Date() };
const started = performance.now();
let detail: string;
if (phase === 'parse') {
  let rows = 0;
  for (const file of files) rows += parsedRows(file).length;
  detail = `papaparse alone: ${rows.toLocaleString('en-GB')} rows`;
} else if (phase === 'parse-header') {
  // The measuring stick: papaparse as most code calls it, an object per row keyed by header.
  let rows = 0;
  for (const file of files) rows += Papa.parse<Record<string, string>>(new TextDecoder('utf-8').decode(readFileSync(file)), { header: true, skipEmptyLines: 'greedy' }).data.length;
  detail = `papaparse alone, header: true: ${rows.toLocaleString('en-GB')} rows`;
} else if (phase === 'floor') {
  // The least any import must do after parsing: a record per row (its cells trimmed) and a key per
  // record to find duplicates by. No normalising, no index, no computation.
  let keys = 0;
  // Held to the end, as a build holds its records.
  const kept: Map<string, { key: string; cells: string[] }>[] = [];
  for (const file of files) {
    const rows = parsedRows(file);
    const byKey = new Map<string, { key: string; cells: string[] }>();
    for (let i = 1; i < rows.length; i += 1) {
      const cells = rows[i]!.map((cell) => cell.trim());
      byKey.set(cells[0]!, { key: cells[0]!, cells });
    }
    keys += byKey.size;
    kept.push(byKey);
  }
  detail = `parse + a trimmed record and a key per row: ${keys.toLocaleString('en-GB')} keys`;
} else if (phase === 'build') {
  let out = '';
  const code = await main(['build', dataDir, '--json', '--as-of', asOf], { out: (t) => (out += t), err: () => {}, now: () => new Date() });
  const summary = JSON.parse(out) as { imported: Record<string, number>; dueActions: { total: number }; problems: number };
  detail = `build --json (exit ${code}): ${Object.values(summary.imported).reduce((a, b) => a + b, 0).toLocaleString('en-GB')} records, ${summary.dueActions.total.toLocaleString('en-GB')} due, ${summary.problems} problems`;
} else if (phase === 'out') {
  const code = await main(['build', dataDir, '--as-of', asOf, '--out', workbook!], quiet);
  detail = `build --out a new workbook (exit ${code})`;
} else if (phase === 'read') {
  // What a rebuild does first: the kept sheets, and the garage's own, read back alone.
  const { sheets } = await readWorkbook(workbook!, { sheets: SHEETS_READ_BACK, whole: isOwnSheet });
  detail = `read the kept sheets back: ${[...sheets.values()].reduce((n, s) => n + s.rows.length, 0).toLocaleString('en-GB')} rows`;
} else if (phase === 'into') {
  // The weekly rebuild: read the kept sheets back, lock, check, back up, write, swap.
  const code = await main(['build', dataDir, '--as-of', asOf, '--into', intoCopy], quiet);
  detail = `build --into last week's workbook (exit ${code})`;
} else {
  throw new Error(`unknown phase ${phase}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ phase, seconds, peakRssMb: peakRssMb(), detail }));
