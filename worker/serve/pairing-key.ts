/**
 * The pairing key: the secret the add-in shows with every request (`Authorization: Bearer KEY`),
 * so only the garage's own Excel can submit rows. Made once, at random, on the first `serve` or
 * `pair`, and kept in the data folder readable by this user alone; `retention pair` prints it to
 * paste into the add-in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PAIRING_KEY_FILE = 'pairing-key.txt';

/** The data folder's pairing key, made now if it has none. */
export async function pairingKey(dataFolder: string): Promise<string> {
  const file = join(dataFolder, PAIRING_KEY_FILE);
  const kept = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (kept?.trim()) return kept.trim();
  await mkdir(dataFolder, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  // 'wx': two first runs at once keep one key between them, not one each.
  const made = await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).then(
    () => true,
    (error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? false : Promise.reject(error)),
  );
  return made ? key : (await readFile(file, 'utf8')).trim();
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** What an Authorization header comes to: no key given, the wrong one, or the pairing key. */
export function keyCheck(header: string | undefined, key: string): 'missing' | 'wrong' | 'right' {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (!given) return 'missing';
  // Compared as digests of equal length, in constant time: how long a refusal takes says nothing about the key.
  return timingSafeEqual(digest(given), digest(key)) ? 'right' : 'wrong';
}
