/**
 * Sending speed: messages a second through the send loop (ledger, submitting committed before
 * each message, the SMTP channel) into a local SMTP server, beside nodemailer alone sending the
 * same messages through the same pooled transport (the floor). Target: ≥ 0.8× the floor.
 *
 *   node --import tsx bench/send.ts        # 2,000 messages, best of 3
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { OutgoingMessage } from '../worker/channels/channel.ts';
import { smtpChannel } from '../worker/channels/smtp.ts';
import { openSqliteLedger } from '../worker/ledger/sqlite-ledger.ts';
import { drainQueue } from '../worker/send-job.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.resume();
    stream.on('end', () => callback());
  },
});
server.on('error', () => {});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.server.address() as AddressInfo).port;

const html = '<p>Dear Mrs Harrison,</p><p>Your Nissan Juke (MX73 VCW) is due its MOT on 12/12/2026. Book online or call us on 01565 496000.</p><p>Whitfield Motors</p>';
const text = 'Dear Mrs Harrison,\n\nYour Nissan Juke (MX73 VCW) is due its MOT on 12/12/2026. Book online or call us on 01565 496000.\n\nWhitfield Motors';
const messages: OutgoingMessage[] = Array.from({ length: MESSAGES }, (_, n) => ({
  actionId: `mot-1/C${String(n).padStart(6, '0')}/MX73VCW/2026-12-12`,
  method: 'Email',
  to: `customer${n}@example.com`,
  from: { name: 'Whitfield Motors', email: 'service@whitfield.example', smsSender: 'Whitfield' },
  message: { channel: 'email', subject: 'Your MOT is due on 12/12/2026', html, text, headers: {} },
}));

async function floor(): Promise<number> {
  const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port, secure: false, maxConnections: 1, maxRequeues: 0 });
  const started = performance.now();
  for (const m of messages) {
    if (m.message.channel !== 'email') continue;
    await transport.sendMail({ from: { name: m.from.name, address: m.from.email }, to: m.to, subject: m.message.subject, text: m.message.text, html: m.message.html });
  }
  transport.close();
  return MESSAGES / ((performance.now() - started) / 1000);
}

async function throughLedger(): Promise<number> {
  const ledger = await openSqliteLedger(mkdtempSync(join(tmpdir(), 'retention-bench-send-')));
  for (const m of messages) await ledger.queue({ actionId: m.actionId, channel: 'Email', by: 'bench', customerCode: 'C', contactDue: 'MOT Reminder', to: m.to, message: m }, new Date().toISOString());
  const channel = smtpChannel({ host: '127.0.0.1', port, secure: false, requireTls: false, perMinute: 10_000_000, timeoutMs: 30_000 }, { now: () => new Date() });
  const started = performance.now();
  await drainQueue(ledger, channel);
  const rate = MESSAGES / ((performance.now() - started) / 1000);
  await ledger.close();
  return rate;
}

const floors: number[] = [];
const sends: number[] = [];
for (let run = 0; run < 3; run++) {
  floors.push(await floor());
  sends.push(await throughLedger());
}
const best = (rates: number[]) => Math.max(...rates);
console.log(`\nSending — ${MESSAGES.toLocaleString('en-GB')} emails into a local SMTP server, one connection (best of 3)`);
console.log(`nodemailer alone (floor)             ${best(floors).toFixed(0).padStart(6)} messages/s`);
console.log(`send loop: ledger + SMTP channel     ${best(sends).toFixed(0).padStart(6)} messages/s`);
const ratio = best(sends) / best(floors);
console.log(`send / floor = ${ratio.toFixed(2)}× (target ≥ 0.8×): ${ratio >= 0.8 ? 'met' : 'MISSED'}`);
await new Promise<void>((resolve) => server.close(() => resolve()));
