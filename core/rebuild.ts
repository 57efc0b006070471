/**
 * One rebuild of the garage's workbook, the same wherever it runs: read what the garage kept in
 * its workbook, import the exports, work out what is due, and hand the workbook a new plan. The
 * command line (a file on disk) and the add-in (live Excel) differ only in the two small things
 * they pass in: where the exports come from, and where the workbook is.
 *
 * @example
 * const result = await rebuildWorkbook({ exports, workbook, asOf: '2026-11-16', by: 'Sarah' });
 * if ('stopped' in result) show(result.stopped); // nothing was written
 */
import type { IsoDate } from './calendar.ts';
import { GarageImport } from './import/import-tables.ts';
import type { RawTable } from './import/raw-table.ts';
import { freshState, KEPT_SHEETS, keptStateFromSheets, skippedEntries, withLapsedMarks, type KeptState } from './kept-state.ts';
import type { Problem, Result } from './problems.ts';
import type { ContactLogEntry, RecordKind } from './records.ts';
import { computeRetention, type Retention } from './retention.ts';
import { DEFAULT_SETTINGS, type GarageSettings } from './settings.ts';
import { SHEETS_WITH_ADDED_COLUMNS } from './workbook/added-columns.ts';
import { DUE_ACTIONS_SHEET, LAPSING_SHEET, refusedMethods, workbookPlan, type DueEdit, type SheetTable, type WorkbookPlan } from './workbook/index.ts';

/** One export as read: its table, or null with the problems saying why it could not be read. */
export type ExportFile = Result<RawTable | null>;

/** Where the exports come from: files on disk, or files dropped on the task pane. */
export interface ExportSource {
  /** The exports one at a time, so each file's raw rows can be let go before the next is read. */
  files(): AsyncIterable<ExportFile>;
}

/** What writing the workbook came to: written, or not written because it changed since it was read. */
export type WorkbookWrite = { written: true } | { written: false; changedSinceRead: string };

/** Where the garage's workbook is: a file on disk, or the workbook open in Excel. */
export interface WorkbookStore {
  /** The named sheets as they are now (those the workbook has); null when there is no workbook yet. */
  readSheets(names: readonly string[]): Promise<ReadonlyMap<string, SheetTable> | null>;
  /**
   * Replaces the workbook with the plan, unless it changed since readSheets (someone saved it, or
   * another build wrote it): then nothing is written and the rebuild reads it again.
   */
  write(plan: WorkbookPlan): Promise<WorkbookWrite>;
}

/** The sheets a rebuild reads back: the kept ones, and the choices made on Due Actions and Lapsing. */
export const SHEETS_READ_BACK: readonly string[] = [...new Set([...KEPT_SHEETS, LAPSING_SHEET, DUE_ACTIONS_SHEET, ...SHEETS_WITH_ADDED_COLUMNS])];

export interface RebuildRequest {
  exports: ExportSource;
  /** null: work it out and write nothing (build --json). */
  workbook: WorkbookStore | null;
  asOf: IsoDate;
  /** Who is building: written against rows skipped on Due Actions and against new lapsed marks. */
  by: string;
  /** File name → kind, for exports whose headers do not say. */
  kinds?: Record<string, RecordKind>;
  /** What was sent outside the workbook (a contact log file), so it is not due again, and the problems reading it. */
  extraLog?: Result<readonly ContactLogEntry[]>;
  /** Customers to mark lapsed (by `by`, on the as-of date): these codes, or everyone now lapsing. */
  markLapsed?: readonly string[] | 'all-lapsing';
  /**
   * What a send just did (sent, failed, uncertain), one log line per row: added to the Contact Log
   * and written on each row's Status, Sent At and Reference. The rows stay on Due Actions for this
   * build, so the garage sees how each went; the next build leaves out what was sent.
   */
  sendOutcomes?: readonly SendOutcome[] | ((kept: KeptState, retention: Retention) => readonly SendOutcome[] | Promise<readonly SendOutcome[]>);
  /** Settings for a workbook that does not exist yet (the garage's details from a file); an existing workbook's Settings sheet wins. */
  startingSettings?: GarageSettings;
  /** The exports the user named, remembered on the Settings sheet so `lapse` can rebuild from them. */
  exportsLabel?: string;
  /** Called as each step starts: an export's name, 'computing', 'writing'. */
  onStep?: (step: string) => void;
}

