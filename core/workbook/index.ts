/**
 * The workbook plan and the readers of its kept sheets: what the command line and the add-in
 * import to draw a workbook and to read the garage's edits back.
 */
export * from './plan.ts';
export { workbookPlan, SHEET_ORDER, type WorkbookInput } from './workbook-plan.ts';
export { columnLetter, formulaForRow } from './columns.ts';
export type { SheetCell, SheetTable } from './sheet-table.ts';
export { DUE_ACTIONS_SHEET, NO_ACTIONS_REQUIRED, APPROVALS, rowMethod, type Approval, type DueEdit } from './sheets/due-actions.ts';
export { SCHEDULE_SHEET, defaultSchedule, type ScheduleInput } from './sheets/schedule.ts';
export { SETTINGS_SHEET } from './sheets/settings.ts';
export { CONTACT_LOG_SHEET } from './sheets/contact-log.ts';
export { LAPSED_SHEET, LAPSING_SHEET } from './sheets/lifecycle.ts';
export { settingsFromRows } from './read/settings.ts';
export { scheduleDefinitionsFromRows, scheduleFromRows, type ScheduleDefinitions } from './read/schedule.ts';
export { dueEditsFromRows, refusedMethods } from './read/due-edits.ts';
export { lapsedMarksFromRows, lapsingMarksFromRows } from './read/lapsed.ts';
export { contactLogFromSheet } from './read/contact-log.ts';
