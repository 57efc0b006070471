/**
 * Texts through an SMS provider, as a Channel: the sender and the number are checked before the
 * provider is asked (a sender UK networks block, or a number that is no mobile, fails alone with
 * what to fix, and nothing is sent), then the provider says how it went.
 */
import parsePhoneNumber from 'libphonenumber-js/max';
import { smsSender } from '../../../core/index.ts';
import type { Outcome } from '../../ledger/ledger.ts';
import type { Channel, OutgoingMessage } from '../channel.ts';
import type { SmsProvider } from './provider.ts';

/** The mobile in E.164, or why a text cannot go to it. */
export function mobileNumber(to: string): { e164: string } | { problem: string } {
  const parsed = parsePhoneNumber(to, 'GB');
  if (!parsed?.isValid()) return { problem: `'${to}' is not a valid phone number: correct the customer's mobile in the DMS` };
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { problem: `'${to}' is not a mobile number, so it cannot take a text: send by another method, or correct it in the DMS` };
  return { e164: parsed.number };
}

export function smsChannel(provider: SmsProvider): Channel {
  return {
    name: provider.name,
    async send(outgoing: OutgoingMessage): Promise<Outcome> {
      const { message } = outgoing;
      if (message.channel !== 'sms') return { state: 'failed', reason: `the SMS provider sends texts, not ${outgoing.method}`, retryable: false };
      const sender = smsSender(outgoing.from.smsSender);
      if ('problem' in sender) return { state: 'failed', reason: sender.problem, retryable: false };
      const number = mobileNumber(outgoing.to);
      if ('problem' in number) return { state: 'failed', reason: number.problem, retryable: false };
      return provider.send({ actionId: outgoing.actionId, from: sender.sender, to: number.e164, text: message.text });
    },
    async close() {},
  };
}
