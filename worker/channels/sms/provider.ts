/**
 * One interface for every SMS provider: send a text and say how it went (sent, failed — retryable
 * or not, in the provider's words — or uncertain), and, where the provider keeps it, look up
 * whether a text was delivered. A garage PC has no public address for delivery callbacks, so
 * delivery is polled (delivery.ts).
 *
 * The HTTP semantics every adapter shares live here once: a time limit, a 429 waited out as
 * Retry-After says (the provider took nothing), and never a second POST after a 5xx, a timeout or a
 * connection lost once the request went — the text may have gone, so it is uncertain.
 */
import type { Outcome } from '../../ledger/ledger.ts';
import { retryAfterMs, type Pacer } from '../pace.ts';

export interface TextToSend {
  actionId: string;
  /** A checked sender: a name, or a UK mobile in E.164. */
  from: string;
  /** E.164. */
  to: string;
  text: string;
}

export type DeliveryStatus = 'Delivered' | 'Undelivered' | 'Pending';

export interface SmsProvider {
  /** Also the prefix of its references in the ledger ("twilio:SM…"), so a status is asked of the right one. */
  readonly name: string;
  send(text: TextToSend): Promise<Outcome>;
  /** Where the provider keeps delivery reports: what became of the text with this id (the reference after the prefix). */
  status?(id: string): Promise<{ status: DeliveryStatus; detail: string } | { problem: string }>;
}

export interface HttpSettings {
  timeoutMs: number;
  /** 429s waited out before a text is left failed for this run. */
  throttleRetries: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers: Headers;
}

/** Errors that mean the request never left: safe to call failed. */
const NEVER_CONNECTED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

export type Sent = { answer: HttpAnswer } | { outcome: Outcome };

/**
 * One provider request, paced and time-limited, with 429s waited out; the answer, or what a request
 * that got none means. `who` names the provider in reasons ("Twilio").
 */
export async function request(url: string, init: RequestInit, options: HttpSettings & { who: string; pace: Pacer }): Promise<Sent> {
  for (let attempt = 0; ; attempt += 1) {
    const controller = new AbortController();
    let answer: HttpAnswer;
    try {
      answer = await options.pace.run(async () => {
        // The clock starts when the request does, not while it waits for its turn.
        const timer = setTimeout(() => controller.abort(), options.timeoutMs);
        try {
          const response = await fetch(url, { ...init, signal: controller.signal });
          return { status: response.status, headers: response.headers, body: await response.text() };
        } finally {
          clearTimeout(timer);
        }
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (controller.signal.aborted) return { outcome: { state: 'uncertain', reason: `no answer from ${options.who} within ${(options.timeoutMs / 1000).toLocaleString('en-GB')} s while sending: it may have been sent` } };
      if (NEVER_CONNECTED.test(`${cause?.code} ${cause?.message}`)) return { outcome: { state: 'failed', reason: `could not reach ${options.who} (${cause?.code})`, retryable: true } };
      return { outcome: { state: 'uncertain', reason: `the connection to ${options.who} was lost while sending (${cause?.code ?? (error as Error).message}): it may have been sent` } };
    }
    if (answer.status !== 429 || attempt >= options.throttleRetries) return { answer };
    const wait = retryAfterMs(answer.headers.get('Retry-After'), Date.now(), 2 ** attempt * 1000);
    // The provider took nothing: the pacer holds this and every other request until the wait is over.
    options.pace.pause(wait);
  }
}

/** The shared reading of an answer's status; `words` is the provider's own explanation. */
export function httpOutcome(who: string, answer: HttpAnswer, words: string, sent: () => Outcome, permanent = answer.status !== 429): Outcome {
  if (answer.status >= 200 && answer.status < 300) return sent();
  if (answer.status >= 500) return { state: 'uncertain', reason: `${who} answered ${answer.status} ${words} while sending: it may have been sent` };
  if (answer.status === 401 || answer.status === 403) return { state: 'failed', reason: `${who} did not accept the account's credentials (${answer.status} ${words}): check the sms settings and the key in the environment`, retryable: false };
  return { state: 'failed', reason: `${who} refused the text (${answer.status} ${words})`, retryable: !permanent };
}

/** A body's JSON, or null. */
export function json(body: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A short plain version of a body that is not the provider's JSON (a proxy's page). */
export const plain = (body: string) => body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
