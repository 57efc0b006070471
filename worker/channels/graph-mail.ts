/**
 * Email through Microsoft Graph: `POST /users/{sender}/sendMail` with an app-only token, or
 * `/me/sendMail` with the signed-in user's (delegated) token. The token comes from a TokenSource
 * (graph-token.ts); the Graph address is configuration, so tests and the benchmark point it at a
 * loopback server that speaks Graph's wire format.
 *
 * The Graph SDK's default middleware retries a request on 503 and 504, POSTs included: a sendMail
 * that reached Exchange and timed out on the way back would go twice. So the SDK runs our own chain
 * (throttle → bearer token → time limit → fetch), which retries only a 429, after its Retry-After,
 * when Exchange has said it did not take the message. What a response means for the ledger:
 * - 202: sent;
 * - 429 (still, after waiting as told, several times): failed, worth retrying later;
 * - another 4xx: failed, permanent until the garage fixes what Graph names (recipient, mailbox,
 *   the app's Mail.Send permission), in Graph's own words;
 * - 5xx, a timeout, a connection lost after the request went: *uncertain*, never sent again by
 *   itself — the mail may have gone;
 * - no connection at all, or no token: failed, nothing went out.
 *
 * Exchange Online's limits are per mailbox: 30 messages a minute, at most 4 requests at once
 * (configurable, since a tenant's limits can differ), and 10,000 recipients a day (shown before
 * sending, core/messages/daily-allowance.ts).
 *
 * Graph's JSON message cannot carry List-Unsubscribe (only `x-` headers, at most 5), so a message
 * with other headers (marketing mail) goes as MIME: the same RFC 5322 message the outbox and SMTP
 * send, base64 in a text/plain body.
 */
