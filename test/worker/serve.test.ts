/**
 * `retention serve`'s API, against a real server over HTTPS on loopback and a real SMTP server:
 * who may call it, what it refuses and how it says so, and that a row goes once however often
 * (and however many at once) it is submitted.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSmtpServer } from './support/smtp-server.ts';
import { approvedRow, startTestServer, type TestServer } from './support/serve.ts';

describe('retention serve: the API for the add-in', function () {
  this.timeout(60_000);
  let smtp: Awaited<ReturnType<typeof localSmtpServer>>;
  let api: TestServer;
  /** Recipients of every email the SMTP server took. */
  let received: string[];

  beforeEach(async () => {
    received = [];
    smtp = await localSmtpServer((stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    });
    api = await startTestServer({ smtpPort: smtp.port });
  });
  afterEach(async () => {
    await api.stop();
    await smtp.stop();
  });

  it('answers health without a key, naming the channels', async () => {
    const reply = await api.call('GET', '/api/health', { key: null });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { ok: true, version: '0.1.0', channels: { email: 'smtp', sms: 'outbox', letter: 'outbox' } });
  });

  it('refuses a request with no key (401), saying how to pair', async () => {
    const reply = await api.call('POST', '/api/rows', { key: null, body: { by: 'Sarah', rows: [approvedRow(1)] } });
    assert.equal(reply.status, 401);
    assert.match((reply.json as { error: string }).error, /retention pair/);
    assert.equal(reply.headers['www-authenticate'], 'Bearer');
  });

  it('refuses a request with the wrong key (401), and sends nothing', async () => {
    const reply = await api.call('POST', '/api/rows', { key: 'not-the-key', body: { by: 'Sarah', rows: [approvedRow(1)] } });
    assert.equal(reply.status, 401);
    assert.match((reply.json as { error: string }).error, /not the worker's/);
    await api.server.drainer.idle();
    assert.equal(received.length, 0);
    assert.equal((await api.server.ledger.all()).length, 0);
  });

  it('gives another origin no CORS allowance, and a request from it is refused', async () => {
    const preflight = await api.call('OPTIONS', '/api/rows', { key: null, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    assert.equal(preflight.status, 403);
    const post = await api.call('POST', '/api/rows', { headers: { origin: 'https://evil.example' }, body: { by: 'Sarah', rows: [approvedRow(1)] } });
    assert.equal(post.status, 403);
    assert.match((post.json as { error: string }).error, /https:\/\/evil\.example are refused/);
    assert.equal((await api.server.ledger.all()).length, 0);
  });

  it('allows the configured add-in origin (CORS preflight)', async () => {
    const preflight = await api.call('OPTIONS', '/api/rows', { key: null, headers: { origin: 'https://addin.garage.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://addin.garage.example');
    assert.match(String(preflight.headers['access-control-allow-headers']), /Authorization/);
  });

  it('allows its own origin, where the add-in pages are served from', async () => {
    const reply = await api.call('GET', '/api/rows?ids=x', { headers: { origin: `https://localhost:${api.server.port}` } });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['access-control-allow-origin'], `https://localhost:${api.server.port}`);
  });

  const malformed: { description: string; change: (body: { by: string; rows: ReturnType<typeof approvedRow>[] }) => unknown; field: string; words: RegExp }[] = [
    { description: 'a row with no To', change: (b) => delete (b.rows[1]!.action as Partial<ReturnType<typeof approvedRow>['action']>).to, field: 'rows[1].action.to', words: /rows\[1\]\.action\.to is missing/ },
    { description: 'a Method that is not one', change: (b) => ((b.rows[0]!.action as { method: string }).method = 'Fax'), field: 'rows[0].action.method', words: /must be one of "Email", "SMS", "Letter"/ },
    { description: 'a date written the British way', change: (b) => (b.rows[2]!.context.unit.motDue = '12/12/2026'), field: 'rows[2].context.unit.motDue', words: /date written YYYY-MM-DD/ },
    { description: 'a number where text belongs', change: (b) => ((b.rows[0]!.context.customer as { surname: unknown }).surname = 42), field: 'rows[0].context.customer.surname', words: /must be text/ },
    { description: 'no rows at all', change: (b) => (b.rows = []), field: 'rows', words: /rows must not be an empty list/ },
  ];
  for (const { description, change, field, words } of malformed) {
    it(`refuses ${description} (400), naming the field`, async () => {
      const body = { by: 'Sarah', rows: [approvedRow(1), approvedRow(2), approvedRow(3)] };
      change(body);
      const reply = await api.call('POST', '/api/rows', { body });
      assert.equal(reply.status, 400);
      const json = reply.json as { error: string; field: string };
      assert.equal(json.field, field);
      assert.match(json.error, words);
      assert.equal((await api.server.ledger.all()).length, 0, 'nothing of a refused body is queued');
    });
  }

  it('refuses a body that is not JSON (400), in words', async () => {
    const reply = await api.call('POST', '/api/rows', { rawBody: '{"by": "Sarah", "rows": [' });
    assert.equal(reply.status, 400);
    assert.match((reply.json as { error: string }).error, /not valid JSON/);
  });

  it('refuses a body over the size limit (413), saying to send smaller batches', async () => {
    const reply = await api.call('POST', '/api/rows', { rawBody: JSON.stringify({ by: 'x'.repeat(6 * 1_048_576), rows: [] }) });
    assert.equal(reply.status, 413);
    assert.match((reply.json as { error: string }).error, /larger than 5 MB: send the rows in smaller batches/);
  });

  it('sends rows submitted twice once', async () => {
    const body = { by: 'Sarah', rows: [approvedRow(1), approvedRow(2)] };
    const first = await api.call('POST', '/api/rows', { body });
    assert.equal(first.status, 202);
    assert.deepEqual((first.json as { rows: { state: string }[] }).rows.map((r) => r.state), ['queued', 'queued']);
    await api.server.drainer.idle();
    const second = await api.call('POST', '/api/rows', { body });
    assert.equal(second.status, 202);
    const again = (second.json as { rows: { state: string; status: string; reference: string }[] }).rows;
    assert.deepEqual(again.map((r) => [r.state, r.status]), [['already sent', 'Sent'], ['already sent', 'Sent']]);
    assert.match(again[0]!.reference, /@whitfield\.example>$/);
    await api.server.drainer.idle();
    assert.deepEqual(received.sort(), ['customer1@example.com', 'customer2@example.com']);
  });

  it('sends one email for 100 submissions of the same Action ID at once', async () => {
    const body = { by: 'Sarah', rows: [approvedRow(7)] };
    const replies = await Promise.all(Array.from({ length: 100 }, () => api.call('POST', '/api/rows', { body })));
    assert.deepEqual([...new Set(replies.map((r) => r.status))], [202]);
    await api.server.drainer.idle();
    assert.deepEqual(received, ['customer7@example.com']);
    const deliveries = await api.server.ledger.all();
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0]!.state, 'sent');
  });

  it('answers a question about no rows with no rows (the add-in\'s connection test)', async () => {
    const reply = await api.call('GET', '/api/rows?ids=');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { rows: [] });
  });

  it('shows a sent row as Sent, with the date in London, the Message-ID and its Contact Log line', async () => {
    const row = approvedRow(3);
    await api.call('POST', '/api/rows', { body: { by: 'Sarah', rows: [row] } });
    await api.server.drainer.idle();
    const reply = await api.call('GET', `/api/rows?ids=${encodeURIComponent(row.action.actionId)},mot-1/NOBODY/X/2026-12-12`);
    assert.equal(reply.status, 200);
    const [sent, unknown] = (reply.json as { rows: { actionId: string; status: string | null; sentAt: string; reference: string; contactLog: { status: string; by: string; to: string } | null }[] }).rows;
    assert.equal(sent!.status, 'Sent');
    assert.match(sent!.reference, /^<.+@whitfield\.example>$/);
    assert.equal(sent!.sentAt, new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }));
    assert.deepEqual({ status: sent!.contactLog?.status, by: sent!.contactLog?.by, to: sent!.contactLog?.to }, { status: 'sent', by: 'Sarah', to: 'customer3@example.com' });
    assert.equal(unknown!.status, null);
    const many = await api.call('POST', '/api/rows/status', { body: { ids: [row.action.actionId] } });
    assert.equal((many.json as { rows: { status: string }[] }).rows[0]!.status, 'Sent');
  });

  it('says why a row cannot go (no name for the greeting), and sends the others', async () => {
    const nameless = approvedRow(4);
    Object.assign(nameless.context.customer, { title: '', firstName: '', surname: '', name: '', company: '' });
    const reply = await api.call('POST', '/api/rows', { body: { by: 'Sarah', rows: [nameless, approvedRow(5)] } });
    const rows = (reply.json as { rows: { state: string; reason?: string }[] }).rows;
    assert.equal(rows[0]!.state, 'not sent');
    assert.equal((rows[0] as { status?: string }).status, 'Not sent');
    assert.match(rows[0]!.reason ?? '', /greeting/);
    assert.equal(rows[1]!.state, 'queued');
    await api.server.drainer.idle();
    assert.deepEqual(received, ['customer5@example.com']);
  });

  it('previews what would go, sending and queuing nothing', async () => {
    const nameless = approvedRow(9);
    Object.assign(nameless.context.customer, { title: '', firstName: '', surname: '', name: '', company: '' });
    const reply = await api.call('POST', '/api/preview', { body: { by: 'Sarah', rows: [approvedRow(1), approvedRow(2, 'SMS'), nameless] } });
    assert.equal(reply.status, 200);
    const preview = reply.json as { byChannel: Record<string, number>; smsSegments: number; mailboxRemainingToday: number | null; refused: { actionId: string }[]; rows: { subject?: string; text?: string; notGoing?: string }[] };
    assert.deepEqual(preview.byChannel, { Email: 1, SMS: 1 });
    assert.equal(preview.mailboxRemainingToday, null, 'SMTP sets no daily limit');
    assert.deepEqual(preview.refused.map((r) => r.actionId), [nameless.action.actionId]);
    assert.equal(preview.smsSegments, 1);
    assert.equal(preview.rows[0]!.subject, 'MOT reminder: MX73 VCW is due on 12 December 2026');
    assert.match(preview.rows[1]!.text ?? '', /^Hi Mrs Harrison, the MOT on your MX73 VCW/);
    assert.match(preview.rows[2]!.notGoing ?? '', /greeting/);
    await api.server.drainer.idle();
    assert.equal(received.length, 0);
    assert.equal((await api.server.ledger.all()).length, 0);
  });

  it('says on its front page how to build the add-in when its pages are not built', async () => {
    const reply = await api.call('GET', '/', { key: null });
    assert.equal(reply.status, 200);
    assert.match(reply.text, /npm run build/);
  });
});

