/** The due action ids for a folder of exports, computed the way the build command does. */
import { computeRetention } from '../../../core/retention.ts';
import { importTables } from '../../../core/import/import-tables.ts';
import { defaultRules } from '../../../core/schedule/default-rules.ts';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import type { RawTable } from '../../../core/import/raw-table.ts';
import { listExportFiles, readExport } from '../../../worker/read-export.ts';

export async function retentionActionIds(folder: string, asOf: string): Promise<string[]> {
  const tables: RawTable[] = [];
  for (const path of await listExportFiles([folder])) {
    const { table } = await readExport(path);
    if (table) tables.push(table);
  }
  const { records } = importTables(tables, { settings: DEFAULT_SETTINGS, asOf });
  const retention = computeRetention({ records, asOf, contactLog: [], lapsedMarks: [], settings: DEFAULT_SETTINGS, rules: defaultRules(DEFAULT_SETTINGS) });
  return retention.dueActions.map((a) => a.actionId);
}
