/**
 * The core's one public entry: everything the shells (the command line and worker in `worker/`,
 * the Excel add-in in `addin/`) may use. A lint rule keeps them to this file, so the core's inside
 * can change without them noticing.
 *
 * @example
 * import { rebuildWorkbook, type ExportSource, type WorkbookStore } from '../core/index.ts';
 */
export { rebuildWorkbook, readKeptState, readOnlyWorkbook, contactLogKey, SHEETS_READ_BACK, type ExportFile, type ExportSource, type WorkbookStore, type WorkbookWrite, type RebuildRequest, type Rebuilt, type RebuildStopped, type SendOutcome } from './rebuild.ts';
export type { KeptState } from './kept-state.ts';

// Calendar dates: the only dates the core knows.
export { excelSerial, fromExcelSerial, isIsoDate, londonDate, type IsoDate } from './calendar.ts';

// Records and what is computed from them.
export { RECORD_KINDS, METHODS, type ContactLogEntry, type LapsedMark, type Method, type RecordKind } from './records.ts';
export type { Retention } from './retention.ts';
export type { DueAction, LifecycleRow } from './results.ts';
export { buildSummary, type BuildSummary } from './summary.ts';

// Reading exports: the shells bring bytes or cells, the core makes tables of them.
export { decodeExport, decodeExportChunks, exportDecoding, type DecodedText, type ExportDecoding } from './import/decode.ts';
export { tableFromCsv, tableFromCsvChunks, type CsvRead } from './import/csv.ts';
export { IMPORT_LIMITS, sizeText, type ImportLimits } from './import/limits.ts';
export { isDateCell, wholeTable, type DateCell, type RawCell, type RawRows, type RawTable } from './import/raw-table.ts';
export { importProblem, placeText, type Problem, type ProblemCode, type ProblemPlace, type ProblemSource, type Result } from './problems.ts';

// The Contact Log kept outside the workbook (a file of what was sent).
export { contactLogFromRows, contactLogFromTable, CONTACT_LOG_HEADERS } from './contact-log.ts';

// The workbook plan both renderers draw, and the names of its sheets.
export * from './workbook/index.ts';

// Messages: templates compiled once per run, and each due row's message for its channel.
export type { GarageIndex } from './garage-index.ts';
export { DEFAULT_SETTINGS, type GarageSettings } from './settings.ts';
export { compileTemplates, templateFile, TEMPLATE_PARTS, TEMPLATE_EXTENSION, PARTS_FOR_METHOD, type CompiledTemplates, type TemplateFiles, type TemplatePart } from './messages/templates.ts';
export { mergeContextFor, type MergeContext } from './messages/merge-context.ts';
export type { PreviewRow, RowReply, RowStatus, SendPreview } from './messages/worker-api-replies.ts';
export { approvedSends, awaitsSending, SEND_PENDING, type ApprovedSend, type ApprovedSends } from './messages/approved-sends.ts';
export { MERGE_FIELDS, greetingFor, type MergeFieldPath } from './messages/merge-fields.ts';
export { renderMessage, renderDueMessages, type RenderedMessage, type RenderedEmail, type RenderedSms, type RenderedLetter } from './messages/render.ts';
export { countSms, normaliseSmsText, type SmsCount, type SmsEncoding } from './messages/sms.ts';
export { smsSender, type SmsSender } from './messages/sms-sender.ts';
export { dailyAllowance, type DailyAllowance } from './messages/daily-allowance.ts';

// The individual process: one customer found by name, code or registration, one contact chosen by hand.
export { findCustomers, MATCHES_SHOWN, type CustomerMatch } from './contact/customer-search.ts';
export {
  individualAction,
  individualContactDues,
  individualMethods,
  individualProcess,
  type IndividualAction,
  type IndividualChoice,
  type IndividualContactDue,
  type IndividualMethod,
  type IndividualProcess,
  type IndividualSubject,
} from './schedule/individual.ts';
