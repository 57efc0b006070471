/**
 * CSV text → a RawTable, through papaparse. The delimiter is detected (comma, semicolon, tab);
 * quoted commas, quotes and line breaks survive. Row numbers are those a spreadsheet would show
 * (a quoted line break does not start a new row), so a problem's row can be found in Excel.
 */
import Papa from 'papaparse';
import type { ImportProblem } from '../problems.ts';
import type { RawCell, RawTable } from './raw-table.ts';

export interface CsvRead {
  table: RawTable | null;
  problems: ImportProblem[];
}

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
  const problems: ImportProblem[] = [];
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => !isBlankRecord(r));
  if (headerIndex < 0) {
    problems.push({
      file: fileName, row: 0, column: '', value: '', code: 'file_empty',
      message: `${fileName} is empty: it has no header row and no data.`,
      action: 'file skipped; export it again from the DMS',
    });
    return { table: null, problems };
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
    problems.push({
      file: fileName, row, column: '', value: '', code: 'row_malformed',
      message: `${fileName} row ${row}: ${error.message}.`,
      action: 'row read as far as it could be; check it in the file',
    });
  }
  return { table: { fileName, headers, rows, rowNumbers, headerRow: headerIndex + 1 }, problems };
}
