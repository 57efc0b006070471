/**
 * CSV text → a RawTable, through papaparse. The delimiter is detected (comma, semicolon, tab);
 * quoted commas, quotes and line breaks survive. Row numbers are those a spreadsheet would show
 * (a quoted line break does not start a new row), so a problem's row can be found in Excel.
 *
 * Two things papaparse alone gets wrong for exports, put right here:
 * - every line ending ends a row: a CRLF file with a stray bare LF (or CR) is not read as one row
 *   with a line break in a value;
 * - one stray quote costs at most its own row: a quote that opens a value papaparse would run on to
 *   the next quote, or to the end of the file, swallowing every row between into one name.
 * A clean file takes one papaparse pass and a count of its line breaks; only a file with a quote
 * problem is read again line by line (./csv-lines.ts).
 */
import Papa from 'papaparse';
import { importProblem, type Problem, type Result } from '../problems.ts';
import { recordsLineByLine, hasSuspectMultilineValue } from './csv-lines.ts';
import { IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import type { RawCell, RawTable } from './raw-table.ts';

/** The table, or null for a file with no header row; papaparse's errors as problems. */
export type CsvRead = Result<RawTable | null>;

function isBlankRecord(record: string[]): boolean {
  return record.every((v) => v.trim() === '');
}

/** The separator the header line uses most: comma, semicolon, tab or bar (a comma when in doubt). */
function headerDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/)).replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const delimiter of [',', ';', '\t', '|']) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/** A CR not before an LF, or an LF not after a CR: a file whose rows do not all end the same way. */
const BARE_LINE_END = /\r(?!\n)|(?<!\r)\n/;

/** The text with one kind of line ending, and that ending for papaparse (which otherwise guesses one for the whole file). */
function oneLineEnding(text: string): { text: string; newline: '\n' | '\r\n' } {
  if (!text.includes('\r')) return { text, newline: '\n' };
  if (!BARE_LINE_END.test(text)) return { text, newline: '\r\n' };
  return { text: text.replace(/\r\n?/g, '\n'), newline: '\n' };
}

/** The 1-based line holding more than `most` values, or 0: refused before papaparse makes an array of them. */
function lineWithTooManyValues(text: string, delimiter: string, most: number): number {
  let line = 1;
  for (let start = 0; start < text.length; line += 1) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Only a line at least as long as the limit can hold that many values.
    if (end - start > most && valuesOnLine(text, start, end, delimiter) > most) return line;
    start = end + 1;
  }
  return 0;
}

function valuesOnLine(text: string, start: number, end: number, delimiter: string): number {
  let values = 1;
  let quoted = false;
  for (let i = start; i < end; i += 1) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) values += 1;
  }
  return values;
}

function countOf(text: string, what: string): number {
  let count = 0;
  for (let at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length)) count += 1;
  return count;
}

export function tableFromCsv(fileName: string, input: string, limits: ImportLimits = IMPORT_LIMITS): CsvRead {
  const problems: Problem[] = [];
  const delimiter = headerDelimiter(input);
  const { text, newline } = oneLineEnding(input);
  const wide = lineWithTooManyValues(text, delimiter, limits.columns);
  if (wide > 0) {
    problems.push(importProblem(fileName, 0, '', 'file_too_large', `${fileName} line ${wide.toLocaleString('en-GB')} has more than ${limits.columns.toLocaleString('en-GB')} values, more columns than Excel itself allows: the file is damaged or not an export.`, 'file skipped; export it again from the DMS'));
    return { value: null, problems };
  }
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter, newline });
  let records = parsed.data;
  const quoteTrouble = parsed.errors.some((e) => e.type === 'Quotes')
    // Fewer rows than lines: some value holds line breaks. Fine, unless one looks like rows swallowed.
    || (records.length < countOf(text, newline) + 1 && hasSuspectMultilineValue(records, delimiter));
  if (quoteTrouble) {
    const read = recordsLineByLine(text, delimiter);
    records = read.records;
    for (const bad of read.badRows) {
      problems.push(importProblem(fileName, bad.row, '', 'row_malformed', `${fileName} row ${bad.row}: ${bad.reason}.`, bad.action, bad.line));
    }
  } else {
    // papaparse reports e.g. an unclosed quote against a record index; keep it as data for the user.
    for (const error of parsed.errors) {
      const row = error.row === undefined ? 0 : error.row + 1;
      problems.push(importProblem(fileName, row, '', 'row_malformed', `${fileName} row ${row}: ${error.message}.`, 'row read as far as it could be; check it in the file'));
    }
  }
  const headerIndex = records.findIndex((r) => !isBlankRecord(r));
  if (headerIndex < 0) {
    problems.push(importProblem(fileName, 0, '', 'file_empty', `${fileName} is empty: it has no header row and no data.`, 'file skipped; export it again from the DMS'));
    return { value: null, problems };
  }
  const headers = (records[headerIndex] ?? []).map((h) => h.trim());
  const rows: RawCell[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < records.length; i += 1) {
    const record = records[i] ?? [];
    if (isBlankRecord(record)) continue;
    rows.push(record);
    rowNumbers.push(i + 1);
  }
  return { value: { fileName, headers, rows, rowNumbers, headerRow: headerIndex + 1 }, problems };
}
