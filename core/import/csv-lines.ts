/**
 * Reading a CSV line by line, for a file with a quote problem, so one stray quote costs at most its
 * own row. Each line is a row, except where a quote opens a value that closes on a later line
 * within a few lines and the lines between read as one row of the header's width (an address or a
 * note typed with line breaks). Otherwise the quote is a stray: its line alone is the bad row, read
 * with the quote kept as written, and reading goes on from the next line.
 */
import Papa from 'papaparse';

/** The most lines one value may run over before its opening quote is taken for a stray. */
export const MOST_LINES_IN_A_VALUE = 50;

export interface BadRow {
  /** The spreadsheet row (as the records are counted). */
  row: number;
  reason: string;
  action: string;
  /** The line as written. */
  line: string;
}

export interface LineByLine {
  records: string[][];
  badRows: BadRow[];
}

function quotesIn(line: string): number {
  let count = 0;
  for (let at = line.indexOf('"'); at >= 0; at = line.indexOf('"', at + 1)) count += 1;
  return count;
}

function delimitersIn(line: string, delimiter: string): number {
  return line.split(delimiter).length - 1;
}

/** One line that holds whole values, through papaparse (quoted commas and doubled quotes); its error if any. */
function parseLine(line: string, delimiter: string): { record: string[]; error: string | null } {
  if (!line.includes('"')) return { record: line.split(delimiter), error: null };
  const parsed = Papa.parse<string[]>(line, { delimiter, newline: '\n', skipEmptyLines: false });
  return { record: parsed.data[0] ?? [''], error: parsed.errors[0]?.message ?? null };
}

/**
 * Would these lines, after the first, read as rows of their own? A line between the first and the
 * last with a value for (nearly) every column looks like a row swallowed by a stray quote, not
 * the middle of an address.
 */
function holdsRows(lines: readonly string[], delimiter: string, width: number): boolean {
  if (width < 3) return false;
  for (let k = 1; k < lines.length - 1; k += 1) if (delimitersIn(lines[k]!, delimiter) >= width - 1) return true;
  return false;
}

/** True when a value with line breaks in papaparse's reading may be rows swallowed by a stray quote. */
/** `headerWidth`: the header's, for a piece of a file after the one the header was in. */
export function hasSuspectMultilineValue(records: readonly string[][], delimiter: string, headerWidth?: number): boolean {
  const width = headerWidth ?? records.find((r) => r.some((v) => v.trim() !== ''))?.length ?? 0;
  for (const record of records) {
    for (const value of record) {
      if (!value.includes('\n') && !value.includes('\r')) continue;
      const lines = value.split(/\r\n|\r|\n/);
      if (record.length !== width || lines.length > MOST_LINES_IN_A_VALUE || holdsRows(['', ...lines, ''], delimiter, width)) return true;
    }
  }
  return false;
}

export function recordsLineByLine(text: string, delimiter: string, headerWidth = 0): LineByLine {
  const lines = text.split(/\r\n|\r|\n/);
  const records: string[][] = [];
  const badRows: BadRow[] = [];
  let width = headerWidth;
  const take = (record: string[]) => {
    records.push(record);
    if (width === 0 && record.some((v) => v.trim() !== '')) width = record.length;
  };
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    if (quotesIn(line) % 2 === 0) {
      const { record, error } = parseLine(line, delimiter);
      take(record);
      if (error) badRows.push({ row: records.length, reason: `${error} (a quote mark in the wrong place)`, action: 'row read as far as it could be; check it in the file', line });
      i += 1;
      continue;
    }
    // An odd number of quotes: a value with line breaks starts here, or the quote is a stray.
    let end = i + 1;
    let open = true;
    for (; end < lines.length && end - i < MOST_LINES_IN_A_VALUE && open; end += 1) if (quotesIn(lines[end]!) % 2 === 1) open = false;
    if (!open) {
      const group = lines.slice(i, end);
      const parsed = Papa.parse<string[]>(group.join('\n'), { delimiter, newline: '\n', skipEmptyLines: false });
      const record = parsed.data[0];
      if (record && parsed.data.length === 1 && parsed.errors.length === 0 && (width === 0 || record.length === width) && !holdsRows(group, delimiter, width)) {
        take(record);
        i = end;
        continue;
      }
    }
    take(line.split(delimiter));
    badRows.push({
      row: records.length,
      reason: 'a quote mark (") opens a value that is not closed on its line, so the line was read on its own with the quote kept as written; the rows after it were read as usual',
      action: 'row read with the quote mark as part of the value; check it in the file',
      line,
    });
    i += 1;
  }
  return { records, badRows };
}
