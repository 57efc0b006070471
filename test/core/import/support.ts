/** Tables for import tests, written as CSV text so a test reads like the export it is about. */
import { tableFromCsv } from '../../../core/import/csv.ts';
import { importTables, type ImportedGarage } from '../../../core/import/import-tables.ts';
import type { Problem } from '../../../core/problems.ts';
import type { RawTable } from '../../../core/import/raw-table.ts';
import type { RecordKind } from '../../../core/records.ts';
import { DEFAULT_SETTINGS, type GarageSettings } from '../../../core/settings.ts';

export function csvTable(fileName: string, text: string): RawTable {
  const { value: table } = tableFromCsv(fileName, text);
  if (!table) throw new Error(`${fileName}: no table`);
  return table;
}

export function importCsv(
  files: Record<string, string>,
  options: { kinds?: Record<string, RecordKind>; settings?: Partial<GarageSettings> } = {},
): ImportedGarage & { problems: Problem[] } {
  const tables = Object.entries(files).map(([name, text]) => csvTable(name, text));
  // Flattened, so a test reads { records, problems } as a build uses them.
  const { value, problems } = importTables(tables, { settings: { ...DEFAULT_SETTINGS, ...options.settings }, asOf: '2026-11-16', kinds: options.kinds });
  return { ...value, problems };
}
