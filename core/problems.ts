/**
 * Problems are data: collected while importing the exports or reading the workbook's kept sheets
 * back, shown to the user on the Import Problems sheet, never thrown. One shape for all of them,
 * after PapaParse's one error shape ({type, code, message, row}): where it came from, a stable
 * snake_case code tests and tools can rely on, a message in plain English (what happened and
 * what to do), where it is, the value as written and what was done about it.
 *
 * @example
 * { source: 'import', code: 'postcode_invalid', message: 'Postcode: "12345" is not a UK postcode.',
 *   where: { file: 'customers.csv', row: 7, column: 'Postcode' }, value: '12345', action: 'left blank' }
 */

/** What was being read: an export, a kept sheet, a Schedule rule, a Settings value, a contact log, a message template. */
export type ProblemSource = 'import' | 'sheet' | 'rule' | 'setting' | 'contact-log' | 'message';

/** Every problem code, in one list. */
export type ProblemCode =
  // A whole file or sheet.
  | 'file_unreadable'
  | 'file_empty'
  | 'file_unrecognised'
  | 'file_too_large'
  | 'file_not_read'
  | 'sheet_not_read'
  | 'header_unknown'
  | 'header_duplicate'
  | 'header_missing'
  // A row.
  | 'row_ragged'
  | 'row_malformed'
  | 'code_missing'
  | 'code_duplicate'
  | 'customer_unknown'
  // A value.
  | 'character_unwritable'
  | 'cell_too_long'
  | 'date_invalid'
  | 'date_placeholder'
  | 'phone_invalid'
  | 'phone_not_mobile'
  | 'phone_is_email'
  | 'email_invalid'
  | 'postcode_invalid'
  | 'number_invalid'
  | 'number_negative'
  | 'number_out_of_range'
  | 'flag_invalid'
  | 'method_invalid'
  | 'status_invalid'
  | 'choice_invalid'
  | 'text_invalid'
  | 'text_missing'
  | 'list_item_unknown'
  // Settings and Schedule rules.
  | 'setting_unknown'
  | 'setting_duplicate'
  | 'rule_id_missing'
  | 'rule_id_invalid'
  | 'rule_id_duplicate'
  | 'rule_id_unknown'
  | 'rule_listed_twice'
  | 'trigger_unknown'
  | 'purpose_unknown'
  | 'centre_unknown'
  | 'channel_unknown'
  | 'channel_duplicate'
  | 'condition_invalid'
  // Messages: a template, and a due row's message.
  | 'template_missing'
  | 'template_invalid'
  | 'template_field_unknown'
  | 'merge_value_missing'
  | 'opt_out_missing';

/** Where a problem is; only what is known is given. */
export interface ProblemPlace {
  /** An export or a contact-log file, by the name the user knows (no folders). */
  file?: string;
  /** A sheet of the garage's workbook. */
  sheet?: string;
  /** 1-based row as a spreadsheet shows it (the header is usually row 1); absent for a whole file or sheet. */
  row?: number;
  /** The column's header. */
  column?: string;
  /** The cell on a sheet, "B7"; "7:7" for a whole row. */
  address?: string;
  /** The Schedule rule it is about, by Rule ID. */
  rule?: string;
  /** For a custom rule, its index among the Schedule's custom rows: where the sheet shows the message. */
  customRule?: number;
  /** The rule setting at fault before it has a cell, e.g. "offsetDays". */
  field?: string;
  /** The Due Actions row a message is for, by Action ID. */
  actionId?: string;
}

export interface Problem {
  source: ProblemSource;
  code: ProblemCode;
  /** Plain English: what happened and what to do. */
  message: string;
  where: ProblemPlace;
  /** The value as it was written; '' when the problem is not about one value. */
  value: string;
  /** What was done about it: "left blank", "row skipped", "first kept". */
  action: string;
}

/** What every reader returns: what it could read, and every problem on the way. */
export interface Result<T> {
  value: T;
  problems: Problem[];
}

/** The most of a value a problem keeps: what one Excel cell holds. */
export const MOST_VALUE_CHARS = 32_767;
/** The longest message: a value echoed in one (a 200 MB header) must not make it unreadable. */
export const MOST_MESSAGE_CHARS = 600;

/** The text cut in the middle to `most` characters, keeping its start and end, saying how much was cut. */
export function cutText(text: string, most: number): string {
  if (text.length <= most) return text;
  const note = `…[${(text.length - most).toLocaleString('en-GB')} characters not shown]…`;
  const keep = Math.max(0, most - note.length);
  return `${text.slice(0, Math.ceil(keep / 2))}${note}${text.slice(text.length - Math.floor(keep / 2))}`;
}

/** A problem in an export file; row 0 (or none) is the whole file. Long messages and values are cut. */
export function importProblem(file: string, row: number, column: string, code: ProblemCode, message: string, action: string, value = ''): Problem {
  return {
    source: 'import',
    code,
    message: cutText(message, MOST_MESSAGE_CHARS),
    where: placeOf({ file: cutText(file, 200), row, column: cutText(column, 200) }),
    value: value.length > MOST_VALUE_CHARS ? value.slice(0, MOST_VALUE_CHARS) : value,
    action,
  };
}

/**
 * A problem with one setting of a Schedule rule, before it has a cell: the Schedule reader places
 * it (sheet, cell, rule) and says what was done; by itself a rule that cannot be read is skipped.
 */
export function ruleProblem(field: string, code: ProblemCode, message: string, action = 'rule skipped'): Problem {
  return { source: 'rule', code, message, where: { field }, value: '', action };
}

/** The place without its empty parts: no '' column, no row 0. */
export function placeOf(place: ProblemPlace): ProblemPlace {
  const out: ProblemPlace = {};
  for (const [key, value] of Object.entries(place) as [keyof ProblemPlace, string | number | undefined][]) {
    if (value !== undefined && value !== '' && !(key === 'row' && value === 0)) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** "customers.csv row 7 (Postcode)" or "Settings!B7": where a problem is, for a line of text. */
export function placeText(where: ProblemPlace): string {
  if (where.sheet) return where.address ? `${where.sheet}!${where.address}` : where.sheet;
  return `${where.file ?? ''}${where.row ? ` row ${where.row}` : ''}${where.column ? ` (${where.column})` : ''}`;
}
