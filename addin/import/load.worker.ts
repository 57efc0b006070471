/**
 * The pane's Web Worker: reads the dropped exports and runs the core's rebuild here, off the
 * pane's thread, so Excel never sees the pane freeze. Reading and writing the workbook is asked
 * of the pane (see load-messages.ts).
 */
import { buildSummary, placeText, rebuildWorkbook, type WorkbookPlan, type WorkbookStore, type WorkbookWrite } from '../../core/index.ts';
import { blobExportSource } from './browser-exports.ts';
import { LISTED_PROBLEMS, type FromWorker, type LoadOutcome, type LoadRequest, type ToWorker } from './load-messages.ts';
import { paneRelay } from './pane-relay.ts';

/** The worker's side of postMessage (the DOM library types `self` as a window). */
const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null };

/** The open workbook, through the pane. */
const relay = paneRelay((message) => scope.postMessage(message));
const paneWorkbook = relay.workbook;

/** No workbook yet: the plan is kept to show which sheets it holds, and nothing is written. */
function planOnly(): WorkbookStore & { plan: WorkbookPlan | null } {
  return {
    plan: null,
    async readSheets() {
      return null;
    },
    async write(plan): Promise<WorkbookWrite> {
      this.plan = plan;
      return { written: true };
    },
  };
}

async function load(request: LoadRequest): Promise<void> {
  const total = request.files.length + 2; // each file, then computing, then writing
  const progress = (done: number, step: string) => scope.postMessage({ type: 'progress', done, total, step });
  const captured = request.hasWorkbook ? null : planOnly();
  const exports = blobExportSource(request.files, (index, name) => progress(index, `Reading ${name}`));
  const result = await rebuildWorkbook({
    exports,
    workbook: captured ?? paneWorkbook,
    asOf: request.asOf,
    by: request.by,
    exportsLabel: request.files.map((f) => f.name).join(', '),
    onStep: (step) => {
      if (step === 'computing') progress(request.files.length, 'Working out who is due');
      if (step === 'writing') progress(request.files.length + 1, request.hasWorkbook ? 'Writing the sheets' : 'Laying out the sheets');
    },
  });
  if ('stopped' in result) {
    scope.postMessage({ type: 'stopped', reasons: result.stopped });
    return;
  }
  const problems = [...result.importProblems, ...result.sheetProblems];
  const plan = captured?.plan ?? null;
  const outcome: LoadOutcome = {
    summary: buildSummary(result.retention, problems.length),
    // Written, the plan has let its sheets go: the relay says what it sent.
    sheets: (captured ? (plan?.sheets ?? []).map((s) => ({ name: s.name, rows: s.table.rows.length })) : relay.lastSheets()) ?? [],
    // A big garage's thousands of problems would only slow the pane: it lists the first, the sheet has them all.
    problems: problems.slice(0, LISTED_PROBLEMS).map((p) => ({ place: placeText(p.where), message: p.message, action: p.action })),
    written: request.hasWorkbook,
  };
  progress(total, 'Done');
  scope.postMessage({ type: 'loaded', outcome });
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'store-reply') {
    relay.answer(message);
    return;
  }
  load(message).catch((error: unknown) => {
    scope.postMessage({ type: 'stopped', reasons: [`the exports could not be loaded: ${(error as Error).message}`] });
  });
};
