/**
 * Reads a contact log kept as a CSV (the Contact Log sheet's headers) or a JSON array. Bytes are
 * decoded as exports are (UTF-8 with or without BOM, UTF-16, Windows-1252) and a CSV goes through
 * the exports' own papaparse reader, so its malformed rows are reported, not dropped.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { contactLogFromRows, contactLogFromTable, decodeExport, IMPORT_LIMITS, sizeText, tableFromCsv, type ContactLogEntry, type ImportLimits, type Problem, type Result } from '../core/index.ts';

function unreadable(path: string, message: string): Result<ContactLogEntry[]> {
  const problem: Problem = { source: 'contact-log', code: 'file_unreadable', message, where: { file: basename(path) }, value: '', action: 'file not read' };
  return { value: [], problems: [problem] };
}

export async function readContactLogFile(path: string, limits: ImportLimits = IMPORT_LIMITS): Promise<Result<ContactLogEntry[]>> {
  // A pipe or a device would hang or never end: only a plain file of a sane size is opened.
  const info = await stat(path).catch(() => null);
  if (info && !info.isFile()) return unreadable(path, `${path} is not a plain file (${info.isDirectory() ? 'a folder' : 'a pipe or a device'}); name the contact log file itself.`);
  const most = Math.min(limits.fileBytes, limits.wholeFileBytes); // read whole
  if (info && info.size > most) return unreadable(path, `${path} is ${sizeText(info.size)}, more than the ${sizeText(most)} a contact log may be.`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return unreadable(path, `${path} could not be read (${(error as Error).message}); check the path given to --contact-log.`);
  }
  const decoded = decodeExport(bytes);
  if ('error' in decoded) return unreadable(path, `${path} could not be read: ${decoded.error}.`);
  if (path.toLowerCase().endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoded.text);
    } catch (error) {
      return unreadable(path, `${path} is not valid JSON (${(error as Error).message}); fix the file or export the log as CSV.`);
    }
    if (!Array.isArray(parsed)) return unreadable(path, `${path} should hold a JSON array of log entries.`);
    // Entries of a JSON array are counted from 1.
    return contactLogFromRows(parsed as Record<string, unknown>[], { file: basename(path), firstRow: 1 });
  }
  const csv = tableFromCsv(basename(path), decoded.text, limits);
  // papaparse's errors (an unclosed quote…) are the file's problems too, as they are for an export.
  const problems = csv.problems.map((p): Problem => ({ ...p, source: 'contact-log' }));
  if (!csv.value) return { value: [], problems };
  const log = contactLogFromTable(csv.value);
  return { value: log.value, problems: [...problems, ...log.problems] };
}
