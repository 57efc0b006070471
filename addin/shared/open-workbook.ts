/**
 * The workbook open in Excel as the core's WorkbookStore, through Office.js (addin/excel/): what
 * the load, Send approved, Refresh statuses and Mark lapsed read and write. Null where there is
 * nothing to write to: the page is not in Excel, or this Excel lacks ExcelApi 1.9.
 *
 * Each caller gets a store of its own: a store remembers what it read, to know at write time
 * whether the workbook changed since, and two rebuilds must not share that.
 */
/// <reference types="office-js" />
import type { WorkbookStore } from '../../core/index.ts';
import { canWriteWorkbook, officeWorkbookStore } from '../excel/office-workbook-store.ts';

export function openWorkbook(): WorkbookStore | null {
  if (typeof Excel === 'undefined' || typeof Office === 'undefined' || !Office.context?.requirements) return null;
  if (!canWriteWorkbook(Office.context.requirements)) return null;
  return officeWorkbookStore((batch) => Excel.run(batch));
}
