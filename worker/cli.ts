/**
 * The command line: `retention build …` and `retention lapse …`. Gathers files, dates and flags,
 * runs the build, prints the result. Exit 0 clean, 1 finished with problems (or stopped to protect
 * the workbook), 2 bad usage.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { basename, dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import {
  buildSummary,
  compileTemplates,
  decodeExport,
  settingsFromRows,
  tableFromCsv,
  type GarageSettings,
  isIsoDate,
  londonDate,
  readKeptState,
  rebuildWorkbook,
  RECORD_KINDS,
  type BuildSummary,
  type IsoDate,
  type RebuildRequest,
  type Rebuilt,
  type RecordKind,
  type Problem,
  smsSender,
} from '../core/index.ts';
import { readContactLogFile } from './contact-log-file.ts';
import { problemDigest } from './problem-digest.ts';
import { terminalProgress, type Progress } from './progress.ts';
import { terminalLine } from './terminal-text.ts';
import { fileToReadProblem, workbookToWriteProblem } from './path-checks.ts';
import { exportFileSource, listExportFiles } from './read-export.ts';
import { isWorkbookFileError } from './workbook-file-error.ts';
import type { WorkbookFile } from './workbook-file.ts';
import { CONFIG_FILE, readWorkerConfig } from './config.ts';
import { readTemplateFiles } from './templates.ts';
import { channelByMethod } from './channels/by-method.ts';
import { dataFolderFor, outcomesNotLogged, sendApproved, type SendReport } from './send-job.ts';
import type { Ledger } from './ledger/ledger.ts';
import { ledgerFinding, openExistingLedger, openLedger } from './ledger/open-ledger.ts';
import { addinOrigin, MANIFEST_ORIGIN, readManifest } from './addin-manifest.ts';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage:
  retention build [FILES or FOLDER…] [--as-of YYYY-MM-DD] [--json] [--out WORKBOOK.xlsx | --into WORKBOOK.xlsx]
                  [--kind KIND=FILE] [--contact-log FILE] [--settings FILE] [--by NAME]
  retention lapse WORKBOOK.xlsx (--codes CODE,CODE… | --all-lapsing) [--by NAME] [--as-of YYYY-MM-DD] [FILES or FOLDER…]
  retention doctor WORKBOOK.xlsx [--config FILE] [--data DIR]
  retention manifest [--origin https://HOST:PORT]
  retention send WORKBOOK.xlsx [--approve-all] [--dry-run] [--json] [--data DIR] [--config FILE] [--by NAME] [--as-of YYYY-MM-DD] [FILES or FOLDER…]
  retention resolve WORKBOOK.xlsx [--went ACTION_ID,…] [--did-not-go ACTION_ID,…] [--data DIR]
  retention serve [--host H] [--port N] [--data DIR] [--config FILE]
  retention pair [--data DIR]
  retention cert [--data DIR] [--config FILE]

build
  --as-of        the date to compute for (default: today in Europe/London)
  --json         print one JSON summary on stdout; messages go to stderr
  --out          write the workbook here; if it exists, the garage's Contact Log, Schedule, Settings,
                 lapsed marks and Due Actions choices are read from it first and kept
  --into         the same, for a workbook that must already exist
  --kind         say what a file holds when its headers don't: customers, units, jobs, advisories or bookings
  --contact-log  what was already sent (CSV with the Contact Log sheet's headers, or JSON), so it is not due again
  --settings     a new workbook's Settings (a CSV with the Settings sheet's Setting and Value columns: garage
                 name, address, phone, sender mailbox…); a workbook that exists keeps its own Settings sheet
  --by           who is building (written against rows skipped on Due Actions); default: this computer's user

lapse            marks customers lapsed in the workbook (who, when), and rebuilds it: lapsed customers
                 get no contacts and show as Lapsed; nobody is deleted. The exports are those the last
                 build read (the Settings sheet's "Exports"), unless you name others.
  --codes        the customer codes to mark
  --all-lapsing  every customer now on the Lapsing sheet

manifest         prints the Excel add-in's manifest, to sideload in Excel
  --origin       where the add-in is served (default: https://localhost:3443)

doctor           checks what sending needs and says what to fix: the configuration, the mail server, the
                 send ledger (here, or shared in PostgreSQL), the garage's details on Settings, the templates,
                 and sends left uncertain

resolve          lists the sends left Uncertain (the provider may or may not have them), or settles them once
                 you have checked: --went marks them sent; --did-not-go lets the next send send them again
  --went         the Action IDs that did go (seen in the sent items, or the customer had it)
  --did-not-go   the Action IDs that did not go

serve            the worker for the Excel add-in: an HTTPS API on this computer (127.0.0.1, port 3443 unless
                 retention.config.json's "serve" or --host/--port say otherwise) that sends the rows the add-in
                 submits, and serves the add-in's pages. Runs until Ctrl+C (or SIGTERM), then stops cleanly.
  --data         where the ledger, pairing key, certificate and outbox are kept (default: RETENTION_DATA,
                 else retention-data in this folder)
pair             prints the pairing key to paste into the add-in (made on first use)
cert             says where the worker's certificate is and how to trust it on Windows and macOS

send             sends the rows approved (Yes) on Due Actions to the outbox folder beside the workbook
                 (emails as .eml, texts in texts.jsonl, letters in one PDF), and writes each row's Status,
                 Sent At and Reference back, with the Contact Log. A row already sent is never sent again.
  --approve-all  send every row with a usable method, unless it is on Hold or Skip
  --dry-run      render what would be sent into the preview folder beside the workbook; send and change nothing
  --data         where the outbox ledger is kept (default: RETENTION_DATA, else retention-data beside the workbook);
                 with RETENTION_DATABASE_URL set, the ledger is that PostgreSQL database, one queue shared by
                 every worker given the same address
  --config       the worker's configuration (default: retention.config.json beside the workbook); with
                 email.smtp set, emails go through that mail server (password in RETENTION_SMTP_PASSWORD); with
                 email.graph, through Microsoft 365; with sms, texts through Twilio, The SMS Works or a webhook
`;

class UsageError extends Error {}

/** The build stopped before writing: the workbook is as it was. */
class BuildStopped extends Error {}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => Date;
  user?: string;
}

