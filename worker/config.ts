/**
 * The worker's configuration: one typed object from `retention.config.json` (beside the workbook,
 * or named with --config), checked and merged with the defaults here, and secrets from the
 * environment only (never in the file, never in the workbook). With no file, everything goes to
 * the outbox: nothing needs an account.
 *
 * @example retention.config.json
 * { "email": { "smtp": { "host": "smtp.example.net", "port": 587, "user": "service@garage.example" } } }
 * and RETENTION_SMTP_PASSWORD in the environment.
 *
 * Email by Microsoft 365 instead: { "email": { "graph": { "tenantId": "…", "clientId": "…", "certificate": "graph-app.pem" } } }
 * (or RETENTION_GRAPH_CLIENT_SECRET in place of the certificate; "auth": "delegated" with
 * RETENTION_GRAPH_TOKEN sends as the signed-in user). Texts by a provider:
 * { "sms": { "provider": "twilio", "accountSid": "AC…" } } with RETENTION_TWILIO_AUTH_TOKEN;
 * { "sms": { "provider": "smsworks" } } with RETENTION_SMSWORKS_KEY;
 * { "sms": { "provider": "webhook", "url": "https://…" } } with RETENTION_SMS_WEBHOOK_TOKEN if it wants one.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SmtpSettings } from './channels/smtp.ts';
import type { GraphSettings } from './channels/graph-mail.ts';

export interface WorkerConfig {
  /** Email goes by SMTP when set; otherwise to the outbox. */
  smtp: SmtpSettings | null;
  /** Email goes through Microsoft 365 (Graph) when set; never with smtp too. */
  graph: GraphConfig | null;
  /** Texts go through this provider when set; otherwise to the outbox. */
  sms: SmsConfig | null;
  letters: LettersConfig;
}

export interface GraphConfig extends GraphSettings {
  /** app: client credentials (a certificate file, preferred, or RETENTION_GRAPH_CLIENT_SECRET); delegated: RETENTION_GRAPH_TOKEN. */
  credentials: { tenantId: string; clientId: string; certificatePem: string | null; secret?: string } | { token: string };
}

interface SmsCommon {
  perMinute: number;
  timeoutMs: number;
  throttleRetries: number;
}

export type SmsConfig =
  | (SmsCommon & { provider: 'twilio'; accountSid: string; authToken: string; baseUrl: string })
  | (SmsCommon & { provider: 'smsworks'; apiKey: string; baseUrl: string })
  | (SmsCommon & { provider: 'webhook'; url: string; token?: string });

export const SMS_PROVIDERS = ['twilio', 'smsworks', 'webhook'] as const;

export interface LettersConfig {
  /** The address window, in millimetres from the sheet's top-left corner (default: a UK DL window). */
  window: { left: number; top: number; width: number; height: number };
  /** A PNG or JPEG printed at the top left of every letter: the garage's logo. */
  logo: string | null;
  /** The garage's printed stationery as an A4 PDF, laid under every letter (worker/channels/letterhead-pdf.ts). */
  letterheadPdf: string | null;
  /** The company's registered details at the foot of each letter; off when the stationery prints them already. */
  companyFooter: boolean;
}

export const CONFIG_FILE = 'retention.config.json';

/** Exchange Online's limits per mailbox (30 a minute, 4 at once, 10,000 recipients a day), and how long to wait for Graph. */
export const GRAPH_DEFAULTS = { baseUrl: 'https://graph.microsoft.com', perMinute: 30, perDay: 10_000, concurrency: 4, timeoutMs: 30_000, throttleRetries: 5 };

const DEFAULTS = { port: 587, secure: false, requireTls: true, perMinute: 30, timeoutMs: 30_000 };

