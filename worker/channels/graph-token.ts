/**
 * Where the Graph mail channel gets its access token, behind one small interface, so the channel
 * never knows how: msal-node's client credentials (app-only: a certificate, preferred, or a client
 * secret) in production; a token handed over as it is (the add-in's delegated token for
 * /me/sendMail, or a test's). msal-node refuses an authority that is not https, so tests use the
 * handed-over kind against their loopback Graph server.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfidentialClientApplication } from '@azure/msal-node';

export interface TokenSource {
  /** A bearer token for Graph; rejects with the reason a garage can act on when none can be had. */
  token(): Promise<string>;
}

export class TokenUnavailable extends Error {}

/** A token given as it is: the signed-in user's (delegated), or a test's. */
export function handedToken(token: string): TokenSource {
  return { token: async () => token };
}

export interface AppCredentials {
  tenantId: string;
  clientId: string;
  /** A PEM file holding the app's certificate and its private key; preferred over a secret, which expires and can leak from an environment. */
  certificatePem?: string | null;
  secret?: string;
  /** The Microsoft Entra sign-in host; another only for national clouds. */
  authorityHost?: string;
}

/** The certificate and private key msal-node wants, from one PEM file; or what is wrong with it. */
export async function readCertificate(path: string): Promise<{ thumbprintSha256: string; privateKey: string; x5c: string } | { problem: string }> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return { problem: `The Graph certificate ${path} (email.graph.certificate) cannot be read: put the app's PEM file there, or correct the path.` };
  const key = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(text)?.[0];
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  if (!key || !cert) return { problem: `The Graph certificate ${path} must hold both the certificate and its private key (unencrypted PEM): export it again with the key.` };
  try {
    const x509 = new X509Certificate(cert);
    return { thumbprintSha256: x509.fingerprint256.replace(/:/g, ''), privateKey: key, x5c: cert };
  } catch (error) {
    return { problem: `The Graph certificate ${path} is not a certificate (${(error as Error).message}).` };
  }
}

/** App-only tokens by client credentials; msal-node caches them until shortly before they expire. */
export function appToken(credentials: AppCredentials): TokenSource {
  let app: Promise<ConfidentialClientApplication> | null = null;
  const make = async () => {
    const authority = `${credentials.authorityHost ?? 'https://login.microsoftonline.com'}/${credentials.tenantId}`;
    if (credentials.certificatePem) {
      const certificate = await readCertificate(credentials.certificatePem);
      if ('problem' in certificate) throw new TokenUnavailable(certificate.problem);
      return new ConfidentialClientApplication({ auth: { clientId: credentials.clientId, authority, clientCertificate: certificate } });
    }
    return new ConfidentialClientApplication({ auth: { clientId: credentials.clientId, authority, clientSecret: credentials.secret ?? '' } });
  };
  return {
    async token() {
      app ??= make();
      const result = await (await app)
        .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })
        .catch((error: Error) => {
          throw new TokenUnavailable(`Microsoft 365 sign-in for the app ${credentials.clientId} failed: ${error.message}`);
        });
      if (!result?.accessToken) throw new TokenUnavailable(`Microsoft 365 gave no token for the app ${credentials.clientId}.`);
      return result.accessToken;
    },
  };
}
