/**
 * The individual process's two calls to the worker (`retention serve`): POST /api/preview and
 * POST /api/rows with one row — a due action and its merge context — and GET /api/rows for that
 * row's status. Same address and pairing key as the rest of the pane (worker-settings.ts); every
 * failure is a sentence saying what to do. (worker-api.ts makes the Send approved calls; the two
 * belong in one client.)
 */
import type { DueAction, MergeContext } from '../../core/index.ts';
import type { WorkerSettings } from './worker-settings.ts';

export interface OneRow {
  action: DueAction;
  context: MergeContext;
}

/** What would go, as the worker renders it with the garage's templates. */
export interface PreviewedRow {
  actionId: string;
  method: string;
  to: string;
  subject?: string;
  text?: string;
  smsSegments?: number;
  /** Why it would not go (not renderable, sent already). */
  notGoing?: string;
}

/** What the worker says of the row once handed over. */
export interface SentRow {
  actionId: string;
  state?: string;
  status: string | null;
  sentAt: string | null;
  reference: string;
  reason?: string;
}

export type Called<T> = { ok: true; value: T } | { ok: false; message: string };

const WAIT_MS = 10_000;

async function call<T>(settings: WorkerSettings, path: string, body?: unknown): Promise<Called<T>> {
  let origin: string;
  try {
    origin = new URL(settings.address).origin;
  } catch {
    return { ok: false, message: `"${settings.address}" is not a web address. In Settings, write the worker's address as "retention serve" printed it, like https://localhost:3443.` };
  }
  if (!settings.pairingKey.trim()) return { ok: false, message: 'There is no pairing key yet. Copy the key "retention serve" printed into Settings › Pairing key, then try again.' };
  let response: Response;
  try {
    response = await fetch(`${origin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${settings.pairingKey.trim()}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(WAIT_MS),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return { ok: false, message: `The worker at ${origin} did not answer within ${WAIT_MS / 1000} seconds. Look at its window for a message; if it has stopped, start it again with "npx retention serve".` };
    return { ok: false, message: `Retention Desk cannot reach the worker at ${origin}. Start it on this computer with "npx retention serve" and leave its window open, then try again; Settings › Test connection says more.` };
  }
  const answer = (await response.json().catch(() => null)) as (T & { error?: string; message?: string }) | null;
  if (response.status === 401 || response.status === 403) return { ok: false, message: 'The worker turned the pairing key away. Copy the key "retention serve" printed into Settings › Pairing key again.' };
  if (!response.ok || answer === null) {
    const said = answer?.error && answer.error !== 'Too Many Requests' ? answer.error : (answer?.message ?? `it answered ${response.status}`);
    return { ok: false, message: `The worker refused this contact: ${said} Nothing was sent.` };
  }
  return { ok: true, value: answer };
}

/** What the worker would send for this row; nothing is sent. */
export async function previewOne(settings: WorkerSettings, row: OneRow): Promise<Called<PreviewedRow>> {
  const answer = await call<{ rows: PreviewedRow[] }>(settings, '/api/preview', { by: settings.by, rows: [row] });
  if (!answer.ok) return answer;
  const [previewed] = answer.value.rows ?? [];
  return previewed ? { ok: true, value: previewed } : { ok: false, message: 'The worker previewed nothing for this contact. Try Preview again; if it says the same, restart "npx retention serve".' };
}

/** Hands the row to the worker to send; the answer is its status (usually Queued at first). */
export async function sendOne(settings: WorkerSettings, row: OneRow): Promise<Called<SentRow>> {
  const answer = await call<{ rows: SentRow[] }>(settings, '/api/rows', { by: settings.by, rows: [row] });
  if (!answer.ok) return answer;
  const [sent] = answer.value.rows ?? [];
  return sent ? { ok: true, value: sent } : { ok: false, message: 'The worker did not say what became of this contact. Press Check status in a moment.' };
}

/** The row's status now, as the worker's ledger has it. */
export async function statusOf(settings: WorkerSettings, actionId: string): Promise<Called<SentRow>> {
  const answer = await call<{ rows: SentRow[] }>(settings, `/api/rows?ids=${encodeURIComponent(actionId)}`);
  if (!answer.ok) return answer;
  const [row] = answer.value.rows ?? [];
  return row ? { ok: true, value: row } : { ok: false, message: 'The worker has no record of this contact yet. Press Check status again in a moment.' };
}
