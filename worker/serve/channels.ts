/**
 * The channels a drain sends through, made afresh for each drain (a drain closes its channels: the
 * letters PDF is finished then), as `retention send` makes them: Graph or SMTP for email and an SMS
 * provider for texts when configured, the outbox folder in the data folder for the rest.
 */
import type { GarageSettings, Method } from '../../core/index.ts';
import { channelByMethod } from '../channels/by-method.ts';
import type { Channel } from '../channels/channel.ts';
import { configuredEmail, configuredSms } from '../channels/configured.ts';
import { companyFooter } from '../channels/letters-pdf.ts';
import { outboxChannel } from '../channels/outbox.ts';
import type { WorkerConfig } from '../config.ts';

/** Which channel each method goes by, for /api/health and the start-up line. */
export function channelNames(config: WorkerConfig): Record<'email' | 'sms' | 'letter', string> {
  return { email: config.graph ? 'graph' : config.smtp ? 'smtp' : 'outbox', sms: config.sms?.provider ?? 'outbox', letter: 'outbox' };
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
  const channels: Record<Method, Channel> = {
    Email: (await configuredEmail(config, now)) ?? outbox,
    SMS: (await configuredSms(config, now)) ?? outbox,
    Letter: outbox,
  };
  return channelByMethod(channels);
}
