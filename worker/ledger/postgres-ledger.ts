/**
 * The ledger in PostgreSQL (node-postgres), for a dealer group whose sites' workers share one queue.
 * The same rows as SQLite's, plus who claimed each: every ledger opened is a *worker* with an id of
 * its own, and holds a session-level advisory lock on that id for as long as its connection lives.
 *
 * - Claiming is one statement: the oldest waiting row, locked with FOR UPDATE SKIP LOCKED so two
 *   workers never take the same one, marked submitting with the claimer's id, and the previous
 *   delivery's outcome in the same commit. synchronous_commit is on: committed means on the server's disk.
 * - A row left submitting is uncertain only when its claimer is dead, never while a live worker is
 *   sending it. PostgreSQL ends a session whose client is gone (a killed process's socket closes)
 *   and so releases its advisory lock; a row whose claimer's lock can be taken is an orphan. Every
 *   worker checks when it opens, every few seconds while it claims, and when the queue runs dry.
 * - Everything goes through one connection. If it is lost, the lock goes with it, other workers may
 *   turn this worker's row uncertain, and this worker can record nothing more: each call then fails
 *   with what happened, so an outcome never overwrites a row someone else has settled.
 */
import pg from 'pg';
import type { Method } from '../../core/index.ts';
import type { OutgoingMessage } from '../channels/channel.ts';
import { CUT_OFF_REASON, type Claimed, type Delivery, type DeliveryState, type Ledger, type NewDelivery, type Outcome, type QueueResult, type Settled } from './ledger.ts';

/** The first key of every advisory lock this ledger takes ('RETD'), so they cannot meet another program's. */
const LOCK_SPACE = 0x52455444;
/** The second key while the tables are made: worker ids start at 1. */
const SCHEMA_LOCK = 0;

// Names that say whose they are: a dealer group's database may hold other systems' tables too.
// COLLATE "C": text compared byte by byte, so the oldest-first order is SQLite's whatever the server's locale.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS retention_deliveries (
  action_id     TEXT COLLATE "C" NOT NULL,
  channel       TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('queued', 'submitting', 'sent', 'failed', 'uncertain')),
  "by"          TEXT NOT NULL,
  customer_code TEXT NOT NULL,
  contact_due   TEXT NOT NULL,
  recipient     TEXT NOT NULL,
  queued_at     TEXT COLLATE "C" NOT NULL,
  sent_at       TEXT,
  reference     TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL DEFAULT '',
  retryable     BOOLEAN NOT NULL DEFAULT false,
  attempts      INTEGER NOT NULL DEFAULT 0,
  message       JSONB,
  claimed_by    INTEGER,
  PRIMARY KEY (action_id, channel)
);
CREATE INDEX IF NOT EXISTS retention_deliveries_by_state ON retention_deliveries (state, queued_at);
CREATE INDEX IF NOT EXISTS retention_deliveries_waiting ON retention_deliveries (queued_at, action_id) WHERE state = 'queued' AND message IS NOT NULL;
CREATE SEQUENCE IF NOT EXISTS retention_ledger_workers AS INTEGER MINVALUE 1 CYCLE;
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
  retryable: boolean;
  attempts: number;
  message: OutgoingMessage | null;
  claimed_by: number | null;
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
    retryable: row.retryable,
    attempts: row.attempts,
  };
}

/** An outcome as an UPDATE, its parameters numbered from `from`; a settled delivery's message is dropped. */
function outcomeUpdate(actionId: string, channel: Method, outcome: Outcome, from: number): { sql: string; params: unknown[] } {
  const [a, b, c, d] = [from, from + 1, from + 2, from + 3].map((n) => `$${n}`);
  const where = `WHERE action_id = ${a} AND channel = ${b}`;
  if (outcome.state === 'sent') return { sql: `UPDATE retention_deliveries SET state = 'sent', sent_at = ${c}, reference = ${d}, reason = '', message = NULL ${where}`, params: [actionId, channel, outcome.sentAt, outcome.reference] };
  if (outcome.state === 'failed') return { sql: `UPDATE retention_deliveries SET state = 'failed', reason = ${c}, retryable = ${d}, message = NULL ${where}`, params: [actionId, channel, outcome.reason, outcome.retryable] };
  return { sql: `UPDATE retention_deliveries SET state = 'uncertain', reason = ${c}, message = NULL ${where}`, params: [actionId, channel, outcome.reason] };
}

/** `settled` as the first part of a WITH, so it commits with what follows, its parameters numbered from `from`. */
function settling(settled: Settled | undefined, from: number): { with: string; params: unknown[] } {
  if (!settled) return { with: '', params: [] };
  const update = outcomeUpdate(settled.actionId, settled.channel, settled.outcome, from);
  return { with: `settled AS (${update.sql}),`, params: update.params };
}

