/**
 * A channel sends one message and says how it went, nothing more: the shape of nodemailer's
 * transports (a name and one `send`). The outbox, SMTP, Graph mail, SMS providers and letters all
 * fit it, so the send loop never asks which it is talking to.
 */
import type { Method, RenderedMessage } from '../../core/index.ts';
import type { Outcome } from '../ledger/ledger.ts';

export interface OutgoingMessage {
  actionId: string;
  method: Method;
  /** Email address, E.164 mobile, or the postal address on one line (comma-separated). */
  to: string;
  /** The garage as the sender: its name, mailbox or SMS sender ID. */
  from: { name: string; email: string; smsSender: string; replyTo?: string };
  message: RenderedMessage;
}

export interface Channel {
  readonly name: string;
  send(outgoing: OutgoingMessage): Promise<Outcome>;
  /** Finishes what a run made (a letters PDF); called once, after the last send. */
  close(): Promise<void>;
}
