/**
 * The outbox: the default channel when nothing is configured, so a garage (or a new developer)
 * sees exactly what would go out without an account anywhere. Emails become `.eml` files (real
 * RFC 5322 messages, built by nodemailer, that any mail program opens), texts a JSON line each in
 * `texts.jsonl`, and letters pages of one PDF per run (worker/channels/letters-pdf.ts).
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Channel, OutgoingMessage } from './channel.ts';
import { mailOptions } from './mail.ts';
import type { Outcome } from '../ledger/ledger.ts';
import { DL_WINDOW, lettersPdf, type LetterLayout } from './letters-pdf.ts';

/** A file name an Action ID can safely become: its slashes and colons are not allowed in one. */
const fileNameOf = (actionId: string) => actionId.replace(/[^A-Za-z0-9._-]+/g, '_');

export async function outboxChannel(folder: string, options: { now: () => Date; letters: Omit<LetterLayout, 'window'> & Partial<Pick<LetterLayout, 'window'>> }): Promise<Channel> {
  await mkdir(folder, { recursive: true });
  const stamp = options.now().toISOString().replace(/[:.]/g, '-');
  const letters = lettersPdf(join(folder, `letters-${stamp}.pdf`), { window: DL_WINDOW, ...options.letters });

  // nodemailer's stream transport composes the message exactly as SMTP would send it, and sends nothing.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  async function send(outgoing: OutgoingMessage): Promise<Outcome> {
    const { message } = outgoing;
    const sentAt = options.now().toISOString();
    if (message.channel === 'email') {
      const composed = await composer.sendMail({ ...mailOptions(outgoing, message), date: options.now() });
      const eml = composed.message as Buffer;
      const file = `${fileNameOf(outgoing.actionId)}.eml`;
      await writeFile(join(folder, file), eml);
      return { state: 'sent', reference: `outbox/${file}`, sentAt };
    }
    if (message.channel === 'sms') {
      const line = { actionId: outgoing.actionId, from: outgoing.from.smsSender, to: outgoing.to, text: message.text, segments: message.segments, encoding: message.encoding };
      await appendFile(join(folder, 'texts.jsonl'), `${JSON.stringify(line)}\n`);
      return { state: 'sent', reference: 'outbox/texts.jsonl', sentAt };
    }
    const page = letters.add(outgoing.to, message);
    return { state: 'sent', reference: `outbox/${letters.fileName} page ${page}`, sentAt };
  }

  return { name: 'outbox', send, close: () => letters.close() };
}
