/**
 * The session: the exports loaded in the pane (kept on this computer under the workbook's id, for
 * the ribbon's commands and for after Excel is reopened: kept-exports.ts), and the one Web Worker that works from them —
 * the individual process, Mark lapsed, Send approved, Refresh statuses. The pane and the ribbon's
 * commands page each have their own; the workbook's reads and writes are answered on this thread,
 * where Office.js lives.
 */
/// <reference types="office-js" />
import type { WorkbookStore } from '../../core/index.ts';
import { workbookId } from '../excel/workbook-id.ts';
import type { FromSession, SendReport, SessionAnswer, SessionQuestion, ToSession } from '../import/session-messages.ts';
import { keepExports, keptExports } from './kept-exports.ts';
import { openWorkbook } from './open-workbook.ts';
import { storeRequestHandler } from './store-requests.ts';
import type { WorkerSettings } from './worker-settings.ts';

let loaded: File[] | null = null;
/** Counts the loads, so the worker imports again after each one. */
let generation = 0;
let opened = -1;

/** The open workbook's id (made when `create`), or null where there is no workbook to write or it cannot be read. */
async function openWorkbookId(create: boolean): Promise<string | null> {
  if (!openWorkbook()) return null;
  return workbookId((batch) => Excel.run(batch), { create }).catch(() => null);
}

export function rememberExports(files: readonly File[]): void {
  loaded = [...files];
  generation += 1;
  void openWorkbookId(true).then((id) => (id ? keepExports(id, files, new Date()) : false));
}

/** The exports loaded this session, or else the ones last loaded into this workbook on this computer; null when there are none. */
export async function sessionExports(): Promise<File[] | null> {
  if (loaded) return loaded;
  const id = await openWorkbookId(false);
  const kept = id ? await keptExports(id) : null;
  if (!kept) return null;
  loaded = kept.files;
  generation += 1;
  return loaded;
}

export const LOAD_FIRST = "Load this week's exports first (Load exports): Retention Desk works from the exports loaded in this pane.";

let worker: Worker | null = null;
let store: WorkbookStore | null = null;
const waiting = new Map<number, (answer: SessionAnswer) => void>();
let nextId = 1;

function sessionWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('../import/session.worker.ts', import.meta.url), { type: 'module' });
  // One store for the worker's reads and writes: it remembers what it read, to know whether the workbook changed before it writes.
  const storeRequest = storeRequestHandler(() => (store ??= openWorkbook()));
  started.onmessage = async (event: MessageEvent<FromSession>) => {
    const message = event.data;
    if (message.type === 'answer') {
      waiting.get(message.id)?.(message.answer);
      waiting.delete(message.id);
      return;
    }
    const reply = await storeRequest(message);
    if (reply) started.postMessage(reply satisfies ToSession);
  };
  started.onerror = (event) => {
    const reason = `The pane's worker stopped (${event.message || 'no reason given'}): reload the pane and try again.`;
    for (const resolve of waiting.values()) resolve({ type: 'refused', reason });
    waiting.clear();
    worker = null;
    opened = -1;
  };
  return (worker = started);
}

/** One question to the session worker; every failure comes back as a refusal in words. */
export function ask(question: SessionQuestion): Promise<SessionAnswer> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    sessionWorker().postMessage({ type: 'ask', id, question } satisfies ToSession);
  });
}

/** Imports this session's exports in the worker, once per load; a refusal when there are none. */
export async function openSession(asOf: string, by: string): Promise<SessionAnswer> {
  const files = await sessionExports();
  if (!files) return { type: 'refused', reason: LOAD_FIRST };
  if (opened === generation) return { type: 'opened', customers: -1 };
  const reply = await ask({ type: 'open', files, asOf, by, hasWorkbook: openWorkbook() !== null });
  if (reply.type === 'opened') opened = generation;
  return reply;
}

/**
 * Asks something of the exports and the open workbook; one that `writes` it means the individual
 * process opens again after, from what was written.
 */
async function askOfWorkbook(question: (files: File[]) => SessionQuestion, writes = true): Promise<SessionAnswer> {
  const files = await sessionExports();
  if (!files) return { type: 'refused', reason: LOAD_FIRST };
  if (!openWorkbook()) return { type: 'refused', reason: NO_WORKBOOK };
  const reply = await ask(question(files));
  if (writes) opened = -1;
  return reply;
}

const NO_WORKBOOK = 'Retention Desk cannot write to this workbook here: open it in Excel for Microsoft 365, Excel 2021 or later, or Excel on the web.';

/** Rebuilds the workbook with these customers marked lapsed. */
export function markLapsed(codes: string[], asOf: string, by: string): Promise<SessionAnswer> {
  return askOfWorkbook((files) => ({ type: 'lapse', files, asOf, by, codes }));
}

/** What Send approved would send; nothing is sent or written. */
export function checkSend(worker: WorkerSettings, asOf: string): Promise<SessionAnswer> {
  return askOfWorkbook((files) => ({ type: 'check-send', files, asOf, by: worker.by, worker }), false);
}

/** Sends the approved rows through the worker and writes their statuses; waits up to `waitMs` for them to settle. */
export function sendApprovedRows(worker: WorkerSettings, asOf: string, waitMs: number): Promise<SessionAnswer> {
  return askOfWorkbook((files) => ({ type: 'send', files, asOf, by: worker.by, worker, waitMs }));
}

/** Brings in what the worker finished since: rows Queued, Sending or Uncertain, and these others. */
export function refreshRowStatuses(worker: WorkerSettings, asOf: string, alsoIds: string[]): Promise<SessionAnswer> {
  return askOfWorkbook((files) => ({ type: 'refresh', files, asOf, by: worker.by, worker, alsoIds }));
}

export type { SendReport };
