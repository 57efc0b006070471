/**
 * Import problems for a terminal: whole-file problems in full (they lose a whole file's rows),
 * then the rest counted by kind with one example each; the workbook's Import Problems sheet
 * lists every one. What the files hold is printed cut and with control characters escaped.
 */
import { placeText, type Problem, type ProblemCode } from '../core/index.ts';
import { terminalLine } from './terminal-text.ts';

const LABELS: Partial<Record<ProblemCode, string>> = {
  header_unknown: 'columns not read',
  header_duplicate: 'columns named twice',
  row_ragged: 'rows with the wrong number of values',
  row_malformed: 'rows that could not be fully read',
  code_missing: 'rows with no code (skipped)',
  code_duplicate: 'duplicate codes (first kept)',
  date_invalid: 'dates that are not real dates',
  date_placeholder: 'placeholder dates (treated as blank)',
  phone_invalid: 'phone numbers that are not valid',
  phone_not_mobile: 'mobile numbers that are not mobiles',
  phone_is_email: 'email addresses in phone columns',
  email_invalid: 'email addresses that are not valid',
  postcode_invalid: 'postcodes that are not valid',
  number_invalid: 'numbers that could not be read',
  flag_invalid: 'yes/no values that could not be read',
  method_invalid: 'preferred methods not understood',
  status_invalid: 'statuses not understood',
  customer_unknown: 'vehicles whose customer is not exported',
  character_unwritable: 'cells with characters a workbook cannot hold (removed)',
  cell_too_long: 'cells longer than an Excel cell holds (cut)',
};

/** Problems that lose a whole file or sheet: printed in full. */
function isWhole(p: Problem): boolean {
  return p.code.startsWith('file_') || p.code === 'sheet_not_read';
}

export function problemDigest(problems: readonly Problem[]): string[] {
  if (problems.length === 0) return [];
  const lines: string[] = [];
  const wholeFile = problems.filter(isWhole);
  for (const p of wholeFile) lines.push(terminalLine(`${p.message} (${p.action})`));
  const byCode = new Map<ProblemCode, Problem[]>();
  for (const p of problems) {
    if (isWhole(p)) continue;
    const list = byCode.get(p.code);
    if (list) list.push(p);
    else byCode.set(p.code, [p]);
  }
  if (byCode.size > 0) {
    const rowCount = problems.length - wholeFile.length;
    lines.push(`${rowCount} problem(s) in rows and columns; each row was kept where it could stand, with the bad value left blank:`);
    for (const [code, list] of byCode) {
      const first = list[0]!;
      lines.push(terminalLine(`  ${String(list.length).padStart(5)} ${LABELS[code] ?? code} — e.g. ${placeText(first.where)}: ${first.message} (${first.action})`));
    }
  }
  return lines;
}
