/**
 * Twilio's Programmable Messaging REST API: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded To, From and Body, HTTP Basic auth (Account SID and auth token); 201 with the
 * message's `sid`. Errors are JSON `{ code, message, more_info, status }`. Delivery: `GET
 * …/Messages/{sid}.json`, whose `status` ends delivered, undelivered or failed.
 * https://www.twilio.com/docs/messaging/api/message-resource
 */
import type { Outcome } from '../../ledger/ledger.ts';
import { pacer, type PaceClock } from '../pace.ts';
import { httpOutcome, json, plain, request, type DeliveryStatus, type HttpSettings, type SmsProvider } from './provider.ts';

export interface TwilioSettings extends HttpSettings {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com; a loopback server in tests. */
  baseUrl: string;
  perMinute: number;
}

/** Twilio error codes that may pass if tried again: its own rate and queue limits. */
const RETRYABLE = new Set([20429, 14107, 30001, 30022]);

const words = (body: string) => {
  const error = json(body);
  return error && (error.code || error.message) ? `${error.code ?? ''} ${error.message ?? ''}`.trim() : plain(body);
};

export function twilioProvider(settings: TwilioSettings, options: { now: () => Date; clock?: PaceClock }): SmsProvider {
  const pace = pacer({ perMinute: settings.perMinute, concurrency: 1 }, options.clock);
  const account = `${settings.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  const http = { ...settings, who: 'Twilio', pace };

  return {
    name: 'twilio',
    async send(text): Promise<Outcome> {
      const form = new URLSearchParams({ To: text.to, From: text.from, Body: text.text });
      const sent = await request(`${account}/Messages.json`, { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form }, http);
      if ('outcome' in sent) return sent.outcome;
      const { answer } = sent;
      const code = Number(json(answer.body)?.code);
      return httpOutcome('Twilio', answer, words(answer.body), () => {
        const sid = json(answer.body)?.sid;
        return typeof sid === 'string' ? { state: 'sent', reference: `twilio:${sid}`, sentAt: options.now().toISOString() } : { state: 'uncertain', reason: `Twilio answered ${answer.status} without the message's id: it may have been sent` };
      }, answer.status !== 429 && !RETRYABLE.has(code));
    },
    async status(id) {
      const sent = await request(`${account}/Messages/${encodeURIComponent(id)}.json`, { headers: { Authorization: authorization } }, http);
      if ('outcome' in sent) return { problem: 'reason' in sent.outcome ? sent.outcome.reason : 'no answer' };
      if (sent.answer.status !== 200) return { problem: `Twilio answered ${sent.answer.status} ${words(sent.answer.body)}` };
      const message = json(sent.answer.body) ?? {};
      const status = String(message.status ?? '');
      const delivery: DeliveryStatus = status === 'delivered' || status === 'read' ? 'Delivered' : ['undelivered', 'failed', 'canceled'].includes(status) ? 'Undelivered' : 'Pending';
      const why = message.error_code ? ` (${message.error_code}${message.error_message ? ` ${String(message.error_message)}` : ''})` : '';
      return { status: delivery, detail: `${status}${why}` };
    },
  };
}
