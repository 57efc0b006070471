/**
 * retention serve with Microsoft 365 sign-in configured: a token Microsoft's identity platform would
 * issue (signed with a key the loopback key server publishes, for the garage's tenant and the
 * add-in's application) is let in; one expired, for another application or another tenant, or
 * signed by anyone else, is refused with why. The pairing key still works.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startTestServer, type TestServer } from './support/serve.ts';

const TENANT = '7b3c1a52-0d4e-4b8e-9f2a-6c1d2e3f4a5b';
const AUDIENCE = 'api://localhost:3443/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;

describe('retention serve with Microsoft 365 sign-in', function () {
  this.timeout(30_000);
  let keys: Server;
  let worker: TestServer;
  let microsoftKey: CryptoKey;
  let strangerKey: CryptoKey;

  before(async () => {
    const microsoft = await generateKeyPair('RS256');
    microsoftKey = microsoft.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const published = { keys: [{ ...(await exportJWK(microsoft.publicKey)), kid: 'signing-1', alg: 'RS256', use: 'sig' }] };
    keys = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published)));
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    const keysUrl = `http://127.0.0.1:${(keys.address() as AddressInfo).port}/keys`;
    worker = await startTestServer({ serve: { sso: { tenantId: TENANT, audience: AUDIENCE, issuer: ISSUER, keysUrl } } });
  });
  after(async () => {
    await worker.stop();
    await new Promise((resolve) => keys.close(resolve));
  });

  const token = (claims: { aud?: string; iss?: string; expiresIn?: string } = {}, key: CryptoKey = microsoftKey) =>
    new SignJWT({ preferred_username: 'sarah@whitfield.example' })
      .setProtectedHeader({ alg: 'RS256', kid: 'signing-1' })
      .setIssuer(claims.iss ?? ISSUER)
      .setAudience(claims.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '1h')
      .sign(key);

  const ask = async (bearer: string) => worker.call('GET', '/api/rows?ids=', { key: null, headers: { authorization: `Bearer ${bearer}` } });

  it("lets in a sign-in Microsoft signed for the garage's tenant and this add-in", async () => {
    const reply = await ask(await token());
    assert.equal(reply.status, 200, reply.text);
  });

  it('refuses an expired sign-in, saying to sign in again', async () => {
    const reply = await ask(await token({ expiresIn: '-2h' }));
    assert.equal(reply.status, 401);
    assert.match(reply.text, /expired: sign in again/);
  });

  it('refuses a sign-in for another application, or from another tenant', async () => {
    assert.match((await ask(await token({ aud: 'api://someone-else' }))).text, /for another application/);
    assert.match((await ask(await token({ iss: 'https://login.microsoftonline.com/another-tenant/v2.0' }))).text, /another organisation/);
  });

  it('refuses a token signed by anyone but Microsoft', async () => {
    const reply = await ask(await token({}, strangerKey));
    assert.equal(reply.status, 401);
    assert.match(reply.text, /not signed by Microsoft/);
  });

  it('still takes the pairing key', async () => {
    assert.equal((await worker.call('GET', '/api/rows?ids=')).status, 200);
  });
});
