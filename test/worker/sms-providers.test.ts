/**
 * The SMS providers against a loopback server speaking each one's wire format
 * (support/sms-servers.ts): what each really sends (path, auth, body), what each answer means for
 * the ledger, delivery polled and shown as Delivered / Undelivered, and the sender and number
 * checked before any provider is asked.
 */
import assert from 'node:assert/strict';
import type { RenderedSms } from '../../core/index.ts';
import type { OutgoingMessage } from '../../worker/channels/channel.ts';
import { pollDeliveries } from '../../worker/channels/sms/delivery.ts';
import type { PaceClock } from '../../worker/channels/pace.ts';
import type { SmsProvider } from '../../worker/channels/sms/provider.ts';
import { smsChannel } from '../../worker/channels/sms/sms-channel.ts';
import { smsWorksProvider } from '../../worker/channels/sms/sms-works.ts';
import { twilioProvider } from '../../worker/channels/sms/twilio.ts';
import { webhookProvider } from '../../worker/channels/sms/webhook.ts';
import { localSmsServer, SMS_WORKS_KEY, TWILIO, WEBHOOK_TOKEN, type SmsScripted, type SmsServer } from './support/sms-servers.ts';

const now = () => new Date('2026-11-16T09:30:00Z');
const http = { timeoutMs: 2000, throttleRetries: 3, perMinute: 60_000 };
const text: RenderedSms = { channel: 'sms', text: "Hi Jean, your Nissan Juke's MOT is due 12/12/2026. Call 01625 496000 - Whitfield Motors", segments: 1, encoding: 'GSM-7' };
const outgoing = (more: { to?: string; sender?: string; actionId?: string } = {}): OutgoingMessage => ({
  actionId: more.actionId ?? 'mot-1/C00001/MX73VCW/2026-12-12',
  method: 'SMS',
  to: more.to ?? '+447794194322',
  from: { name: 'Whitfield Motors', email: 'service@whitfield.example', smsSender: more.sender ?? 'Whitfield' },
  message: text,
});

type Make = (server: SmsServer, clock?: PaceClock, timeoutMs?: number) => SmsProvider;
/** A clock that moves on only when slept through, recording each sleep: waits without waiting. */
function recordingClock(waits: number[]): PaceClock {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  };
}
const twilio: Make = (server, clock, timeoutMs = http.timeoutMs) => twilioProvider({ ...http, timeoutMs, accountSid: TWILIO.sid, authToken: TWILIO.token, baseUrl: server.url }, { now, clock });
const smsWorks: Make = (server, clock, timeoutMs = http.timeoutMs) => smsWorksProvider({ ...http, timeoutMs, apiKey: SMS_WORKS_KEY.slice('JWT '.length), baseUrl: server.url }, { now, clock });
const webhook: Make = (server, clock, timeoutMs = http.timeoutMs) => webhookProvider({ ...http, timeoutMs, url: `${server.url}/hook`, token: WEBHOOK_TOKEN }, { now, clock });

