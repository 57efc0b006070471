/**
 * The customers the user has selected on the Lapsing sheet, for Mark lapsed: the Code column
 * (found by its header, wherever the garage moved it) of every selected row under the header,
 * blank rows left out, each code once. Three small syncs, whatever the selection: a whole column
 * selected reads only as far as the sheet is used.
 */
/// <reference types="office-js" />
import { LAPSING_SHEET } from '../../core/index.ts';
import type { ExcelRun } from './office-workbook-store.ts';

export type SelectedCustomers = { codes: string[] } | { refused: string };

const CODE_HEADERS = ['code', 'customer code'];

const SELECT_ROWS = `On the ${LAPSING_SHEET} sheet, select the rows of the customers to mark (click a row number, Shift+click another for several), then press Mark lapsed again.`;

export async function selectedLapsingCustomers(run: ExcelRun): Promise<SelectedCustomers> {
  try {
    return await run(async (context) => {
      const selected = context.workbook.getSelectedRange();
      selected.load('rowIndex,rowCount');
      const sheet = selected.worksheet;
      sheet.load('name');
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load('rowIndex,rowCount,columnIndex,columnCount');
      await context.sync();
      if (sheet.name !== LAPSING_SHEET) return { refused: `The selection is on the ${sheet.name} sheet. ${SELECT_ROWS}` };
      if (used.isNullObject) return { refused: `The ${LAPSING_SHEET} sheet is empty: nobody is lapsing. Load this week's exports to bring it up to date.` };

      const lastRow = used.rowIndex + used.rowCount - 1;
      const columns = used.columnIndex + used.columnCount;
      // Row 1 is the header: a selection that starts on it starts below it.
      const first = Math.max(1, selected.rowIndex);
      const last = Math.min(lastRow, selected.rowIndex + selected.rowCount - 1);
      if (last < first) return { refused: `No customer's row is selected. ${SELECT_ROWS}` };
      const header = sheet.getRangeByIndexes(0, 0, 1, columns);
      header.load('values');
      const rows = sheet.getRangeByIndexes(first, 0, last - first + 1, columns);
      rows.load('values');
      await context.sync();

      const codeColumn = (header.values[0] ?? []).findIndex((h) => CODE_HEADERS.includes(String(h).trim().toLowerCase()));
      if (codeColumn < 0) return { refused: `The ${LAPSING_SHEET} sheet has no Code column. Load this week's exports to write the sheet again, then select the rows.` };
      const codes = [...new Set(rows.values.map((row) => String(row[codeColumn] ?? '').trim()).filter(Boolean))];
      if (codes.length === 0) return { refused: `The selected rows have no customer codes. ${SELECT_ROWS}` };
      return { codes };
    });
  } catch (error) {
    // Several separate areas selected, or nothing selectable (a chart, a shape): Excel refuses getSelectedRange.
    return { refused: `Excel could not read the selection (${(error as Error).message}). ${SELECT_ROWS}` };
  }
}
