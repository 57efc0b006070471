#!/usr/bin/env node
// Entry point for `npx retention`. Runs the JavaScript that `npm ci` compiled into dist/ (the
// prepare step) when it is at least as new as every source file; otherwise, after an edit or a pull
// not yet compiled, it runs the TypeScript itself through tsx: slower to start, never stale.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = join(root, 'dist', 'worker', 'cli.js');

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function compiledIsFresh() {
  try {
    return statSync(compiled).mtimeMs >= Math.max(newestSource(join(root, 'core')), newestSource(join(root, 'worker')));
  } catch {
    return false;
  }
}

let main;
if (compiledIsFresh()) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../worker/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
