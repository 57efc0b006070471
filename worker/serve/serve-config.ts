/**
 * The `serve` part of `retention.config.json`: where the server listens, its certificate, which
 * add-in origin may call it, and how many requests a minute one key may make. Read beside the
 * rest of the worker's configuration (worker/config.ts) and checked the same way: every problem
 * says what to change.
 *
 * @example retention.config.json
 * { "serve": { "port": 3443, "certificate": "garage.pem", "key": "garage-key.pem", "addinOrigin": "https://addin.garage.example" } }
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ssoDefaults, type SsoConfig } from './sso-token.ts';

export interface ServeConfig {
  host: string;
  port: number;
  /** The garage's own certificate and key (PEM files); null: one made for localhost. */
  tls: { certificate: string; key: string } | null;
  /** The add-in's origin when it is not served from here; null: only this server's own origin. */
  addinOrigin: string | null;
  /** Requests a minute one pairing key may make. */
  requestsPerMinute: number;
  /** Microsoft 365 sign-in tokens accepted besides the pairing key; null: the pairing key only. */
  sso: SsoConfig | null;
}

export const SERVE_DEFAULTS = { host: '127.0.0.1', port: 3443, requestsPerMinute: 600 };

export async function readServeConfig(path: string): Promise<{ config: ServeConfig } | { problems: string[] }> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  const defaults: ServeConfig = { ...SERVE_DEFAULTS, tls: null, addinOrigin: null, sso: null };
  if (text === null) return { config: defaults };
  let raw: { serve?: Record<string, unknown> };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch (error) {
    return { problems: [`${path} is not valid JSON (${(error as Error).message}); correct it.`] };
  }
  const serve = raw?.serve;
  if (serve === undefined) return { config: defaults };
  const problems: string[] = [];
  const whole = (key: string, fallback: number, min: number, max: number) => {
    const value = serve[key] ?? fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`serve.${key} in ${path} must be a whole number from ${min} to ${max}; it is ${JSON.stringify(value)}.`);
    return fallback;
  };
  const file = (key: string) => {
    const value = serve[key];
    if (value === undefined) return null;
    if (typeof value === 'string' && value.trim()) return resolve(dirname(resolve(path)), value.trim());
    problems.push(`serve.${key} in ${path} must name a PEM file; it is ${JSON.stringify(value)}.`);
    return null;
  };
  const host = serve.host ?? SERVE_DEFAULTS.host;
  if (typeof host !== 'string' || !host.trim()) problems.push(`serve.host in ${path} must be an address to listen on, such as "127.0.0.1"; it is ${JSON.stringify(host)}.`);
  const certificate = file('certificate');
  const key = file('key');
  if (!certificate !== !key) problems.push(`serve.certificate and serve.key in ${path} go together: name both PEM files, or neither (a certificate for localhost is then made).`);
  let addinOrigin: string | null = null;
  if (serve.addinOrigin !== undefined) {
    const origin = typeof serve.addinOrigin === 'string' ? originOf(serve.addinOrigin) : null;
    if (!origin) problems.push(`serve.addinOrigin in ${path} must be the add-in's https address, such as "https://addin.garage.example"; it is ${JSON.stringify(serve.addinOrigin)}.`);
    addinOrigin = origin;
  }
  const sso = serve.sso === undefined ? null : ssoConfig(serve.sso, path, problems);
  const config: ServeConfig = {
    host: typeof host === 'string' ? host.trim() : SERVE_DEFAULTS.host,
    port: whole('port', SERVE_DEFAULTS.port, 0, 65_535),
    tls: certificate && key ? { certificate, key } : null,
    addinOrigin,
    requestsPerMinute: whole('requestsPerMinute', SERVE_DEFAULTS.requestsPerMinute, 1, 1_000_000),
    sso,
  };
  return problems.length > 0 ? { problems } : { config };
}

/** "https://addin.garage.example" from what was written (a trailing slash or path dropped); null when not https. */
function originOf(written: string): string | null {
  try {
    const url = new URL(written.trim());
    return url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** serve.sso: the garage's tenant and the add-in's application, from its registration in Microsoft Entra. */
function ssoConfig(raw: unknown, path: string, problems: string[]): SsoConfig | null {
  const given = (raw ?? {}) as Record<string, unknown>;
  const tenantId = typeof given.tenantId === 'string' ? given.tenantId.trim() : '';
  const audience = typeof given.audience === 'string' ? given.audience.trim() : '';
  if (!tenantId || !audience) {
    problems.push(`serve.sso in ${path} needs tenantId (the garage's Microsoft 365 tenant) and audience (the add-in's application ID URI, as in its manifest's WebApplicationInfo); remove serve.sso to use the pairing key only.`);
    return null;
  }
  const defaults = ssoDefaults(tenantId);
  const url = (key: 'keysUrl' | 'issuer') => (typeof given[key] === 'string' && (given[key] as string).trim() ? (given[key] as string).trim() : defaults[key]);
  return { tenantId, audience, keysUrl: url('keysUrl'), issuer: url('issuer') };
}