/** The configuration, or every reason it cannot be used (each says what to change). */
export async function readWorkerConfig(path: string, environment: NodeJS.ProcessEnv): Promise<{ config: WorkerConfig } | { problems: string[] }> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (text === null) return { config: { smtp: null, graph: null, sms: null, letters: DEFAULT_LETTERS } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [`${path} is not valid JSON (${(error as Error).message}); correct it, or remove it to send to the outbox.`] };
  }
  const problems: string[] = [];
  const letters = lettersConfig((raw as { letters?: Record<string, unknown> })?.letters, path, problems);
  const email = (raw as { email?: { smtp?: Record<string, unknown>; graph?: Record<string, unknown> } })?.email;
  const graph = email?.graph === undefined ? null : graphConfig(email.graph, path, environment, problems);
  const sms = (raw as { sms?: Record<string, unknown> })?.sms === undefined ? null : smsConfig((raw as { sms: Record<string, unknown> }).sms, path, environment, problems);
  const smtp = email?.smtp;
  if (smtp !== undefined && graph) problems.push(`${path} names both email.smtp and email.graph: keep the one emails should go by.`);
  if (smtp === undefined) return problems.length > 0 ? { problems } : { config: { smtp: null, graph, sms, letters } };
  const text_ = (key: string) => (typeof smtp[key] === 'string' && (smtp[key] as string).trim() !== '' ? (smtp[key] as string).trim() : undefined);
  const whole = (key: string, fallback: number, min: number, max: number) => {
    const value = smtp[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) problems.push(`email.smtp.${key} in ${path} must be a whole number from ${min} to ${max}; it is ${JSON.stringify(value)}.`);
    return typeof value === 'number' ? value : fallback;
  };
  const flag = (key: string, fallback: boolean) => {
    const value = smtp[key] ?? fallback;
    if (typeof value !== 'boolean') problems.push(`email.smtp.${key} in ${path} must be true or false; it is ${JSON.stringify(value)}.`);
    return value === true;
  };
  const host = text_('host');
  if (!host) problems.push(`email.smtp.host in ${path} is missing: give the mail server's name, e.g. "smtp.office365.com".`);
  const user = text_('user');
  const password = environment.RETENTION_SMTP_PASSWORD;
  if (user && !password) problems.push(`email.smtp.user is set in ${path}, but RETENTION_SMTP_PASSWORD is not: set it in the environment (never in the file).`);
  const settings: SmtpSettings = {
    host: host ?? '',
    port: whole('port', DEFAULTS.port, 1, 65_535),
    secure: flag('secure', DEFAULTS.secure),
    requireTls: flag('requireTls', DEFAULTS.requireTls),
    user,
    password,
    replyTo: text_('replyTo'),
    perMinute: whole('perMinute', DEFAULTS.perMinute, 1, 10_000),
    timeoutMs: whole('timeoutMs', DEFAULTS.timeoutMs, 1_000, 600_000),
  };
  return problems.length > 0 ? { problems } : { config: { smtp: settings, graph, sms, letters } };
}

/** Readers for one section's values, each problem naming the key as `prefix.key` in the file. */
function sectionReader(raw: Record<string, unknown>, prefix: string, path: string, problems: string[]) {
  return {
    text: (key: string) => (typeof raw[key] === 'string' && (raw[key] as string).trim() !== '' ? (raw[key] as string).trim() : undefined),
    whole: (key: string, fallback: number, min: number, max: number) => {
      const value = raw[key] ?? fallback;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) problems.push(`${prefix}.${key} in ${path} must be a whole number from ${min} to ${max}; it is ${JSON.stringify(value)}.`);
      return typeof value === 'number' ? value : fallback;
    },
    url: (key: string, fallback: string) => {
      const value = raw[key] ?? fallback;
      if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value)) problems.push(`${prefix}.${key} in ${path} must be a web address; it is ${JSON.stringify(value)}.`);
      return typeof value === 'string' ? value : fallback;
    },
  };
}

function graphConfig(raw: Record<string, unknown>, path: string, environment: NodeJS.ProcessEnv, problems: string[]): GraphConfig | null {
  const read = sectionReader(raw, 'email.graph', path, problems);
  const auth = raw.auth ?? 'app';
  if (auth !== 'app' && auth !== 'delegated') problems.push(`email.graph.auth in ${path} must be "app" (the app sends as the Sender mailbox) or "delegated" (as the signed-in user); it is ${JSON.stringify(auth)}.`);
  const settings: GraphSettings = {
    baseUrl: read.url('baseUrl', GRAPH_DEFAULTS.baseUrl),
    auth: auth === 'delegated' ? 'delegated' : 'app',
    replyTo: read.text('replyTo'),
    perMinute: read.whole('perMinute', GRAPH_DEFAULTS.perMinute, 1, 10_000),
    perDay: read.whole('perDay', GRAPH_DEFAULTS.perDay, 1, 1_000_000),
    concurrency: read.whole('concurrency', GRAPH_DEFAULTS.concurrency, 1, 16),
    timeoutMs: read.whole('timeoutMs', GRAPH_DEFAULTS.timeoutMs, 1_000, 600_000),
    throttleRetries: read.whole('throttleRetries', GRAPH_DEFAULTS.throttleRetries, 0, 20),
  };
  if (settings.auth === 'delegated') {
    const token = environment.RETENTION_GRAPH_TOKEN;
    if (!token) problems.push(`email.graph.auth is "delegated" in ${path}, but RETENTION_GRAPH_TOKEN is not set: it carries the signed-in user's token.`);
    return { ...settings, credentials: { token: token ?? '' } };
  }
  const tenantId = read.text('tenantId');
  const clientId = read.text('clientId');
  if (!tenantId) problems.push(`email.graph.tenantId in ${path} is missing: give the Microsoft 365 tenant's ID (Entra admin centre › Overview).`);
  if (!clientId) problems.push(`email.graph.clientId in ${path} is missing: give the app registration's Application (client) ID.`);
  const certificate = read.text('certificate');
  const secret = environment.RETENTION_GRAPH_CLIENT_SECRET;
  if (!certificate && !secret) problems.push(`email.graph in ${path} has no certificate, and RETENTION_GRAPH_CLIENT_SECRET is not set: name the app's certificate PEM file (preferred), or set the client secret in the environment.`);
  const certificatePem = certificate ? resolve(dirname(resolve(path)), certificate) : null;
  return { ...settings, credentials: { tenantId: tenantId ?? '', clientId: clientId ?? '', certificatePem, secret } };
}

