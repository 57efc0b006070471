/**
 * The open workbook as the pane and the ribbon's commands use it: the core's WorkbookStore (read
 * the kept sheets, write a plan) and the status writer for sends. The Office.js renderer in
 * addin/excel/ is plugged in here; until it is, the pane works the sheets out and shows them
 * without writing, and the commands say the workbook has no sheets yet.
 */
import type { Workbook } from './send-approved.ts';

export type WorkbookFactory = () => Workbook | null;

let factory: WorkbookFactory = () => null;

/** Where the open workbook comes from (the Office.js renderer, or a test's). */
export function setWorkbookFactory(next: WorkbookFactory): void {
  factory = next;
}

export function openWorkbook(): Workbook | null {
  return factory();
}
