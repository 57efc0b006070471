/**
 * Problems are data: collected while importing or reading a schedule, shown to the user on the
 * Import Problems sheet, never thrown. Codes are stable snake_case so tests and tools can rely on them.
 */

export type ProblemCode =
  | 'file_unreadable'
  | 'file_empty'
  | 'file_unrecognised'
  | 'header_unknown'
  | 'header_duplicate'
  | 'row_ragged'
  | 'row_malformed'
  | 'code_missing'
  | 'code_duplicate'
  | 'date_invalid'
  | 'date_placeholder'
  | 'phone_invalid'
  | 'phone_not_mobile'
  | 'phone_is_email'
  | 'email_invalid'
  | 'postcode_invalid'
  | 'number_invalid'
  | 'flag_invalid'
  | 'method_invalid'
  | 'status_invalid'
  | 'customer_unknown'
  | 'character_unwritable';

export interface ImportProblem {
  file: string;
  /** 1-based row in the file as a spreadsheet shows it (the header is row 1); 0 for the whole file. */
  row: number;
  column: string;
  value: string;
  code: ProblemCode;
  message: string;
  /** What was done about it: "left blank", "row skipped", "first kept". */
  action: string;
}
