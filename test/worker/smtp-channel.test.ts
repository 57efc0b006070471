/**
 * The SMTP channel against a real SMTP server on loopback (smtp-server), messages read back with
 * mailparser: what arrives, and what each kind of refusal or cut-off means for the ledger.
 */
import assert from 'node:assert/strict';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { RenderedEmail } from '../../core/index.ts';
import type { OutgoingMessage } from '../../worker/channels/channel.ts';
import { smtpChannel } from '../../worker/channels/smtp.ts';
import { localSmtpServer as smtpServer } from './support/smtp-server.ts';

const email = (headers: Record<string, string> = {}): RenderedEmail => ({
  channel: 'email',
  subject: 'Your MOT is due on 12/12/2026',
  html: '<p>Dear Mrs Harrison, your Nissan Juke&#x27;s MOT is due. &lt;script&gt;</p>',
  text: 'Dear Mrs Harrison, your Nissan Juke’s MOT is due.',
  headers,
});

const outgoing = (message: RenderedEmail): OutgoingMessage => ({
  actionId: 'mot-1/C00001/MX73VCW/2026-12-12',
  method: 'Email',
  to: 'jean@example.com',
  from: { name: 'Whitfield Motors', email: 'service@whitfield.example', smsSender: 'Whitfield' },
  message,
});

const settings = (port: number) => ({ host: '127.0.0.1', port, secure: false, requireTls: false, replyTo: 'bookings@whitfield.example', perMinute: 600, timeoutMs: 3000 });
const now = () => new Date('2026-11-16T09:30:00Z');

describe('the SMTP channel, against a real SMTP server', function () {
  this.timeout(20_000);

  it('delivers the message with both bodies, Reply-To and the List-Unsubscribe headers, and returns its Message-ID', async () => {
    let received: ParsedMail | null = null;
    const server = await smtpServer((stream, _session, callback) => {
      simpleParser(stream).then((mail) => {
        received = mail;
        callback();
      }, callback);
    });
    const channel = smtpChannel(settings(server.port), { now });
    try {
      const outcome = await channel.send(outgoing(email({ 'List-Unsubscribe': '<mailto:stop@whitfield.example>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })));
      assert.equal(outcome.state, 'sent');
      const mail = received as ParsedMail | null;
      assert.ok(mail, 'the server received it');
      assert.equal(outcome.state === 'sent' && outcome.reference, mail.messageId && `<${mail.messageId.replace(/^<|>$/g, '')}>`);
      assert.equal(mail.from?.value[0]?.address, 'service@whitfield.example');
      assert.equal(mail.replyTo?.value[0]?.address, 'bookings@whitfield.example');
      assert.match(mail.text ?? '', /Nissan Juke’s MOT is due/);
      assert.match(String(mail.html), /&lt;script&gt;/, 'the HTML stays escaped');
      // mailparser folds List-* headers together; the lines as they arrived say it plainly.
      const lines = mail.headerLines.map((h) => h.line);
      assert.ok(lines.includes('List-Unsubscribe-Post: List-Unsubscribe=One-Click'), lines.join('\n'));
      assert.ok(lines.includes('List-Unsubscribe: <mailto:stop@whitfield.example>'));
    } finally {
      await channel.close();
      await server.stop();
    }
  });

  it('calls a 4xx reply a failure worth retrying, in the server’s words', async () => {
    const server = await smtpServer((stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => callback(Object.assign(new Error('Mailbox full, try again later'), { responseCode: 452 })));
    });
    const channel = smtpChannel(settings(server.port), { now });
    try {
      const outcome = await channel.send(outgoing(email()));
      assert.deepEqual(outcome.state === 'failed' && [outcome.retryable, /452 Mailbox full/.test(outcome.reason)], [true, true]);
    } finally {
      await channel.close();
      await server.stop();
    }
  });

  it('calls a 5xx reply a permanent failure, in the server’s words', async () => {
    const server = await smtpServer((stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => callback(Object.assign(new Error('No such user here'), { responseCode: 550 })));
    });
    const channel = smtpChannel(settings(server.port), { now });
    try {
      const outcome = await channel.send(outgoing(email()));
      assert.deepEqual(outcome.state === 'failed' && [outcome.retryable, /550 No such user here/.test(outcome.reason)], [false, true]);
    } finally {
      await channel.close();
      await server.stop();
    }
  });

  it('calls a connection cut after the message was sent uncertain, never failed: it may have arrived', async () => {
    let cutAfterData = false;
    const server = await smtpServer((stream, _session, _callback, cut) => {
      stream.resume();
      // The whole message is in; the connection goes before the server answers.
      stream.on('end', () => {
        cutAfterData = true;
        cut();
      });
    });
    const channel = smtpChannel(settings(server.port), { now });
    try {
      const outcome = await channel.send(outgoing(email()));
      assert.ok(cutAfterData, 'the server had the whole message when the connection went');
      assert.equal(outcome.state, 'uncertain', JSON.stringify(outcome));
      assert.match(outcome.state === 'uncertain' ? outcome.reason : '', /may have been sent/);
    } finally {
      await channel.close();
      await server.stop();
    }
  });

  it('calls a server that cannot be reached a failure: nothing went out', async () => {
    const server = await smtpServer();
    const { port } = server;
    await server.stop();
    const channel = smtpChannel(settings(port), { now });
    try {
      const outcome = await channel.send(outgoing(email()));
      assert.equal(outcome.state, 'failed', JSON.stringify(outcome));
    } finally {
      await channel.close();
    }
  });
});
