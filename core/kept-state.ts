/**
 * What the garage keeps in its workbook from one build to the next: the Contact Log, the Schedule,
 * the Settings, the lapsed marks (the Lapsed sheet, plus Yes under Mark Lapsed on Lapsing) and its
 * choices on Due Actions. Read from the sheets before recomputing, so the rebuilt workbook carries
 * them on.
 *
 * A kept sheet that is gone, or has lost a column the garage's history is in, stops the build:
 * writing the workbook again would lose that history. Smaller damage (text in a date cell) is
 * reported with its sheet and cell, and the rest is read.
 */
import type { IsoDate } from './calendar.ts';
import type { Problem } from './problems.ts';
import type { ContactLogEntry, LapsedMark } from './records.ts';
import type { DueAction } from './results.ts';
import { DEFAULT_SETTINGS, type GarageSettings } from './settings.ts';
import {
  CONTACT_LOG_SHEET,
  contactLogFromSheet,
  defaultSchedule,
  DUE_ACTIONS_SHEET,
  dueEditsFromRows,
  LAPSED_SHEET,
  lapsedMarksFromRows,
  LAPSING_SHEET,
  lapsingMarksFromRows,
  rowMethod,
  SCHEDULE_SHEET,
  scheduleFromRows,
  SETTINGS_SHEET,
  settingsFromRows,
  type DueEdit,
  type ScheduleInput,
  type SheetTable,
} from './workbook/index.ts';
import { addedColumnsFromSheet, SHEETS_WITH_ADDED_COLUMNS, type AddedColumns } from './workbook/added-columns.ts';

export interface KeptState {
  settings: GarageSettings;
  schedule: ScheduleInput;
  contactLog: ContactLogEntry[];
  lapsedMarks: LapsedMark[];
  dueEdits: Map<string, DueEdit>;
  /** Columns the garage added to Due Actions, the Contact Log or Lapsed, by sheet: written back on rebuild. */
  addedColumns: Map<string, AddedColumns>;
  /** Cells that could not be read; each says what was done instead. */
  problems: Problem[];
}

export type KeptStateRead = { state: KeptState } | { damage: string[] };

const REQUIRED_COLUMNS = {
  contactLog: ['Action ID', 'Sent At', 'Status'],
  dueActions: ['Action ID', 'Approve', 'Method'],
};

/** The sheets without which the garage's history would be lost. */
export const KEPT_SHEETS = [CONTACT_LOG_SHEET, SCHEDULE_SHEET, SETTINGS_SHEET, LAPSED_SHEET] as const;

/** A new workbook's state: default settings and schedule, nothing sent, nobody lapsed. */
export function freshState(settings: GarageSettings = DEFAULT_SETTINGS): KeptState {
  return { settings, schedule: defaultSchedule(settings), contactLog: [], lapsedMarks: [], dueEdits: new Map(), addedColumns: new Map(), problems: [] };
}

export function keptStateFromSheets(sheets: ReadonlyMap<string, SheetTable>, asOf: IsoDate, by: string): KeptStateRead {
  const missing = KEPT_SHEETS.filter((name) => !sheets.has(name));
  if (missing.length > 0) {
    return {
      damage: missing.map((name) => `the workbook has no "${name}" sheet (was it renamed or deleted?); name the sheet "${name}" again, or restore the workbook from a copy`),
    };
  }
  const logSheet = sheets.get(CONTACT_LOG_SHEET)!;
  const dueSheet = sheets.get(DUE_ACTIONS_SHEET);
  // The columns the garage's history and choices are read from; without one, they would be lost.
  const lostColumns = [
    ...REQUIRED_COLUMNS.contactLog.filter((h) => !logSheet.headers.includes(h)).map((h) => [CONTACT_LOG_SHEET, h]),
    ...(dueSheet ? REQUIRED_COLUMNS.dueActions.filter((h) => !dueSheet.headers.includes(h)).map((h) => [DUE_ACTIONS_SHEET, h]) : []),
  ];
  if (lostColumns.length > 0) {
    return { damage: lostColumns.map(([sheet, h]) => `the "${sheet}" sheet has no "${h}" column (was it deleted or renamed?); put the column back, or restore the workbook from a copy`) };
  }
  const problems: Problem[] = [];
  const settingsRead = settingsFromRows(sheets.get(SETTINGS_SHEET)!);
  const settings = settingsRead.value;
  const schedule = scheduleFromRows(sheets.get(SCHEDULE_SHEET)!, settings).value;
  const log = contactLogFromSheet(logSheet);
  const lapsed = lapsedMarksFromRows(sheets.get(LAPSED_SHEET)!, asOf);
  const lapsingSheet = sheets.get(LAPSING_SHEET);
  const lapsing = lapsingSheet ? lapsingMarksFromRows(lapsingSheet, asOf, by) : { value: [], problems: [] };
  const due = dueSheet ? dueEditsFromRows(dueSheet) : { value: new Map<string, DueEdit>(), problems: [] };
  problems.push(...settingsRead.problems, ...log.problems, ...lapsed.problems, ...lapsing.problems, ...due.problems);

  // A kept column gone means history that cannot be read back: stop rather than write it away.
  const lostHeaders = [...problems, ...schedule.problems].filter((p) => p.code === 'header_missing' && p.where.sheet !== LAPSING_SHEET);
  if (lostHeaders.length > 0) return { damage: lostHeaders.map((p) => p.message) };

  const addedColumns = new Map<string, AddedColumns>();
  for (const name of SHEETS_WITH_ADDED_COLUMNS) {
    const table = sheets.get(name);
    const added = table ? addedColumnsFromSheet(table) : null;
    if (added) addedColumns.set(name, added);
  }
  return { state: { settings, schedule, contactLog: log.value, lapsedMarks: withLapsedMarks(lapsed.value, lapsing.value), dueEdits: due.value, addedColumns, problems } };
}

/**
 * The marks with the new ones added. A customer already marked keeps that mark (who and when); a
 * mark dated after all of theirs is added beside it — a customer who came back and has lapsed
 * again (the rebuild never re-marks one still lapsed) — so the old mark stays as history.
 */
export function withLapsedMarks(marks: readonly LapsedMark[], more: readonly LapsedMark[]): LapsedMark[] {
  const latest = new Map<string, IsoDate>();
  for (const m of marks) if ((latest.get(m.customerCode) ?? '') < m.markedAt) latest.set(m.customerCode, m.markedAt);
  const all = [...marks];
  for (const mark of more) {
    const before = latest.get(mark.customerCode);
    if (before !== undefined && before >= mark.markedAt) continue;
    latest.set(mark.customerCode, mark.markedAt);
    all.push(mark);
  }
  return all;
}

/**
 * Due rows the user set to Skip become Contact Log lines ("skipped"), so they are not due again;
 * rows on Hold stay as they are.
 */
export function skippedEntries(dueActions: readonly DueAction[], edits: ReadonlyMap<string, DueEdit>, asOf: IsoDate, by: string): ContactLogEntry[] {
  const entries: ContactLogEntry[] = [];
  for (const action of dueActions) {
    const edit = edits.get(action.actionId);
    if (edit?.approve !== 'Skip') continue;
    // Logged as the row stood: the user's method while it could be used, with its own address.
    const { method, to } = rowMethod(action, edit);
    entries.push({
      actionId: action.actionId,
      sentAt: asOf,
      customerCode: action.code,
      contactDue: action.contactDue,
      method,
      to,
      status: 'skipped',
      reference: 'Skipped on Due Actions',
      by,
    });
  }
  return entries;
}
