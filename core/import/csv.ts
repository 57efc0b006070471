/**
 * CSV text → a RawTable, through papaparse. The delimiter is detected (comma, semicolon, tab);
 * quoted commas, quotes and line breaks survive. Row numbers are those a spreadsheet would show
 * (a quoted line break does not start a new row), so a problem's row can be found in Excel.
 */
import Papa from 'papaparse';
import { importProblem, type Problem, type Result } from '../problems.ts';
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

export function tableFromCsv(fileName: string, text: string): CsvRead {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: headerDelimiter(text) });
  const problems: Problem[] = [];
  const records = parsed.data;
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
  // papaparse reports e.g. an unclosed quote against a record index; keep it as data for the user.
  for (const error of parsed.errors) {
    const row = error.row === undefined ? 0 : error.row + 1;
    problems.push(importProblem(fileName, row, '', 'row_malformed', `${fileName} row ${row}: ${error.message}.`, 'row read as far as it could be; check it in the file'));
  }
  return { value: { fileName, headers, rows, rowNumbers, headerRow: headerIndex + 1 }, problems };
}
