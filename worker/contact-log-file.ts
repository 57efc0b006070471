/** Reads a contact log kept as a CSV (the Contact Log sheet's headers) or a JSON array. */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { contactLogFromRows, type ContactLogProblem } from '../core/contact-log.ts';
import type { ContactLogEntry } from '../core/records.ts';

export async function readContactLogFile(path: string): Promise<{ entries: ContactLogEntry[]; problems: ContactLogProblem[] }> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  if (path.toLowerCase().endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { entries: [], problems: [{ row: 0, column: '', code: 'file_unreadable', value: '', action: 'file not read', message: `${path} is not valid JSON (${(error as Error).message}); fix the file or export the log as CSV.` }] };
    }
    if (!Array.isArray(parsed)) return { entries: [], problems: [{ row: 0, column: '', code: 'file_unreadable', value: '', action: 'file not read', message: `${path} should hold a JSON array of log entries.` }] };
    return contactLogFromRows(parsed as Record<string, unknown>[], 1);
  }
  const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  return contactLogFromRows(data);
}
