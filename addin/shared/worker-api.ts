/**
 * The add-in's calls to the worker (`retention serve`), for Send approved, Refresh statuses, the
 * individual process and Test connection, each failure turned into plain words with what to do.
 * The worker answers over https; every call but health carries the pairing key as a Bearer token.
 * Runs in the pane and in its Web Worker alike (fetch only, no window or storage).
 *
 * The bodies are the worker's (worker/serve/schemas.ts): `{ by, rows: [{ action, context }] }`,
 * each row a due action with its Method and To chosen and its merge context, as the core works
 * them out (approvedSends, mergeContextFor).
 */
import type { ApprovedSend, PreviewRow, RowReply, RowStatus, SendPreview } from '../../core/index.ts';
import type { WorkerSettings } from './worker-settings.ts';

/** Why a call failed, in the garage's words: what happened, then what to do. */
export interface WorkerFailure {
  kind: 'bad-address' | 'unreachable' | 'wrong-key' | 'not-the-worker' | 'worker-error' | 'no-answer' | 'no-key' | 'busy';
  message: string;
}

export type Answer<T> = { ok: true; value: T } | { ok: false; failure: WorkerFailure };

/** One row as the worker takes it: the due action (Method and To chosen) and its merge context. */
export type RowToSend = ApprovedSend;

export type { PreviewRow as PreviewedRow, RowReply, RowStatus, SendPreview };

const WAIT_MS = 15_000;
/** Rows per request: well inside the worker's 5,000 rows and 5 MB a body. */
const ROWS_PER_REQUEST = 400;

const PAIR = 'On the computer running the worker, run "npx retention pair": it prints the pairing key. Paste it into Settings › Pairing key and save.';

export function explainUnreachable(address: string): string {
  return (
    `Retention Desk cannot reach the worker at ${address}. ` +
    'If the worker is not running, start it on this computer with "npx retention serve" and leave that window open. ' +
    `If it is running, this computer may not trust its certificate yet: open ${address}/api/health in your browser once; ` +
    'if the browser warns about the connection, trust the certificate as the README says ("npx retention cert" prints how), then try again.'
  );
}

function checkedAddress(settings: WorkerSettings): string | WorkerFailure {
  let url: URL;
  try {
    url = new URL(settings.address);
  } catch {
    return { kind: 'bad-address', message: `"${settings.address}" is not a web address. In Settings, write the worker's address as "retention serve" printed it, like https://localhost:3443.` };
  }
  if (url.protocol !== 'https:' && globalThis.location?.protocol === 'https:') {
    return { kind: 'bad-address', message: `Excel only lets the pane call a secure address. In Settings, write it with https: https://${url.host}.` };
  }
  return url.origin;
}

/** The worker's own words from an error body ({ error }), or the body itself. */
function saidIn(text: string): string {
  try {
    return (JSON.parse(text) as { error?: string }).error ?? text;
  } catch {
    return text;
  }
}

async function call<T>(settings: WorkerSettings, path: string, init: { body?: unknown; authenticated?: boolean } = {}): Promise<Answer<T>> {
  const address = checkedAddress(settings);
  if (typeof address !== 'string') return { ok: false, failure: address };
  const authenticated = init.authenticated ?? true;
  if (authenticated && !settings.pairingKey.trim()) return { ok: false, failure: { kind: 'no-key', message: `There is no pairing key yet. ${PAIR}` } };
  const headers: Record<string, string> = {};
  if (authenticated) headers.Authorization = `Bearer ${settings.pairingKey.trim()}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${address}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(WAIT_MS),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      return { ok: false, failure: { kind: 'no-answer', message: `The worker at ${address} did not answer within ${WAIT_MS / 1000} seconds. Look at its window for a message; if it has stopped, start it again with "npx retention serve".` } };
    }
    // The browser says no more than "failed to fetch", whether nothing listens or the certificate is not trusted.
    return { ok: false, failure: { kind: 'unreachable', message: explainUnreachable(address) } };
  }
  const text = await response.text().catch(() => '');
  if (response.status === 401) return { ok: false, failure: { kind: 'wrong-key', message: `The worker turned the pairing key away. ${PAIR}` } };
  if (response.status === 403) return { ok: false, failure: { kind: 'wrong-key', message: `The worker refused the add-in: ${saidIn(text).slice(0, 300)}` } };
  if (response.status === 404) {
    return { ok: false, failure: { kind: 'not-the-worker', message: `Something answers at ${address}, but not the Retention Desk worker. Check the address in Settings: "retention serve" prints it when it starts.` } };
  }
  if (response.status === 429) {
    const wait = Number(response.headers.get('Retry-After')) || 60;
    return { ok: false, failure: { kind: 'busy', message: `The worker is busy with this computer's requests: try again in ${wait} second${wait === 1 ? '' : 's'}. Nothing was lost.` } };
  }
  if (!response.ok) {
    return { ok: false, failure: { kind: 'worker-error', message: `The worker could not do it: ${saidIn(text).slice(0, 300) || `error ${response.status}`}. Its window says more.` } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as T };
  } catch {
    return { ok: false, failure: { kind: 'not-the-worker', message: `Something answers at ${address}, but not the Retention Desk worker. Check the address in Settings: "retention serve" prints it when it starts.` } };
  }
}

