/**
 * The garage's workbook as a file on disk, for the core's rebuild. Its history lives in this file,
 * so every write is treated like a database commit:
 *
 * - a lock file beside it while a build runs, so two builds never write it at once (the second
 *   is told who holds it); a lock left by a build that was killed is taken over;
 * - the new workbook is written to a temporary file and swapped in only when complete, and only if
 *   the old one has not changed since it was read (someone saved it in Excel, another program wrote
 *   it): then nothing is written and the rebuild reads it again;
 * - the previous workbook is kept under `backups/` beside it (the last few), and the result says where;
 * - a read-only workbook is left alone; a rewritten one keeps the old file's permissions;
 * - temporary files a killed build left behind are removed.
 *
 * @example
 * const workbook = await openWorkbookFile('retention.xlsx', { by: 'Sarah' });
 * try { await rebuildWorkbook({ exports, workbook, asOf, by }); } finally { await workbook.close(); }
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import type { SheetTable, WorkbookPlan, WorkbookStore, WorkbookWrite } from '../core/index.ts';
import { WorkbookFileError } from './workbook-file-error.ts';
import { isOwnSheet } from './xlsx/own-sheets.ts';
import { readWorkbookBytes } from './xlsx/read-workbook.ts';
import { isTemporaryOf, replaceFailure, temporaryPathFor, writeWorkbookFile } from './xlsx/write-workbook.ts';


/** How many earlier versions `backups/` keeps of each workbook. */
export const BACKUPS_KEPT = 5;

export interface WorkbookFile extends WorkbookStore {
  readonly path: string;
  /** Where the previous workbook was kept by the last write; null when there was none to keep. */
  readonly backup: string | null;
  /** Temporary files of earlier, killed builds that were removed on opening. */
  readonly leftoversRemoved: string[];
  /** A lock left by a build that no longer runs, taken over on opening ("" when there was none). */
  readonly staleLockTakenOver: string;
  close(): Promise<void>;
}

interface Lock {
  pid: number;
  host: string;
  by: string;
  since: string;
}

interface Seen {
  /** sha-256 of the bytes read; 'absent' when there was no file. */
  hash: string;
  mode: number | null;
}

const lockPathFor = (path: string) => `${path}.lock`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeLock(lock: Lock | null): string {
  if (!lock) return 'another build';
  return `a build${lock.by ? ` by ${lock.by}` : ''} on ${lock.host} (process ${lock.pid}), started ${lock.since}`;
}

async function readLock(lockPath: string): Promise<{ lock: Lock | null; text: string } | null> {
  const text = await readFile(lockPath, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : ''));
  if (text === null) return null;
  try {
    return { lock: JSON.parse(text) as Lock, text };
  } catch {
    return { lock: null, text };
  }
}

/**
 * Creates `path` holding `text`, or fails with EEXIST: written under another name and linked into
 * place, so a build killed half-way never leaves an empty lock. Where links are not allowed (some
 * shared drives), created exclusively and written.
 */
