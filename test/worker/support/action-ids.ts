/** The due action ids for a folder of exports, computed by the build itself (no workbook). */
import { runBuild } from '../../../worker/build-job.ts';
import { listExportFiles } from '../../../worker/read-export.ts';

const silent = { start() {}, advance() {}, stop() {} };

export async function retentionActionIds(folder: string, asOf: string): Promise<string[]> {
  const paths = await listExportFiles([folder]);
  const { retention } = await runBuild({ paths, asOf, kindsByPath: {}, workbook: null, by: '', progress: silent });
  return retention.dueActions.map((a) => a.actionId);
}
