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

/** What one pass over the line feeds finds: how rows end, and the first line too wide to parse. */
interface LineScan {
  /** Line feeds, and those with a CR before them. */
  lineFeeds: number;
  crlfs: number;
  /** The 1-based line holding more than the most values allowed, or 0. */
  tooWide: number;
}

/** One pass over the line feeds (indexOf, no per-character work on ordinary lines). */
function scanLines(text: string, delimiter: string, mostValues: number): LineScan {
  let lineFeeds = 0;
  let crlfs = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const lineEnd = end < 0 ? text.length : end;
    // Only a line at least as long as the limit can hold that many values.
    if (lineEnd - start > mostValues && valuesOnLine(text, start, lineEnd, delimiter, mostValues) > mostValues) return { lineFeeds, crlfs, tooWide: lineFeeds + 1 };
    if (end < 0) break;
    lineFeeds += 1;
    if (text.charCodeAt(end - 1) === 13) crlfs += 1;
    start = end + 1;
  }
  return { lineFeeds, crlfs, tooWide: 0 };
}

/** Values on the line outside quotes, counted only until there are more than `most`. */
function valuesOnLine(text: string, start: number, end: number, delimiter: string, most: number): number {
  const [quote, separator] = [34, delimiter.charCodeAt(0)];
  let values = 1;
  let quoted = false;
  for (let i = start; i < end && values <= most; i += 1) {
    const c = text.charCodeAt(i);
    if (c === quote) quoted = !quoted;
    else if (c === separator && !quoted) values += 1;
  }
  return values;
}

function countOf(text: string, what: string): number {
  let count = 0;
  for (let at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) count += 1;
  return count;
}

/**
 * The text with one kind of line ending, and that ending for papaparse (which otherwise guesses one
 * for the whole file and reads the others as part of a value), and how many rows the lines make.
 */
function oneLineEnding(text: string, scan: LineScan): { text: string; newline: '\n' | '\r\n'; lineBreaks: number } {
  const crs = scan.crlfs === 0 && !text.includes('\r') ? 0 : countOf(text, '\r');
  if (crs === 0) return { text, newline: '\n', lineBreaks: scan.lineFeeds };
  if (crs === scan.crlfs && scan.crlfs === scan.lineFeeds) return { text, newline: '\r\n', lineBreaks: scan.crlfs };
  // Mixed: every CRLF, CR and LF ends a row.
  return { text: text.replace(/\r\n?/g, '\n'), newline: '\n', lineBreaks: scan.lineFeeds + crs - scan.crlfs };
}

export function tableFromCsv(fileName: string, input: string, limits: ImportLimits = IMPORT_LIMITS): CsvRead {
  const problems: Problem[] = [];
  const delimiter = headerDelimiter(input);
  const scan = scanLines(input, delimiter, limits.columns);
  if (scan.tooWide > 0) {
    problems.push(importProblem(fileName, 0, '', 'file_too_large', `${fileName} line ${scan.tooWide.toLocaleString('en-GB')} has more than ${limits.columns.toLocaleString('en-GB')} values, more columns than Excel itself allows: the file is damaged or not an export.`, 'file skipped; export it again from the DMS'));
    return { value: null, problems };
  }
  const { text, newline, lineBreaks } = oneLineEnding(input, scan);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter, newline });
  let records = parsed.data;
  const quoteTrouble = parsed.errors.some((e) => e.type === 'Quotes')
    // Fewer rows than lines: some value holds line breaks. Fine, unless one looks like rows swallowed.
    || (records.length < lineBreaks + 1 && hasSuspectMultilineValue(records, delimiter));
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
