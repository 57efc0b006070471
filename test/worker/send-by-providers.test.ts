/**
 * `retention send` with Microsoft 365 mail and an SMS provider configured: the approved emails reach
 * a loopback Graph server and the texts a loopback Twilio, each once, and their rows come back
 * Sent with the provider's reference.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { localGraphServer } from './support/graph-server.ts';
import { localSmsServer, TWILIO } from './support/sms-servers.ts';
import { AS_OF, column, columnValues, open, run, SAMPLES } from './support/workbook.ts';

const GARAGE: Record<string, string> = {
  'Garage name': 'Whitfield Motors',
  'Garage address': '1 Mill Lane, Knutsford, WA16 6AA',
  'Garage phone': '01565 000000',
  'Sender mailbox': 'service@whitfield.example',
  'SMS opt-out number': '07400 900123',
  'SMS sender': 'Whitfield',
  'Unsubscribe mailbox': 'stop@whitfield.example',
};

/** The sample workbook with the garage's details on Settings and the first `count` rows of each method approved. */
async function approvedWorkbook(counts: Record<string, number>): Promise<{ path: string; approved: string[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'retention-providers-')), 'retention.xlsx');
  const built = join(path, '..', 'built.xlsx');
  await run(['build', SAMPLES, '--as-of', AS_OF, '--out', built]);
  copyFileSync(built, path);
  const workbook = await open(path);
  const settings = workbook.getWorksheet('Settings')!;
  settings.eachRow((row) => {
    const value = GARAGE[String(row.getCell(column(settings, 'Setting')).value)];
    if (value) row.getCell(column(settings, 'Value')).value = value;
  });
  const due = workbook.getWorksheet('Due Actions')!;
  const approved: string[] = [];
  const left = { ...counts };
  for (let r = 2; r <= due.rowCount; r++) {
    const row = due.getRow(r);
    const method = String(row.getCell(column(due, 'Method')).value);
    if (!left[method]) continue;
    left[method] -= 1;
    row.getCell(column(due, 'Approve')).value = 'Yes';
    approved.push(String(row.getCell(column(due, 'Action ID')).value));
  }
  await workbook.xlsx.writeFile(path);
  return { path, approved };
}

const rowOf = (due: ExcelJS.Worksheet, actionId: string) => {
  const r = columnValues(due, 'Action ID').indexOf(actionId) + 2;
  return { status: due.getRow(r).getCell(column(due, 'Status')).value, reference: String(due.getRow(r).getCell(column(due, 'Reference')).value) };
};

describe('retention send through Microsoft 365 and an SMS provider', function () {
  this.timeout(60_000);

  it('sends emails through Graph and texts through Twilio, once each, and writes their references back', async () => {
    const graph = await localGraphServer({ token: 'delegated-token' });
    const sms = await localSmsServer();
    try {
      const { path, approved } = await approvedWorkbook({ Email: 2, SMS: 2 });
      assert.equal(approved.length, 4);
      writeFileSync(join(path, '..', 'retention.config.json'), JSON.stringify({
        email: { graph: { auth: 'delegated', baseUrl: graph.url, perMinute: 600 } },
        sms: { provider: 'twilio', accountSid: TWILIO.sid, baseUrl: sms.url, perMinute: 600 },
      }));
      Object.assign(process.env, { RETENTION_GRAPH_TOKEN: 'delegated-token', RETENTION_TWILIO_AUTH_TOKEN: TWILIO.token });
      const first = await run(['send', path, '--as-of', AS_OF]);
      assert.match(first.out, /Sent 4 \(Email 2, SMS 2;/, first.err);
      assert.equal(graph.requests.length, 2);
      assert.ok(graph.requests.every((r) => r.path === '/v1.0/me/sendMail' && r.headers.authorization === 'Bearer delegated-token'));
      const texts = sms.requests.filter((r) => r.method === 'POST');
      assert.equal(texts.length, 2);
      assert.ok(texts.every((r) => r.form?.get('From') === 'Whitfield' && /^\+447\d{9}$/.test(r.form?.get('To') ?? '')));
      assert.equal(readdirSync(join(path, '..', 'outbox')).filter((f) => f.endsWith('.eml') || f === 'texts.jsonl').length, 0, 'nothing went to the outbox');

      const due = (await open(path)).getWorksheet('Due Actions')!;
      const rows = approved.map((id) => rowOf(due, id));
      assert.deepEqual(rows.map((r) => r.status), ['Sent', 'Sent', 'Sent', 'Sent']);
      assert.equal(rows.filter((r) => /^graph request-id /.test(r.reference) || /^<[0-9a-f]{32}@whitfield\.example>$/.test(r.reference)).length, 2, JSON.stringify(rows));
      assert.equal(rows.filter((r) => /^twilio:SM[0-9a-f]{32}$/.test(r.reference)).length, 2, JSON.stringify(rows));

      const second = await run(['send', path, '--as-of', AS_OF]);
      assert.match(second.out, /Sent 0/, second.err);
      assert.equal(graph.requests.length, 2, 'no email sent twice');
      assert.equal(sms.requests.filter((r) => r.method === 'POST').length, 2, 'no text sent twice');

      // The network reports on the texts: the next send asks, and marks each row.
      const [delivered, undelivered] = [...sms.deliveries.keys()];
      sms.deliveries.set(delivered!, { status: 'delivered' });
      sms.deliveries.set(undelivered!, { status: 'undelivered', error: '30003' });
      const third = await run(['send', path, '--as-of', AS_OF]);
      assert.match(third.out, /Texts sent earlier: 1 delivered, 1 not delivered/, third.err);
      const log = (await open(path)).getWorksheet('Contact Log')!;
      const statuses = columnValues(log, 'Status');
      const references = columnValues(log, 'Reference');
      assert.equal(statuses.filter((s) => s === 'delivered').length, 1);
      assert.match(String(references[statuses.indexOf('undelivered')]), /^twilio:SM[0-9a-f]{32}: not delivered \(/);
      const fourth = await run(['send', path, '--as-of', AS_OF]);
      assert.doesNotMatch(fourth.out, /Texts sent earlier/, 'a text reported on is not asked after again');
    } finally {
      delete process.env.RETENTION_GRAPH_TOKEN;
      delete process.env.RETENTION_TWILIO_AUTH_TOKEN;
      await graph.stop();
      await sms.stop();
    }
  });

  it('shows what the mailbox may still send today, and leaves the emails past its daily limit for tomorrow, unsent', async () => {
    const graph = await localGraphServer({ token: 'delegated-token' });
    try {
      const { path, approved } = await approvedWorkbook({ Email: 3 });
      writeFileSync(join(path, '..', 'retention.config.json'), JSON.stringify({ email: { graph: { auth: 'delegated', baseUrl: graph.url, perMinute: 600, perDay: 2 } } }));
      process.env.RETENTION_GRAPH_TOKEN = 'delegated-token';
      const { out, err } = await run(['send', path, '--as-of', AS_OF]);
      assert.match(err, /3 emails approved; this mailbox can send 2 more today/, 'said before sending');
      assert.match(out, /Sent 2 \(Email 2;/);
      assert.equal(graph.requests.length, 2, 'none past the limit reached Microsoft 365');
      const due = (await open(path)).getWorksheet('Due Actions')!;
      const last = rowOf(due, approved[2]!);
      assert.equal(last.status, 'Not sent');
      assert.match(last.reference, /daily limit: send again tomorrow/);
    } finally {
      delete process.env.RETENTION_GRAPH_TOKEN;
      await graph.stop();
    }
  });
});
