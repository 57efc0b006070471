/**
 * The ledger in SQLite (better-sqlite3): one file in the data folder, in WAL mode with full sync,
 * so a state written before a provider call survives a crash or a pulled plug. better-sqlite3 is
 * synchronous, which is what a commit-before-send wants: when `beginSubmitting` returns, the row is
 * on disk. That synchronous ledger runs in a thread of its own (sqlite-ledger-thread.ts), so the
 * time the disk takes to sync is spent while the main thread talks to the provider.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Method } from '../../core/index.ts';
import { CUT_OFF_REASON, LEDGER_FILE, type Delivery, type DeliveryState, type Ledger, type NewDelivery, type Outcome, type QueueResult, type Settled, type Claimed } from './ledger.ts';
import type { OutgoingMessage } from '../channels/channel.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (
  action_id     TEXT NOT NULL,
  channel       TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('queued', 'submitting', 'sent', 'failed', 'uncertain')),
  by            TEXT NOT NULL,
  customer_code TEXT NOT NULL,
  contact_due   TEXT NOT NULL,
  recipient     TEXT NOT NULL,
  queued_at     TEXT NOT NULL,
  sent_at       TEXT,
  reference     TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL DEFAULT '',
  retryable     INTEGER NOT NULL DEFAULT 0,
  attempts      INTEGER NOT NULL DEFAULT 0,
  message       TEXT,
  PRIMARY KEY (action_id, channel)
);
CREATE INDEX IF NOT EXISTS deliveries_by_state ON deliveries (state, queued_at);
`;

interface Row {
  action_id: string;
  channel: Method;
  state: DeliveryState;
  by: string;
  customer_code: string;
  contact_due: string;
  recipient: string;
  queued_at: string;
  sent_at: string | null;
  reference: string;
  reason: string;
  retryable: number;
  attempts: number;
  message: string | null;
}

function delivery(row: Row): Delivery {
  return {
    actionId: row.action_id,
    channel: row.channel,
    state: row.state,
    by: row.by,
    customerCode: row.customer_code,
    contactDue: row.contact_due,
    to: row.recipient,
    queuedAt: row.queued_at,
    sentAt: row.sent_at,
    reference: row.reference,
    reason: row.reason,
    retryable: row.retryable === 1,
    attempts: row.attempts,
  };
}

/** The ledger's calls as the thread that owns the database makes them: each returns when committed. */
export type LedgerNow = { readonly [K in keyof Ledger]: Ledger[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : Ledger[K] };

/**
 * Opens (or makes) the ledger in `folder` in this thread; deliveries left submitting by a crash
 * become uncertain. null: a ledger in memory, for a dry run that must leave nothing behind.
 */
export function openSqliteLedgerNow(folder: string | null): LedgerNow {
  if (folder !== null) mkdirSync(folder, { recursive: true });
  const db = new Database(folder === null ? ':memory:' : join(folder, LEDGER_FILE));
  db.pragma('journal_mode = WAL');
  // FULL: a committed 'submitting' is on disk before the provider is called, power cut or not.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // A ledger made before messages were kept while waiting.
  if (!db.prepare<[], { name: string }>('PRAGMA table_info(deliveries)').all().some((c) => c.name === 'message')) db.exec('ALTER TABLE deliveries ADD COLUMN message TEXT');

  const select = db.prepare<[string, string], Row>('SELECT * FROM deliveries WHERE action_id = ? AND channel = ?');
  const byState = db.prepare<[string], Row>('SELECT * FROM deliveries WHERE state = ? ORDER BY queued_at, action_id');
  const everything = db.prepare<[], Row>('SELECT * FROM deliveries ORDER BY queued_at, action_id');
  const insert = db.prepare(
    `INSERT INTO deliveries (action_id, channel, state, by, customer_code, contact_due, recipient, queued_at, message)
     VALUES (@actionId, @channel, 'queued', @by, @customerCode, @contactDue, @to, @at, @message)`,
  );
  const requeue = db.prepare(
    `UPDATE deliveries SET state = 'queued', by = @by, recipient = @to, queued_at = @at, reason = '', retryable = 0, message = @message
     WHERE action_id = @actionId AND channel = @channel AND state = 'failed'`,
  );
  const newerMessage = db.prepare(`UPDATE deliveries SET message = @message, recipient = @to WHERE action_id = @actionId AND channel = @channel AND state = 'queued'`);
  const oldestWaiting = db.prepare<[], Row>(`SELECT * FROM deliveries WHERE state = 'queued' AND message IS NOT NULL ORDER BY queued_at, action_id LIMIT 1`);
  const begin = db.prepare(`UPDATE deliveries SET state = 'submitting', attempts = attempts + 1 WHERE action_id = ? AND channel = ? AND state = 'queued'`);
  // A settled delivery's message is dropped: it is not needed again, and the ledger keeps no bodies it need not.
  const sent = db.prepare(`UPDATE deliveries SET state = 'sent', sent_at = ?, reference = ?, reason = '', message = NULL WHERE action_id = ? AND channel = ?`);
  const failed = db.prepare(`UPDATE deliveries SET state = 'failed', reason = ?, retryable = ?, message = NULL WHERE action_id = ? AND channel = ?`);
  const uncertain = db.prepare(`UPDATE deliveries SET state = 'uncertain', reason = ?, message = NULL WHERE action_id = ? AND channel = ?`);
  const cutOff = db.prepare(`UPDATE deliveries SET state = 'uncertain', reason = ?, message = NULL WHERE state = 'submitting'`);

  const recoveredUncertain = db.transaction(() => {
    const left = byState.all('submitting').map(delivery);
    cutOff.run(CUT_OFF_REASON);
    return left.map((d) => ({ ...d, state: 'uncertain' as const, reason: CUT_OFF_REASON }));
  })();

  const queue = db.transaction((d: NewDelivery, at: string): QueueResult => {
    const row = { actionId: d.actionId, channel: d.channel, by: d.by, customerCode: d.customerCode, contactDue: d.contactDue, to: d.to, at, message: d.message ? JSON.stringify(d.message) : null };
    const existing = select.get(d.actionId, d.channel);
    if (!existing) {
      insert.run(row);
      return { queued: true };
    }
    // Nothing went out for a failed delivery: it may be tried again.
    if (existing.state === 'failed') {
      requeue.run(row);
      return { queued: true };
    }
    if (existing.state === 'queued' && d.message) newerMessage.run(row);
    return { queued: false, state: existing.state };
  });

  function record(actionId: string, channel: Method, outcome: Outcome): void {
    if (outcome.state === 'sent') sent.run(outcome.sentAt, outcome.reference, actionId, channel);
    else if (outcome.state === 'failed') failed.run(outcome.reason, outcome.retryable ? 1 : 0, actionId, channel);
    else uncertain.run(outcome.reason, actionId, channel);
  }

  const settleAndBegin = db.transaction((actionId: string, channel: Method, settled: Settled | undefined): boolean => {
    if (settled) record(settled.actionId, settled.channel, settled.outcome);
    return begin.run(actionId, channel).changes === 1;
  });

  const claimNext = db.transaction((settled: Settled | undefined): Claimed | null => {
    if (settled) record(settled.actionId, settled.channel, settled.outcome);
    const row = oldestWaiting.get();
    if (!row) return null;
    begin.run(row.action_id, row.channel);
    return { delivery: { ...delivery(row), state: 'submitting', attempts: row.attempts + 1 }, message: JSON.parse(row.message!) as OutgoingMessage };
  });

  return {
    recoveredUncertain,
    queue: (d: NewDelivery, at: string) => queue(d, at),
    claimNext: (settled?: Settled) => claimNext(settled),
    beginSubmitting: (actionId: string, channel: Method, settled?: Settled) => settleAndBegin(actionId, channel, settled),
    record,
    resolveUncertain(actionId: string, channel: Method, resolution: { went: true; at: string } | { went: false }) {
      const row = select.get(actionId, channel);
      if (row?.state !== 'uncertain') throw new Error(`${actionId} by ${channel} is not uncertain (it is ${row?.state ?? 'not in the ledger'}).`);
      if (resolution.went) sent.run(resolution.at, row.reference || 'marked sent by hand', actionId, channel);
      else db.prepare(`UPDATE deliveries SET state = 'queued', reason = '' WHERE action_id = ? AND channel = ?`).run(actionId, channel);
    },
    get: (actionId: string, channel: Method) => {
      const row = select.get(actionId, channel);
      return row ? delivery(row) : null;
    },
    inState: (state: DeliveryState) => byState.all(state).map(delivery),
    all: () => everything.all().map(delivery),
    close: () => db.close(),
  };
}

/** In memory (a dry run): nothing to sync, so no thread. */
function inThisThread(now: LedgerNow): Ledger {
  return {
    recoveredUncertain: now.recoveredUncertain,
    queue: async (d, at) => now.queue(d, at),
    beginSubmitting: async (actionId, channel, settled) => now.beginSubmitting(actionId, channel, settled),
    claimNext: async (settled) => now.claimNext(settled),
    record: async (actionId, channel, outcome) => now.record(actionId, channel, outcome),
    resolveUncertain: async (actionId, channel, resolution) => now.resolveUncertain(actionId, channel, resolution),
    get: async (actionId, channel) => now.get(actionId, channel),
    inState: async (state) => now.inState(state),
    all: async () => now.all(),
    close: async () => now.close(),
  };
}

type Call = { [K in keyof LedgerNow]: LedgerNow[K] extends (...args: infer A) => unknown ? { id: number; name: K; args: A } : never }[keyof LedgerNow];
export type LedgerThreadRequest = Call;
export type LedgerThreadReply = { id: number; value: unknown } | { id: number; error: string } | { ready: Delivery[] } | { failed: string };

// The thread starts as a plain script that loads the ledger's module, registering the TypeScript
// loader first when the module is TypeScript and the thread does not have the loader yet.
const THREAD_BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  try {
    await import(workerData.entry);
  } catch (error) {
    if (error.code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !workerData.loader) throw error;
    (await import(workerData.loader)).register();
    // A new URL: the loader remembers the failed one.
    await import(workerData.entry + '?with-loader');
  }
})().catch((error) => { require('node:worker_threads').parentPort.postMessage({ failed: String(error && error.stack || error) }); });
`;

/** tsx's loader API as an ES module (the CommonJS build's register() cannot find its hooks from a thread). */
function tsxLoader(): string {
  const commonJs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(commonJs.replace(/\.cjs$/, '.mjs')).href;
}

/** The ledger in `folder`, its database in a thread of its own. */
async function inItsOwnThread(folder: string): Promise<Ledger> {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './sqlite-ledger-thread.ts' : './sqlite-ledger-thread.js', import.meta.url).href;
  // Where tsx came in by --import (tests, benchmarks) the thread has it already; where bin/retention.js
  // registered it, the thread registers it too.
  const loader = entry.endsWith('.ts') ? tsxLoader() : null;
  // The boot script is CommonJS whatever --input-type the process was started with.
  const execArgv = process.execArgv.filter((option) => !option.startsWith('--input-type'));
  const thread = new Worker(THREAD_BOOT, { eval: true, execArgv, workerData: { entry, loader, folder } });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  let stopped: Error | null = null;
  // The thread keeps the process alive only while a call waits on it.
  const settle = (id: number) => {
    waiting.delete(id);
    if (waiting.size === 0) thread.unref();
  };

  const ready = new Promise<Delivery[]>((resolve, reject) => {
    thread.on('message', (reply: LedgerThreadReply) => {
      if ('ready' in reply) return resolve(reply.ready);
      if ('failed' in reply) return reject(new Error(`The send ledger could not be opened: ${reply.failed}`));
      const call = waiting.get(reply.id);
      if (!call) return;
      settle(reply.id);
      if ('error' in reply) call.reject(new Error(reply.error));
      else call.resolve(reply.value);
    });
    const stop = (error: Error) => {
      stopped = error;
      reject(error);
      for (const call of waiting.values()) call.reject(error);
      waiting.clear();
    };
    thread.on('error', (error) => stop(new Error(`The send ledger stopped: ${error.message}`)));
    thread.on('exit', (code) => stop(new Error(`The send ledger closed (its thread ended with code ${code}).`)));
  });
  const recoveredUncertain = await ready;
  thread.unref();

  function call<K extends keyof LedgerNow>(name: K, ...args: Extract<Call, { name: K }>['args']): Promise<never> {
    if (stopped) return Promise.reject(stopped);
    const id = next++;
    thread.ref();
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread.postMessage({ id, name, args });
    });
  }

  return {
    recoveredUncertain,
    queue: (d, at) => call('queue', d, at),
    beginSubmitting: (actionId, channel, settled) => call('beginSubmitting', actionId, channel, settled),
    claimNext: (settled) => call('claimNext', settled),
    record: (actionId, channel, outcome) => call('record', actionId, channel, outcome),
    resolveUncertain: (actionId, channel, resolution) => call('resolveUncertain', actionId, channel, resolution),
    get: (actionId, channel) => call('get', actionId, channel),
    inState: (state) => call('inState', state),
    all: () => call('all'),
    async close() {
      if (stopped) return;
      await call('close');
      await thread.terminate();
    },
  };
}

/**
 * Opens (or makes) the ledger in `folder`; deliveries left submitting by a crash become uncertain.
 * null: a ledger in memory, for a dry run that must leave nothing behind.
 */
export async function openSqliteLedger(folder: string | null): Promise<Ledger> {
  return folder === null ? inThisThread(openSqliteLedgerNow(null)) : inItsOwnThread(folder);
}