/**
 * Who is building, for By on the Contact Log and Lapsed: the signed-in user as the operating
 * system knows them (set under Windows, a scheduled task, cron, where $USER often is not).
 */
export function computerUser(): string {
  try {
    return userInfo().username;
  } catch {
    // A user with no entry in the system's user list (some containers): the environment's name.
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  now: () => new Date(),
  user: computerUser(),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'build') return await build(rest, io);
    if (command === 'lapse') return await lapse(rest, io);
    if (command === 'send') return await send(rest, io);
    if (command === 'doctor') return await doctor(rest, io);
    if (command === 'resolve') return await resolveUncertain(rest, io);
    // The worker for the add-in, loaded only when asked for: the other commands never need fastify.
    if (command === 'serve') return await (await import('./serve/commands.ts')).serveCommand(rest, io);
    if (command === 'pair') return await (await import('./serve/commands.ts')).pairCommand(rest, io);
    if (command === 'cert') return await (await import('./serve/commands.ts')).certCommand(rest, io);
    if (command === 'manifest') return await manifest(rest, io);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${terminalLine((error as Error).message)}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof BuildStopped || isWorkbookFileError(error)) {
      io.err(`${error.message}\n`);
      return EXIT_PROBLEMS;
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

function asOfFrom(value: string | undefined, io: Io): IsoDate {
  const asOf = value ?? londonDate(io.now());
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a real date written YYYY-MM-DD; got "${asOf}".`);
  return asOf;
}

/** The export files named or in the folders named, leaving out the workbook being built (it may sit among them). */
async function exportFiles(positionals: string[], workbook?: string): Promise<string[]> {
  if (positionals.length === 0) throw new UsageError('Name the export files, or a folder that holds them.');
  const paths = await listExportFiles(positionals, workbook ? [workbook] : []);
  if (paths.length === 0) throw new UsageError(`No .csv or .xlsx files found in ${positionals.join(', ')}.`);
  return paths;
}

async function build(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      into: { type: 'string' },
      kind: { type: 'string', multiple: true, default: [] },
      'contact-log': { type: 'string' },
      settings: { type: 'string' },
      by: { type: 'string' },
    },
  });
  const asOf = asOfFrom(values['as-of'], io);
  if (values.out && values.into) throw new UsageError('Give --out or --into, not both.');
  if (values.into && !existsSync(values.into)) throw new UsageError(`--into ${values.into}: there is no such workbook. Use --out to make a new one.`);
  const pathProblem = (values.into ? fileToReadProblem('--into', values.into) : null)
    ?? (values.out ? workbookToWriteProblem('--out', values.out) : null)
    ?? (values['contact-log'] ? fileToReadProblem('--contact-log', values['contact-log']) : null);
  if (pathProblem) throw new UsageError(pathProblem);
  const kindsByPath = parseKinds(values.kind);
  const paths = await exportFiles(positionals, values.into ?? values.out);

  const extraLog = values['contact-log'] ? await readContactLogFile(values['contact-log']) : undefined;
  const by = values.by ?? io.user ?? '';
  if (values.out) await mkdir(dirname(resolve(values.out)), { recursive: true });
  const workbookPath = values.into ?? values.out ?? null;
  const startingSettings = values.settings ? await settingsFile(values.settings, io) : undefined;
  const ledger = workbookPath ? await existingLedger(dataFolderFor(resolve(workbookPath), undefined, process.env)) : null;
  let result: Built;
  try {
    result = await rebuild(workbookPath, paths.length + 2, {
      exports: exportFileSource(paths), asOf, by, extraLog, kinds: kindsByName(paths, kindsByPath), startingSettings,
      exportsLabel: positionals.map((p) => resolve(p)).join('; '),
      // Sends a `retention send` could not write into the workbook (it was locked or open): written in now.
      sendOutcomes: ledger ? (kept) => outcomesNotLogged(ledger, kept.contactLog) : undefined,
    }, workbookPath ? await openWorkbook(workbookPath, { by, rememberReads: false }) : undefined);
  } finally {
    await ledger?.close();
  }
  return report(result, { json: values.json, io });
}

/** The workbook file, with exceljs and JSZip loaded only now: `build --json` and `--help` never need them. */
async function openWorkbook(path: string, options: { by: string; rememberReads?: boolean }): Promise<WorkbookFile> {
  const { openWorkbookFile } = await import('./workbook-file.ts');
  return openWorkbookFile(path, options);
}

/** --kind names files by path; the import knows them by name. */
function kindsByName(paths: readonly string[], kindsByPath: Record<string, RecordKind>): Record<string, RecordKind> {
  const kinds: Record<string, RecordKind> = {};
  for (const path of paths) {
    const kind = kindsByPath[resolve(path)];
    if (kind) kinds[basename(path)] = kind;
  }
  return kinds;
}

interface Built {
  rebuilt: Rebuilt;
  /** The workbook written, or null for --json alone. */
  workbook: WorkbookFile | null;
}

/** The core's rebuild into the workbook at `path` (none: compute only), holding its lock throughout. */
async function rebuild(path: string | null, steps: number, request: Omit<RebuildRequest, 'workbook' | 'onStep'>, opened?: WorkbookFile): Promise<Built> {
  const workbook = opened ?? (path ? await openWorkbook(path, { by: request.by }) : null);
  try {
    const rebuilt = await withProgress(steps, (progress) => rebuildWorkbook({ ...request, workbook, onStep: (step) => progress.advance(step) }));
    if ('stopped' in rebuilt) {
      const name = basename(workbook?.path ?? '');
      const backups = workbook && existsSync(join(dirname(workbook.path), 'backups')) ? `\nEarlier versions of the workbook are kept in ${join(dirname(workbook.path), 'backups')}.` : '';
      throw new BuildStopped(`${name} was not rewritten, to keep the garage's history (nothing was written):\n${rebuilt.stopped.map((d) => `  - ${d}`).join('\n')}${backups}`);
    }
    return { rebuilt, workbook };
  } finally {
    await workbook?.close();
  }
}

