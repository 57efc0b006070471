/**
 * Does what a Web Worker of the pane asks of the open workbook (read the kept sheets, write a
 * plan), on the pane's thread where Office.js lives, and says how it went.
 */
import type { WorkbookStore } from '../../core/index.ts';
import type { FromWorker, SheetData, StoreReply } from '../import/load-messages.ts';

export async function answerStoreRequest(message: Extract<FromWorker, { type: 'read-sheets' | 'write-plan' }>, store: WorkbookStore | null): Promise<StoreReply> {
  try {
    if (!store) throw new Error('there is no workbook open');
    if (message.type === 'read-sheets') {
      const sheets = await store.readSheets(message.names);
      const data: SheetData[] | null = sheets && [...sheets.values()].map(({ sheet, headers, rows }) => ({ sheet, headers, rows }));
      return { type: 'store-reply', id: message.id, sheets: data };
    }
    return { type: 'store-reply', id: message.id, write: await store.write(message.plan) };
  } catch (error) {
    return { type: 'store-reply', id: message.id, error: (error as Error).message };
  }
}
