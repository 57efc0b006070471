/** The worker's configuration for Graph mail and SMS providers: secrets from the environment, every problem said with what to change. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkerConfig } from '../../worker/config.ts';

function configFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'retention-config-')), 'retention.config.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('the configuration of Graph mail and SMS providers', () => {
  it('reads Graph app-only sending with a certificate beside the file and Exchange Online\'s limits by default', async () => {
    const path = configFile({ email: { graph: { tenantId: 't-1', clientId: 'c-1', certificate: 'graph-app.pem' } } });
    const read = await readWorkerConfig(path, {});
    assert.ok('config' in read, JSON.stringify(read));
    assert.deepEqual(read.config.graph, {
      baseUrl: 'https://graph.microsoft.com', auth: 'app', replyTo: undefined, perMinute: 30, perDay: 10_000, concurrency: 4, timeoutMs: 30_000, throttleRetries: 5,
      credentials: { tenantId: 't-1', clientId: 'c-1', certificatePem: join(path, '..', 'graph-app.pem'), secret: undefined },
    });
  });

  it('takes the client secret from the environment when there is no certificate', async () => {
    const read = await readWorkerConfig(configFile({ email: { graph: { tenantId: 't-1', clientId: 'c-1' } } }), { RETENTION_GRAPH_CLIENT_SECRET: 's3cret' });
    assert.ok('config' in read);
    assert.equal(read.config.graph && 'secret' in read.config.graph.credentials && read.config.graph.credentials.secret, 's3cret');
  });

  it('says each thing missing for Graph, and refuses SMTP and Graph together', async () => {
    const read = await readWorkerConfig(configFile({ email: { smtp: { host: 'smtp.example.net' }, graph: { concurrency: 40 } } }), {});
    assert.ok('problems' in read);
    assert.equal(read.problems.length, 5, read.problems.join('\n'));
    assert.match(read.problems.join('\n'), /email\.graph\.concurrency .* from 1 to 16; it is 40/);
    assert.match(read.problems.join('\n'), /email\.graph\.tenantId .* is missing/);
    assert.match(read.problems.join('\n'), /email\.graph\.clientId .* is missing/);
    assert.match(read.problems.join('\n'), /no certificate, and RETENTION_GRAPH_CLIENT_SECRET is not set/);
    assert.match(read.problems.join('\n'), /both email\.smtp and email\.graph/);
  });

  it('needs the signed-in user\'s token for delegated sending', async () => {
    const read = await readWorkerConfig(configFile({ email: { graph: { auth: 'delegated' } } }), {});
    assert.ok('problems' in read);
    assert.match(read.problems[0] ?? '', /RETENTION_GRAPH_TOKEN is not set/);
  });

  it('reads Twilio with its auth token from the environment', async () => {
    const read = await readWorkerConfig(configFile({ sms: { provider: 'twilio', accountSid: 'AC1', perMinute: 100 } }), { RETENTION_TWILIO_AUTH_TOKEN: 'tok' });
    assert.ok('config' in read, JSON.stringify(read));
    assert.deepEqual(read.config.sms, { provider: 'twilio', accountSid: 'AC1', authToken: 'tok', baseUrl: 'https://api.twilio.com', perMinute: 100, timeoutMs: 30_000, throttleRetries: 5 });
  });

  it('says which secret an SMS provider is missing', async () => {
    const read = await readWorkerConfig(configFile({ sms: { provider: 'smsworks' } }), {});
    assert.ok('problems' in read);
    assert.equal(read.problems.length, 1);
    assert.match(read.problems[0] ?? '', /RETENTION_SMSWORKS_KEY is not set: set The SMS Works API key \(the JWT token from its dashboard\) in the environment \(never in the file\)\.$/);
  });

  it('refuses an SMS provider it has no adapter for, naming those it has', async () => {
    const read = await readWorkerConfig(configFile({ sms: { provider: 'carrier-pigeon' } }), {});
    assert.ok('problems' in read);
    assert.match(read.problems[0] ?? '', /must be one of "twilio", "smsworks", "webhook"; it is "carrier-pigeon"/);
  });

  it('reads a webhook with an optional bearer token, and wants its address', async () => {
    const read = await readWorkerConfig(configFile({ sms: { provider: 'webhook', url: 'https://gateway.example/sms' } }), { RETENTION_SMS_WEBHOOK_TOKEN: 'h' });
    assert.ok('config' in read);
    assert.equal(read.config.sms?.provider === 'webhook' && read.config.sms.token, 'h');
    const missing = await readWorkerConfig(configFile({ sms: { provider: 'webhook' } }), {});
    assert.ok('problems' in missing);
    assert.deepEqual(missing.problems.length, 1);
  });
});