async function lapse(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      codes: { type: 'string' },
      'all-lapsing': { type: 'boolean', default: false },
      by: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [workbook, ...exportsNamed] = positionals;
  if (!workbook) throw new UsageError('Name the workbook to mark customers lapsed in.');
  if (!existsSync(workbook)) throw new UsageError(`${workbook}: there is no such workbook.`);
  const workbookProblem = fileToReadProblem('The workbook', workbook);
  if (workbookProblem) throw new UsageError(workbookProblem);
  if (!values.codes === !values['all-lapsing']) throw new UsageError('Give --codes CODE,CODE… or --all-lapsing (one of them).');
  const asOf = asOfFrom(values['as-of'], io);
  const by = values.by ?? io.user ?? '';

  const file = await openWorkbook(workbook, { by });
  let result: Built;
  try {
    const { named, paths } = await rememberedExports(file, workbook, exportsNamed, asOf, by);
    const markLapsed = values['all-lapsing'] ? 'all-lapsing' : (values.codes ?? '').split(',').map((c) => c.trim()).filter(Boolean);
    result = await rebuild(workbook, paths.length + 2, { exports: exportFileSource(paths), asOf, by, markLapsed, exportsLabel: named.map((p) => resolve(p)).join('; ') }, file);
  } finally {
    await file.close();
  }
  const known = result.rebuilt.retention.garage.customerByCode;
  const unknown = result.rebuilt.newlyLapsed.filter((c) => !known.has(c));
  const marked = result.rebuilt.newlyLapsed.length - unknown.length;
  io.err(`Marked ${marked} customer(s) lapsed${by ? ` by ${by}` : ''} on ${asOf}.${unknown.length ? ` Not in the exports (marked anyway, in case they come back): ${unknown.join(', ')}.` : ''}\n`);
  return report(result, { json: values.json, io });
}