describe('retention serve: the add-in\'s pages', function () {
  this.timeout(30_000);

  it('serves the built pages from the same origin as the API, with no key', async () => {
    const pages = mkdtempSync(join(tmpdir(), 'retention-addin-'));
    writeFileSync(join(pages, 'index.html'), '<!doctype html><title>Retention Desk</title>');
    writeFileSync(join(pages, 'taskpane.js'), 'console.log(1);');
    const api = await startTestServer({ addinFolder: pages });
    try {
      const page = await api.call('GET', '/', { key: null });
      assert.equal(page.status, 200);
      assert.match(page.text, /<title>Retention Desk<\/title>/);
      assert.match(String((await api.call('GET', '/taskpane.js', { key: null })).headers['content-type']), /javascript/);
      const missing = await api.call('GET', '/api/nothing-here');
      assert.equal(missing.status, 404);
      assert.match((missing.json as { error: string }).error, /nothing at GET \/api\/nothing-here/);
    } finally {
      await api.stop();
    }
  });

  it('opens the task pane at its address alone when the build made taskpane.html and no index', async () => {
    const pages = mkdtempSync(join(tmpdir(), 'retention-addin-'));
    writeFileSync(join(pages, 'taskpane.html'), '<!doctype html><title>Retention Desk</title>');
    const api = await startTestServer({ addinFolder: pages });
    try {
      const root = await api.call('GET', '/', { key: null });
      assert.equal(root.status, 302);
      assert.equal(root.headers.location, '/taskpane.html');
      assert.equal((await api.call('GET', '/taskpane.html', { key: null })).status, 200);
    } finally {
      await api.stop();
    }
  });
});

describe('retention serve: the rate limit', function () {
  this.timeout(30_000);

  it('answers 429 with Retry-After once a key has made its requests for the minute', async () => {
    const api = await startTestServer({ serve: { requestsPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      let last;
      for (let n = 0; n < 4; n++) {
        last = await api.call('GET', '/api/rows?ids=x');
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      assert.ok(Number(last!.headers['retry-after']) > 0, 'Retry-After says how long to wait');
      assert.match((last!.json as { error: string }).error, /at most 3 a minute/);
    } finally {
      await api.stop();
    }
  });
});
