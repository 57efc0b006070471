/**
 * One Message-ID per action, the same on every attempt: if a send that was uncertain is sent again
 * by the user, the customer's mail server can see it is the same message, and the garage can find
 * it in its sent items. Made from a hash, so the Action ID (with the customer's code) is not shown.
 */
import { createHash } from 'node:crypto';

export function messageIdFor(actionId: string, senderMailbox: string): string {
  const domain = senderMailbox.split('@')[1]?.trim() || 'retention-desk.invalid';
  return `<${createHash('sha256').update(actionId).digest('hex').slice(0, 32)}@${domain}>`;
}