/**
 * A new workbook's Settings from a CSV laid out as the Settings sheet (Setting, Value): the
 * garage's name, address, phone and mailbox before its first build. Bad values are reported and
 * left at their defaults, as on the sheet.
 */
async function settingsFile(path: string, io: Io): Promise<GarageSettings> {
  const problem = fileToReadProblem('The settings file', path);
  if (problem) throw new UsageError(problem);
  const decoded = decodeExport(await readFile(path));
  if ('error' in decoded) throw new UsageError(`The settings file ${path} cannot be read: ${decoded.error}.`);
  const { value: table } = tableFromCsv(basename(path), decoded.text);
  if (!table) throw new UsageError(`The settings file ${path} is empty: give it the Settings sheet's Setting and Value columns.`);
  const { value: settings, problems } = settingsFromRows({ sheet: basename(path), headers: table.headers, rows: table.rows.map((row) => row.map((cell) => (typeof cell === 'object' && cell !== null ? cell.date : cell))) });
  for (const p of problems) io.err(`${terminalLine(p.message)}\n`);
  return settings;
}

/** The workbook's outbox ledger when a send has made one (or it is shared in PostgreSQL); null otherwise (a build never makes one). */
async function existingLedger(folder: string): Promise<Ledger | null> {
  return openExistingLedger({ folder, environment: process.env });
}

/** The exports named after the workbook, else those its last build read (the Settings sheet's "Exports"). */
async function rememberedExports(file: WorkbookFile, workbook: string, exportsNamed: string[], asOf: IsoDate, by: string): Promise<{ named: string[]; paths: string[]; settings: GarageSettings }> {
  const kept = await readKeptState(file, asOf, by);
  if ('stopped' in kept) throw new BuildStopped(`${basename(workbook)} was not changed, to keep the garage's history:\n${kept.stopped.map((d) => `  - ${d}`).join('\n')}`);
  const remembered = kept.state.settings.exportsFolder.split(';').map((p) => p.trim()).filter(Boolean);
  const named = exportsNamed.length > 0 ? exportsNamed : remembered;
  if (named.length === 0 || named.some((p) => !existsSync(p))) {
    throw new UsageError(`The exports to rebuild from are not there (${named.join(', ') || 'none remembered on the Settings sheet'}). Name the export files or folder after the workbook.`);
  }
  return { named, paths: await exportFiles(named, workbook), settings: kept.state.settings };
}

