/**
 * The workbook open in Excel as the core's WorkbookStore, through Office.js: readSheets reads the
 * kept sheets back (read-sheets.ts), write draws the plan into it (write-plan.ts). The rebuild
 * itself — what is kept, what is due, the plan — is the core's, the same as `build --into`.
 *
 * "Changed since read": a live workbook has no file to hash, and the garage may tick Approve or
 * type in the Contact Log while the rebuild works. So readSheets keeps a fingerprint of each sheet
 * it read (its headers and cells as read), and write reads the same sheets again, in the same
 * Excel.run and just before its first change, and compares. A difference — or a sheet gone or
 * added — means nothing is written and the rebuild reads again, as it does when someone saved the
 * file. The price is one more read of the kept sheets (a few syncs); the window left is the
 * writing itself, during which an edit to a sheet being rewritten can still be lost.
 *
 * @example
 * const workbook = officeWorkbookStore((batch) => Excel.run(batch));
 * await rebuildWorkbook({ exports, workbook, asOf, by });
 */
/// <reference types="office-js" />
import type { SheetTable, WorkbookPlan, WorkbookStore, WorkbookWrite } from '../../core/index.ts';
import { NEEDED_API } from '../shared/office-host.ts';
import { readSheetTables } from './read-sheets.ts';
import { REQUEST_BUDGET } from './request-budget.ts';
import { writePlan, type PlanWritten } from './write-plan.ts';

/** Excel.run, or a test's fake of it. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeStoreOptions {
  /** Bytes one sync may carry by our count (default 4 MB, under Excel on the web's 5 MB). */
  budget?: number;
  /** Told what each write took: its syncs and bytes (a benchmark's figures). */
  onWritten?: (written: PlanWritten) => void;
}

/**
 * True when this Excel has what the store uses: ExcelApi 1.9 (Excel 2021, Microsoft 365, Excel on
 * the web). Pass `Office.context.requirements`.
 */
export function canWriteWorkbook(requirements: { isSetSupported(name: string, minVersion?: string): boolean }): boolean {
  return requirements.isSetSupported(NEEDED_API.set, NEEDED_API.version);
}

/** 53-bit FNV-style hash of a sheet as read: its name, headers and cells. */
export function sheetFingerprint(table: SheetTable): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  };
  add(JSON.stringify([table.sheet, table.headers]));
  for (const row of table.rows) add(JSON.stringify(row));
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

interface Seen {
  names: readonly string[];
  /** Sheet name → fingerprint; null when the workbook had none of the sheets. */
  fingerprints: Map<string, string> | null;
}

function fingerprints(sheets: ReadonlyMap<string, SheetTable> | null): Map<string, string> | null {
  return sheets && new Map([...sheets].map(([name, table]) => [name, sheetFingerprint(table)]));
}

/** The sheets whose reading differs between two fingerprints, in the garage's words. */
function differences(before: Map<string, string> | null, now: Map<string, string> | null): string[] {
  const names = new Set([...(before?.keys() ?? []), ...(now?.keys() ?? [])]);
  return [...names].filter((name) => before?.get(name) !== now?.get(name));
}

export function officeWorkbookStore(run: ExcelRun, options: OfficeStoreOptions = {}): WorkbookStore {
  const budget = options.budget ?? REQUEST_BUDGET;
  let seen: Seen | null = null;
  return {
    async readSheets(names) {
      const sheets = await run((context) => readSheetTables(context, names, budget));
      seen = { names: [...names], fingerprints: fingerprints(sheets) };
      return sheets;
    },

    async write(plan: WorkbookPlan): Promise<WorkbookWrite> {
      if (!seen) throw new Error('write before readSheets (program error)');
      const read = seen;
      const outcome = await run(async (context): Promise<WorkbookWrite> => {
        const changed = differences(read.fingerprints, fingerprints(await readSheetTables(context, read.names, budget)));
        if (changed.length > 0) return { written: false, changedSinceRead: `${changed.join(', ')} changed in Excel while the sheets were being worked out` };
        const done = await writePlan(context, plan, budget);
        options.onWritten?.(done);
        return { written: true };
      });
      if (outcome.written) seen = null;
      return outcome;
    },
  };
}
