/**
 * The Graph mail channel against a loopback server speaking Graph's sendMail wire format
 * (support/graph-server.ts): what it really sends (path, bearer token, JSON or MIME), and what each
 * answer — 202, 429 with Retry-After, 4xx, 5xx, a hang, a dropped connection — means for the ledger.
 */
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import type { RenderedEmail } from '../../core/index.ts';
import type { OutgoingMessage } from '../../worker/channels/channel.ts';
import { graphMailChannel, type GraphSettings } from '../../worker/channels/graph-mail.ts';
import { GRAPH_DEFAULTS } from '../../worker/config.ts';
import { handedToken, type TokenSource } from '../../worker/channels/graph-token.ts';
import { localGraphServer, type GraphServer, type ScriptedAnswer } from './support/graph-server.ts';

const service: RenderedEmail = {
  channel: 'email',
  subject: 'Your MOT is due on 12/12/2026',
  html: '<p>Dear Mrs Harrison, your Nissan Juke&#x27;s MOT is due. &lt;script&gt;</p>',
  text: 'Dear Mrs Harrison, your Nissan Juke’s MOT is due.',
  headers: {},
};
const marketing: RenderedEmail = {
  ...service,
  subject: 'Winter check offer',
  headers: { 'List-Unsubscribe': '<https://whitfield.example/stop?c=C00001>, <mailto:stop@whitfield.example?subject=Unsubscribe%20C00001>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
};

const outgoing = (message: RenderedEmail, actionId = 'mot-1/C00001/MX73VCW/2026-12-12', from = 'service@whitfield.example'): OutgoingMessage => ({
  actionId,
  method: 'Email',
  to: 'jean@example.com',
  from: { name: 'Whitfield Motors', email: from, smsSender: 'Whitfield' },
  message,
});

const now = () => new Date('2026-11-16T09:30:00Z');
const settings = (server: GraphServer, more: Partial<GraphSettings> = {}): GraphSettings => ({ ...GRAPH_DEFAULTS, baseUrl: server.url, auth: 'app', perMinute: 6000, timeoutMs: 2000, replyTo: 'bookings@whitfield.example', ...more });

async function withServer(script: ((n: number) => ScriptedAnswer) | undefined, run: (server: GraphServer) => Promise<void>, options: { limits?: { perMinute: number; concurrency: number } } = {}) {
  const server = await localGraphServer({ script, limits: options.limits });
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

describe('Graph mail, against a loopback Graph server', function () {
  this.timeout(20_000);

  it('sends service mail as Graph JSON to /users/{sender}/sendMail with the bearer token, and says it was sent', async () => {
    await withServer(undefined, async (server) => {
      const channel = graphMailChannel(settings(server), { tokens: handedToken('test-token'), now });
      const outcome = await channel.send(outgoing(service));
      assert.equal(outcome.state, 'sent', JSON.stringify(outcome));
      assert.match(outcome.state === 'sent' ? outcome.reference : '', /^graph request-id [0-9a-f-]{36}$/);
      const [request] = server.requests;
      assert.equal(request?.path, '/v1.0/users/service%40whitfield.example/sendMail');
      assert.equal(request?.headers.authorization, 'Bearer test-token');
      assert.match(String(request?.headers['content-type']), /^application\/json/);
      assert.deepEqual(request?.json, {
        message: {
          subject: 'Your MOT is due on 12/12/2026',
          body: { contentType: 'HTML', content: service.html },
          from: { emailAddress: { name: 'Whitfield Motors', address: 'service@whitfield.example' } },
          toRecipients: [{ emailAddress: { address: 'jean@example.com' } }],
          replyTo: [{ emailAddress: { address: 'bookings@whitfield.example' } }],
        },
        saveToSentItems: true,
      });
    });
  });

  it('sends marketing mail as base64 MIME under text/plain, carrying List-Unsubscribe, both bodies and the action\'s Message-ID', async () => {
    await withServer(undefined, async (server) => {
      const channel = graphMailChannel(settings(server), { tokens: handedToken('test-token'), now });
      const outcome = await channel.send(outgoing(marketing, 'offer-1/C00001/2026-11-16'));
      assert.equal(outcome.state, 'sent', JSON.stringify(outcome));
      const [request] = server.requests;
      assert.match(String(request?.headers['content-type']), /^text\/plain/);
      assert.ok(request?.mime, 'the body is base64 MIME');
      const mail = await simpleParser(request.mime);
      const lines = mail.headerLines.map((h) => h.line);
      assert.ok(lines.includes('List-Unsubscribe-Post: List-Unsubscribe=One-Click'), lines.join('\n'));
      assert.ok(lines.some((l) => l.startsWith('List-Unsubscribe: <https://whitfield.example/stop?c=C00001>')), lines.join('\n'));
      assert.equal(mail.replyTo?.value[0]?.address, 'bookings@whitfield.example');
      assert.match(mail.text ?? '', /Nissan Juke’s MOT is due/);
      assert.match(String(mail.html), /&lt;script&gt;/);
      assert.equal(outcome.state === 'sent' && outcome.reference, `<${mail.messageId?.replace(/^<|>$/g, '')}>`);
    });
  });

  it('sends as the signed-in user through /me/sendMail with a delegated token', async () => {
    await withServer(undefined, async (server) => {
      const channel = graphMailChannel(settings(server, { auth: 'delegated' }), { tokens: handedToken('test-token'), now });
      assert.equal((await channel.send(outgoing(service))).state, 'sent');
      assert.equal(server.requests[0]?.path, '/v1.0/me/sendMail');
    });
  });

  it('waits as a 429 Retry-After says, then sends the message once', async () => {
    const waits: number[] = [];
    await withServer((n) => (n === 0 ? { status: 429, headers: { 'Retry-After': '7' }, error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } } : 'accept'), async (server) => {
      const channel = graphMailChannel(settings(server), { tokens: handedToken('test-token'), now, sleep: async (ms) => void waits.push(ms) });
      const outcome = await channel.send(outgoing(service));
      assert.equal(outcome.state, 'sent');
      assert.equal(server.requests.length, 2);
      assert.deepEqual(waits, [7000]);
    });
  });

  it('gives up on a mailbox that stays throttled as failed, to send again later, after the retries configured', async () => {
    await withServer(() => ({ status: 429, headers: { 'Retry-After': '1' }, error: { code: 'ApplicationThrottled', message: 'Too many requests.' } }), async (server) => {
      const channel = graphMailChannel(settings(server, { throttleRetries: 2 }), { tokens: handedToken('test-token'), now, sleep: async () => {} });
      const outcome = await channel.send(outgoing(service));
      assert.deepEqual(outcome, { state: 'failed', reason: 'Microsoft 365 is limiting this mailbox (429 ApplicationThrottled: Too many requests.): send again later', retryable: true });
      assert.equal(server.requests.length, 3);
    });
  });

  for (const status of [500, 503, 504]) {
    it(`never sends again after a ${status}: the mail may have gone, so it is uncertain`, async () => {
      await withServer(() => ({ status, headers: { 'Retry-After': '1' }, error: { code: 'ServiceUnavailable', message: 'Service Unavailable' } }), async (server) => {
        const channel = graphMailChannel(settings(server), { tokens: handedToken('test-token'), now, sleep: async () => {} });
        const outcome = await channel.send(outgoing(service));
        assert.equal(outcome.state, 'uncertain');
        assert.match(outcome.state === 'uncertain' ? outcome.reason : '', new RegExp(`${status} ServiceUnavailable: Service Unavailable.*may have been sent`));
        assert.equal(server.requests.length, 1, 'one POST only');
      });
    });
  }

  it('calls a send uncertain when Graph does not answer within the time limit, and does not send it again', async () => {
    await withServer(() => 'hang', async (server) => {
      const channel = graphMailChannel(settings(server, { timeoutMs: 300 }), { tokens: handedToken('test-token'), now });
      const outcome = await channel.send(outgoing(service));
      assert.equal(outcome.state, 'uncertain');
      assert.match(outcome.state === 'uncertain' ? outcome.reason : '', /no answer from Microsoft 365 within 0\.3 s/);
      assert.equal(server.requests.length, 1);
    });
  });

  it('calls a send uncertain when the connection drops after the request went', async () => {
    await withServer(() => 'drop', async (server) => {
      const channel = graphMailChannel(settings(server), { tokens: handedToken('test-token'), now });
      const outcome = await channel.send(outgoing(service));
      assert.equal(outcome.state, 'uncertain', JSON.stringify(outcome));
      assert.equal(server.requests.length, 1);
    });
  });

  it('calls a send failed, worth retrying, when Graph cannot be reached at all', async () => {
    const server = await localGraphServer();
    await server.stop();
    const channel = graphMailChannel(settings(server), { tokens: handedToken('test-token'), now });
    const outcome = await channel.send(outgoing(service));
    assert.equal(outcome.state, 'failed', JSON.stringify(outcome));
    assert.equal(outcome.state === 'failed' && outcome.retryable, true);
    assert.match(outcome.state === 'failed' ? outcome.reason : '', /could not reach Microsoft 365 \(ECONNREFUSED\)/);
  });

  it('reports a refused recipient as a permanent failure in Graph\'s own words', async () => {
    await withServer(() => ({ status: 400, error: { code: 'ErrorInvalidRecipients', message: 'At least one recipient is not valid.' } }), async (server) => {
      const channel = graphMailChannel(settings(server), { tokens: handedToken('test-token'), now });
      assert.deepEqual(await channel.send(outgoing(service)), { state: 'failed', reason: 'Microsoft 365 refused the message (400 ErrorInvalidRecipients: At least one recipient is not valid.)', retryable: false });
    });
  });

  it('reports a token Graph refuses as a failure naming the configuration to check', async () => {
    await withServer(undefined, async (server) => {
      const channel = graphMailChannel(settings(server), { tokens: handedToken('expired-token'), now });
      const outcome = await channel.send(outgoing(service));
      assert.equal(outcome.state, 'failed');
      assert.match(outcome.state === 'failed' ? outcome.reason : '', /401 InvalidAuthenticationToken: Access token is empty or invalid\..*email\.graph/);
    });
  });

  it('sends nothing when no token can be had, and says why', async () => {
    await withServer(undefined, async (server) => {
      const tokens: TokenSource = { token: () => Promise.reject(new Error('AADSTS7000215: Invalid client secret provided.')) };
      const channel = graphMailChannel(settings(server), { tokens, now });
      const outcome = await channel.send(outgoing(service));
      assert.deepEqual(outcome, { state: 'failed', reason: 'no Microsoft 365 sign-in: AADSTS7000215: Invalid client secret provided.', retryable: false });
      assert.equal(server.requests.length, 0);
    });
  });

  it('refuses to send from a blank Sender mailbox', async () => {
    await withServer(undefined, async (server) => {
      const channel = graphMailChannel(settings(server), { tokens: handedToken('test-token'), now });
      const outcome = await channel.send(outgoing(service, 'a', ''));
      assert.equal(outcome.state, 'failed');
      assert.equal(server.requests.length, 0);
    });
  });

  it('keeps to the mailbox\'s concurrency limit when many sends come at once, provoking no 429', async () => {
    await withServer(undefined, async (server) => {
      const channel = graphMailChannel(settings(server, { perMinute: 600_000, concurrency: 4 }), { tokens: handedToken('test-token'), now });
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => channel.send(outgoing(service, `a${i}`))));
      assert.deepEqual(outcomes.map((o) => o.state), Array(12).fill('sent'));
      assert.equal(server.throttled, 0);
      assert.ok(server.maxConcurrent <= 4, `at most 4 at once; saw ${server.maxConcurrent}`);
    }, { limits: { perMinute: 600_000, concurrency: 4 } });
  });
});
