/**
 * Email through an SMTP server (nodemailer): pooled, paced, TLS as configured, Reply-To.
 *
 * What the server's answer means for the ledger:
 * - a reply with a code: 4xx is a failure worth retrying (mailbox full, greylisted), 5xx a
 *   permanent one, each with the server's own words;
 * - no connection at all (refused, no such host, wrong password): failed, nothing went out;
 * - the connection lost or timed out once the message was on its way: *uncertain* — the server may
 *   have accepted it, so it is never sent again by itself.
 *
 * nodemailer's pool re-queues a message whose connection dropped (maxRequeues, 5 by default),
 * which can deliver it twice: here it is 0, and the ledger decides.
 */
import nodemailer from 'nodemailer';
import type { Outcome } from '../ledger/ledger.ts';
import type { Channel, OutgoingMessage } from './channel.ts';
import { mailOptions } from './mail.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send without TLS (most providers require it). */
  requireTls: boolean;
  user?: string;
  password?: string;
  /** Where replies go, when not the sender. */
  replyTo?: string;
  /** At most this many messages a minute (the provider's limit). */
  perMinute: number;
  /** Milliseconds to wait for the server at each step. */
  timeoutMs: number;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** Errors that mean nothing reached the server: safe to call failed. */
const NEVER_CONNECTED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

export function smtpOutcome(error: SmtpError): Outcome {
  const words = (error.response ?? error.message).trim();
  if (error.responseCode) {
    return { state: 'failed', reason: `the mail server refused it: ${words}`, retryable: error.responseCode < 500 };
  }
  if (error.code === 'EAUTH') return { state: 'failed', reason: `the mail server did not accept the user name or password: ${words}`, retryable: false };
  // Only a connection that was never made is known to have carried nothing; any other loss may have come after the message.
  if (NEVER_CONNECTED.test(`${error.code} ${error.message}`)) {
    return { state: 'failed', reason: `could not reach the mail server: ${words}`, retryable: true };
  }
  return { state: 'uncertain', reason: `the connection to the mail server was lost while sending (${words}): it may have been sent` };
}

export function smtpChannel(settings: SmtpSettings, options: { now: () => Date }): Channel {
  const transport = nodemailer.createTransport({
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    maxConnections: 1,
    maxRequeues: 0,
    rateDelta: 60_000,
    rateLimit: settings.perMinute,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });

  return {
    name: 'smtp',
    async send(outgoing: OutgoingMessage): Promise<Outcome> {
      const { message } = outgoing;
      if (message.channel !== 'email') return { state: 'failed', reason: `the mail server sends emails, not ${outgoing.method}`, retryable: false };
      try {
        // Reply-To: the garage's Settings first; the configuration's for every garage it serves after.
        const info = await transport.sendMail(mailOptions(outgoing, message, settings.replyTo));
        return { state: 'sent', reference: info.messageId, sentAt: options.now().toISOString() };
      } catch (error) {
        return smtpOutcome(error as SmtpError);
      }
    },
    async close() {
      transport.close();
    },
  };
}
