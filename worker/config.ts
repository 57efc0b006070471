/**
 * The worker's configuration: one typed object from `retention.config.json` (beside the workbook,
 * or named with --config), checked and merged with the defaults here, and secrets from the
 * environment only (never in the file, never in the workbook). With no file, everything goes to
 * the outbox: nothing needs an account.
 *
 * @example retention.config.json
 * { "email": { "smtp": { "host": "smtp.example.net", "port": 587, "user": "service@garage.example" } } }
 * and RETENTION_SMTP_PASSWORD in the environment.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SmtpSettings } from './channels/smtp.ts';

export interface WorkerConfig {
  /** Email goes by SMTP when set; otherwise to the outbox. */
  smtp: SmtpSettings | null;
  letters: LettersConfig;
}

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

const DEFAULTS = { port: 587, secure: false, requireTls: true, perMinute: 30, timeoutMs: 30_000 };

/** The configuration, or every reason it cannot be used (each says what to change). */
export async function readWorkerConfig(path: string, environment: NodeJS.ProcessEnv): Promise<{ config: WorkerConfig } | { problems: string[] }> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (text === null) return { config: { smtp: null, letters: DEFAULT_LETTERS } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [`${path} is not valid JSON (${(error as Error).message}); correct it, or remove it to send to the outbox.`] };
  }
  const problems: string[] = [];
  const letters = lettersConfig((raw as { letters?: Record<string, unknown> })?.letters, path, problems);
  const smtp = (raw as { email?: { smtp?: Record<string, unknown> } })?.email?.smtp;
  if (smtp === undefined) return problems.length > 0 ? { problems } : { config: { smtp: null, letters } };
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
  return problems.length > 0 ? { problems } : { config: { smtp: settings, letters } };
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
