/**
 * Reads the templates folder into the map the core compiles: "mot-1/sms.hbs" → its text. The core
 * never touches the disk; this is the whole of the file side.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_EXTENSION } from '../core/index.ts';
import { PACKAGE_FOLDER } from './package-folder.ts';

/** The templates that ship with Retention Desk. */
export const DEFAULT_TEMPLATES_FOLDER = join(PACKAGE_FOLDER, 'templates');

/**
 * Every `<name>/<part>.hbs` one level down in `folder`, as UTF-8 (a byte-order mark dropped: a
 * Windows editor adds one, and it would otherwise start every message). A folder that does not
 * exist reads as none: each row that needs a template then says which file is missing.
 *
 * @example
 * const { value: templates, problems } = compileTemplates(await readTemplateFiles());
 */
export async function readTemplateFiles(folder: string = DEFAULT_TEMPLATES_FOLDER): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const names = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const parts = await readdir(join(folder, entry.name));
    for (const part of parts.sort()) {
      if (!part.endsWith(TEMPLATE_EXTENSION) || part.startsWith('.')) continue;
      const text = await readFile(join(folder, entry.name, part), 'utf8');
      files.set(`${entry.name}/${part}`, text.replace(/^\uFEFF/, ''));
    }
  }
  return files;
}
