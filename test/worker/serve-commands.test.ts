/** `retention pair` and `retention cert`: the pairing key made once and kept private, and how to trust the certificate. */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from '../../worker/cli.ts';

function capture(): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (t) => (out += t), err: (t) => (err += t), now: () => new Date('2026-11-16T09:00:00Z') }, out: () => out, err: () => err };
}

describe('retention pair and retention cert', function () {
  this.timeout(30_000);

  it('prints the same pairing key each time, kept readable by this user alone', async () => {
    const data = mkdtempSync(join(tmpdir(), 'retention-pair-'));
    const first = capture();
    assert.equal(await main(['pair', '--data', data], first.io), 0);
    const second = capture();
    await main(['pair', '--data', data], second.io);
    assert.match(first.out(), /^[A-Za-z0-9_-]{43}\n$/);
    assert.equal(second.out(), first.out());
    assert.match(first.err(), /Paste this key into the Retention Desk add-in/);
    if (process.platform !== 'win32') assert.equal(statSync(join(data, 'pairing-key.txt')).mode & 0o777, 0o600);
  });

  it('makes a certificate for localhost and says how to trust it on Windows and a Mac', async () => {
    const data = mkdtempSync(join(tmpdir(), 'retention-cert-'));
    const run = capture();
    assert.equal(await main(['cert', '--data', data, '--config', join(data, 'none.json')], run.io), 0);
    const certificatePath = join(data, 'localhost-certificate.pem');
    assert.ok(run.out().includes(certificatePath));
    assert.match(run.out(), /certutil -user -addstore Root/);
    assert.match(run.out(), /Always Trust/);
    const certificate = new X509Certificate(readFileSync(certificatePath));
    assert.match(certificate.subjectAltName ?? '', /DNS:localhost/);
    assert.ok(certificate.checkHost('localhost'));
    if (process.platform !== 'win32') assert.equal(statSync(join(data, 'localhost-key.pem')).mode & 0o777, 0o600);
  });
});
