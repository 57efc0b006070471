/**
 * One build, start to end: read the exports, read what the garage kept in its workbook (if there
 * is one), compute, and write the workbook back. `retention build` and `retention lapse` both run
 * this; they differ only in what they add (a contact log file, new lapsed marks).
 */
import { existsSync } from 'node:fs';
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { IsoDate } from '../core/calendar.ts';
import { GarageImport } from '../core/import/import-tables.ts';
import { freshState, KEPT_SHEETS, keptStateFromSheets, skippedEntries, withLapsedMarks, type KeptState } from '../core/kept-state.ts';
import type { Problem } from '../core/problems.ts';
import type { ContactLogEntry, RecordKind } from '../core/records.ts';
import { computeRetention, type Retention } from '../core/retention.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { DUE_ACTIONS_SHEET, LAPSING_SHEET, workbookPlan } from '../core/workbook/index.ts';
import type { Progress } from './progress.ts';
import { readExport } from './read-export.ts';
import { readWorkbook } from './xlsx/read-workbook.ts';
import { writeWorkbook } from './xlsx/write-workbook.ts';

export interface BuildJob {
  /** Export files, already listed. */
  paths: string[];
  asOf: IsoDate;
  /** Resolved path → kind, for files whose headers do not say. */
  kindsByPath: Record<string, RecordKind>;
  /** The workbook to read the garage's state from and write to; null for --json only. */
  workbook: string | null;
  /** Who is building, for Skip lines in the Contact Log and lapsed marks. */
  by: string;
  extraLog?: ContactLogEntry[];
  /** Customers to mark lapsed (by `by`, on the as-of date): these codes, or everyone now lapsing. */
  markLapsed?: string[] | 'all-lapsing';
  /** The workbook's state when the caller has read it already. */
  state?: KeptState;
  /** The folders or files the user named, remembered on the Settings sheet for `lapse`. */
  exportsLabel?: string;
  progress: Progress;
}

export interface BuildResult {
  retention: Retention;
  importProblems: Problem[];
  sheetProblems: Problem[];
  state: KeptState;
  /** Due rows the user skipped, now in the Contact Log. */
  skipped: number;
  /** Codes this build marked lapsed that were not marked before. */
  newlyLapsed: string[];
}

/** The build stopped without changing the workbook: it could not be read, has lost history, or could not be written. */
export class BuildStopped extends Error {}

export async function readKeptState(workbook: string, asOf: IsoDate, by: string): Promise<KeptState> {
  const info = await stat(workbook).catch((error: Error) => error);
  if (info instanceof Error || !info.isFile()) {
    throw new BuildStopped(`${workbook} is ${info instanceof Error ? `not readable (${info.message})` : 'a folder, not a workbook'}. Nothing was written. Name an .xlsx file with --out.`);
  }
  let sheets;
  try {
    await access(workbook, constants.R_OK);
    // Only the sheets the state lives in: the data sheets are rebuilt from the exports anyway.
    sheets = (await readWorkbook(workbook, { sheets: [...KEPT_SHEETS, LAPSING_SHEET, DUE_ACTIONS_SHEET] })).sheets;
  } catch (error) {
    throw new BuildStopped(`${basename(workbook)} could not be read as a workbook (${(error as Error).message}). Nothing was written. Restore it from a copy, or build into a new file with --out.`);
  }
  const read = keptStateFromSheets(sheets, asOf, by);
  if ('damage' in read) {
    throw new BuildStopped(`${basename(workbook)} has lost part of the garage's history, so it was not rewritten (nothing was written):\n${read.damage.map((d) => `  - ${d}`).join('\n')}`);
  }
  return read.state;
}

export async function runBuild(job: BuildJob): Promise<BuildResult> {
  const { asOf, progress } = job;
  const state = job.state ?? (job.workbook && existsSync(job.workbook) ? await readKeptState(job.workbook, asOf, job.by) : freshState(DEFAULT_SETTINGS));
  const settings = job.exportsLabel ? { ...state.settings, exportsFolder: job.exportsLabel } : state.settings;

  const kinds: Record<string, RecordKind> = {};
  for (const path of job.paths) {
    const kind = job.kindsByPath[resolve(path)];
    if (kind) kinds[basename(path)] = kind;
  }
  // One file at a time: each file's raw rows are let go once its records are made.
  const session = new GarageImport({ settings, kinds, asOf });
  const fileProblems: Problem[] = [];
  for (const path of job.paths) {
    const { value: table, problems } = await readExport(path);
    fileProblems.push(...problems);
    if (table) session.add(table);
    progress.advance(basename(path));
  }
  const { value: imported, problems: importedProblems } = session.finish();
  progress.advance('computing');

  let lapsedMarks = state.lapsedMarks;
  let contactLog = [...state.contactLog, ...(job.extraLog ?? [])];
  const compute = () => computeRetention({ records: imported.records, lookups: imported.lookups, asOf, contactLog, lapsedMarks, settings, rules: [...state.schedule.rules] });
  let retention = compute();
  // Skips and new lapsed marks both change what is due: add them, then compute once more.
  const skipped = skippedEntries(retention.dueActions, state.dueEdits, asOf, job.by);
  const lapsingNow = retention.lifecycle.filter((row) => row.status === 'Lapsing').map((row) => row.code);
  const toMark = job.markLapsed === 'all-lapsing' ? lapsingNow : (job.markLapsed ?? []);
  const marks = withLapsedMarks(lapsedMarks, toMark.map((customerCode) => ({ customerCode, markedAt: asOf, by: job.by })));
  const newlyLapsed = marks.slice(lapsedMarks.length).map((m) => m.customerCode);
  if (skipped.length > 0 || newlyLapsed.length > 0) {
    contactLog = [...contactLog, ...skipped];
    lapsedMarks = marks;
    retention = compute();
  }

  const importProblems = [...fileProblems, ...importedProblems];
  if (job.workbook) {
    progress.advance('writing');
    await mkdir(dirname(resolve(job.workbook)), { recursive: true });
    const plan = workbookPlan({
      retention,
      settings,
      importProblems,
      sheetProblems: state.problems,
      contactLog,
      lapsedMarks,
      schedule: state.schedule,
      dueEdits: state.dueEdits,
    });
    try {
      await writeWorkbook(plan, job.workbook);
    } catch (error) {
      throw new BuildStopped(`${basename(job.workbook)} could not be written: ${(error as Error).message} The workbook there before, if any, is unchanged.`);
    }
  }
  return { retention, importProblems, sheetProblems: [...state.problems, ...state.schedule.problems], state: { ...state, settings, contactLog, lapsedMarks }, skipped: skipped.length, newlyLapsed };
}
