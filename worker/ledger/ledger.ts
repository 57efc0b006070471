/**
 * The outbox ledger: one row per intended delivery (an Action ID by one channel), and the truth
 * about what was sent. The workbook is only its view: if the workbook cannot be written, the
 * sends still stand and the next `send` or `build --into` writes them in.
 *
 * queued → submitting → sent | failed | uncertain
 *
 * - *submitting* is committed before every call to a provider, so a crash mid-call leaves a trace.
 * - On opening, a row left in *submitting* becomes *uncertain* ("may have been sent — check, then
 *   resend or mark sent"); it is never resent by itself. *queued* rows are simply sent next time.
 *   On a shared queue (PostgreSQL), only rows whose worker is dead: never one a live worker is sending.
 * - Queuing an Action ID that is already queued, sent or uncertain sends nothing and says its state
 *   (a queued one takes the newer message); a *failed* one may be queued again (nothing went out).
 *
 * Two implementations: SQLite in the data folder (sqlite-ledger.ts), and PostgreSQL, where a dealer
 * group's workers share one queue (postgres-ledger.ts); open-ledger.ts picks one.
 */
import type { Method } from '../../core/index.ts';
import type { OutgoingMessage } from '../channels/channel.ts';

/** The ledger's file in the data folder. Here, not beside SQLite, so looking for it loads no native module. */
export const LEDGER_FILE = 'outbox-ledger.sqlite';

/** Why a row left submitting by a run that stopped is uncertain. */
export const CUT_OFF_REASON = 'The send was cut off while the message was with the provider: it may have been sent. Check, then resend it or mark it sent.';

export type DeliveryState = 'queued' | 'submitting' | 'sent' | 'failed' | 'uncertain';

export interface Delivery {
  actionId: string;
  channel: Method;
  state: DeliveryState;
  /** Who queued it, for the Contact Log's By. */
  by: string;
  /** What the send needs again after a restart: the customer, contact due, address (never the body). */
  customerCode: string;
  contactDue: string;
  to: string;
  queuedAt: string;
  /** UTC instant the provider accepted it; null until sent. */
  sentAt: string | null;
  /** The provider's message id, or a letter's PDF and page. */
  reference: string;
  /** The provider's words, for failed and uncertain. */
  reason: string;
  /** Whether a failed delivery may succeed if tried again (a full mailbox, a rate limit). */
  retryable: boolean;
  attempts: number;
}

export type NewDelivery = Pick<Delivery, 'actionId' | 'channel' | 'by' | 'customerCode' | 'contactDue' | 'to'> & {
  /**
   * The message as rendered, kept while the delivery waits so a worker that restarts (or another
   * worker on the same queue) can send it; dropped once the delivery is settled.
   */
  message?: OutgoingMessage;
};

/** A delivery claimed for sending, with its message. */
export interface Claimed {
  delivery: Delivery;
  message: OutgoingMessage;
}

/** What queueing a delivery came to: queued now, or already in the ledger (nothing will be sent). */
export type QueueResult = { queued: true } | { queued: false; state: DeliveryState };

export type Outcome =
  | { state: 'sent'; reference: string; sentAt: string }
  | { state: 'failed'; reason: string; retryable: boolean }
  | { state: 'uncertain'; reason: string };

/** A delivery's outcome, waiting to be recorded with the next commit. */
export interface Settled {
  actionId: string;
  channel: Method;
  outcome: Outcome;
}

/**
 * Every call is asynchronous: SQLite commits in a thread of its own (so the send loop and the
 * HTTP server keep working while the disk syncs), and PostgreSQL is a network away.
 */
export interface Ledger {
  /** Rows found in submitting when the ledger was opened, now uncertain (a send was cut off). */
  readonly recoveredUncertain: readonly Delivery[];
  queue(delivery: NewDelivery, at: string): Promise<QueueResult>;
  /**
   * Marks a queued delivery submitting, committed before the provider is called; false if it is not
   * queued. `settled`, an earlier delivery's outcome, goes in the same commit: one sync to disk a
   * message instead of two.
   */
  beginSubmitting(actionId: string, channel: Method, settled?: Settled): Promise<boolean>;
  /**
   * Claims the oldest queued delivery that carries its message, marked submitting (committed, with
   * `settled` in the same commit) before it is handed back; null when none waits. Two workers on one
   * queue never claim the same delivery.
   */
  claimNext(settled?: Settled): Promise<Claimed | null>;
  record(actionId: string, channel: Method, outcome: Outcome): Promise<void>;
  /** The user checked an uncertain delivery: it went (mark sent) or it did not (queue it again). */
  resolveUncertain(actionId: string, channel: Method, resolution: { went: true; at: string } | { went: false }): Promise<void>;
  get(actionId: string, channel: Method): Promise<Delivery | null>;
  inState(state: DeliveryState): Promise<Delivery[]>;
  all(): Promise<Delivery[]>;
  close(): Promise<void>;
}
