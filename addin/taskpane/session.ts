/**
 * This pane's session: the exports loaded since it opened, and the one Web Worker that keeps them
 * imported for the individual process and rebuilds for Mark lapsed. Nothing here outlives the
 * pane: the exports are the garage's files, read again each week.
 */
/// <reference types="office-js" />
import type { WorkbookStore } from '../../core/index.ts';
import { officeWorkbookStore } from '../excel/office-workbook-store.ts';
import type { FromSession, SessionAnswer, SessionQuestion, ToSession } from '../import/session-messages.ts';
import { openWorkbook } from '../shared/open-workbook.ts';
import { answer } from './load-exports.ts';

let loaded: File[] | null = null;
/** Counts the loads, so the worker imports again after each one. */
let generation = 0;
let opened = -1;

export function rememberExports(files: readonly File[]): void {
  loaded = [...files];
  generation += 1;
}

/** The exports loaded this session, or null when none have been. */
export function sessionExports(): File[] | null {
  return loaded;
}

export const LOAD_FIRST = "Load this week's exports first (Load exports): Retention Desk works from the exports loaded in this pane.";

/**
 * The open workbook's store: the pane's (open-workbook.ts) once it has one, else Office.js's
 * directly. At merge, the one from open-workbook.ts alone.
 */
export function paneStore(): WorkbookStore {
  return openWorkbook()?.store ?? officeWorkbookStore((batch) => Excel.run(batch));
}

let worker: Worker | null = null;
let store: WorkbookStore | null = null;
const waiting = new Map<number, (answer: SessionAnswer) => void>();
let nextId = 1;

function sessionWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('../import/session.worker.ts', import.meta.url), { type: 'module' });
  started.onmessage = async (event: MessageEvent<FromSession>) => {
    const message = event.data;
    if (message.type === 'answer') {
      waiting.get(message.id)?.(message.answer);
      waiting.delete(message.id);
      return;
    }
    // One store for the worker's reads and writes: it remembers what it read, to know whether the workbook changed before it writes.
    store ??= paneStore();
    started.postMessage((await answer(message, store)) satisfies ToSession);
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
  if (!loaded) return { type: 'refused', reason: LOAD_FIRST };
  if (opened === generation) return { type: 'opened', customers: -1 };
  const reply = await ask({ type: 'open', files: loaded, asOf, by, hasWorkbook: true });
  if (reply.type === 'opened') opened = generation;
  return reply;
}

/** Rebuilds the workbook with these customers marked lapsed; the individual process opens again after. */
export async function markLapsed(codes: string[], asOf: string, by: string): Promise<SessionAnswer> {
  if (!loaded) return { type: 'refused', reason: LOAD_FIRST };
  const reply = await ask({ type: 'lapse', files: loaded, asOf, by, codes });
  opened = -1;
  return reply;
}