function smsConfig(raw: Record<string, unknown>, path: string, environment: NodeJS.ProcessEnv, problems: string[]): SmsConfig | null {
  const read = sectionReader(raw, 'sms', path, problems);
  const common: SmsCommon = { perMinute: read.whole('perMinute', 60, 1, 10_000), timeoutMs: read.whole('timeoutMs', 30_000, 1_000, 600_000), throttleRetries: read.whole('throttleRetries', 5, 0, 20) };
  const secret = (name: string, what: string) => {
    const value = environment[name];
    if (!value) problems.push(`sms.provider is "${String(raw.provider)}" in ${path}, but ${name} is not set: set ${what} in the environment (never in the file).`);
    return value ?? '';
  };
  if (raw.provider === 'twilio') {
    const accountSid = read.text('accountSid');
    if (!accountSid) problems.push(`sms.accountSid in ${path} is missing: give the Twilio Account SID (AC…, on the Twilio console).`);
    return { ...common, provider: 'twilio', accountSid: accountSid ?? '', authToken: secret('RETENTION_TWILIO_AUTH_TOKEN', 'the Twilio auth token'), baseUrl: read.url('baseUrl', 'https://api.twilio.com') };
  }
  if (raw.provider === 'smsworks') return { ...common, provider: 'smsworks', apiKey: secret('RETENTION_SMSWORKS_KEY', "The SMS Works API key (the JWT token from its dashboard)"), baseUrl: read.url('baseUrl', 'https://api.thesmsworks.co.uk') };
  if (raw.provider === 'webhook') {
    if (raw.url === undefined) problems.push(`sms.url in ${path} is missing: give the webhook's address.`);
    return { ...common, provider: 'webhook', url: raw.url === undefined ? '' : read.url('url', ''), token: environment.RETENTION_SMS_WEBHOOK_TOKEN || undefined };
  }
  problems.push(`sms.provider in ${path} must be one of ${SMS_PROVIDERS.map((p) => `"${p}"`).join(', ')}; it is ${JSON.stringify(raw.provider)}.`);
  return null;
}

const DEFAULT_LETTERS: LettersConfig = { window: { left: 20, top: 50, width: 90, height: 35 }, logo: null, letterheadPdf: null, companyFooter: true };

function lettersConfig(raw: Record<string, unknown> | undefined, path: string, problems: string[]): LettersConfig {
  if (raw === undefined) return DEFAULT_LETTERS;
  const window = { ...DEFAULT_LETTERS.window };
  const given = (raw.window ?? {}) as Record<string, unknown>;
  for (const key of ['left', 'top', 'width', 'height'] as const) {
    const value = given[key];
    if (value === undefined) continue;
    // Within an A4 sheet, 210 × 297 mm.
    if (typeof value !== 'number' || value < 0 || value > 297) problems.push(`letters.window.${key} in ${path} must be millimetres from 0 to 297; it is ${JSON.stringify(value)}.`);
    else window[key] = value;
  }
  const logo = raw.logo === undefined ? null : typeof raw.logo === 'string' && /\.(png|jpe?g)$/i.test(raw.logo) ? raw.logo : null;
  if (raw.logo !== undefined && logo === null) problems.push(`letters.logo in ${path} must name a .png or .jpg file; it is ${JSON.stringify(raw.logo)}.`);
  const letterheadPdf = typeof raw.letterheadPdf === 'string' && raw.letterheadPdf.trim() !== '' ? raw.letterheadPdf.trim() : null;
  if (raw.letterheadPdf !== undefined && letterheadPdf === null) problems.push(`letters.letterheadPdf in ${path} must name the letterhead's PDF file; it is ${JSON.stringify(raw.letterheadPdf)}.`);
  const companyFooter = raw.companyFooter ?? true;
  if (typeof companyFooter !== 'boolean') problems.push(`letters.companyFooter in ${path} must be true or false; it is ${JSON.stringify(raw.companyFooter)}.`);
  // Files named in the configuration are found beside it, wherever the command was run from.
  const beside = (file: string | null) => file && resolve(dirname(resolve(path)), file);
  return { window, logo: beside(logo), letterheadPdf: beside(letterheadPdf), companyFooter: companyFooter !== false };
}