/**
 * How a row's send went: what its Due Actions row says (a letter's Status is "Printed"), and the
 * Contact Log line, or null when nothing was attempted (a row that could not be written: the
 * reason goes on the row, and it stays due).
 */
export interface SendOutcome {
  actionId: string;
  rowStatus: string;
  sentAt: IsoDate | null;
  reference: string;
  entry: ContactLogEntry | null;
}

export interface Rebuilt {
  retention: Retention;
  /** The workbook as drawn; null when there is no workbook to write (build --json). */
  plan: WorkbookPlan | null;
  importProblems: Problem[];
  sheetProblems: Problem[];
  state: KeptState;
  /** Due rows the user skipped, now in the Contact Log. */
  skipped: number;
  /** Codes this build marked lapsed that were not marked before. */
  newlyLapsed: string[];
  /** How many times the workbook changed under the build and was read again. */
  rereads: number;
}

/** The rebuild stopped before writing anything; each reason says what to do. */
export interface RebuildStopped {
  stopped: string[];
}

/** Reading again after a change is cheap; a workbook that keeps changing is being edited, so stop. */
const MAX_ATTEMPTS = 3;

/** The garage's kept state from its workbook, a fresh one for a new workbook, or why it cannot be read. */
/**
 * The workbook read, never written: a pass that only works out what is due (what a send would
 * send, what the individual process offers) changes nothing. Null reads as no workbook.
 */
export function readOnlyWorkbook(workbook: WorkbookStore | null): WorkbookStore {
  return {
    readSheets: (names) => (workbook ? workbook.readSheets(names) : Promise.resolve(null)),
    write: async () => ({ written: true }),
  };
}

/** A Contact Log line's identity: a send's outcome is logged once per Action ID and status. */
export const contactLogKey = (entry: Pick<ContactLogEntry, 'actionId' | 'status'>): string => `${entry.actionId}\n${entry.status}`;

export async function readKeptState(workbook: WorkbookStore | null, asOf: IsoDate, by: string, startingSettings: GarageSettings = DEFAULT_SETTINGS): Promise<{ state: KeptState } | RebuildStopped> {
  const sheets = workbook ? await workbook.readSheets(SHEETS_READ_BACK) : null;
  if (!sheets) return { state: freshState(startingSettings) };
  const read = keptStateFromSheets(sheets, asOf, by);
  return 'damage' in read ? { stopped: read.damage } : read;
}

export async function rebuildWorkbook(request: RebuildRequest): Promise<Rebuilt | RebuildStopped> {
  const changes: string[] = [];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const kept = await readKeptState(request.workbook, request.asOf, request.by, request.startingSettings);
    if ('stopped' in kept) return kept;
    const built = await buildOnce(request, kept.state);
    if (!request.workbook || !built.plan) return { ...built, rereads: 0 };
    request.onStep?.('writing');
    const write = await request.workbook.write(built.plan);
    if (write.written) return { ...built, rereads: attempt - 1 };
    changes.push(write.changedSinceRead);
  }
  return {
    stopped: [
      `the workbook changed ${MAX_ATTEMPTS} times while it was being rebuilt (${changes.join('; ')}), so it was left as it is; save and close it in Excel, then build again`,
    ],
  };
}