function inChunks<T>(items: readonly T[], size = ROWS_PER_REQUEST): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Test connection: the worker answers at all (health), then accepts the pairing key (an
 * authenticated read of no rows).
 */
export async function testConnection(settings: WorkerSettings): Promise<Answer<{ version: string }>> {
  const health = await call<{ version?: string }>(settings, '/api/health', { authenticated: false });
  if (!health.ok) return health;
  const rows = await call<unknown>(settings, '/api/rows?ids=');
  if (!rows.ok) return rows;
  return { ok: true, value: { version: health.value.version ?? '' } };
}

/** What handing these rows to the worker would send; nothing is sent. */
export async function previewRows(settings: WorkerSettings, rows: readonly RowToSend[]): Promise<Answer<SendPreview>> {
  const whole: SendPreview = { byChannel: {}, smsSegments: 0, mailboxRemainingToday: null, refused: [], rows: [] };
  for (const chunk of inChunks(rows)) {
    const answer = await call<SendPreview>(settings, '/api/preview', { body: { by: settings.by, rows: chunk } });
    if (!answer.ok) return answer;
    const part = answer.value;
    for (const [method, count] of Object.entries(part.byChannel ?? {})) whole.byChannel[method] = (whole.byChannel[method] ?? 0) + count;
    whole.smsSegments += part.smsSegments ?? 0;
    whole.mailboxRemainingToday = part.mailboxRemainingToday ?? null;
    whole.refused.push(...(part.refused ?? []));
    whole.rows.push(...(part.rows ?? []));
  }
  return { ok: true, value: whole };
}

/**
 * Hands the rows to the worker, which queues each once (its ledger decides) and sends them in the
 * background. A failure part-way leaves the rows handed over so far queued: handing them again is
 * safe, the worker answers with where each stands.
 */
export async function submitRows(settings: WorkerSettings, rows: readonly RowToSend[]): Promise<{ rows: RowReply[]; failure: WorkerFailure | null }> {
  const replies: RowReply[] = [];
  for (const chunk of inChunks(rows)) {
    const answer = await call<{ rows: RowReply[] }>(settings, '/api/rows', { body: { by: settings.by, rows: chunk } });
    if (!answer.ok) return { rows: replies, failure: answer.failure };
    replies.push(...answer.value.rows);
  }
  return { rows: replies, failure: null };
}

/** Where each row stands in the worker's ledger now. */
export async function rowStatuses(settings: WorkerSettings, actionIds: readonly string[]): Promise<Answer<{ rows: RowStatus[] }>> {
  const rows: RowStatus[] = [];
  for (const ids of inChunks([...new Set(actionIds)], 2_000)) {
    const answer = await call<{ rows: RowStatus[] }>(settings, '/api/rows/status', { body: { ids } });
    if (!answer.ok) return answer;
    rows.push(...answer.value.rows);
  }
  return { ok: true, value: { rows } };
}

/** Statuses the worker will not change by itself: a row with one of these is done with. */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set(['Sent', 'Printed', 'Failed', 'Uncertain']);
const POLL_MS = 300;

/**
 * The rows' statuses once the worker has settled them all, or as they stand when `waitMs` runs out
 * (or the worker stops answering): asked every 300 ms, each time only of the rows still going.
 */
export async function settledStatuses(settings: WorkerSettings, actionIds: readonly string[], waitMs: number): Promise<Map<string, RowStatus>> {
  const latest = new Map<string, RowStatus>();
  const until = Date.now() + waitMs;
  for (;;) {
    const open = actionIds.filter((id) => !SETTLED_STATUSES.has(latest.get(id)?.status ?? ''));
    if (open.length === 0) return latest;
    const answer = await rowStatuses(settings, open);
    if (!answer.ok) return latest;
    for (const row of answer.value.rows) latest.set(row.actionId, row);
    if (Date.now() + POLL_MS > until) return latest;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// The individual process: one row at a time.

/** What the worker would send for this one row; nothing is sent. */
export async function previewOne(settings: WorkerSettings, row: RowToSend): Promise<Answer<PreviewRow>> {
  const answer = await previewRows(settings, [row]);
  if (!answer.ok) return answer;
  const [previewed] = answer.value.rows;
  return previewed ? { ok: true, value: previewed } : { ok: false, failure: { kind: 'worker-error', message: 'The worker previewed nothing for this contact. Try Preview again; if it says the same, restart "npx retention serve".' } };
}

/** Hands one row to the worker to send; the answer is its status (usually Queued at first). */
export async function sendOne(settings: WorkerSettings, row: RowToSend): Promise<Answer<RowReply>> {
  const answer = await submitRows(settings, [row]);
  if (answer.failure) return { ok: false, failure: answer.failure };
  const [sent] = answer.rows;
  return sent ? { ok: true, value: sent } : { ok: false, failure: { kind: 'worker-error', message: 'The worker did not say what became of this contact. Press Check status in a moment.' } };
}

/** One row's status now, as the worker's ledger has it. */
export async function statusOf(settings: WorkerSettings, actionId: string): Promise<Answer<RowStatus>> {
  const answer = await rowStatuses(settings, [actionId]);
  if (!answer.ok) return answer;
  const [row] = answer.value.rows;
  return row?.status ? { ok: true, value: row } : { ok: false, failure: { kind: 'worker-error', message: 'The worker has no record of this contact yet. Press Check status again in a moment.' } };
}
