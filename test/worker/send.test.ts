/**
 * `retention send` on the sample garage, into the outbox: approved rows go once, come back into
 * the workbook with their Status, and never go twice.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { openSqliteLedger } from '../../worker/ledger/sqlite-ledger.ts';
import { localSmtpServer } from './support/smtp-server.ts';
import { AS_OF, column, columnValues, open, run, SAMPLES } from './support/workbook.ts';

const GARAGE: Record<string, string> = {
  'Garage name': 'Whitfield Motors',
  'Garage address': '1 Mill Lane, Knutsford, WA16 6AA',
  'Garage phone': '01565 000000',
  'Sender mailbox': 'service@whitfield.example',
  'SMS opt-out number': '07400 900123',
  'SMS sender': 'Whitfield',
  'Reply-to mailbox': 'bookings@whitfield.example',
  'Unsubscribe mailbox': 'stop@whitfield.example',
};

let built = '';
/** The sample workbook with the garage's details filled in on Settings, and `approve` rows set to Yes. */
async function approvedWorkbook(approve: (due: ExcelJS.Worksheet) => string[]): Promise<{ path: string; approved: string[] }> {
  if (!built) {
    built = join(mkdtempSync(join(tmpdir(), 'retention-send-')), 'built.xlsx');
    await run(['build', SAMPLES, '--as-of', AS_OF, '--out', built]);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'retention-send-')), 'retention.xlsx');
  copyFileSync(built, path);
  const workbook = await open(path);
  const settings = workbook.getWorksheet('Settings')!;
  settings.eachRow((row) => {
    const value = GARAGE[String(row.getCell(column(settings, 'Setting')).value)];
    if (value) row.getCell(column(settings, 'Value')).value = value;
  });
  const approved = approve(workbook.getWorksheet('Due Actions')!);
  await workbook.xlsx.writeFile(path);
  return { path, approved };
}

/** Sets Approve to Yes on the first `count` rows going by `method`; returns their Action IDs. */
function approveFirst(due: ExcelJS.Worksheet, method: string, count: number): string[] {
  const ids: string[] = [];
  for (let r = 2; r <= due.rowCount && ids.length < count; r++) {
    const row = due.getRow(r);
    if (row.getCell(column(due, 'Method')).value !== method) continue;
    row.getCell(column(due, 'Approve')).value = 'Yes';
    ids.push(String(row.getCell(column(due, 'Action ID')).value));
  }
  return ids;
}

function rowOf(due: ExcelJS.Worksheet, actionId: string): Record<string, unknown> {
  const r = columnValues(due, 'Action ID').indexOf(actionId) + 2;
  return Object.fromEntries(['Status', 'Reference', 'Approve'].map((h) => [h, due.getRow(r).getCell(column(due, h)).value]));
}

