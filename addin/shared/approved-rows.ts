/**
 * The rows the garage approved on Due Actions and not yet sent, as the worker takes them. Read
 * through the core's reader of the sheet, so Yes, Hold and Skip mean here what they mean to
 * `retention send`.
 */
import { readKeptState, type IsoDate, type WorkbookStore } from '../../core/index.ts';
import type { RowToSend } from './worker-api.ts';

/** A row that has gone (or may have) is never offered again: the worker's ledger decides an Uncertain one. */
const ALREADY_GONE = new Set(['sent', 'printed', 'uncertain']);

export async function approvedRows(store: WorkbookStore, asOf: IsoDate, by: string): Promise<{ rows: RowToSend[] } | { stopped: string[] }> {
  const kept = await readKeptState(store, asOf, by);
  if ('stopped' in kept) return kept;
  const rows: RowToSend[] = [];
  for (const [actionId, edit] of kept.state.dueEdits) {
    if (edit.approve !== 'Yes' || ALREADY_GONE.has(edit.status.trim().toLowerCase()) || !edit.method) continue;
    rows.push({ actionId, method: edit.method });
  }
  return { rows };
}
