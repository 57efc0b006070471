/**
 * The pane's calls to the worker (`retention serve`), each failure turned into plain words with
 * what to do. The worker answers on loopback over https; every call but health carries the
 * pairing key as a Bearer token.
 */
import type { WorkerSettings } from './worker-settings.ts';

/** Why a call failed, in the garage's words: what happened, then what to do. */
export interface WorkerFailure {
  kind: 'bad-address' | 'unreachable' | 'wrong-key' | 'not-the-worker' | 'worker-error' | 'no-answer' | 'no-key';
  message: string;
}

export type Answer<T> = { ok: true; value: T } | { ok: false; failure: WorkerFailure };

/** One approved row as the worker takes it. */
export interface RowToSend {
  actionId: string;
  method: string;
}

/** What the worker says of a row: its Status, Sent At and Reference, or why it refused it. */
export interface RowStatus {
  actionId: string;
  status: string;
  sentAt: string | null;
  reference: string;
  reason?: string;
}

/** What would go, as the worker works it out before sending. */
export interface SendPreview {
  byChannel: Record<string, number>;
  smsSegments: number;
  /** How many more emails the mailbox may send today; null when it sets no limit. */
  mailboxRemainingToday: number | null;
  refused: { actionId: string; reason: string }[];
}

const WAIT_MS = 8000;

export function explainUnreachable(address: string): string {
  return (
    `Retention Desk cannot reach the worker at ${address}. ` +
    'If the worker is not running, start it on this computer with "npx retention serve" and leave that window open. ' +
    `If it is running, this computer may not trust its certificate yet: open ${address}/api/health in your browser once; ` +
    'if the browser warns about the connection, trust the certificate as the README says (Trust the local certificate), then try again.'
  );
}

function checkedAddress(settings: WorkerSettings): string | WorkerFailure {
  let url: URL;
  try {
    url = new URL(settings.address);
  } catch {
    return { kind: 'bad-address', message: `"${settings.address}" is not a web address. Write the worker's address as "retention serve" printed it, like https://localhost:3443.` };
  }
  if (url.protocol !== 'https:' && globalThis.location?.protocol === 'https:') {
    return { kind: 'bad-address', message: `Excel only lets the pane call a secure address. Write it with https: https://${url.host}.` };
  }
  return url.origin;
}

async function call<T>(settings: WorkerSettings, path: string, init: { method?: string; body?: unknown; authenticated?: boolean } = {}): Promise<Answer<T>> {
  const address = checkedAddress(settings);
  if (typeof address !== 'string') return { ok: false, failure: address };
  const authenticated = init.authenticated ?? true;
  if (authenticated && !settings.pairingKey.trim()) {
    return { ok: false, failure: { kind: 'no-key', message: 'There is no pairing key yet. Copy the key "retention serve" printed when it started into Settings › Pairing key.' } };
  }
  const headers: Record<string, string> = {};
  if (authenticated) headers.Authorization = `Bearer ${settings.pairingKey.trim()}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${address}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: AbortSignal.timeout(WAIT_MS) });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      return { ok: false, failure: { kind: 'no-answer', message: `The worker at ${address} did not answer within ${WAIT_MS / 1000} seconds. Look at its window for a message; if it has stopped, start it again with "npx retention serve".` } };
    }
    // The browser says no more than "failed to fetch", whether nothing listens or the certificate is not trusted.
    return { ok: false, failure: { kind: 'unreachable', message: explainUnreachable(address) } };
  }
  if (response.status === 401 || response.status === 403) {
    return { ok: false, failure: { kind: 'wrong-key', message: 'The worker turned the pairing key away. Copy the key "retention serve" printed when it started into Settings › Pairing key, exactly, and save.' } };
  }
  if (response.status === 404) {
    return { ok: false, failure: { kind: 'not-the-worker', message: `Something answers at ${address}, but not the Retention Desk worker. Check the address: "retention serve" prints it when it starts.` } };
  }
  const text = await response.text();
  if (!response.ok) {
    const said = (() => {
      try {
        return (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        return text;
      }
    })();
    return { ok: false, failure: { kind: 'worker-error', message: `The worker could not do it: ${said.slice(0, 300) || `error ${response.status}`}. Its window says more.` } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as T };
  } catch {
    return { ok: false, failure: { kind: 'not-the-worker', message: `Something answers at ${address}, but not the Retention Desk worker. Check the address: "retention serve" prints it when it starts.` } };
  }
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

export function previewSend(settings: WorkerSettings, rows: RowToSend[]): Promise<Answer<SendPreview>> {
  return call(settings, '/api/preview', { method: 'POST', body: { rows } });
}

export function submitRows(settings: WorkerSettings, rows: RowToSend[]): Promise<Answer<{ rows: RowStatus[] }>> {
  return call(settings, '/api/rows', { method: 'POST', body: { rows } });
}

export function rowStatuses(settings: WorkerSettings, actionIds: string[]): Promise<Answer<{ rows: RowStatus[] }>> {
  return call(settings, `/api/rows?ids=${encodeURIComponent(actionIds.join(','))}`);
}
