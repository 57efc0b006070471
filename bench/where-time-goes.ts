/**
 * Where a build's time goes, step by step, in one process (run after `npm run bench` has made the
 * data): reading each export, turning rows into records, indexing, and each part of the
 * computation. For finding what to make faster; the targets are judged by `bench/run.ts`.
 *
 *   node --expose-gc --import tsx bench/where-time-goes.ts [bench/data/garage-100000] [2026-11-16]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditReport, monthlyPerformance, weeklyAuditPeriod } from '../core/audit.ts';
import { bookingsReview } from '../core/bookings.ts';
import { dissatisfactionReport } from '../core/dissatisfaction.ts';
import { indexGarage } from '../core/garage-index.ts';
import { GarageImport } from '../core/import/import-tables.ts';
import { customerLifecycle } from '../core/lifecycle.ts';
import { defaultRules } from '../core/schedule/default-rules.ts';
import { dueActions } from '../core/schedule/engine.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { listExportFiles, readExport } from '../worker/read-export.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = process.argv[2] ?? join(here, 'data', 'garage-100000');
const asOf = process.argv[3] ?? '2026-11-16';
const settings = DEFAULT_SETTINGS;

const steps: [string, number][] = [];
const collectGarbage = (globalThis as { gc?: () => void }).gc;
async function step<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  // With --expose-gc, the garbage of earlier steps is collected first, so it is not billed here.
  collectGarbage?.();
  const started = performance.now();
  const result = await run();
  steps.push([name, performance.now() - started]);
  return result;
}

const total = performance.now();
const session = new GarageImport({ settings, asOf });
for (const path of await listExportFiles([dataDir])) {
  const name = path.split('/').pop() ?? path;
  const { value: table } = await step(`read ${name}`, () => readExport(path));
  if (table) await step(`import ${name}`, () => session.add(table));
}
const imported = await step('import finish', () => session.finish());
const garage = await step('index', () => indexGarage(imported.value.records, imported.value.lookups));
const rules = defaultRules(settings);
await step('due actions', () => dueActions(garage, rules, { asOf, contactLog: [], lapsedMarks: [], settings }));
await step('lifecycle', () => customerLifecycle(garage, asOf, [], settings));
await step('audit', () => auditReport(garage, weeklyAuditPeriod(asOf, settings), settings));
await step('monthly performance', () => monthlyPerformance(garage, asOf, settings));
await step('bookings', () => bookingsReview(garage.bookings, asOf, settings, garage));
await step('dissatisfaction', () => dissatisfactionReport(garage.bookings, garage));
steps.push(['total', performance.now() - total]);
for (const [name, ms] of steps) console.log(`${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms`);
