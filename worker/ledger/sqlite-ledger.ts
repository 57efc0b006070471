/**
 * The ledger in SQLite (better-sqlite3): one file in the data folder, in WAL mode with full sync,
 * so a state written before a provider call survives a crash or a pulled plug. better-sqlite3 is
 * synchronous, which is what a commit-before-send wants: when `beginSubmitting` returns, the row is
 * on disk.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Method } from '../../core/index.ts';
import { LEDGER_FILE, type Delivery, type DeliveryState, type Ledger, type NewDelivery, type Outcome, type QueueResult } from './ledger.ts';

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
  PRIMARY KEY (action_id, channel)
);
CREATE INDEX IF NOT EXISTS deliveries_by_state ON deliveries (state);
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

const CUT_OFF = 'The send was cut off while the message was with the provider: it may have been sent. Check, then resend it or mark it sent.';

/**
 * Opens (or makes) the ledger in `folder`; deliveries left submitting by a crash become uncertain.
 * null: a ledger in memory, for a dry run that must leave nothing behind.
 */
export function openSqliteLedger(folder: string | null): Ledger {
  if (folder !== null) mkdirSync(folder, { recursive: true });
  const db = new Database(folder === null ? ':memory:' : join(folder, LEDGER_FILE));
  db.pragma('journal_mode = WAL');
  // FULL: a committed 'submitting' is on disk before the provider is called, power cut or not.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const select = db.prepare<[string, string], Row>('SELECT * FROM deliveries WHERE action_id = ? AND channel = ?');
  const byState = db.prepare<[string], Row>('SELECT * FROM deliveries WHERE state = ? ORDER BY queued_at, action_id');
  const everything = db.prepare<[], Row>('SELECT * FROM deliveries ORDER BY queued_at, action_id');
  const insert = db.prepare(
    `INSERT INTO deliveries (action_id, channel, state, by, customer_code, contact_due, recipient, queued_at)
     VALUES (@actionId, @channel, 'queued', @by, @customerCode, @contactDue, @to, @at)`,
  );
  const requeue = db.prepare(
    `UPDATE deliveries SET state = 'queued', by = @by, recipient = @to, queued_at = @at, reason = '', retryable = 0
     WHERE action_id = @actionId AND channel = @channel AND state = 'failed'`,
  );
  const begin = db.prepare(`UPDATE deliveries SET state = 'submitting', attempts = attempts + 1 WHERE action_id = ? AND channel = ? AND state = 'queued'`);
  const sent = db.prepare(`UPDATE deliveries SET state = 'sent', sent_at = ?, reference = ?, reason = '' WHERE action_id = ? AND channel = ?`);
  const failed = db.prepare(`UPDATE deliveries SET state = 'failed', reason = ?, retryable = ? WHERE action_id = ? AND channel = ?`);
  const uncertain = db.prepare(`UPDATE deliveries SET state = 'uncertain', reason = ? WHERE action_id = ? AND channel = ?`);
  const cutOff = db.prepare(`UPDATE deliveries SET state = 'uncertain', reason = ? WHERE state = 'submitting'`);

  const recoveredUncertain = db.transaction(() => {
    const left = byState.all('submitting').map(delivery);
    cutOff.run(CUT_OFF);
    return left.map((d) => ({ ...d, state: 'uncertain' as const, reason: CUT_OFF }));
  })();

  const queue = db.transaction((d: NewDelivery, at: string): QueueResult => {
    const existing = select.get(d.actionId, d.channel);
    if (!existing) {
      insert.run({ ...d, at });
      return { queued: true };
    }
    // Nothing went out for a failed delivery: it may be tried again.
    if (existing.state === 'failed') {
      requeue.run({ ...d, at });
      return { queued: true };
    }
    return { queued: false, state: existing.state };
  });

  return {
    recoveredUncertain,
    queue: (d, at) => queue(d, at),
    beginSubmitting: (actionId, channel) => begin.run(actionId, channel).changes === 1,
    record(actionId, channel, outcome: Outcome) {
      if (outcome.state === 'sent') sent.run(outcome.sentAt, outcome.reference, actionId, channel);
      else if (outcome.state === 'failed') failed.run(outcome.reason, outcome.retryable ? 1 : 0, actionId, channel);
      else uncertain.run(outcome.reason, actionId, channel);
    },
    resolveUncertain(actionId, channel, resolution) {
      const row = select.get(actionId, channel);
      if (row?.state !== 'uncertain') throw new Error(`${actionId} by ${channel} is not uncertain (it is ${row?.state ?? 'not in the ledger'}).`);
      if (resolution.went) sent.run(resolution.at, row.reference || 'marked sent by hand', actionId, channel);
      else db.prepare(`UPDATE deliveries SET state = 'queued', reason = '' WHERE action_id = ? AND channel = ?`).run(actionId, channel);
    },
    get: (actionId, channel) => {
      const row = select.get(actionId, channel);
      return row ? delivery(row) : null;
    },
    inState: (state) => byState.all(state).map(delivery),
    all: () => everything.all().map(delivery),
    close: () => db.close(),
  };
}
