/**
 * The channels a drain sends through, made afresh for each drain (a drain closes its channels: the
 * letters PDF is finished then): email by SMTP when configured, the rest to the outbox folder in the
 * data folder, as `retention send` does beside the workbook.
 */
import type { Method, GarageSettings } from '../../core/index.ts';
import { channelByMethod } from '../channels/by-method.ts';
import type { Channel } from '../channels/channel.ts';
import { companyFooter } from '../channels/letters-pdf.ts';
import { outboxChannel } from '../channels/outbox.ts';
import { smtpChannel } from '../channels/smtp.ts';
import type { WorkerConfig } from '../config.ts';

/** Which channel each method goes by, for /api/health and the start-up line. */
export function channelNames(config: WorkerConfig): Record<'email' | 'sms' | 'letter', string> {
  return { email: config.smtp ? 'smtp' : 'outbox', sms: 'outbox', letter: 'outbox' };
}

/** One channel for the send loop; `settings` are the garage's, for the letters' heading and footer. */
export async function drainChannel(config: WorkerConfig, outboxFolder: string, settings: GarageSettings, now: () => Date): Promise<Channel> {
  const date = now().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  const outbox = await outboxChannel(outboxFolder, {
    now,
    letters: {
      letterhead: [settings.garageName, settings.garageAddress, settings.garagePhone, settings.senderMailbox].filter(Boolean),
      date,
      window: config.letters.window,
      footer: config.letters.companyFooter ? companyFooter(settings) : '',
      logo: config.letters.logo,
      letterheadPdf: config.letters.letterheadPdf,
    },
  });
  const email = config.smtp ? smtpChannel(config.smtp, { now }) : outbox;
  const channels: Record<Method, Channel> = { Email: email, SMS: outbox, Letter: outbox };
  return channelByMethod(channels);
}
