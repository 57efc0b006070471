/**
 * The folder Retention Desk is installed in (where package.json, templates/ and samples/ are),
 * whether this module runs as TypeScript from worker/ or compiled from dist/worker/.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_FOLDER = import.meta.url.endsWith('.ts') ? join(here, '..') : join(here, '..', '..');