describe('retention send, to the outbox', function () {
  this.timeout(60_000);

  it('sends the approved emails as real messages, once each, and writes Sent and the Contact Log back', async () => {
    const { path, approved } = await approvedWorkbook((due) => approveFirst(due, 'Email', 3));
    assert.equal(approved.length, 3);
    const { code, out, err } = await run(['send', path, '--as-of', AS_OF]);
    assert.match(out, /Sent 3 \(Email 3;/, err);
    assert.equal(code, 0, out);

    const outbox = join(path, '..', 'outbox');
    const emails = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    assert.equal(emails.length, 3);
    const mail = await simpleParser(readFileSync(join(outbox, emails[0]!)));
    assert.equal(mail.from?.value[0]?.address, 'service@whitfield.example');
    assert.equal(mail.replyTo?.value[0]?.address, 'bookings@whitfield.example', 'Reply-To from Settings');
    assert.ok(mail.subject && mail.text && mail.html, 'subject, text and HTML bodies');
    assert.doesNotMatch(mail.text!, /undefined|Dear ,/);

    const workbook = await open(path);
    const due = workbook.getWorksheet('Due Actions')!;
    for (const id of approved) assert.equal(rowOf(due, id).Status, 'Sent', id);
    const log = columnValues(workbook.getWorksheet('Contact Log')!, 'Action ID');
    for (const id of approved) assert.ok(log.includes(id), `${id} is in the Contact Log`);
  });

  it('sends nothing the second time, and the next build leaves the sent rows out', async () => {
    const { path, approved } = await approvedWorkbook((due) => approveFirst(due, 'Email', 2));
    await run(['send', path, '--as-of', AS_OF]);
    const before = readFileSync(path);
    const second = await run(['send', path, '--as-of', AS_OF]);
    assert.match(second.out, /Sent 0/);
    assert.match(second.out, /the workbook was left as it was/);
    assert.ok(readFileSync(path).equals(before), 'the workbook is not rewritten when nothing was sent');
    assert.equal(readdirSync(join(path, '..', 'outbox')).filter((f) => f.endsWith('.eml')).length, 2);
    await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    const ids = columnValues((await open(path)).getWorksheet('Due Actions')!, 'Action ID');
    for (const id of approved) assert.ok(!ids.includes(id), `${id} is not due again`);
  });

  it('prints approved letters into one PDF and marks their rows Printed with the file and page', async () => {
    const { path, approved } = await approvedWorkbook((due) => approveFirst(due, 'Letter', 2));
    assert.ok(approved.length > 0, 'the sample has letters due');
    await run(['send', path, '--as-of', AS_OF]);
    const pdfs = readdirSync(join(path, '..', 'outbox')).filter((f) => f.endsWith('.pdf'));
    assert.equal(pdfs.length, 1);
    assert.equal(readFileSync(join(path, '..', 'outbox', pdfs[0]!)).subarray(0, 5).toString(), '%PDF-');
    const due = (await open(path)).getWorksheet('Due Actions')!;
    assert.equal(rowOf(due, approved[0]!).Status, 'Printed');
    assert.match(String(rowOf(due, approved[0]!).Reference), /letters-.*\.pdf page 1/);
  });

  it('keeps the sends in the ledger when the workbook was not written, and the next build writes them in', async () => {
    const { path, approved } = await approvedWorkbook((due) => approveFirst(due, 'Email', 1));
    const before = readFileSync(path);
    const { code } = await run(['send', path, '--as-of', AS_OF]);
    assert.equal(code, 0);
    const ledger = await openSqliteLedger(join(path, '..', 'retention-data'));
    assert.equal((await ledger.get(approved[0]!, 'Email'))?.state, 'sent');
    await ledger.close();
    // As if the write-back had failed (Excel held the file): the workbook as it was before the send.
    writeFileSync(path, before);
    await run(['build', SAMPLES, '--as-of', AS_OF, '--into', path]);
    const workbook = await open(path);
    assert.ok(columnValues(workbook.getWorksheet('Contact Log')!, 'Action ID').includes(approved[0]), 'the send is in the Contact Log');
    assert.equal(rowOf(workbook.getWorksheet('Due Actions')!, approved[0]!).Status, 'Sent');
    const again = await run(['send', path, '--as-of', AS_OF]);
    assert.match(again.out, /Sent 0/, 'and it is not sent again');
  });

  it('resolve: lists the sends left uncertain; one that went is marked sent, one that did not go is sent by the next send', async () => {
    const { path, approved } = await approvedWorkbook((due) => approveFirst(due, 'Email', 2));
    const [went, didNotGo] = approved as [string, string];
    const ledger = await openSqliteLedger(join(path, '..', 'retention-data'));
    for (const actionId of approved) {
      await ledger.queue({ actionId, channel: 'Email', by: 'Sarah', customerCode: 'C', contactDue: 'MOT Reminder', to: 'someone@example.com' }, '2026-11-16T09:00:00.000Z');
      await ledger.beginSubmitting(actionId, 'Email');
      await ledger.record(actionId, 'Email', { state: 'uncertain', reason: 'the connection to the mail server was lost while sending' });
    }
    await ledger.close();

    const listed = await run(['resolve', path]);
    assert.equal(listed.code, 0);
    for (const id of approved) assert.ok(listed.out.includes(id), `${id} is listed`);
    const settled = await run(['resolve', path, '--went', went, '--did-not-go', `${didNotGo},not-an-action`]);
    assert.match(settled.err, /not-an-action is not uncertain/);
    assert.equal(settled.code, 1);

    const { out } = await run(['send', path, '--as-of', AS_OF]);
    assert.match(out, /Sent 1 \(Email 1;/, 'only the one that did not go is sent');
    assert.equal(readdirSync(join(path, '..', 'outbox')).filter((f) => f.endsWith('.eml')).length, 1);
    const due = (await open(path)).getWorksheet('Due Actions')!;
    assert.equal(rowOf(due, went).Status, 'Sent');
    assert.equal(rowOf(due, didNotGo).Status, 'Sent');
    assert.match((await run(['resolve', path])).out, /No send is uncertain/);
  });

  it('sends the emails through the mail server named in retention.config.json, and letters still to the outbox', async () => {
    const received: string[] = [];
    const server = await localSmtpServer((stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    });
    try {
      const { path, approved } = await approvedWorkbook((due) => [...approveFirst(due, 'Email', 2), ...approveFirst(due, 'Letter', 1)]);
      const { port } = server;
      writeFileSync(join(path, '..', 'retention.config.json'), JSON.stringify({ email: { smtp: { host: '127.0.0.1', port, requireTls: false } } }));
      const { out, err } = await run(['send', path, '--as-of', AS_OF]);
      assert.match(out, /Sent 3/, err);
      assert.equal(received.length, 2, 'two emails reached the mail server');
      const outbox = readdirSync(join(path, '..', 'outbox'));
      assert.equal(outbox.filter((f) => f.endsWith('.eml')).length, 0, 'no email went to the outbox');
      assert.equal(outbox.filter((f) => f.endsWith('.pdf')).length, 1);
      assert.equal(approved.length, 3);
    } finally {
      await server.stop();
    }
  });

  it('refuses to send with a mail server user but no password, saying where the password goes', async () => {
    const { path } = await approvedWorkbook((due) => approveFirst(due, 'Email', 1));
    writeFileSync(join(path, '..', 'retention.config.json'), JSON.stringify({ email: { smtp: { host: 'smtp.example.net', user: 'service@garage.example' } } }));
    const { code, err } = await run(['send', path, '--as-of', AS_OF]);
    assert.equal(code, 2);
    assert.match(err, /RETENTION_SMTP_PASSWORD is not: set it in the environment/);
  });

  it('renders a dry run into the preview folder with the SMS parts counted, and sends and changes nothing', async () => {
    const { path, approved } = await approvedWorkbook((due) => [...approveFirst(due, 'Email', 1), ...approveFirst(due, 'SMS', 2)]);
    const before = readFileSync(path);
    const { out, err } = await run(['send', path, '--as-of', AS_OF, '--dry-run']);
    assert.match(out, /Dry run: 3 would be sent \((SMS 2, Email 1|Email 1, SMS 2); texts in [2-9]\d* SMS part/, err);
    const preview = readdirSync(join(path, '..', 'preview'));
    assert.equal(preview.filter((f) => f.endsWith('.eml')).length, 1);
    assert.equal(readFileSync(join(path, '..', 'preview', 'texts.jsonl'), 'utf8').trim().split('\n').length, 2);
    assert.deepEqual(readFileSync(path), before, 'the workbook is as it was');
    const real = await run(['send', path, '--as-of', AS_OF]);
    assert.match(real.out, /Sent 3/, 'the dry run recorded nothing, so the real send sends them all');
    assert.equal(approved.length, 3);
  });

  it('doctor: says which of the garage’s details sending needs are blank, and that a mail server answers', async () => {
    const bare = join(mkdtempSync(join(tmpdir(), 'retention-doctor-')), 'retention.xlsx');
    await run(['build', SAMPLES, '--as-of', AS_OF, '--out', bare]);
    const blank = await run(['doctor', bare]);
    assert.equal(blank.code, 1);
    assert.match(blank.out, /FIX Garage phone is blank on the Settings sheet/);

    const server = await localSmtpServer();
    try {
      const { path } = await approvedWorkbook(() => []);
      const { port } = server;
      writeFileSync(join(path, '..', 'retention.config.json'), JSON.stringify({ email: { smtp: { host: '127.0.0.1', port, requireTls: false } } }));
      const good = await run(['doctor', path]);
      assert.match(good.out, /ok {2}The mail server 127\.0\.0\.1:\d+ answers/, good.out);
      assert.equal(good.code, 0, good.out);
    } finally {
      await server.stop();
    }
  });

  it('leaves rows on Hold alone and says so', async () => {
    const { path } = await approvedWorkbook((due) => {
      due.getRow(2).getCell(column(due, 'Approve')).value = 'Hold';
      return [];
    });
    const { out } = await run(['send', path, '--as-of', AS_OF, '--approve-all']);
    assert.match(out, /left alone \(on Hold/);
    assert.equal((await open(path)).getWorksheet('Due Actions')!.getRow(2).getCell(1).value, 'Hold');
  });
});
