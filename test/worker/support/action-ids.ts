/** The due action ids for a folder of exports, computed by the rebuild itself (no workbook). */
import { rebuildWorkbook } from '../../../core/index.ts';
import { exportFileSource, listExportFiles } from '../../../worker/read-export.ts';

export async function retentionActionIds(folder: string, asOf: string): Promise<string[]> {
  const result = await rebuildWorkbook({ exports: exportFileSource(await listExportFiles([folder])), workbook: null, asOf, by: '' });
  if ('stopped' in result) throw new Error(result.stopped.join('; '));
  return result.retention.dueActions.map((a) => a.actionId);
}
