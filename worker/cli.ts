/**
 * The command line: `retention build …`. Gathers the files and the as-of date, calls the core,
 * prints the result. Exit 0 clean, 1 finished with problems, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { basename, resolve } from 'node:path';
import { isIsoDate, londonDate } from '../core/calendar.ts';
import { GarageImport } from '../core/import/import-tables.ts';
import type { ImportProblem } from '../core/problems.ts';
import { RECORD_KINDS, type ContactLogEntry, type RecordKind } from '../core/records.ts';
import { computeRetention } from '../core/retention.ts';
import { defaultRules } from '../core/schedule/default-rules.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { buildSummary, type BuildSummary } from '../core/summary.ts';
import { readContactLogFile } from './contact-log-file.ts';
import { listExportFiles, readExport } from './read-export.ts';
import { problemDigest } from './problem-digest.ts';
import { terminalProgress } from './progress.ts';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage:
  retention build [FILES or FOLDER…] [--as-of YYYY-MM-DD] [--json] [--kind KIND=FILE] [--contact-log FILE]

  --as-of        the date to compute for (default: today in Europe/London)
  --json         print one JSON summary on stdout; messages go to stderr
  --kind         say what a file holds when its headers don't: customers, units, jobs, advisories or bookings
  --contact-log  what was already sent (CSV with the Contact Log sheet's headers, or JSON), so it is not due again
`;

class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => Date;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  now: () => new Date(),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'build') return await build(rest, io);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function parseKinds(values: string[]): Record<string, RecordKind> {
  const kinds: Record<string, RecordKind> = {};
  for (const value of values) {
    const [kind, file] = value.split(/=(.*)/s) as [string, string | undefined];
    if (!file || !(RECORD_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--kind takes KIND=FILE with KIND one of ${RECORD_KINDS.join(', ')}; got "${value}".`);
    }
    kinds[resolve(file)] = kind as RecordKind;
  }
  return kinds;
}

async function build(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      json: { type: 'boolean', default: false },
      kind: { type: 'string', multiple: true, default: [] },
      'contact-log': { type: 'string' },
    },
  });
  const asOf = values['as-of'] ?? londonDate(io.now());
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a real date written YYYY-MM-DD; got "${asOf}".`);
  if (positionals.length === 0) throw new UsageError('Name the export files, or a folder that holds them.');
  const kindsByPath = parseKinds(values.kind);

  const paths = await listExportFiles(positionals);
  if (paths.length === 0) throw new UsageError(`No .csv or .xlsx files found in ${positionals.join(', ')}.`);

  const progress = terminalProgress();
  progress.start(paths.length + 2, 'reading');
  const settings = DEFAULT_SETTINGS;
  const kinds: Record<string, RecordKind> = {};
  for (const path of paths) {
    const kind = kindsByPath[resolve(path)];
    if (kind) kinds[basename(path)] = kind;
  }
  // One file at a time: each file's raw rows are let go once its records are made.
  const session = new GarageImport({ settings, kinds, asOf });
  const fileProblems: ImportProblem[] = [];
  for (const path of paths) {
    const { table, problems } = await readExport(path);
    fileProblems.push(...problems);
    if (table) session.add(table);
    progress.advance(basename(path));
  }
  const imported = session.finish();
  progress.advance('computing');
  let contactLog: ContactLogEntry[] = [];
  const logMessages: string[] = [];
  if (values['contact-log']) {
    const log = await readContactLogFile(values['contact-log']);
    contactLog = log.entries;
    logMessages.push(...log.problems.map((p) => `Contact log: ${p.message}`));
  }
  const retention = computeRetention({ records: imported.records, asOf, contactLog, lapsedMarks: [], settings, rules: defaultRules(settings) });
  progress.advance('done');
  progress.stop();

  const problems = [...fileProblems, ...imported.problems];
  const summary = buildSummary(retention, problems.length + logMessages.length);
  for (const message of logMessages) io.err(`${message}\n`);
  if (values.json) {
    for (const line of problemDigest(problems)) io.err(`${line}\n`);
    io.out(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    io.out(humanSummary(summary, problems));
  }
  return summary.problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function humanSummary(summary: BuildSummary, problems: ImportProblem[]): string {
  const lines: string[] = [];
  const { imported, dueActions, lifecycle, bookings } = summary;
  lines.push(`Retention Desk — as of ${summary.asOf}`);
  lines.push(`Imported: ${imported.customers} customers, ${imported.units} units, ${imported.jobs} jobs, ${imported.advisories} advisories, ${imported.bookings} booking requests.`);
  lines.push(`Due contacts: ${dueActions.total} (Email ${dueActions.byMethod.Email}, SMS ${dueActions.byMethod.SMS}, Letter ${dueActions.byMethod.Letter}, no usable method ${dueActions.byMethod.None}).`);
  for (const [contactDue, count] of Object.entries(dueActions.byContactDue)) lines.push(`  ${contactDue}: ${count}`);
  lines.push(`Customers: ${lifecycle.active} active, ${lifecycle.drifting} drifting, ${lifecycle.lapsing} lapsing, ${lifecycle.lapsed} lapsed, ${lifecycle.noVisits} with no visits.`);
  lines.push(`Audit ${summary.audit.from} to ${summary.audit.to}:`);
  for (const s of summary.audit.staff) {
    const previous = s.previousPct === null ? 'no previous period' : `previously ${s.previousPct}%`;
    lines.push(`  ${s.name}: ${s.customers} customers, ${s.missingItems} items missing, ${s.completePct}% complete (${previous})`);
  }
  lines.push(`Booking requests: ${bookings.unactioned} unactioned, ${bookings.overdue} overdue.`);
  lines.push(...problemDigest(problems));
  return `${lines.join('\n')}\n`;
}
