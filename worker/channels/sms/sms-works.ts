/**
 * The SMS Works, a UK SMS provider: `POST /v1/message/send` with JSON `{ sender, destination,
 * content }` and the account's API key (the "JWT …" token from its dashboard) as the Authorization
 * header; 201 with `{ messageid, status, credits }`. Errors are JSON `{ message, errorCode, status,
 * permanent }`: its own `permanent` decides retryable. Delivery: `GET /v1/messages/{messageid}`,
 * whose `status` ends DELIVERED, or UNDELIVERABLE, EXPIRED or REJECTED.
 * https://thesmsworks.co.uk/developers (the wire format as in its OpenAPI SDKs, e.g.
 * github.com/TheSMSWorks/smsw-csharp-sdk docs/MessagesApi.md, Message.md, ExtendedErrorModel.md)
 */
import type { Outcome } from '../../ledger/ledger.ts';
import { pacer, type PaceClock } from '../pace.ts';
import { httpOutcome, json, plain, request, type DeliveryStatus, type HttpSettings, type SmsProvider } from './provider.ts';

export interface SmsWorksSettings extends HttpSettings {
  apiKey: string;
  /** https://api.thesmsworks.co.uk; a loopback server in tests. */
  baseUrl: string;
  perMinute: number;
}

const words = (body: string) => {
  const error = json(body);
  return error && (error.message || error.errorCode) ? [error.errorCode, error.message].filter(Boolean).join(' ') : plain(body);
};

export function smsWorksProvider(settings: SmsWorksSettings, options: { now: () => Date; clock?: PaceClock }): SmsProvider {
  const pace = pacer({ perMinute: settings.perMinute, concurrency: 1 }, options.clock);
  const base = `${settings.baseUrl.replace(/\/+$/, '')}/v1`;
  const authorization = settings.apiKey.startsWith('JWT ') ? settings.apiKey : `JWT ${settings.apiKey}`;
  const http = { ...settings, who: 'The SMS Works', pace };

  return {
    name: 'smsworks',
    async send(text): Promise<Outcome> {
      // Its senders are letters and digits only, or a number: a name with a space or & would be refused for every text.
      if (!/^[A-Za-z0-9]{1,11}$/.test(text.from) && !/^\+\d+$/.test(text.from)) {
        return { state: 'failed', reason: `The SMS Works takes a sender name of letters and digits only; '${text.from}' has others: change the SMS sender on Settings`, retryable: false };
      }
      const body = JSON.stringify({ sender: text.from.replace(/^\+/, ''), destination: text.to.replace(/^\+/, ''), content: text.text, tag: 'retention' });
      const sent = await request(`${base}/message/send`, { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' }, body }, http);
      if ('outcome' in sent) return sent.outcome;
      const { answer } = sent;
      // Its own word on whether trying again could succeed; a 4xx without one is taken as permanent.
      const permanent = json(answer.body)?.permanent;
      return httpOutcome('The SMS Works', answer, words(answer.body), () => {
        const id = json(answer.body)?.messageid;
        return typeof id === 'string' ? { state: 'sent', reference: `smsworks:${id}`, sentAt: options.now().toISOString() } : { state: 'uncertain', reason: `The SMS Works answered ${answer.status} without the message's id: it may have been sent` };
      }, answer.status === 429 ? false : permanent !== false);
    },
    async status(id) {
      const sent = await request(`${base}/messages/${encodeURIComponent(id)}`, { headers: { Authorization: authorization, Accept: 'application/json' } }, http);
      if ('outcome' in sent) return { problem: 'reason' in sent.outcome ? sent.outcome.reason : 'no answer' };
      if (sent.answer.status !== 200) return { problem: `The SMS Works answered ${sent.answer.status} ${words(sent.answer.body)}` };
      const message = json(sent.answer.body) ?? {};
      const status = String(message.status ?? '').toUpperCase();
      const delivery: DeliveryStatus = status === 'DELIVERED' ? 'Delivered' : ['UNDELIVERABLE', 'EXPIRED', 'REJECTED', 'FAILED'].includes(status) ? 'Undelivered' : 'Pending';
      const reason = (message.failurereason as { details?: string } | undefined)?.details;
      return { status: delivery, detail: reason ? `${status} (${reason})` : status };
    },
  };
}