async function send(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'approve-all': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      data: { type: 'string' },
      config: { type: 'string' },
      by: { type: 'string' },
      'as-of': { type: 'string' },
    },
  });
  const [workbook, ...exportsNamed] = positionals;
  if (!workbook) throw new UsageError('Name the workbook whose approved rows to send.');
  if (!existsSync(workbook)) throw new UsageError(`${workbook}: there is no such workbook. Build it first with retention build … --out ${workbook}.`);
  const workbookProblem = fileToReadProblem('The workbook', workbook);
  if (workbookProblem) throw new UsageError(workbookProblem);
  const asOf = asOfFrom(values['as-of'], io);
  const by = values.by ?? io.user ?? '';
  const data = dataFolderFor(resolve(workbook), values.data, process.env);

  const dryRun = values['dry-run'];
  const { openSqliteLedger } = await import('./ledger/sqlite-ledger.ts');
  const { outboxChannel } = await import('./channels/outbox.ts');
  const { companyFooter } = await import('./channels/letters-pdf.ts');
  const file = await openWorkbook(workbook, { by });
  // A dry run reads the ledger if there is one (what was sent is not previewed again) and makes none.
  const ledger = dryRun ? ((await existingLedger(data)) ?? (await openSqliteLedger(null))) : await openLedger({ folder: data, environment: process.env });
  let sent: Awaited<ReturnType<typeof sendApproved>>;
  try {
    const { paths, settings } = await rememberedExports(file, workbook, exportsNamed, asOf, by);
    const outbox = join(dirname(resolve(workbook)), dryRun ? 'preview' : 'outbox');
    const read = await readWorkerConfig(values.config ?? join(dirname(resolve(workbook)), CONFIG_FILE), process.env);
    if ('problems' in read) throw new UsageError(read.problems.join('\n'));
    const { letterheadPdf } = read.config.letters;
    // Checked before anything is sent: a letterhead that cannot be used is fixed once, not found after the emails went.
    const letterhead = letterheadPdf ? await (await import('./channels/letterhead-pdf.ts')).readLetterhead(letterheadPdf) : null;
    if (letterhead && 'problem' in letterhead) throw new UsageError(letterhead.problem);
    const outboxFor = await outboxChannel(outbox, {
      now: io.now,
      letters: {
        letterhead: [settings.garageName, settings.garageAddress, settings.garagePhone, settings.senderMailbox].filter(Boolean),
        date: longDate(asOf),
        window: read.config.letters.window,
        footer: read.config.letters.companyFooter ? companyFooter(settings) : '',
        logo: read.config.letters.logo,
        letterheadPdf,
      },
    });
    // Graph or SMTP for email, a provider for texts, when configured; a dry run renders all to the preview.
    const { configuredEmail, configuredSms } = await import('./channels/configured.ts');
    const email = dryRun ? outboxFor : ((await configuredEmail(read.config, io.now)) ?? outboxFor);
    const texts = dryRun ? outboxFor : ((await configuredSms(read.config, io.now)) ?? outboxFor);
    const channel = channelByMethod({ Email: email, SMS: texts, Letter: outboxFor });
    const emailDailyLimit = read.config.graph?.perDay;
    // Earlier texts still showing Sent are asked after: the provider keeps the delivery reports.
    const smsProvider = dryRun ? null : await (await import('./channels/configured.ts')).configuredSmsProvider(read.config.sms, io.now);
    const { pollDeliveries } = await import('./channels/sms/delivery.ts');
    const askDeliveries = smsProvider ? (references: readonly string[]) => pollDeliveries([smsProvider], references) : undefined;
    sent = await sendApproved({ exports: exportFileSource(paths), workbook: file, ledger, channel, asOf, by, approveAll: values['approve-all'], dryRun, now: io.now, progress: terminalProgress(), emailDailyLimit, pollDeliveries: askDeliveries, beforeSending: (line) => io.err(`${line}\n`) });
  } finally {
    await ledger.close();
    await file.close();
  }
  return sendReport(sent, { json: values.json, io, workbook: file.path, outbox: join(dirname(resolve(workbook)), values['dry-run'] ? 'preview' : 'outbox'), dryRun: values['dry-run'] });
}

function longDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function sendReport(sent: SendReport, options: { json: boolean; io: Io; workbook: string; outbox: string; dryRun: boolean }): number {
  const { io } = options;
  const sentTotal = Object.values(sent.sent).reduce((a, b) => a + b, 0);
  const summary = {
    sent: sentTotal,
    sentByMethod: sent.sent,
    failed: sent.failed,
    uncertain: sent.uncertain,
    alreadySentOrWaiting: sent.alreadyInLedger.length,
    leftAlone: sent.leftAlone.length,
    notSendable: sent.problems.length,
    smsSegments: sent.smsSegments,
    dryRun: options.dryRun,
    mayHaveBeenSentEarlier: sent.recoveredUncertain.length,
    dailyAllowance: sent.dailyAllowance,
    deliveries: sent.deliveries,
  };
  const lines = [
    options.dryRun
      ? `Dry run: ${sentTotal} would be sent (${Object.entries(sent.sent).map(([m, n]) => `${m} ${n}`).join(', ') || 'none'}; texts in ${sent.smsSegments} SMS part(s)); each rendered in ${options.outbox}. Nothing was sent or changed.`
      : `Sent ${sentTotal} (${Object.entries(sent.sent).map(([m, n]) => `${m} ${n}`).join(', ') || 'none'}; texts in ${sent.smsSegments} SMS part(s)). Outbox folder: ${options.outbox}`,
    ...(sent.deliveries.Delivered + sent.deliveries.Undelivered > 0 ? [`Texts sent earlier: ${sent.deliveries.Delivered} delivered, ${sent.deliveries.Undelivered} not delivered (marked Undelivered, with the network's reason).`] : []),
    ...(sent.failed ? [`${sent.failed} failed: they stay on Due Actions marked Failed, to send again.`] : []),
    ...(sent.uncertain ? [`${sent.uncertain} may or may not have gone: marked Uncertain; check, then resend or mark sent.`] : []),
    ...(sent.recoveredUncertain.length ? [`${sent.recoveredUncertain.length} from a send that was stopped part-way may have gone: marked Uncertain; check them.`] : []),
    ...(sent.alreadyInLedger.length ? [`${sent.alreadyInLedger.length} already sent or waiting to be checked: not sent again.`] : []),
    ...(sent.leftAlone.length ? [`${sent.leftAlone.length} left alone (on Hold, or no usable method).`] : []),
    ...sent.problems.slice(0, 20).map((p) => `  ${terminalLine(p.message)}`),
    ...(sent.workbookNotWritten.length
      ? [`The workbook was not updated (${sent.workbookNotWritten.join('; ')}). What was sent is recorded; the next send or build --into writes it in.`]
      : options.dryRun ? [] : sent.rebuilt ? [`Workbook: ${options.workbook}`] : ['Nothing was sent or settled, so the workbook was left as it was.']),
  ];
  if (options.json) {
    for (const line of lines) io.err(`${line}\n`);
    io.out(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    io.out(`${lines.join('\n')}\n`);
  }
  return sent.failed + sent.uncertain + sent.problems.length + sent.workbookNotWritten.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** `retention manifest`: the add-in's manifest on stdout, every address on the origin given. */
async function manifest(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { origin: { type: 'string', default: MANIFEST_ORIGIN } } });
  const checked = addinOrigin(values.origin);
  if ('error' in checked) throw new UsageError(`--origin: ${checked.error}.`);
  io.out(await readManifest(checked.origin));
  return EXIT_OK;
}

/**
 * `retention doctor`: what sending needs, checked, in words a garage can act on: the configuration,
 * the mail server (connected to and logged in to), the garage's details on Settings, the templates,
 * and sends a stopped run left uncertain.
 */
/** The sends a crash or a lost connection left uncertain: listed, or settled by the user who checked them. */
async function resolveUncertain(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { went: { type: 'string' }, 'did-not-go': { type: 'string' }, data: { type: 'string' } } });
  const [workbook] = positionals;
  if (!workbook) throw new UsageError('Name the workbook whose uncertain sends to settle.');
  const ids = (list: string | undefined) => (list ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const went = ids(values.went);
  const didNotGo = ids(values['did-not-go']);
  const ledger = await existingLedger(dataFolderFor(resolve(workbook), values.data, process.env));
  if (!ledger) {
    io.out(`Nothing has been sent from ${workbook} yet, so nothing is uncertain.\n`);
    return EXIT_OK;
  }
  try {
    const uncertain = await ledger.inState('uncertain');
    if (went.length === 0 && didNotGo.length === 0) {
      if (uncertain.length === 0) io.out('No send is uncertain.\n');
      for (const d of uncertain) io.out(`${d.actionId}  ${d.channel} to ${d.to}: ${terminalLine(d.reason)}\n`);
      if (uncertain.length > 0) io.out(`\nCheck each (the sent items, the provider's log, or the customer), then: retention resolve ${workbook} --went ID,… --did-not-go ID,…\n`);
      return EXIT_OK;
    }
    const problems: string[] = [];
    const settle = async (actionIds: string[], resolution: { went: true; at: string } | { went: false }) => {
      for (const actionId of actionIds) {
        const held = uncertain.filter((d) => d.actionId === actionId);
        if (held.length === 0) problems.push(`${actionId} is not uncertain: nothing was changed for it (retention resolve ${workbook} lists those that are).`);
        for (const d of held) await ledger.resolveUncertain(d.actionId, d.channel, resolution);
      }
    };
    await settle(went, { went: true, at: io.now().toISOString() });
    await settle(didNotGo, { went: false });
    for (const p of problems) io.err(`${terminalLine(p)}\n`);
    const settled = went.length + didNotGo.length - problems.length;
    io.out(`${settled} settled. Run retention send ${workbook} to write them into the workbook${didNotGo.length > 0 ? ' and send again those that did not go (if still approved)' : ''}.\n`);
    return problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  } finally {
    await ledger.close();
  }
}