export interface PostgresLedgerOptions {
  /** How often a worker that is claiming looks for rows a dead worker left submitting. */
  orphanCheckEveryMs?: number;
}

/**
 * Opens the shared ledger at `url` (postgres://…), making its table if there is none, as one
 * worker; rows dead workers left submitting become uncertain.
 */
export async function openPostgresLedger(url: string, options: PostgresLedgerOptions = {}): Promise<Ledger> {
  const orphanCheckEveryMs = options.orphanCheckEveryMs ?? 5_000;
  const client = new pg.Client({ connectionString: url, application_name: 'retention-desk', connectionTimeoutMillis: 15_000, keepAlive: true });
  let lost: Error | null = null;
  const loseWith = (error: Error) => {
    lost ??= new Error(
      `The connection to the shared send ledger was lost (${error.message}). Nothing more can be recorded by this run; a message it was sending is uncertain. Check the database, then run send again.`,
    );
  };
  // Without a listener an error on an idle connection would end the process.
  client.on('error', loseWith);
  client.on('end', () => loseWith(new Error('the server closed it')));
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`The shared send ledger (RETENTION_DATABASE_URL) could not be reached: ${(error as Error).message}. Check the address and that the database server is running.`, { cause: error });
  }

  async function query<R extends pg.QueryResultRow = Row>(sql: string, params: unknown[] = []): Promise<R[]> {
    if (lost) throw lost;
    try {
      return (await client.query<R>(sql, params)).rows;
    } catch (error) {
      // The connection itself went (no answer, or the server ending the session), not just this statement.
      if (!(error instanceof pg.DatabaseError) || /^(08|57P)/.test(error.code ?? '')) loseWith(error as Error);
      if (lost) throw lost;
      throw error;
    }
  }

  let worker: number;
  try {
    // Whatever the server's default: a claim is on disk before the message goes.
    await query(`SET synchronous_commit = on`);
    // A worker whose machine died or dropped off the network sends no FIN: the server probes its
    // socket after 30 s idle and ends the session within a minute (its default waits two hours),
    // so the worker's rows become uncertain in a minute, not hours.
    await query(`SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3`);
    // Several workers starting at once would race to make the tables.
    await query('BEGIN');
    await query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, SCHEMA_LOCK]);
    await query(SCHEMA);
    await query('COMMIT');
    worker = (await query<{ id: number }>(`SELECT nextval('retention_ledger_workers')::integer AS id`))[0]!.id;
    // Held until this connection ends, however it ends: other workers read its release as this one's death.
    await query('SELECT pg_advisory_lock($1, $2)', [LOCK_SPACE, worker]);
    await query(`SELECT set_config('application_name', $1, false)`, [`retention-desk worker ${worker}`]);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }

  const recovered: Delivery[] = [];
  let lastOrphanCheck = 0;

  /** Rows a dead worker left submitting, made uncertain; a live worker's are left alone. */
  async function settleOrphans(): Promise<void> {
    lastOrphanCheck = Date.now();
    const claimers = await query<{ claimed_by: number | null }>(`SELECT DISTINCT claimed_by FROM retention_deliveries WHERE state = 'submitting' AND claimed_by IS DISTINCT FROM $1`, [worker]);
    for (const { claimed_by: claimer } of claimers) {
      // Taken: its holder is gone (this session does not ask for its own, which it would be given again).
      // Not taken: it lives, or another worker is settling its rows right now.
      if (claimer !== null && !(await query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS taken', [LOCK_SPACE, claimer]))[0]!.taken) continue;
      try {
        const orphans = await query(
          `UPDATE retention_deliveries SET state = 'uncertain', reason = $1, message = NULL WHERE state = 'submitting' AND claimed_by IS NOT DISTINCT FROM $2 RETURNING *`,
          [CUT_OFF_REASON, claimer],
        );
        recovered.push(...orphans.map(delivery));
      } finally {
        if (claimer !== null) await query('SELECT pg_advisory_unlock($1, $2)', [LOCK_SPACE, claimer]);
      }
    }
  }
  try {
    await settleOrphans();
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }

  async function record(actionId: string, channel: Method, outcome: Outcome): Promise<void> {
    const update = outcomeUpdate(actionId, channel, outcome, 1);
    await query(update.sql, update.params);
  }

  return {
    // The same array: rows found orphaned while draining are added to it.
    recoveredUncertain: recovered,

    async queue(d: NewDelivery, at: string): Promise<QueueResult> {
      // One statement: a new row is inserted; a failed one is queued afresh (nothing went out); a
      // queued one takes the newer message; a submitting, sent or uncertain one is left as it is.
      const [row] = await query<{ was: DeliveryState | null }>(
        `WITH was AS (SELECT state FROM retention_deliveries WHERE action_id = $1 AND channel = $2),
         put AS (
           INSERT INTO retention_deliveries (action_id, channel, state, "by", customer_code, contact_due, recipient, queued_at, message)
           VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $8)
           ON CONFLICT (action_id, channel) DO UPDATE SET
             "by"      = CASE WHEN retention_deliveries.state = 'failed' THEN EXCLUDED."by" ELSE retention_deliveries."by" END,
             queued_at = CASE WHEN retention_deliveries.state = 'failed' THEN EXCLUDED.queued_at ELSE retention_deliveries.queued_at END,
             recipient = EXCLUDED.recipient,
             message   = COALESCE(EXCLUDED.message, CASE WHEN retention_deliveries.state = 'queued' THEN retention_deliveries.message END),
             state = 'queued', reason = '', retryable = false
           WHERE retention_deliveries.state = 'failed' OR (retention_deliveries.state = 'queued' AND EXCLUDED.message IS NOT NULL)
         )
         SELECT (SELECT state FROM was) AS was`,
        [d.actionId, d.channel, d.by, d.customerCode, d.contactDue, d.to, at, d.message ? JSON.stringify(d.message) : null],
      );
      const was = row?.was ?? null;
      return was === null || was === 'failed' ? { queued: true } : { queued: false, state: was };
    },

    async beginSubmitting(actionId: string, channel: Method, settled?: Settled): Promise<boolean> {
      const s = settling(settled, 4);
      const rows = await query(
        `WITH ${s.with} begun AS (
           UPDATE retention_deliveries SET state = 'submitting', attempts = attempts + 1, claimed_by = $3
           WHERE action_id = $1 AND channel = $2 AND state = 'queued' RETURNING 1)
         SELECT * FROM begun`,
        [actionId, channel, worker, ...s.params],
      );
      return rows.length === 1;
    },

    async claimNext(settled?: Settled): Promise<Claimed | null> {
      if (Date.now() - lastOrphanCheck >= orphanCheckEveryMs) await settleOrphans();
      const s = settling(settled, 2);
      const [row] = await query(
        `WITH ${s.with} claimed AS (
           UPDATE retention_deliveries SET state = 'submitting', attempts = attempts + 1, claimed_by = $1
           WHERE state = 'queued' AND (action_id, channel) = (
             SELECT action_id, channel FROM retention_deliveries
             WHERE state = 'queued' AND message IS NOT NULL
             ORDER BY queued_at, action_id
             FOR UPDATE SKIP LOCKED
             LIMIT 1)
           RETURNING *)
         SELECT * FROM claimed`,
        [worker, ...s.params],
      );
      if (!row) {
        // The queue is dry: a worker killed meanwhile is not left holding rows once everyone has stopped.
        await settleOrphans();
        return null;
      }
      return { delivery: delivery(row), message: row.message! };
    },

    record,

    async resolveUncertain(actionId: string, channel: Method, resolution: { went: true; at: string } | { went: false }): Promise<void> {
      const changed = resolution.went
        ? await query(
            `UPDATE retention_deliveries SET state = 'sent', sent_at = $3, reference = CASE WHEN reference = '' THEN 'marked sent by hand' ELSE reference END, reason = '', message = NULL
             WHERE action_id = $1 AND channel = $2 AND state = 'uncertain' RETURNING *`,
            [actionId, channel, resolution.at],
          )
        : await query(`UPDATE retention_deliveries SET state = 'queued', reason = '' WHERE action_id = $1 AND channel = $2 AND state = 'uncertain' RETURNING *`, [actionId, channel]);
      if (changed.length === 1) return;
      const [row] = await query(`SELECT * FROM retention_deliveries WHERE action_id = $1 AND channel = $2`, [actionId, channel]);
      throw new Error(`${actionId} by ${channel} is not uncertain (it is ${row?.state ?? 'not in the ledger'}).`);
    },

    async get(actionId: string, channel: Method): Promise<Delivery | null> {
      const [row] = await query(`SELECT * FROM retention_deliveries WHERE action_id = $1 AND channel = $2`, [actionId, channel]);
      return row ? delivery(row) : null;
    },
    async inState(state: DeliveryState): Promise<Delivery[]> {
      return (await query(`SELECT * FROM retention_deliveries WHERE state = $1 ORDER BY queued_at, action_id`, [state])).map(delivery);
    },
    async all(): Promise<Delivery[]> {
      return (await query(`SELECT * FROM retention_deliveries ORDER BY queued_at, action_id`)).map(delivery);
    },
    async close(): Promise<void> {
      if (lost) return;
      // Closing ends the session, which releases the worker's lock.
      lost = new Error('The shared send ledger is closed.');
      await client.end();
    },
  };
}
