/**
 * Stopping `retention serve` (SIGTERM, as a service manager stops it) in the middle of sending:
 * it exits cleanly with no row left submitting — each sent or still queued — and the next start
 * sends the rest, none twice.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteLedger } from '../../worker/ledger/sqlite-ledger.ts';
import { pairingKey } from '../../worker/serve/pairing-key.ts';
import { approvedRow } from './support/serve.ts';
import { localSmtpServer } from './support/smtp-server.ts';

const RETENTION = new URL('../../bin/retention.js', import.meta.url).pathname;
const ROWS = 40;

/** Starts `retention serve` on a free port; resolves with the port once it listens. */
function serve(data: string, config: string): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [RETENTION, 'serve', '--port', '0', '--data', data, '--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let said = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8');
      const port = /listening on https:\/\/localhost:(\d+)/.exec(said)?.[1];
      if (port) resolve({ child, port: Number(port), exited });
    });
    child.on('exit', () => reject(new Error(`retention serve stopped before listening: ${said}`)));
  });
}

function post(port: number, key: string, ca: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest({ host: '127.0.0.1', servername: 'localhost', port, method: 'POST', path: '/api/rows', ca, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('retention serve stopped with SIGTERM while sending', function () {
  this.timeout(120_000);

  it('leaves no row submitting, and the next start sends the rest once each', async () => {
    const received = new Map<string, number>();
    let firstArrived: () => void = () => {};
    const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
    // A slow mail server: each message takes 150 ms to be accepted, so the stop lands mid-send.
    const smtp = await localSmtpServer((stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) received.set(r.address, (received.get(r.address) ?? 0) + 1);
        firstArrived();
        setTimeout(callback, 150);
      });
    });
    const data = mkdtempSync(join(tmpdir(), 'retention-serve-stop-'));
    const config = join(data, 'retention.config.json');
    writeFileSync(config, JSON.stringify({ email: { smtp: { host: '127.0.0.1', port: smtp.port, requireTls: false, timeoutMs: 10_000, perMinute: 10_000 } } }));
    const key = await pairingKey(data);
    try {
      const first = await serve(data, config);
      const ca = readFileSync(join(data, 'localhost-certificate.pem'), 'utf8');
      const rows = Array.from({ length: ROWS }, (_, n) => approvedRow(n));
      assert.equal(await post(first.port, key, ca, { by: 'Sarah', rows }), 202);
      await arrived;
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0, 'it exits cleanly');

      let ledger = await openSqliteLedger(data);
      let deliveries = await ledger.all();
      await ledger.close();
      assert.equal(ledger.recoveredUncertain.length, 0, 'no row was left submitting');
      const states = deliveries.map((d) => d.state);
      assert.ok(states.every((s) => s === 'sent' || s === 'queued'), `each is sent or queued: ${[...new Set(states)].join(', ')}`);
      const sentFirst = states.filter((s) => s === 'sent').length;
      assert.ok(sentFirst >= 1 && sentFirst < ROWS, `the stop came part-way (${sentFirst} of ${ROWS} sent)`);
      assert.equal(received.size, sentFirst, 'what is recorded sent is what arrived');

      // The next start sends what was left queued, without being asked.
      const second = await serve(data, config);
      while (received.size < ROWS) await new Promise((resolve) => setTimeout(resolve, 100));
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0);
      ledger = await openSqliteLedger(data);
      deliveries = await ledger.all();
      await ledger.close();
      assert.deepEqual([...new Set(deliveries.map((d) => d.state))], ['sent']);
      assert.ok([...received.values()].every((times) => times === 1), 'none arrived twice');
    } finally {
      await smtp.stop();
    }
  });
});
