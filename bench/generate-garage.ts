/**
 * Writes a seeded garage's exports as CSV (no quirks), for the benchmarks; run in a process of its
 * own, since the generator holds the whole garage in memory.
 *
 *   node --max-old-space-size=12288 --import tsx bench/generate-garage.ts CUSTOMERS DIR SEED AS_OF
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGarage, writeExportsCsv } from '../samples/generator.ts';

const [customersText, dir, seedText, asOf] = process.argv.slice(2) as [string, string, string, string];
const [customers, seed] = [Number(customersText), Number(seedText)];
mkdirSync(dir, { recursive: true });
const started = performance.now();
await writeExportsCsv(dir, generateGarage({ seed, customers, asOf }), { quirks: false });
writeFileSync(join(dir, 'generated.json'), JSON.stringify({ seed, customers, asOf }));
process.stderr.write(`generated ${customers} customers in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