async function buildOnce(request: RebuildRequest, kept: KeptState): Promise<Omit<Rebuilt, 'rereads'>> {
  const { asOf, by } = request;
  const settings = request.exportsLabel ? { ...kept.settings, exportsFolder: request.exportsLabel } : kept.settings;

  const session = new GarageImport({ settings, kinds: request.kinds ?? {}, asOf });
  const fileProblems: Problem[] = [];
  for await (const file of request.exports.files()) {
    if (file.value) {
      request.onStep?.(file.value.fileName);
      await session.addAll(file.value);
    }
    // Taken after the rows: a file read in pieces finds its problems as it goes.
    fileProblems.push(...file.problems);
  }
  const { value: imported, problems: importedProblems } = session.finish();
  request.onStep?.('computing');

  let lapsedMarks = kept.lapsedMarks;
  let contactLog = [...kept.contactLog, ...(request.extraLog?.value ?? [])];
  const compute = () => computeRetention({ records: imported.records, lookups: imported.lookups, asOf, contactLog, lapsedMarks, settings, rules: [...kept.schedule.rules] });
  let retention = compute();
  // Skips and new lapsed marks both change what is due: add them, then work it out once more.
  const skipped = skippedEntries(retention.dueActions, kept.dueEdits, asOf, by);
  const lapsingNow = retention.lifecycle.filter((row) => row.status === 'Lapsing').map((row) => row.code);
  // A customer still lapsed is not marked twice; one who came back may be marked again.
  const stillLapsed = new Set(retention.lifecycle.filter((row) => row.status === 'Lapsed').map((row) => row.code));
  const toMark = (request.markLapsed === 'all-lapsing' ? lapsingNow : (request.markLapsed ?? [])).filter((code) => !stillLapsed.has(code));
  const marks = withLapsedMarks(lapsedMarks, toMark.map((customerCode) => ({ customerCode, markedAt: asOf, by })));
  const newlyLapsed = marks.slice(lapsedMarks.length).map((m) => m.customerCode);
  if (skipped.length > 0 || newlyLapsed.length > 0) {
    contactLog = [...contactLog, ...skipped];
    lapsedMarks = marks;
    retention = compute();
  }

  // This send's lines are written, not yet counted: the rows they settle stay to show their Status.
  // Given as a function, it is asked once the workbook is read and what is due is known (the add-in sends from here).
  const outcomes = typeof request.sendOutcomes === 'function' ? await request.sendOutcomes(kept, retention) : (request.sendOutcomes ?? []);
  // A line the log holds already (a send written before, reported again) is not written twice.
  const logged = outcomes.length > 0 ? new Set(contactLog.map(contactLogKey)) : null;
  const writtenLog = logged ? [...contactLog, ...outcomes.flatMap((o) => (o.entry && !logged.has(contactLogKey(o.entry)) ? [o.entry] : []))] : contactLog;
  const dueEdits = outcomes.length > 0 ? withSendOutcomes(kept.dueEdits, outcomes) : kept.dueEdits;

  // A contact log file's problems show with the exports': both are files the user gave.
  const importProblems = [...(request.extraLog?.problems ?? []), ...fileProblems, ...importedProblems];
  // A Method that cannot be used can only be judged against what is due now.
  const sheetProblems = [...kept.problems, ...refusedMethods(retention.dueActions, kept.dueEdits)];
  // Drawn only to be written: a summary alone (build --json) does not need it.
  const plan = request.workbook && workbookPlan({
    retention,
    settings,
    importProblems,
    sheetProblems,
    contactLog: writtenLog,
    lapsedMarks,
    schedule: kept.schedule,
    dueEdits,
    addedColumns: kept.addedColumns,
  });
  return {
    retention,
    plan,
    importProblems,
    sheetProblems: [...sheetProblems, ...kept.schedule.problems],
    state: { ...kept, settings, contactLog: writtenLog, lapsedMarks, dueEdits },
    skipped: skipped.length,
    newlyLapsed,
  };
}

/** The rows' edits with each send's Status, Sent At and Reference written in (the user's Approve and Method stay). */
function withSendOutcomes(edits: ReadonlyMap<string, DueEdit>, outcomes: readonly SendOutcome[]): Map<string, DueEdit> {
  const updated = new Map(edits);
  for (const { actionId, rowStatus, sentAt, reference, entry } of outcomes) {
    const edit = updated.get(actionId) ?? { approve: null, method: entry?.method ?? null, status: '', sentAt: null, reference: '' };
    updated.set(actionId, { ...edit, status: rowStatus, sentAt, reference });
  }
  return updated;
}