async function doctor(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string' }, data: { type: 'string' } } });
  const [workbook] = positionals;
  if (!workbook) throw new UsageError('Name the workbook to check sending for.');
  const folder = dirname(resolve(workbook));
  const findings: { ok: boolean; text: string }[] = [];
  const configPath = values.config ?? join(folder, CONFIG_FILE);
  const read = await readWorkerConfig(configPath, process.env);
  if ('problems' in read) for (const text of read.problems) findings.push({ ok: false, text });
  else if (read.config.graph) {
    // Checked by channelFindings below: Microsoft 365 sign-in.
  } else if (!read.config.smtp) findings.push({ ok: true, text: `No mail server in ${configPath}: emails go to the outbox folder.` });
  else {
    const { default: nodemailer } = await import('nodemailer');
    const smtp = read.config.smtp;
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: smtp.secure, requireTLS: smtp.requireTls, auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined, connectionTimeout: smtp.timeoutMs });
    await transport.verify().then(
      () => findings.push({ ok: true, text: `The mail server ${smtp.host}:${smtp.port} answers${smtp.user ? ` and accepts ${smtp.user}` : ''}.` }),
      (error: Error) => findings.push({ ok: false, text: `The mail server ${smtp.host}:${smtp.port} could not be used: ${error.message}. Check email.smtp in ${configPath} and RETENTION_SMTP_PASSWORD.` }),
    );
    transport.close();
  }
  if (!('problems' in read)) findings.push(...(await (await import('./channel-checks.ts')).channelFindings(read.config, configPath)));
  if (!('problems' in read) && read.config.letters.letterheadPdf) findings.push(await letterheadFinding(read.config.letters.letterheadPdf, read.config.letters.companyFooter));
  if (existsSync(workbook)) {
    const file = await openWorkbook(workbook, { by: io.user ?? '' });
    try {
      const kept = await readKeptState(file, londonDate(io.now()), '');
      if ('stopped' in kept) findings.push({ ok: false, text: kept.stopped.join('; ') });
      else {
        const s = kept.state.settings;
        for (const [label, value] of [['Garage name', s.garageName], ['Garage phone', s.garagePhone], ['Garage address', s.garageAddress], ['Sender mailbox', s.senderMailbox], ['SMS sender', s.smsSender]] as const) {
          if (!value.trim()) findings.push({ ok: false, text: `${label} is blank on the Settings sheet: messages need it. Fill it in and save.` });
        }
        const sender = s.smsSender.trim() ? smsSender(s.smsSender) : null;
        if (sender && 'problem' in sender) findings.push({ ok: false, text: sender.problem });
        else if (sender) findings.push({ ok: true, text: sender.replies ? `Texts go from ${sender.sender}: customers can reply to it.` : `Texts go from the name ${sender.sender}: customers cannot reply to a name, so marketing texts say how to opt out another way (Settings: SMS opt-out number, or the unsubscribe link).` });
      }
    } finally {
      await file.close();
    }
  } else {
    findings.push({ ok: false, text: `${workbook}: there is no such workbook. Build it first with retention build … --out ${workbook}.` });
  }
  const templates = compileTemplates(await readTemplateFiles());
  for (const p of templates.problems) findings.push({ ok: false, text: p.message });
  if (templates.problems.length === 0) findings.push({ ok: true, text: 'The message templates all read.' });
  const data = dataFolderFor(resolve(workbook), values.data, process.env);
  const whichLedger = await ledgerFinding({ folder: data, environment: process.env });
  findings.push(whichLedger);
  const ledger = whichLedger.made ? await existingLedger(data) : null;
  if (ledger) {
    const uncertain = await ledger.inState('uncertain');
    await ledger.close();
    if (uncertain.length > 0) findings.push({ ok: false, text: `${uncertain.length} send(s) may or may not have gone (Uncertain on Due Actions): check with the customer or the sent items, then mark them sent or send again.` });
  }
  for (const f of findings) io.out(`${f.ok ? 'ok ' : 'FIX'} ${terminalLine(f.text)}\n`);
  return findings.every((f) => f.ok) ? EXIT_OK : EXIT_PROBLEMS;
}

/** Whether the letterhead PDF can be laid under the letters, and what is printed with it. */
async function letterheadFinding(path: string, companyFooter: boolean): Promise<{ ok: boolean; text: string }> {
  const read = await (await import('./channels/letterhead-pdf.ts')).readLetterhead(path);
  if ('problem' in read) return { ok: false, text: read.problem };
  const continuation = read.letterhead.continuationSheet ? 'its second page under continuation pages' : 'its page under continuation pages too';
  // The registered details are the law's on business letters; stationery usually prints them, and then twice is once too many.
  const footer = companyFooter
    ? ' A limited company’s registered details (from Settings) are printed at the foot as well: if the stationery carries them, set letters.companyFooter to false.'
    : ' The company’s registered details are left to the stationery (letters.companyFooter is false).';
  return { ok: true, text: `The letterhead PDF ${path} is laid under every letter (${continuation}), in place of the garage's name, address and logo.${footer}` };
}

