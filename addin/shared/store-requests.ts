/**
 * Does what a Web Worker of the pane asks of the open workbook (read the kept sheets, write a
 * plan), on the pane's thread where Office.js lives, and says how it went. A plan comes in pieces
 * (plan-pieces.ts): the rows first, gathered here, then the plan that stands for them.
 */
import type { WorkbookStore } from '../../core/index.ts';
import type { FromWorker, SheetData, StoreReply } from '../import/load-messages.ts';
import { planAssembler } from '../import/plan-pieces.ts';

export type StoreRequest = Extract<FromWorker, { type: 'read-sheets' | 'write-plan' | 'plan-rows' }>;

/** One per worker. Answers a request (null for a piece of a plan, which needs no answer); call it as each message comes, in order. */
export function storeRequestHandler(store: () => WorkbookStore | null): (message: StoreRequest) => Promise<StoreReply | null> {
  const plans = planAssembler();
  return async (message) => {
    if (message.type === 'plan-rows') {
      plans.take(message);
      return null;
    }
    try {
      const workbook = store();
      if (!workbook) throw new Error('there is no workbook open');
      if (message.type === 'read-sheets') {
        const sheets = await workbook.readSheets(message.names);
        const data: SheetData[] | null = sheets && [...sheets.values()].map(({ sheet, headers, rows }) => ({ sheet, headers, rows }));
        return { type: 'store-reply', id: message.id, sheets: data };
      }
      return { type: 'store-reply', id: message.id, write: await workbook.write(plans.whole(message.id, message.plan)) };
    } catch (error) {
      return { type: 'store-reply', id: message.id, error: (error as Error).message };
    }
  };
}
