/**
 * `npm run bench`: a 100,000-customer garage (seeded), and side by side, each in a fresh process
 * so memory and warm-up are fair: papaparse parsing the CSVs alone, the least any import could do
 * on top of that (a trimmed record and a key per row), and the whole `retention build --json`;
 * then building the workbook (`--out`), reading its kept sheets back alone (best of 3) and the
 * weekly rebuild into it (`--into`, best of 3).
 * Targets: build ≤ 2× parsing alone (reported against papaparse's arrays, and against `header: true`, the
 * issue's measure); peak RSS ≤ 1 GB; --into ≤ 12 s and ≤ 700 MB.
 *
 * One or a few cases alone: `node --expose-gc --import tsx bench/run.ts into read` (parse,
 * parse-header, floor, build, out, read, into; `into` and `read` need the workbook `out` writes, made first if missing).
 *
 * With BENCH_MILLION=1 (slow: a few minutes, measured less often), then the same `build --json` on
 * a generated 1,000,000-customer garage (about 1.4 M units, 3.5 M jobs; written under bench/data,
 * never committed), in the default heap: target within 12× the 100,000-customer build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const SEED = 20261116;
const AS_OF = '2026-11-16';
const dataDirOf = (customers: number) => join(here, 'data', `garage-${customers}`);
const dataDir = dataDirOf(CUSTOMERS);

interface PhaseResult {
  phase: string;
  seconds: number;
  peakRssMb: number;
  detail: string;
}

async function ensureData(customers = CUSTOMERS): Promise<void> {
  const dir = dataDirOf(customers);
  const marker = join(dir, 'generated.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).seed === SEED) return;
  // The generator holds the whole garage in memory: a million customers need more than the default heap.
  const child = spawnSync(process.execPath, ['--max-old-space-size=12288', '--import', 'tsx', join(here, 'generate-garage.ts'), String(customers), dir, String(SEED), AS_OF], { cwd: root, stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`generating ${customers} customers failed`);
}

const workbook = join(here, 'data', `garage-${CUSTOMERS}.xlsx`);

function runPhase(phase: string, dir = dataDir): PhaseResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'phase.ts'), phase, dir, AS_OF, workbook], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench phase ${phase} failed:\n${child.stderr}`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as PhaseResult;
}

const PHASES = ['parse', 'parse-header', 'floor', 'build', 'out', 'read', 'into'];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const phase of chosen) if (!PHASES.includes(phase)) throw new Error(`unknown case ${phase}: one of ${PHASES.join(', ')}`);
const wanted = (phase: string) => chosen.length === 0 || chosen.includes(phase);

await ensureData();
const sizes = readdirSync(dataDir).filter((f) => f.endsWith('.csv'));
process.stderr.write(`data: ${sizes.join(', ')} in ${dataDir}\n`);
const results: PhaseResult[] = [];
/** Best of three: the machine is shared; the best run is the one least disturbed. The median and the highest peak RSS are shown too. */
function bestOf3(phase: string): PhaseResult {
  const runs = [runPhase(phase), runPhase(phase), runPhase(phase)];
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const median = runs.map((r) => r.seconds).sort((a, b) => a - b)[1]!;
  return { ...best, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)), detail: `${best.detail}; median ${median.toFixed(2)} s` };
}
for (const phase of ['parse', 'parse-header', 'floor', 'build']) if (wanted(phase)) results.push(bestOf3(phase));
// The weekly rebuild into last week's workbook, beside building a new one.
if (wanted('out') || ((wanted('read') || wanted('into')) && !existsSync(workbook))) results.push(runPhase('out'));
if (wanted('read')) results.push(bestOf3('read'));
if (wanted('into')) results.push(bestOf3('into'));
const parse = results.find((r) => r.phase === 'parse');
const parseHeader = results.find((r) => r.phase === 'parse-header');
const floor = results.find((r) => r.phase === 'floor');
const build = results.find((r) => r.phase === 'build');
const into = results.find((r) => r.phase === 'into');
console.log(`\nRetention Desk benchmark — ${CUSTOMERS.toLocaleString('en-GB')} customers, as of ${AS_OF} (best of 3, fresh process each)`);
console.log('phase                       seconds   peak RSS MB   detail');
for (const r of results) console.log(`${r.phase.padEnd(27)} ${r.seconds.toFixed(2).padStart(7)}   ${r.peakRssMb.toFixed(0).padStart(11)}   ${r.detail}`);
if (parse && floor) console.log(`floor / parse = ${(floor.seconds / parse.seconds).toFixed(2)}× (records and keys alone, before any normalising, index or computation)`);
if (parse && build) {
  const ratio = build.seconds / parse.seconds;
  console.log(`build / parse = ${ratio.toFixed(2)}× (target ≤ 2×): ${ratio <= 2 ? 'met' : 'MISSED'}`);
}
// The issue states its target against papaparse with header: true, which makes an object per row (slower than the arrays above).
if (parseHeader && build) {
  const ratio = build.seconds / parseHeader.seconds;
  console.log(`build / parse with header: true = ${ratio.toFixed(2)}× (the issue's target ≤ 2×): ${ratio <= 2 ? 'met' : 'MISSED'}`);
}
if (build) console.log(`build peak RSS = ${build.peakRssMb.toFixed(0)} MB (target ≤ 1024 MB): ${build.peakRssMb <= 1024 ? 'met' : 'MISSED'}`);
if (into) {
  console.log(`into = ${into.seconds.toFixed(2)} s (target ≤ 12 s): ${into.seconds <= 12 ? 'met' : 'MISSED'}`);
  console.log(`into peak RSS = ${into.peakRssMb.toFixed(0)} MB (target ≤ 700 MB): ${into.peakRssMb <= 700 ? 'met' : 'MISSED'}`);
}

if (process.env.BENCH_MILLION === '1' && build) {
  // The generator holds the whole garage in memory: it may need more heap than the build measured.
  await ensureData(1_000_000);
  const million = runPhase('build', dataDirOf(1_000_000));
  const scale = million.seconds / build.seconds;
  console.log(`\n1,000,000 customers: build --json ${million.seconds.toFixed(1)} s, peak RSS ${million.peakRssMb.toFixed(0)} MB, default heap — ${million.detail}`);
  console.log(`1M build / ${CUSTOMERS.toLocaleString('en-GB')} build = ${scale.toFixed(1)}× (target ≤ 12×): ${scale <= 12 ? 'met' : 'MISSED'}`);
}
