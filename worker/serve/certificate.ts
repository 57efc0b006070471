/**
 * The HTTPS certificate. Office add-ins load only over HTTPS that the computer trusts, so the
 * server always speaks TLS: with the certificate and key named in the configuration, or else with
 * one made for localhost (selfsigned, pure JavaScript) and kept in the data folder, which the
 * garage trusts once (`retention cert` says how).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export const CERTIFICATE_FILE = 'localhost-certificate.pem';
export const KEY_FILE = 'localhost-key.pem';

export interface Certificate {
  cert: string;
  key: string;
  /** Where the certificate is, to trust it. */
  certificatePath: string;
  /** Made by us for localhost (to be trusted by hand), or the garage's own. */
  madeHere: boolean;
  /** Made just now: the browser has not trusted this one yet. */
  madeNow: boolean;
  validTo: Date;
}

// Browsers refuse server certificates valid for longer than 825 days (Apple's limit).
const VALID_DAYS = 800;
// Made again this long before it runs out, so it is never found expired on a Monday morning.
const RENEW_DAYS = 30;

/** The configured certificate, or this data folder's own for localhost (made when missing or nearly expired). */
export async function serverCertificate(dataFolder: string, configured: { certificate: string; key: string } | null, now: Date): Promise<Certificate> {
  if (configured) {
    const [cert, key] = await Promise.all([readFile(configured.certificate, 'utf8'), readFile(configured.key, 'utf8')]);
    return { cert, key, certificatePath: configured.certificate, madeHere: false, madeNow: false, validTo: new Date(new X509Certificate(cert).validTo) };
  }
  const certificatePath = join(dataFolder, CERTIFICATE_FILE);
  const keyPath = join(dataFolder, KEY_FILE);
  if (existsSync(certificatePath) && existsSync(keyPath)) {
    const [cert, key] = await Promise.all([readFile(certificatePath, 'utf8'), readFile(keyPath, 'utf8')]);
    const validTo = new Date(new X509Certificate(cert).validTo);
    if (validTo.getTime() - now.getTime() > RENEW_DAYS * 86_400_000) return { cert, key, certificatePath, madeHere: true, madeNow: false, validTo };
  }
  const validTo = new Date(now.getTime() + VALID_DAYS * 86_400_000);
  const made = await selfsigned.generate([{ name: 'commonName', value: 'Retention Desk on this computer (localhost)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: validTo,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  await mkdir(dataFolder, { recursive: true });
  // The key first and readable by this user alone; each file written whole, then named.
  await writeFile(`${keyPath}.part`, made.private, { mode: 0o600 });
  await rename(`${keyPath}.part`, keyPath);
  await writeFile(`${certificatePath}.part`, made.cert);
  await rename(`${certificatePath}.part`, certificatePath);
  return { cert: made.cert, key: made.private, certificatePath, madeHere: true, madeNow: true, validTo };
}

/** How to trust the localhost certificate, in plain steps for Windows and macOS. */
export function trustSteps(certificatePath: string): string {
  return `The worker's certificate for this computer (localhost) is:
  ${certificatePath}

Excel shows the add-in only from an address the computer trusts. Trust this certificate once:

On Windows
  1. Double-click the file above (it opens "Certificate"), choose "Install Certificate…".
  2. Choose "Current User", then Next.
  3. Choose "Place all certificates in the following store", Browse…, pick
     "Trusted Root Certification Authorities", OK, Next, Finish, and say Yes to the warning.
  Or in a Command Prompt:  certutil -user -addstore Root "${certificatePath}"

On a Mac
  1. Double-click the file above: Keychain Access opens and adds it to the "login" keychain.
  2. Double-click "Retention Desk on this computer (localhost)" in the list, open "Trust",
     and set "When using this certificate" to "Always Trust". Close the window and give your password.
  Or in Terminal:  security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db "${certificatePath}"

Then close Excel and open it again. The certificate is for this computer alone (localhost) and is
renewed by retention serve a month before it runs out; trust the new one the same way.
`;
}
