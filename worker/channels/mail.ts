/**
 * An outgoing email as nodemailer takes it, the same for every way it leaves (the outbox's .eml,
 * SMTP, and Graph's MIME after them), so a message previewed is the message sent.
 */
import { createHash } from 'node:crypto';
import type { RenderedEmail } from '../../core/index.ts';
import type { OutgoingMessage } from './channel.ts';

/**
 * One Message-ID per action, the same on every attempt: if a send that was uncertain is sent again
 * by the user, the customer's mail server can see it is the same message, and the garage can find
 * it in its sent items. Made from a hash, so the Action ID (with the customer's code) is not shown.
 */
export function messageIdFor(actionId: string, senderMailbox: string): string {
  const domain = senderMailbox.split('@')[1]?.trim() || 'retention-desk.invalid';
  return `<${createHash('sha256').update(actionId).digest('hex').slice(0, 32)}@${domain}>`;
}

/** nodemailer's options for an email; `replyTo` stands when the garage's Settings give none. */
export function mailOptions(outgoing: OutgoingMessage, email: RenderedEmail, replyTo?: string) {
  return {
    from: { name: outgoing.from.name, address: outgoing.from.email },
    replyTo: outgoing.from.replyTo ?? replyTo,
    messageId: messageIdFor(outgoing.actionId, outgoing.from.email),
    to: outgoing.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: email.headers,
  };
}
