/**
 * The add-in's manifest for the address the pane is served from. manifest.xml at the project's root
 * is written for `retention serve`'s default address; a garage serving it elsewhere gets the same
 * manifest with every address moved to theirs (`retention manifest --origin https://HOST:PORT`).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The address written throughout manifest.xml: `retention serve`'s default. */
export const MANIFEST_ORIGIN = 'https://localhost:3443';

export const MANIFEST_FILE = fileURLToPath(new URL('../manifest.xml', import.meta.url));

/**
 * The origin as Office needs it (https, no path), e.g. "https://desk.garage.example:3443", or why it cannot be used.
 *
 * @example addinOrigin('https://localhost:3443/') // { origin: 'https://localhost:3443' }
 */
export function addinOrigin(text: string): { origin: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `"${text}" is not a web address; write it like https://localhost:3443` };
  }
  if (url.protocol !== 'https:') return { error: `Office loads add-ins only over https; write https://${url.host}` };
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    return { error: `give the address alone, with no path or query (https://${url.host}): the pane's pages are found under it` };
  }
  return { origin: url.origin };
}

/** The manifest with every address on `origin` (already checked by addinOrigin). */
export function manifestFor(manifest: string, origin: string): string {
  return manifest.replaceAll(MANIFEST_ORIGIN, origin);
}

export async function readManifest(origin: string = MANIFEST_ORIGIN): Promise<string> {
  return manifestFor(await readFile(MANIFEST_FILE, 'utf8'), origin);
}