import { Client, HTTPMessageHandler, ResponseType, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import nodemailer from 'nodemailer';
import type { RenderedEmail } from '../../core/index.ts';
import type { Outcome } from '../ledger/ledger.ts';
import type { Channel, OutgoingMessage } from './channel.ts';
import { mailOptions } from './mail.ts';
import { pacer, retryAfterMs, type Pacer } from './pace.ts';
import type { TokenSource } from './graph-token.ts';

export interface GraphSettings {
  /** Graph's address, before the version: https://graph.microsoft.com (a loopback server in tests). */
  baseUrl: string;
  /** app: `/users/{Sender mailbox}/sendMail` with an app-only token; delegated: `/me/sendMail` as the signed-in user. */
  auth: 'app' | 'delegated';
  /** Where replies go, when the garage's Settings name none. */
  replyTo?: string;
  /** Exchange Online allows 30 messages a minute per mailbox. */
  perMinute: number;
  /** Exchange Online allows 10,000 recipients a day per mailbox. */
  perDay: number;
  /** Requests at once per mailbox: Exchange Online allows 4. */
  concurrency: number;
  /** Milliseconds to wait for Graph's answer; past it, the send is uncertain. */
  timeoutMs: number;
  /** 429s waited out before giving up on a message for this run. */
  throttleRetries: number;
}

/** Names the SDK keeps (as GraphError's code) for what went wrong before any HTTP answer. */
const NO_TOKEN = 'TokenUnavailable';
const UNREACHABLE = 'GraphUnreachable';
const TIMED_OUT = 'GraphTimedOut';
const CUT_OFF = 'GraphConnectionLost';

/** Errors that mean the request never left: safe to call failed. */
const NEVER_CONNECTED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A link of our chain: the SDK's Middleware with its next link. */
abstract class Link implements Middleware {
  protected next!: Middleware;
  setNext(next: Middleware) {
    this.next = next;
  }
  abstract execute(context: Context): Promise<void>;
}

/** On 429, waits as Graph says (pausing the whole mailbox) and asks again; nothing else is retried. */
class Throttle extends Link {
  constructor(private readonly pace: Pacer, private readonly retries: number, private readonly sleep: (ms: number) => Promise<void>) {
    super();
  }
  async execute(context: Context) {
    for (let attempt = 0; ; attempt += 1) {
      await this.next.execute(context);
      if (context.response?.status !== 429 || attempt >= this.retries) return;
      // A 429 means Exchange did not take the message: asking again cannot send it twice.
      const wait = retryAfterMs(context.response.headers.get('Retry-After'), Date.now(), 2 ** attempt * 1000);
      await context.response.body?.cancel();
      this.pace.pause(wait);
      await this.sleep(wait);
    }
  }
}

class BearerToken extends Link {
  constructor(private readonly tokens: TokenSource) {
    super();
  }
  async execute(context: Context) {
    const token = await this.tokens.token().catch((error: Error) => {
      throw named(NO_TOKEN, error.message);
    });
    context.options = { ...context.options, headers: { ...(context.options?.headers as Record<string, string>), Authorization: `Bearer ${token}` } };
    await this.next.execute(context);
  }
}

/** A time limit on each request, and what a failed fetch means: never sent, or perhaps sent. */
class TimeLimit extends Link {
  constructor(private readonly timeoutMs: number) {
    super();
  }
  async execute(context: Context) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    context.options = { ...context.options, signal: controller.signal };
    try {
      await this.next.execute(context);
      // The body is read within the limit too: a response cut off half-way is as uncertain as none.
      if (context.response) context.response = new Response(await context.response.arrayBuffer(), context.response);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (controller.signal.aborted) throw named(TIMED_OUT, `no answer from Microsoft 365 within ${(this.timeoutMs / 1000).toLocaleString('en-GB')} s`);
      if (NEVER_CONNECTED.test(`${cause?.code} ${cause?.message}`)) throw named(UNREACHABLE, `could not reach Microsoft 365 (${cause?.code ?? (error as Error).message})`);
      throw named(CUT_OFF, `the connection to Microsoft 365 was lost (${cause?.code ?? cause?.message ?? (error as Error).message})`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The SDK's client with our chain in place of its default one. */
function graphClient(settings: GraphSettings, tokens: TokenSource, pace: Pacer, sleep: (ms: number) => Promise<void>): Client {
  const links: Middleware[] = [new Throttle(pace, settings.throttleRetries, sleep), new BearerToken(tokens), new TimeLimit(settings.timeoutMs), new HTTPMessageHandler()];
  links.reduce((previous, next) => {
    previous.setNext!(next);
    return next;
  });
  return Client.initWithMiddleware({ middleware: links[0]!, baseUrl: settings.baseUrl.replace(/\/+$/, ''), defaultVersion: 'v1.0' });
}

/** Whether the message needs MIME: a header Graph's JSON message cannot carry (anything but x-…). */
export function needsMime(email: RenderedEmail): boolean {
  return Object.keys(email.headers).some((name) => !/^x-/i.test(name));
}

/** The sendMail JSON for a message Graph can carry as it is. */
export function sendMailJson(outgoing: OutgoingMessage, email: RenderedEmail, replyTo?: string) {
  const reply = outgoing.from.replyTo ?? replyTo;
  const xHeaders = Object.entries(email.headers).map(([name, value]) => ({ name, value }));
  return {
    message: {
      subject: email.subject,
      body: { contentType: 'HTML', content: email.html },
      from: { emailAddress: { name: outgoing.from.name, address: outgoing.from.email } },
      toRecipients: [{ emailAddress: { address: outgoing.to } }],
      ...(reply ? { replyTo: [{ emailAddress: { address: reply } }] } : {}),
      ...(xHeaders.length > 0 ? { internetMessageHeaders: xHeaders } : {}),
    },
    saveToSentItems: true,
  };
}

/** Graph's error in its words: "ErrorInvalidRecipients: …", or the status when it gave none. */
function graphWords(status: number, body: string): string {
  try {
    const { error } = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (error?.code || error?.message) return `${status} ${[error.code, error.message].filter(Boolean).join(': ')}`;
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return `${status} ${body.replace(/\s+/g, ' ').trim().slice(0, 200)}`.trim();
}

/** What Graph's answer to a sendMail means for the ledger. */
export function graphOutcome(status: number, body: string, reference: string, sentAt: string): Outcome {
  if (status >= 200 && status < 300) return { state: 'sent', reference, sentAt };
  const words = graphWords(status, body);
  if (status >= 500) return { state: 'uncertain', reason: `Microsoft 365 answered ${words} while sending: it may have been sent` };
  if (status === 429) return { state: 'failed', reason: `Microsoft 365 is limiting this mailbox (${words}): send again later`, retryable: true };
  if (status === 401) return { state: 'failed', reason: `Microsoft 365 did not accept the sign-in (${words}): check email.graph in the configuration and the app's secret or certificate`, retryable: false };
  if (status === 403) return { state: 'failed', reason: `Microsoft 365 refused (${words}): the app needs the Mail.Send permission, granted by an admin, for this mailbox`, retryable: false };
  if (status === 404) return { state: 'failed', reason: `Microsoft 365 has no such mailbox (${words}): check the Sender mailbox on Settings`, retryable: false };
  return { state: 'failed', reason: `Microsoft 365 refused the message (${words})`, retryable: false };
}

function errorOutcome(error: { code?: string | null; message: string }): Outcome {
  if (error.code === NO_TOKEN) return { state: 'failed', reason: `no Microsoft 365 sign-in: ${error.message}`, retryable: false };
  if (error.code === UNREACHABLE) return { state: 'failed', reason: error.message, retryable: true };
  if (error.code === TIMED_OUT || error.code === CUT_OFF) return { state: 'uncertain', reason: `${error.message} while sending: it may have been sent` };
  return { state: 'uncertain', reason: `sending through Microsoft 365 stopped with an error (${error.message}): it may have been sent` };
}

export interface GraphMailOptions {
  tokens: TokenSource;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export function graphMailChannel(settings: GraphSettings, options: GraphMailOptions): Channel {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // The limits are per mailbox: one pacer and one client for each sender.
  const mailboxes = new Map<string, { pace: Pacer; client: Client }>();
  const forMailbox = (mailbox: string) => {
    let found = mailboxes.get(mailbox);
    if (!found) {
      const pace = pacer({ perMinute: settings.perMinute, concurrency: settings.concurrency });
      found = { pace, client: graphClient(settings, options.tokens, pace, sleep) };
      mailboxes.set(mailbox, found);
    }
    return found;
  };
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  return {
    name: 'graph',
    async send(outgoing: OutgoingMessage): Promise<Outcome> {
      const { message } = outgoing;
      if (message.channel !== 'email') return { state: 'failed', reason: `Microsoft 365 mail sends emails, not ${outgoing.method}`, retryable: false };
      const mailbox = settings.auth === 'delegated' ? 'me' : outgoing.from.email.trim();
      if (!mailbox) return { state: 'failed', reason: 'the Sender mailbox on Settings is blank: Microsoft 365 needs the mailbox to send from', retryable: false };
      const { pace, client } = forMailbox(mailbox.toLowerCase());
      const path = mailbox === 'me' ? '/me/sendMail' : `/users/${encodeURIComponent(mailbox)}/sendMail`;
      let request = client.api(path).responseType(ResponseType.RAW);
      let body: string | object;
      let reference: string;
      if (needsMime(message)) {
        const mail = mailOptions(outgoing, message, settings.replyTo);
        const composed = await composer.sendMail({ ...mail, date: options.now() });
        body = (composed.message as Buffer).toString('base64');
        request = request.header('Content-Type', 'text/plain');
        reference = mail.messageId;
      } else {
        body = sendMailJson(outgoing, message, settings.replyTo);
        reference = '';
      }
      try {
        const response = (await pace.run(() => request.post(body))) as Response;
        const text = await response.text();
        // JSON mail gets its Message-ID from Exchange; Graph's request-id finds the request in Microsoft's logs.
        return graphOutcome(response.status, text, reference || `graph request-id ${response.headers.get('request-id') ?? 'none given'}`, options.now().toISOString());
      } catch (error) {
        return errorOutcome(error as { code?: string | null; message: string });
      }
    },
    async close() {
      composer.close();
    },
  };
}
