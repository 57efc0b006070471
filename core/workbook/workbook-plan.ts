/**
 * The whole workbook for one build: every sheet of the SPEC's Sheets table, in its order, plus
 * the kept Lapsed sheet after Lapsing, and each summary on a sheet of its own after its details.
 *
 * @example
 * const plan = workbookPlan({ retention, settings, importProblems, contactLog, lapsedMarks,
 *   schedule: defaultSchedule(settings) });
 * await writeWorkbook(plan, 'retention.xlsx'); // worker/xlsx
 */
import type { ContactLogEntry, LapsedMark } from '../records.ts';
import type { Problem } from '../problems.ts';
import type { Retention } from '../retention.ts';
import type { GarageSettings } from '../settings.ts';
import { lazySheets, type PlanSheet, type WorkbookPlan } from './plan.ts';
import { fitColumns } from './fit-columns.ts';
import { printSetup } from './print.ts';
import { SHEET_NOTES } from './sheet-notes.ts';
import { withAddedColumns, type AddedColumns } from './added-columns.ts';
import { auditSheet, auditSummarySheet } from './sheets/audit.ts';
import { bookingsSheet } from './sheets/bookings.ts';
import { contactLogSheet } from './sheets/contact-log.ts';
import { customersSheet } from './sheets/customers.ts';
import { dissatisfactionSheet, dissatisfactionSummarySheet } from './sheets/dissatisfaction.ts';
import { dueActionsSheet, type DueEdit } from './sheets/due-actions.ts';
import { importProblemsSheet } from './sheets/import-problems.ts';
import { driftingSheet, lapsedSheet, lapsingSheet } from './sheets/lifecycle.ts';
import { advisoriesSheet, jobsSheet, unitsSheet } from './sheets/records.ts';
import { scheduleSheet, type ScheduleInput } from './sheets/schedule.ts';
import { settingsSheet } from './sheets/settings.ts';

export interface WorkbookInput {
  retention: Retention;
  settings: GarageSettings;
  /** Problems found importing the exports. */
  importProblems: readonly Problem[];
  /** Problems found reading the workbook's own sheets back (settingsFromRows, dueEditsFromRows, …). */
  sheetProblems?: readonly Problem[];
  contactLog: readonly ContactLogEntry[];
  lapsedMarks: readonly LapsedMark[];
  /** The rules in force, the custom rows as the user wrote them, and their problems (scheduleFromRows, or defaultSchedule). */
  schedule: ScheduleInput;
  /** The user's Approve / Method (and send results) on Due Actions, by Action ID (dueEditsFromRows). */
  dueEdits?: ReadonlyMap<string, DueEdit>;
  /** Columns the garage added to kept tables, by sheet name (addedColumnsFromSheet). */
  addedColumns?: ReadonlyMap<string, AddedColumns>;
}

/** The sheet names, in the order the workbook has them. */
export const SHEET_ORDER = [
  'Due Actions',
  'Customers',
  'Units',
  'Jobs',
  'Advisories',
  'Bookings',
  'Audit',
  'Audit Summary',
  'Drifting',
  'Lapsing',
  'Lapsed',
  'Dissatisfaction',
  'Dissatisfaction Summary',
  'Contact Log',
  'Schedule',
  'Settings',
  'Import Problems',
] as const;

export function workbookPlan(input: WorkbookInput): WorkbookPlan {
  const { retention, settings } = input;
  const { garage } = retention;
  // Each sheet is drawn when first read (lazySheets): the writer takes them one at a time.
  const draws: (() => PlanSheet)[] = [
    () => dueActionsSheet(retention.dueActions, input.dueEdits),
    () => customersSheet(garage, retention.lifecycle, settings),
    () => unitsSheet(garage),
    () => jobsSheet(garage),
    () => advisoriesSheet(garage),
    () => bookingsSheet(retention.bookings, settings),
    () => auditSheet(retention.audit, retention.monthlyPerformance, garage),
    () => auditSummarySheet(retention.audit, retention.monthlyPerformance),
    () => driftingSheet(retention.lifecycle),
    () => lapsingSheet(retention.lifecycle),
    () => lapsedSheet(input.lapsedMarks, garage, retention.lapsedReturns),
    () => dissatisfactionSheet(retention.dissatisfaction),
    () => dissatisfactionSummarySheet(retention.dissatisfaction),
    () => contactLogSheet(input.contactLog),
    () => scheduleSheet(input.schedule),
    () => settingsSheet(settings),
    // Schedule problems show on the Schedule rows and here, with the rest.
    () => importProblemsSheet([...input.importProblems, ...(input.sheetProblems ?? []), ...input.schedule.problems]),
  ];
  const paper = (sheet: PlanSheet) => forPaper(withAddedColumns(sheet, input.addedColumns?.get(sheet.name)), retention.asOf);
  return { asOf: retention.asOf, sheets: lazySheets(draws.map((draw) => () => paper(draw()))) };
}

/** What the sheet says of itself, widths fitted to the content, and the print layout from those widths. */
function forPaper(sheet: PlanSheet, asOf: string): PlanSheet {
  const table = fitColumns(sheet.table);
  const note = SHEET_NOTES[sheet.name as keyof typeof SHEET_NOTES] ?? null;
  return { ...sheet, table, note, print: printSetup({ table, note }, asOf) };
}
