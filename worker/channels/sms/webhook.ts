/**
 * A generic JSON webhook, for a provider or gateway with no adapter here: `POST {url}` with
 * `{ actionId, from, to, text }`, a bearer token when one is set, and the Action ID as the
 * Idempotency-Key, so a receiver that keeps them can refuse a text it already took. A 2xx answer is
 * sent (its JSON `id`, if any, is the reference); others mean what they mean for every provider.
 * It keeps no delivery reports to poll.
 */
import type { Outcome } from '../../ledger/ledger.ts';
import { pacer, type PaceClock } from '../pace.ts';
import { httpOutcome, json, plain, request, type HttpSettings, type SmsProvider } from './provider.ts';

export interface WebhookSettings extends HttpSettings {
  url: string;
  token?: string;
  perMinute: number;
}

export function webhookProvider(settings: WebhookSettings, options: { now: () => Date; clock?: PaceClock }): SmsProvider {
  const pace = pacer({ perMinute: settings.perMinute, concurrency: 1 }, options.clock);
  const who = `the SMS webhook ${new URL(settings.url).host}`;
  return {
    name: 'webhook',
    async send(text): Promise<Outcome> {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': text.actionId };
      if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
      const body = JSON.stringify({ actionId: text.actionId, from: text.from, to: text.to, text: text.text });
      const sent = await request(settings.url, { method: 'POST', headers, body }, { ...settings, who, pace });
      if ('outcome' in sent) return sent.outcome;
      const { answer } = sent;
      const error = json(answer.body);
      const words = typeof error?.error === 'string' ? error.error : typeof error?.message === 'string' ? error.message : plain(answer.body);
      return httpOutcome(who, answer, words, () => {
        const id = json(answer.body)?.id;
        return { state: 'sent', reference: `webhook:${typeof id === 'string' || typeof id === 'number' ? id : text.actionId}`, sentAt: options.now().toISOString() };
      });
    },
  };
}
