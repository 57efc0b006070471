/**
 * `retention serve` as a running thing: the ledger opened, the pairing key and certificate found
 * (or made), the templates compiled, the API listening over HTTPS, and a drain sending what is
 * queued (what a previous run left queued goes first). Stopping refuses new requests, lets the
 * drain finish the message with the provider and record it, then closes the ledger: no row is
 * left submitting.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileTemplates, DEFAULT_SETTINGS, type GarageSettings } from '../../core/index.ts';
import type { WorkerConfig } from '../config.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { openLedger } from '../ledger/open-ledger.ts';
import { PACKAGE_FOLDER } from '../package-folder.ts';
import { drainQueue } from '../send-job.ts';
import { readTemplateFiles } from '../templates.ts';
import { buildApp } from './app.ts';
import { serverCertificate, type Certificate } from './certificate.ts';
import { channelNames, drainChannel } from './channels.ts';
import { backgroundDrainer, type Drainer } from './drainer.ts';
import { pairingKey } from './pairing-key.ts';
import { ssoChecker } from './sso-token.ts';
import type { ServeConfig } from './serve-config.ts';

/** The add-in's built pages (the add-in's build writes them here). */
export const ADDIN_FOLDER = join(PACKAGE_FOLDER, 'out', 'addin');
// The garage's settings from the latest submission, kept so letters queued before a restart are headed as the garage's.
const SETTINGS_FILE = 'garage-settings.json';

export interface ServeOptions {
  serve: ServeConfig;
  worker: WorkerConfig;
  dataFolder: string;
  /** Where RETENTION_DATABASE_URL is read from: set, the ledger is the shared PostgreSQL one. */
  environment: NodeJS.ProcessEnv;
  addinFolder?: string;
  now: () => Date;
  log: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  certificate: Certificate;
  ledger: Ledger;
  drainer: Drainer;
  /** Stops accepting, lets the drain record what is with the provider, closes the ledger. */
  stop(): Promise<void>;
}

async function version(): Promise<string> {
  const text = await readFile(join(PACKAGE_FOLDER, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { serve, worker, dataFolder, now, log } = options;
  const certificate = await serverCertificate(dataFolder, serve.tls, now());
  const key = await pairingKey(dataFolder);
  const { value: templates, problems } = compileTemplates(await readTemplateFiles());
  for (const p of problems) log(p.message);
  const ledger = await openLedger({ folder: dataFolder, environment: options.environment });
  if (ledger.recoveredUncertain.length > 0) log(`${ledger.recoveredUncertain.length} send(s) were cut off by a stop and may have gone: they show as Uncertain, to check.`);

  const settingsFile = join(dataFolder, SETTINGS_FILE);
  let settings: GarageSettings = await readFile(settingsFile, 'utf8').then((text) => ({ ...DEFAULT_SETTINGS, ...(JSON.parse(text) as Partial<GarageSettings>) }), () => DEFAULT_SETTINGS);
  let settingsKept = JSON.stringify(settings);
  const keepSettings = async () => {
    const text = JSON.stringify(settings);
    if (text === settingsKept) return;
    settingsKept = text;
    await writeFile(settingsFile, text);
  };

  const outboxFolder = join(dataFolder, 'outbox');
  const drainer = backgroundDrainer(
    async (stop) => {
      await keepSettings();
      const counts = await drainQueue(ledger, await drainChannel(worker, outboxFolder, settings, now), undefined, stop);
      const sent = Object.entries(counts.sent).map(([method, n]) => `${method} ${n}`).join(', ');
      if (sent || counts.failed || counts.uncertain) log(`Sent ${sent || 'none'}${counts.failed ? `; ${counts.failed} failed` : ''}${counts.uncertain ? `; ${counts.uncertain} may or may not have gone (Uncertain)` : ''}.`);
    },
    (error) => log(`Sending stopped with an error: ${error.message}. What is queued is sent with the next submission, or when the worker restarts.`),
  );

  let ownOrigins = new Set<string>();
  const app = await buildApp({
    ledger,
    templates,
    pairingKey: key,
    sso: serve.sso ? ssoChecker(serve.sso) : null,
    drainer,
    allowedOrigins: () => ownOrigins,
    requestsPerMinute: serve.requestsPerMinute,
    version: await version(),
    channels: channelNames(worker),
    emailDailyLimit: worker.graph?.perDay ?? null,
    addinFolder: options.addinFolder ?? ADDIN_FOLDER,
    onSettings: (given) => (settings = given),
    https: { cert: certificate.cert, key: certificate.key },
    now,
    log,
  });
  try {
    await app.listen({ host: serve.host, port: serve.port });
  } catch (error) {
    await ledger.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : serve.port;
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]', serve.host.includes(':') ? `[${serve.host}]` : serve.host]);
  ownOrigins = new Set([...[...hosts].map((host) => `https://${host}:${port}`), ...(serve.addinOrigin ? [serve.addinOrigin] : [])]);

  // What a previous run left queued goes now.
  drainer.request();
  let stopping: Promise<void> | null = null;
  return {
    url: `https://${serve.host === '127.0.0.1' || serve.host === '::1' ? 'localhost' : serve.host}:${port}`,
    port,
    certificate,
    ledger,
    drainer,
    stop: () =>
      (stopping ??= (async () => {
        await Promise.all([app.close(), drainer.stop()]);
        // A submission under way when the stop came may have asked for a drain after it: its rows stay queued for the next start.
        await drainer.idle();
        await ledger.close();
      })()),
  };
}
