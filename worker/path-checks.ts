/**
 * The paths given on the command line, checked before any work starts: a wrong path is bad usage
 * (exit 2, a plain message), not a stack trace halfway through a build.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function kindOf(path: string): 'file' | 'folder' | 'other' | 'absent' {
  try {
    const info = statSync(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'absent';
  }
}

/** Why `path` cannot be read as the file given to `option`, or null when it can. */
export function fileToReadProblem(option: string, path: string): string | null {
  const kind = kindOf(path);
  if (kind === 'file') return null;
  if (kind === 'absent') return `${option} ${path}: there is no such file. Check the path.`;
  if (kind === 'folder') return `${option} ${path}: that is a folder; name the file itself.`;
  return `${option} ${path}: that is not a plain file (a device or a pipe); name a saved file.`;
}

/**
 * Why a workbook cannot be written at `path`, or null when it can: the path must not be a folder,
 * and the folders above it must be folders (or not exist yet, to be made).
 */
export function workbookToWriteProblem(option: string, path: string): string | null {
  const kind = kindOf(path);
  if (kind === 'folder') return `${option} ${path}: that is a folder, not a workbook; name the workbook file, e.g. ${resolve(path, 'retention-desk.xlsx')}.`;
  if (kind === 'other') return `${option} ${path}: that is not a plain file (a device or a pipe); name a workbook file.`;
  for (let folder = dirname(resolve(path)); ; folder = dirname(folder)) {
    const above = kindOf(folder);
    if (above === 'folder') return null;
    if (above !== 'absent') return `${option} ${path}: ${folder} is a file, not a folder, so the workbook cannot be written under it.`;
    if (dirname(folder) === folder) return null;
  }
}