async function withServer(script: ((n: number) => SmsScripted) | undefined, run: (server: SmsServer) => Promise<void>) {
  const server = await localSmsServer(script);
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

describe('SMS providers, against loopback servers speaking their wire formats', function () {
  this.timeout(20_000);

  it('sends a text to Twilio form-encoded with Basic auth to the account\'s Messages.json, and keeps its SID', async () => {
    await withServer(undefined, async (server) => {
      const outcome = await smsChannel(twilio(server)).send(outgoing({ to: '07794 194322' }));
      assert.equal(outcome.state, 'sent', JSON.stringify(outcome));
      const [request] = server.requests;
      assert.equal(request?.path, `/2010-04-01/Accounts/${TWILIO.sid}/Messages.json`);
      assert.equal(request?.headers.authorization, `Basic ${Buffer.from(`${TWILIO.sid}:${TWILIO.token}`).toString('base64')}`);
      assert.deepEqual(Object.fromEntries(request?.form ?? []), { To: '+447794194322', From: 'Whitfield', Body: text.text });
      assert.match(outcome.state === 'sent' ? outcome.reference : '', /^twilio:SM[0-9a-f]{32}$/);
    });
  });

  it('sends a text to The SMS Works as JSON with its JWT key, the numbers without +, and keeps its message id', async () => {
    await withServer(undefined, async (server) => {
      const outcome = await smsChannel(smsWorks(server)).send(outgoing());
      assert.equal(outcome.state, 'sent', JSON.stringify(outcome));
      const [request] = server.requests;
      assert.equal(request?.path, '/v1/message/send');
      assert.equal(request?.headers.authorization, SMS_WORKS_KEY);
      assert.deepEqual(request?.json, { sender: 'Whitfield', destination: '447794194322', content: text.text, tag: 'retention' });
      assert.match(outcome.state === 'sent' ? outcome.reference : '', /^smsworks:[0-9a-f-]{36}$/);
    });
  });

  it('posts a text to the webhook as JSON with the bearer token and the Action ID as Idempotency-Key', async () => {
    await withServer(undefined, async (server) => {
      const outcome = await smsChannel(webhook(server)).send(outgoing());
      assert.deepEqual(outcome, { state: 'sent', reference: 'webhook:hook-1', sentAt: '2026-11-16T09:30:00.000Z' });
      const [request] = server.requests;
      assert.equal(request?.headers.authorization, `Bearer ${WEBHOOK_TOKEN}`);
      assert.equal(request?.headers['idempotency-key'], 'mot-1/C00001/MX73VCW/2026-12-12');
      assert.deepEqual(request?.json, { actionId: 'mot-1/C00001/MX73VCW/2026-12-12', from: 'Whitfield', to: '+447794194322', text: text.text });
    });
  });

  it("reports Twilio's refusal of a number as permanent, in Twilio's words", async () => {
    await withServer(() => ({ status: 400, body: { code: 21614, message: "'To' number is not a valid mobile number", status: 400 } }), async (server) => {
      assert.deepEqual(await smsChannel(twilio(server)).send(outgoing()), { state: 'failed', reason: "Twilio refused the text (400 21614 'To' number is not a valid mobile number)", retryable: false });
    });
  });

  it("takes The SMS Works' own word on whether an error may pass when tried again", async () => {
    await withServer((n) => ({ status: 402, body: { message: 'Insufficient credits', errorCode: 1402, status: 'PAYMENT_REQUIRED', permanent: n !== 0 } }), async (server) => {
      const channel = smsChannel(smsWorks(server));
      assert.deepEqual(await channel.send(outgoing()), { state: 'failed', reason: 'The SMS Works refused the text (402 1402 Insufficient credits)', retryable: true });
      assert.deepEqual(await channel.send(outgoing()), { state: 'failed', reason: 'The SMS Works refused the text (402 1402 Insufficient credits)', retryable: false });
    });
  });

  it('reports credentials a provider refuses as a failure naming what to check', async () => {
    await withServer(undefined, async (server) => {
      const provider = twilioProvider({ ...http, accountSid: TWILIO.sid, authToken: 'wrong', baseUrl: server.url }, { now });
      const outcome = await smsChannel(provider).send(outgoing());
      assert.equal(outcome.state, 'failed');
      assert.match(outcome.state === 'failed' ? outcome.reason : '', /credentials \(401 20003 Authenticate\): check the sms settings/);
    });
  });

  for (const [name, make] of [['Twilio', twilio], ['The SMS Works', smsWorks], ['the webhook', webhook]] as const) {
    it(`waits as ${name}'s 429 Retry-After says, then sends the text once`, async () => {
      const waits: number[] = [];
      await withServer((n) => (n === 0 ? { status: 429, headers: { 'Retry-After': '3' }, body: { code: 20429, message: 'Too Many Requests', status: 429 } } : 'accept'), async (server) => {
        const outcome = await smsChannel(make(server, recordingClock(waits))).send(outgoing());
        assert.equal(outcome.state, 'sent', JSON.stringify(outcome));
        assert.equal(server.requests.length, 2);
        assert.deepEqual(waits, [3000]);
      });
    });

    it(`never posts a text to ${name} again after a 503: it may have gone, so it is uncertain`, async () => {
      await withServer(() => ({ status: 503, headers: { 'Retry-After': '1' }, body: { message: 'Service Unavailable' } }), async (server) => {
        const outcome = await smsChannel(make(server)).send(outgoing());
        assert.equal(outcome.state, 'uncertain');
        assert.equal(server.requests.length, 1);
      });
    });

    it(`calls a text uncertain when ${name} does not answer in time`, async () => {
      await withServer(() => 'hang', async (server) => {
        const outcome = await smsChannel(make(server, undefined, 300)).send(outgoing());
        assert.equal(outcome.state, 'uncertain');
        assert.match(outcome.state === 'uncertain' ? outcome.reason : '', /within 0\.3 s.*may have been sent/);
      });
    });
  }

  it('calls a text failed, worth retrying, when the provider cannot be reached at all', async () => {
    const server = await localSmsServer();
    await server.stop();
    const outcome = await smsChannel(twilio(server)).send(outgoing());
    assert.equal(outcome.state, 'failed');
    assert.equal(outcome.state === 'failed' && outcome.retryable, true);
  });

  it('sends nothing from a sender UK networks block, and says what to use instead', async () => {
    await withServer(undefined, async (server) => {
      const outcome = await smsChannel(twilio(server)).send(outgoing({ sender: 'INFO' }));
      assert.equal(outcome.state, 'failed');
      assert.match(outcome.state === 'failed' ? outcome.reason : '', /generic word UK networks block/);
      assert.equal(server.requests.length, 0);
    });
  });

  it('sends nothing to a landline, and says why', async () => {
    await withServer(undefined, async (server) => {
      const outcome = await smsChannel(twilio(server)).send(outgoing({ to: '01625 496000' }));
      assert.equal(outcome.state, 'failed');
      assert.match(outcome.state === 'failed' ? outcome.reason : '', /not a mobile number/);
      assert.equal(server.requests.length, 0);
    });
  });

  it('refuses a sender name The SMS Works cannot carry before asking it', async () => {
    await withServer(undefined, async (server) => {
      const outcome = await smsChannel(smsWorks(server)).send(outgoing({ sender: 'W&S Motors' }));
      assert.equal(outcome.state, 'failed');
      assert.equal(server.requests.length, 0);
    });
  });

  it('sends from a UK mobile sender as E.164, so customers can reply', async () => {
    await withServer(undefined, async (server) => {
      await smsChannel(twilio(server)).send(outgoing({ sender: '07911 123456' }));
      assert.equal(server.requests[0]?.form?.get('From'), '+447911123456');
    });
  });

  it('polls each provider for the texts it sent and shows Delivered or Undelivered, Pending while the network has not said', async () => {
    await withServer(undefined, async (server) => {
      const providers = [twilio(server), smsWorks(server), webhook(server)];
      const references: string[] = [];
      for (const provider of providers.slice(0, 2)) {
        for (let i = 0; i < 3; i += 1) {
          const outcome = await smsChannel(provider).send(outgoing({ actionId: `a${i}` }));
          references.push(outcome.state === 'sent' ? outcome.reference : '');
        }
      }
      const id = (reference: string) => reference.slice(reference.indexOf(':') + 1);
      server.deliveries.set(id(references[0]!), { status: 'delivered' });
      server.deliveries.set(id(references[1]!), { status: 'undelivered', error: '30003' });
      server.deliveries.set(id(references[3]!), { status: 'DELIVERED' });
      server.deliveries.set(id(references[4]!), { status: 'UNDELIVERABLE', error: 'Handset unreachable' });
      const answers = await pollDeliveries(providers, [...references, 'webhook:hook-9', 'other:1']);
      assert.deepEqual([...answers.values()], [
        { status: 'Delivered', detail: 'delivered' },
        { status: 'Undelivered', detail: 'undelivered (30003)' },
        { status: 'Pending', detail: 'queued' },
        { status: 'Delivered', detail: 'DELIVERED' },
        { status: 'Undelivered', detail: 'UNDELIVERABLE (Handset unreachable)' },
        { status: 'Pending', detail: 'SENT' },
        { problem: 'webhook keeps no delivery reports to ask for' },
        { problem: 'no SMS provider configured sent other:1' },
      ]);
      const polls = server.requests.filter((r) => r.method === 'GET').map((r) => r.path);
      assert.ok(polls.includes(`/2010-04-01/Accounts/${TWILIO.sid}/Messages/${id(references[0]!)}.json`), polls.join('\n'));
      assert.ok(polls.includes(`/v1/messages/${id(references[3]!)}`), polls.join('\n'));
    });
  });
});