async function withProgress<T>(steps: number, run: (progress: Progress) => Promise<T>): Promise<T> {
  const progress = terminalProgress();
  progress.start(steps, 'reading');
  try {
    return await run(progress);
  } finally {
    progress.stop();
  }
}

function sheetProblemLines(problems: readonly Problem[]): string[] {
  if (problems.length === 0) return [];
  return [`${problems.length} problem(s) in the workbook's own sheets:`, ...problems.slice(0, 20).map((p) => `  ${p.message} (${p.action})`)];
}

/** What happened to the workbook file itself, for the user: where the old one is, what was cleared up. */
function workbookLines(built: Built): string[] {
  const { workbook, rebuilt } = built;
  if (!workbook) return [];
  const lines: string[] = [];
  if (workbook.staleLockTakenOver) lines.push(`A lock left by ${workbook.staleLockTakenOver}, which is no longer running, was cleared.`);
  if (workbook.leftoversRemoved.length > 0) lines.push(`Removed ${workbook.leftoversRemoved.length} unfinished file(s) left by an earlier build that was stopped: ${workbook.leftoversRemoved.map((f) => basename(f)).join(', ')}.`);
  if (rebuilt.rereads > 0) lines.push(`The workbook was saved by someone else during the build; it was read again (${rebuilt.rereads} time(s)) so nothing they added is lost.`);
  if (workbook.backup) lines.push(`The previous workbook is kept as ${workbook.backup}.`);
  lines.push(`Workbook: ${workbook.path}`);
  return lines;
}

function report(built: Built, options: { json: boolean; io: Io }): number {
  const { io } = options;
  const result = built.rebuilt;
  const problems = result.importProblems;
  const problemCount = problems.length + result.sheetProblems.length;
  const summary = buildSummary(result.retention, problemCount);
  const notes = [
    ...problemDigest(problems),
    ...sheetProblemLines(result.sheetProblems),
    ...(result.skipped > 0 ? [`${result.skipped} row(s) set to Skip on Due Actions are now in the Contact Log as skipped.`] : []),
    ...workbookLines(built),
  ].map((line) => terminalLine(line));
  if (options.json) {
    for (const line of notes) io.err(`${line}\n`);
    io.out(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    io.out(humanSummary(summary, notes));
  }
  return summary.problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function humanSummary(summary: BuildSummary, notes: string[]): string {
  const lines: string[] = [];
  const { imported, dueActions, lifecycle, bookings } = summary;
  lines.push(`Retention Desk — as of ${summary.asOf}`);
  lines.push(`Imported: ${imported.customers} customers, ${imported.units} units, ${imported.jobs} jobs, ${imported.advisories} advisories, ${imported.bookings} booking requests.`);
  lines.push(`Due contacts: ${dueActions.total} (Email ${dueActions.byMethod.Email}, SMS ${dueActions.byMethod.SMS}, Letter ${dueActions.byMethod.Letter}, no usable method ${dueActions.byMethod.None}).`);
  // Several to a line, so the summary stays on one screen.
  const kinds = Object.entries(dueActions.byContactDue).map(([contactDue, count]) => `${contactDue} ${count}`);
  for (let i = 0; i < kinds.length; i += 4) lines.push(`  ${kinds.slice(i, i + 4).join(' · ')}`);
  lines.push(`Customers: ${lifecycle.active} active, ${lifecycle.drifting} drifting, ${lifecycle.lapsing} lapsing, ${lifecycle.lapsed} lapsed, ${lifecycle.noVisits} with no visits.`);
  lines.push(`Audit ${summary.audit.from} to ${summary.audit.to}:`);
  for (const s of summary.audit.staff) {
    const previous = s.previousPct === null ? 'no previous period' : `previously ${s.previousPct}%`;
    lines.push(`  ${s.name}: ${s.customers} customers, ${s.missingItems} items missing, ${s.completePct}% complete (${previous})`);
  }
  lines.push(`Booking requests: ${bookings.unactioned} unactioned, ${bookings.overdue} overdue.`);
  lines.push(...notes);
  return `${lines.join('\n')}\n`;
}
