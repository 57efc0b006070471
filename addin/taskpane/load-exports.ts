/**
 * Loading exports from the pane: the files go to the Web Worker, which reads them and runs the
 * rebuild; this side answers its requests to read and write the workbook, and passes progress on.
 */
import type { WorkbookStore } from '../../core/index.ts';
import type { FromWorker, LoadOutcome, ToWorker } from '../import/load-messages.ts';
import { rememberExports } from '../shared/session.ts';
import { storeRequestHandler } from '../shared/store-requests.ts';

export interface LoadProgress {
  done: number;
  total: number;
  step: string;
}

export type LoadResult = { outcome: LoadOutcome } | { stopped: string[] };

export function loadExports(files: File[], store: WorkbookStore | null, request: { asOf: string; by: string }, onProgress: (p: LoadProgress) => void): Promise<LoadResult> {
  const worker = new Worker(new URL('../import/load.worker.ts', import.meta.url), { type: 'module' });
  const send = (message: ToWorker) => worker.postMessage(message);
  const storeRequest = storeRequestHandler(() => store);
  return new Promise<LoadResult>((resolve) => {
    const finish = (result: LoadResult) => {
      worker.terminate();
      resolve(result);
    };
    worker.onerror = (event) => finish({ stopped: [`the pane's file reader stopped (${event.message || 'no reason given'}); reload the pane and try again`] });
    worker.onmessage = async (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'plan-rows') return void storeRequest(message);
      if (message.type === 'progress') onProgress(message);
      else if (message.type === 'loaded') {
        // Mark lapsed and the individual process work from the exports loaded this session.
        rememberExports(files);
        finish({ outcome: message.outcome });
      }
      else if (message.type === 'stopped') finish({ stopped: message.reasons });
      else {
        const reply = await storeRequest(message);
        if (reply) send(reply);
      }
    };
    send({ type: 'load', files, asOf: request.asOf, by: request.by, hasWorkbook: store !== null });
  });
}
