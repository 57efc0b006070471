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
import type { RawCell, RawRows, RawTable } from './raw-table.ts';
import { hasUnwritable } from '../values/workbook-text.ts';

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

/** One text's records (a whole file, or a piece of one cut between rows), with the problems found reading them. */
interface TextRecords {
  records: string[][];
  problems: Problem[];
  /** The 1-based line (in this text) holding more values than allowed, or 0: the file is then refused. */
  tooWide: number;
  /** Line breaks in this text. */
  lineFeeds: number;
}

/**
 * Where this text starts in its file, so problems name the file's rows: records (rows as papaparse
 * counts them) before it, and the header's width once known (what a row swallowed by a stray quote
 * is told by).
 */
export interface TextPlace {
  recordsBefore: number;
  width?: number;
}

function textRecords(fileName: string, input: string, delimiter: string, limits: ImportLimits, place: TextPlace): TextRecords {
  const problems: Problem[] = [];
  const scan = scanLines(input, delimiter, limits.columns);
  if (scan.tooWide > 0) return { records: [], problems, tooWide: scan.tooWide, lineFeeds: scan.lineFeeds };
  // An empty text between two line breaks is one blank row, as papaparse reads it inside a file.
  if (input === '') return { records: [['']], problems, tooWide: 0, lineFeeds: 0 };
  const { text, newline, lineBreaks } = oneLineEnding(input, scan);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter, newline });
  let records = parsed.data;
  const quoteTrouble = parsed.errors.some((e) => e.type === 'Quotes')
    // Fewer rows than lines: some value holds line breaks. Fine, unless one looks like rows swallowed.
    || (records.length < lineBreaks + 1 && hasSuspectMultilineValue(records, delimiter, place.width));
  const before = place.recordsBefore;
  if (quoteTrouble) {
    const read = recordsLineByLine(text, delimiter, place.width);
    records = read.records;
    for (const bad of read.badRows) {
      const row = before + bad.row;
      problems.push(importProblem(fileName, row, '', 'row_malformed', `${fileName} row ${row}: ${bad.reason}.`, bad.action, bad.line));
    }
  } else {
    // papaparse reports e.g. an unclosed quote against a record index; keep it as data for the user.
    for (const error of parsed.errors) {
      const row = error.row === undefined ? 0 : before + error.row + 1;
      problems.push(importProblem(fileName, row, '', 'row_malformed', `${fileName} row ${row}: ${error.message}.`, 'row read as far as it could be; check it in the file'));
    }
  }
  return { records, problems, tooWide: 0, lineFeeds: scan.lineFeeds };
}

function tooWideProblem(fileName: string, line: number, limits: ImportLimits): Problem {
  return importProblem(fileName, 0, '', 'file_too_large', `${fileName} line ${line.toLocaleString('en-GB')} has more than ${limits.columns.toLocaleString('en-GB')} values, more columns than Excel itself allows: the file is damaged or not an export.`, 'file skipped; export it again from the DMS');
}

function emptyFileProblem(fileName: string): Problem {
  return importProblem(fileName, 0, '', 'file_empty', `${fileName} is empty: it has no header row and no data.`, 'file skipped; export it again from the DMS');
}

/** The non-blank records from `from` on, with their spreadsheet row numbers. */
function dataRows(records: string[][], from: number, recordsBefore: number): { rows: RawCell[][]; rowNumbers: number[] } {
  const rows: RawCell[][] = [];
  const rowNumbers: number[] = [];
  for (let i = from; i < records.length; i += 1) {
    const record = records[i] ?? [];
    if (isBlankRecord(record)) continue;
    rows.push(record);
    rowNumbers.push(recordsBefore + i + 1);
  }
  return { rows, rowNumbers };
}

export function tableFromCsv(fileName: string, input: string, limits: ImportLimits = IMPORT_LIMITS): CsvRead {
  const read = textRecords(fileName, input, headerDelimiter(input), limits, { recordsBefore: 0 });
  if (read.tooWide > 0) return { value: null, problems: [...read.problems, tooWideProblem(fileName, read.tooWide, limits)] };
  const { records, problems } = read;
  const headerIndex = records.findIndex((r) => !isBlankRecord(r));
  if (headerIndex < 0) {
    problems.push(emptyFileProblem(fileName));
    return { value: null, problems };
  }
  const headers = (records[headerIndex] ?? []).map((h) => h.trim());
  const { rows, rowNumbers } = dataRows(records, headerIndex + 1, 0);
  return { value: { fileName, headers, rows, rowNumbers, headerRow: headerIndex + 1 }, problems };
}

