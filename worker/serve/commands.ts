/**
 * `retention serve`, `retention pair` and `retention cert`: the worker for the add-in, its pairing
 * key, and how to trust its certificate. The data folder (ledger, key, certificate, outbox) is
 * --data, else RETENTION_DATA, else retention-data in the folder the command is run from.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE, readWorkerConfig } from '../config.ts';
import { serverCertificate, trustSteps } from './certificate.ts';
import { PAIRING_KEY_FILE, pairingKey } from './pairing-key.ts';
import { readServeConfig } from './serve-config.ts';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => Date;
}

const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;

function dataFolder(given: string | undefined): string {
  return resolve(given ?? process.env.RETENTION_DATA ?? 'retention-data');
}

/** Serves until SIGTERM or SIGINT (Ctrl+C), then stops cleanly and returns 0. */
export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { host: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, config: { type: 'string' } } });
  const configPath = resolve(values.config ?? CONFIG_FILE);
  const [worker, serve] = await Promise.all([readWorkerConfig(configPath, process.env), readServeConfig(configPath)]);
  const problems = [...('problems' in worker ? worker.problems : []), ...('problems' in serve ? serve.problems : [])];
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535)) problems.push(`--port must be a whole number from 0 to 65535; it is "${values.port}".`);
  if ('problems' in worker || 'problems' in serve || problems.length > 0) {
    io.err(`${problems.join('\n')}\n`);
    return EXIT_PROBLEMS;
  }
  if (worker.config.letters.letterheadPdf) {
    const read = await (await import('../channels/letterhead-pdf.ts')).readLetterhead(worker.config.letters.letterheadPdf);
    if ('problem' in read) {
      io.err(`${read.problem}\n`);
      return EXIT_PROBLEMS;
    }
  }
  const { startServer } = await import('./server.ts');
  const data = dataFolder(values.data);
  const firstRun = !existsSync(join(data, PAIRING_KEY_FILE));
  const config = { ...serve.config, host: values.host ?? serve.config.host, port: port ?? serve.config.port };
  const server = await startServer({ serve: config, worker: worker.config, dataFolder: data, environment: process.env, now: io.now, log: (line) => io.err(`${line}\n`) }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') io.err(`Port ${config.port} on ${config.host} is taken (another retention serve?). Stop that one, or start with --port N.\n`);
    else if (error.code === 'ENOENT') io.err(`${error.message}: check serve.certificate and serve.key in ${configPath}.\n`);
    else throw error;
    return null;
  });
  if (!server) return EXIT_PROBLEMS;
  if (server.certificate.madeNow) io.err(`A certificate for this computer was made: trust it once so Excel will load the add-in (retention cert${values.data ? ` --data ${values.data}` : ''} says how).\n`);
  const pair = `retention pair${values.data ? ` --data ${values.data}` : ''}`;
  // The key is shown once, when it is made; after that only on asking (retention pair), so it does not sit in every log.
  const key = firstRun ? `Pairing key (paste it into the add-in's Settings; ${pair} shows it again): ${await pairingKey(data)}` : `Pairing key: ${pair} shows it.`;
  io.err(`Retention Desk worker listening on ${server.url} (data: ${data}). ${key} Templates are read at start: restart after changing them. Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop).off('SIGINT', stop);
      io.err(`${signal}: stopping once the message with the provider is recorded…\n`);
      resolve();
    };
    process.on('SIGTERM', stop).on('SIGINT', stop);
  });
  await server.stop();
  io.err('Stopped. What was still queued is sent when the worker starts again.\n');
  return EXIT_OK;
}

/** Prints the pairing key (made now if there is none), to paste into the add-in. */
export async function pairCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' } } });
  const key = await pairingKey(dataFolder(values.data));
  io.out(`${key}\n`);
  io.err('Paste this key into the Retention Desk add-in (its Worker settings) on each computer that sends. Keep it to the garage: anyone with it can send as the garage.\n');
  return EXIT_OK;
}

/** Where the localhost certificate is (made now if there is none) and how to trust it. */
export async function certCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, config: { type: 'string' } } });
  const configPath = resolve(values.config ?? CONFIG_FILE);
  const serve = await readServeConfig(configPath);
  if ('problems' in serve) {
    io.err(`${serve.problems.join('\n')}\n`);
    return EXIT_PROBLEMS;
  }
  if (serve.config.tls) {
    io.out(`The worker uses the garage's own certificate, ${serve.config.tls.certificate} (serve.certificate in ${configPath}). Computers that trust its issuer need nothing more.\n`);
    return EXIT_OK;
  }
  const certificate = await serverCertificate(dataFolder(values.data), null, io.now());
  io.out(trustSteps(certificate.certificatePath));
  return EXIT_OK;
}
