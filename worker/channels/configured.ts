/**
 * The channels the configuration names, made in one place for `send` and `doctor`: Graph or SMTP
 * for email, an SMS provider for texts; null where the configuration names none (the outbox then).
 */
import type { GraphConfig, SmsConfig, WorkerConfig } from '../config.ts';
import type { Channel } from './channel.ts';
import type { SmsProvider } from './sms/provider.ts';
import type { TokenSource } from './graph-token.ts';

export async function graphTokens(graph: GraphConfig): Promise<TokenSource> {
  const { appToken, handedToken } = await import('./graph-token.ts');
  return 'token' in graph.credentials ? handedToken(graph.credentials.token) : appToken(graph.credentials);
}

export async function configuredEmail(config: WorkerConfig, now: () => Date): Promise<Channel | null> {
  if (config.graph) {
    const { graphMailChannel } = await import('./graph-mail.ts');
    return graphMailChannel(config.graph, { tokens: await graphTokens(config.graph), now });
  }
  if (config.smtp) return (await import('./smtp.ts')).smtpChannel(config.smtp, { now });
  return null;
}

export async function configuredSmsProvider(sms: SmsConfig | null, now: () => Date): Promise<SmsProvider | null> {
  if (!sms) return null;
  if (sms.provider === 'twilio') return (await import('./sms/twilio.ts')).twilioProvider(sms, { now });
  if (sms.provider === 'smsworks') return (await import('./sms/sms-works.ts')).smsWorksProvider(sms, { now });
  return (await import('./sms/webhook.ts')).webhookProvider(sms, { now });
}

export async function configuredSms(config: WorkerConfig, now: () => Date): Promise<Channel | null> {
  const provider = await configuredSmsProvider(config.sms, now);
  return provider && (await import('./sms/sms-channel.ts')).smsChannel(provider);
}