async function createWhole(path: string, text: string): Promise<void> {
  const draft = `${path}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, text, { flag: 'wx' });
  try {
    await link(draft, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    await writeFile(path, text, { flag: 'wx' });
  } finally {
    await rm(draft, { force: true });
  }
}

/** A lock nobody can read (the shared-drive fallback, killed before writing it) is stale once it is a minute old. */
async function isOld(lockPath: string): Promise<boolean> {
  const info = await stat(lockPath).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > 60_000;
}

/** Creates the lock file, or says who holds it. A lock of this machine's whose process is gone is stale: taken over. */
async function takeLock(path: string, by: string): Promise<{ lockText: string; staleLockTakenOver: string }> {
  const lockPath = lockPathFor(path);
  // The random part tells apart two builds of one process (the add-in's worker serves several).
  const lockText = JSON.stringify({ pid: process.pid, host: hostname(), by, since: new Date().toISOString(), id: randomBytes(6).toString('hex') } satisfies Lock & { id: string });
  let staleLockTakenOver = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await createWhole(lockPath, lockText);
      return { lockText, staleLockTakenOver };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new WorkbookFileError(`Could not create the lock file ${lockPath} (${(error as Error).message}). Nothing was written. Check that you may write to ${dirname(lockPath)}.`);
      }
    }
    const held = await readLock(lockPath);
    if (held === null) continue; // released meanwhile
    const stale = held.lock === null ? await isOld(lockPath) : held.lock.host === hostname() && !isRunning(held.lock.pid);
    if (!stale) {
      throw new WorkbookFileError(
        `${basename(path)} is being rebuilt by ${describeLock(held.lock)}, so this build did not touch it. ` +
          `Wait for that build to finish and build again. If no build is running (the computer was restarted during one), delete ${lockPath} and build again.`,
      );
    }
    // Only if it is still the same stale lock: another build may have taken it over meanwhile.
    const again = await readLock(lockPath);
    if (again?.text === held.text) await rm(lockPath, { force: true });
    staleLockTakenOver = describeLock(held.lock);
  }
  throw new WorkbookFileError(`${basename(path)} is locked by another build (${lockPath}). Wait for it to finish and build again.`);
}

/** Removes the temporary files of earlier builds of this workbook: only a lock holder writes them, and we hold the lock. */
async function removeLeftovers(path: string): Promise<string[]> {
  const folder = dirname(path);
  const names = await readdir(folder).catch(() => [] as string[]);
  const leftovers = names.filter((name) => isTemporaryOf(basename(path), name)).map((name) => join(folder, name));
  for (const file of leftovers) await rm(file, { force: true });
  return leftovers;
}

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The workbook as it is now, by content: a save that kept the size and the time to the second is
 * still seen. Read as a stream: this runs at the end of the write, the build's fullest moment, and
 * a 100,000-customer workbook read whole was 66 MB more on top of it.
 */
async function currentHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  return hash.digest('hex');
}

function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** Keeps the workbook about to be replaced under backups/, and the newest BACKUPS_KEPT of them. */
async function keepBackup(path: string): Promise<string> {
  const folder = join(dirname(path), 'backups');
  await mkdir(folder, { recursive: true });
  const stem = basename(path, extname(path));
  const prefix = `${stem} before `;
  let backup = join(folder, `${prefix}${stamp(new Date())}${extname(path)}`);
  for (let n = 2; await stat(backup).then(() => true, () => false); n++) backup = join(folder, `${prefix}${stamp(new Date())} (${n})${extname(path)}`);
  // A second name for the same file costs nothing; where links are not allowed (some shared drives), a copy.
  await link(path, backup).catch(() => copyFile(path, backup));
  const older = (await readdir(folder)).filter((name) => name.startsWith(prefix) && name.endsWith(extname(path))).sort();
  for (const name of older.slice(0, Math.max(0, older.length - BACKUPS_KEPT))) await rm(join(folder, name), { force: true });
  return backup;
}

/**
 * Opens the workbook at `path` (which need not exist yet) for one build: checks it may be written,
 * takes the lock and clears what killed builds left. Call close() when done, whatever happened.
 */
export async function openWorkbookFile(pathGiven: string, options: { by: string; rememberReads?: boolean }): Promise<WorkbookFile> {
  const path = resolve(pathGiven);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
  if (info instanceof Error) throw new WorkbookFileError(`${pathGiven} is not readable (${info.message}). Nothing was written.`);
  if (info && !info.isFile()) throw new WorkbookFileError(`${pathGiven} is a folder, not a workbook. Nothing was written. Name the .xlsx file.`);
  // Checked on the mode, not with access(): an administrator may write anything, but the garage made it read-only on purpose.
  if (info && (info.mode & 0o222) === 0) {
    throw new WorkbookFileError(`${pathGiven} is read-only, so it was not rewritten. Nothing was written. If it should be updated, make it writable (Properties → untick Read-only) and build again.`);
  }
  const folder = await stat(dirname(path)).catch(() => null);
  if (!folder?.isDirectory()) throw new WorkbookFileError(`There is no folder ${dirname(path)} to write ${basename(path)} in. Nothing was written.`);

  const { lockText, staleLockTakenOver } = await takeLock(path, options.by);
  let leftoversRemoved: string[];
  try {
    leftoversRemoved = await removeLeftovers(path);
  } catch (error) {
    await rm(lockPathFor(path), { force: true });
    throw error;
  }

  let seen: Seen | null = null;
  let ownSheets: ExcelJS.Worksheet[] = [];
  // The last read, by the file's hash and the sheets asked for: `send` reads the workbook more than
  // once (what it remembers, what is due, then to write back), and the same bytes read the same.
  let lastRead: { key: string; sheets: ReadonlyMap<string, SheetTable>; whole: ExcelJS.Worksheet[] } | null = null;
  let backup: string | null = null;
  let closed = false;

  return {
    path,
    get backup() {
      return backup;
    },
    leftoversRemoved,
    staleLockTakenOver,

    async readSheets(names: readonly string[]): Promise<ReadonlyMap<string, SheetTable> | null> {
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw new WorkbookFileError(`${basename(path)} could not be read (${error.message}). Nothing was written. Check it is not open with exclusive access elsewhere, then build again.`);
      });
      if (bytes === null) {
        seen = { hash: 'absent', mode: null };
        ownSheets = [];
        return null;
      }
      const mode = (await stat(path)).mode & 0o7777;
      const hash = hashOf(bytes);
      const key = `${hash}\n${names.join('\n')}`;
      if (lastRead?.key === key) {
        seen = { hash, mode };
        ownSheets = lastRead.whole;
        return lastRead.sheets;
      }
      let read;
      try {
        read = await readWorkbookBytes(bytes, { sheets: names, whole: isOwnSheet });
      } catch (error) {
        const backups = join(dirname(path), 'backups');
        const restore = (await stat(backups).then((b) => b.isDirectory(), () => false))
          ? `copy the newest file from ${backups} over it`
          : 'put back your last good copy of it';
        // Never "build into a new file": that would start the Contact Log again and send reminders twice.
        throw new WorkbookFileError(
          `${basename(path)} could not be read as a workbook (${(error as Error).message}). Nothing was written; it was left exactly as it is. ` +
            `Open it in Excel: if Excel repairs it, save it and build again. If not, ${restore}, then build again.`,
        );
      }
      if (read.wholeLosses.length > 0) {
        throw new WorkbookFileError(`${basename(path)} was not rewritten (nothing was written):\n${read.wholeLosses.map((l) => `  - ${l}`).join('\n')}`);
      }
      seen = { hash, mode };
      ownSheets = read.whole;
      // A build reads once: holding the sheets through it would cost 40 MB at 100,000 customers,
      // and V8 lets the heap grow to a multiple of what is live.
      if (options.rememberReads ?? true) lastRead = { key, sheets: read.sheets, whole: read.whole };
      return read.sheets;
    },

    async write(plan: WorkbookPlan): Promise<WorkbookWrite> {
      if (closed) throw new Error('write after close (program error)');
      if (!seen) throw new Error('write before readSheets (program error)');
      const temporary = temporaryPathFor(path);
      try {
        await writeWorkbookFile(plan, temporary, { ownSheets });
      } catch (error) {
        throw new WorkbookFileError(`${basename(path)} could not be written: ${(error as Error).message} The workbook there before, if any, is unchanged.`);
      }
      try {
        // The last moment before the swap: anything saved since the read would be lost by it.
        const now = await currentHash(path);
        if (now !== seen.hash) {
          await rm(temporary, { force: true });
          return { written: false, changedSinceRead: now === 'absent' ? `${basename(path)} was moved or deleted` : `${basename(path)} was saved by someone else` };
        }
        if (seen.mode !== null) await chmod(temporary, seen.mode);
        backup = seen.hash === 'absent' ? null : await keepBackup(path);
        await rename(temporary, path);
        seen = null;
        return { written: true };
      } catch (error) {
        await rm(temporary, { force: true });
        if (error instanceof WorkbookFileError) throw error;
        throw new WorkbookFileError(`${replaceFailure(path, error)} The workbook is unchanged.`);
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      // Only our own lock: one another build took over meanwhile is theirs.
      const held = await readLock(lockPathFor(path));
      if (held?.text === lockText) await rm(lockPathFor(path), { force: true });
    },
  };
}