/**
 * A CSV read as it arrives, in pieces of about PIECE_CHARS cut between rows: the table holds the
 * first piece's rows and `more` yields the rest, each imported and let go before the next is
 * parsed. No file is ever one string (V8's longest is about 512 M characters), and raw rows die
 * young, where collecting them is cheap. Each piece is read exactly as a whole file is (papaparse,
 * the line-by-line reading after a quote problem), with rows numbered as in the whole file.
 * `problems` grows while `more` is read: take it once `more` is done.
 */
export async function tableFromCsvChunks(fileName: string, chunks: AsyncIterable<string>, limits: ImportLimits = IMPORT_LIMITS): Promise<CsvRead> {
  const pieces = csvPieces(chunks)[Symbol.asyncIterator]();
  const problems: Problem[] = [];
  let delimiter = '';
  let recordsBefore = 0;
  let linesBefore = 0;
  const readPiece = (text: string, width?: number): TextRecords | null => {
    if (delimiter === '') delimiter = headerDelimiter(text);
    const read = textRecords(fileName, text, delimiter, limits, { recordsBefore, width });
    problems.push(...read.problems);
    if (read.tooWide > 0) {
      problems.push(tooWideProblem(fileName, linesBefore + read.tooWide, limits));
      return null;
    }
    return read;
  };
  const advance = (read: TextRecords) => {
    recordsBefore += read.records.length;
    linesBefore += read.lineFeeds + 1;
  };
  // Until the header: a file may open with blank lines.
  for (;;) {
    const next = await pieces.next();
    if (next.done) {
      problems.push(emptyFileProblem(fileName));
      return { value: null, problems };
    }
    const read = readPiece(next.value);
    if (read === null) return { value: null, problems };
    const headerIndex = read.records.findIndex((r) => !isBlankRecord(r));
    if (headerIndex < 0) {
      advance(read);
      continue;
    }
    const headerRow = recordsBefore + headerIndex + 1;
    const headers = (read.records[headerIndex] ?? []).map((h) => h.trim());
    const width = read.records[headerIndex]!.length;
    const first = dataRows(read.records, headerIndex + 1, recordsBefore);
    advance(read);
    async function* more(): AsyncGenerator<RawRows> {
      for (let next = await pieces.next(); !next.done; next = await pieces.next()) {
        const piece = readPiece(next.value, width);
        // A line too wide to be a row: the file is damaged from there; what came before is kept.
        if (piece === null) return;
        const batch = dataRows(piece.records, 0, recordsBefore);
        advance(piece);
        yield { ...batch, writable: !hasUnwritable(next.value) };
      }
    }
    // Cells are pieces of the text, so text a workbook can hold whole has no cell it cannot.
    const writable = !hasUnwritable(next.value);
    return { value: { fileName, headers, rows: first.rows, rowNumbers: first.rowNumbers, headerRow, more: more(), writable }, problems };
  }
}

/** About how many characters a piece of a CSV holds: its rows stay in the young generation. */
export const PIECE_CHARS = 1 << 20;
/** A piece grows to this while no row boundary can be found outside quotes (a stray quote), then is cut at a line break. */
export const LONGEST_PIECE_CHARS = 64 << 20;

/**
 * The text in pieces, each cut at a line break outside quotes (an even number of quote marks
 * before it), the break itself left out; the last piece is what follows the last cut.
 */
export async function* csvPieces(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let held: string[] = [];
  let heldChars = 0;
  for await (const chunk of chunks) {
    held.push(chunk);
    heldChars += chunk.length;
    if (heldChars < PIECE_CHARS) continue;
    const text = held.join('');
    const cut = cutOutsideQuotes(text, heldChars >= LONGEST_PIECE_CHARS);
    if (cut < 0) {
      held = [text];
      continue;
    }
    yield text.slice(0, cut > 0 && text.charCodeAt(cut - 1) === 13 ? cut - 1 : cut);
    const rest = text.slice(cut + 1);
    held = [rest];
    heldChars = rest.length;
  }
  yield held.join('');
}

/** The last line feed with an even number of quote marks before it (any last one when `anyLine`), or -1. */
function cutOutsideQuotes(text: string, anyLine: boolean): number {
  const last = text.lastIndexOf('\n');
  if (last < 0 || anyLine) return last;
  const quotes: number[] = [];
  for (let at = text.indexOf('"'); at >= 0 && at < last; at = text.indexOf('"', at + 1)) quotes.push(at);
  if (quotes.length % 2 === 0) return last;
  // Between quote 2k and 2k+1 (0-based, counting from the end) lies text outside quotes.
  for (let k = quotes.length - 1; k >= 0; k -= 2) {
    const after = k === 0 ? -1 : quotes[k - 1]!;
    const lineFeed = text.lastIndexOf('\n', quotes[k]!);
    if (lineFeed > after) return lineFeed;
  }
  return -1;
}
