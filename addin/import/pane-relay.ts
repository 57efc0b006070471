/**
 * The open workbook as a Web Worker of the pane sees it: Office.js lives on the pane's thread, so
 * each read and write is asked of the pane (load-exports.ts answers) and the worker waits.
 */
import type { SheetTable, WorkbookPlan, WorkbookStore } from '../../core/index.ts';
import type { StoreReply } from './load-messages.ts';
import { postPlanInPieces, type PlanRows } from './plan-pieces.ts';

type Ask = { type: 'read-sheets'; names: string[] } | { type: 'write-plan'; plan: WorkbookPlan };

export interface PaneRelay {
  /** The open workbook, through the pane. */
  workbook: WorkbookStore;
  /** The sheets of the plan last handed to the pane and their rows (the plan lets each go once sent). */
  lastSheets(): { name: string; rows: number }[] | null;
  /** Hand the pane's reply to the request waiting for it. */
  answer(reply: StoreReply): void;
}

export function paneRelay(post: (message: (Ask & { id: number }) | PlanRows) => void): PaneRelay {
  const waiting = new Map<number, (reply: StoreReply) => void>();
  let nextId = 1;
  let sheets: { name: string; rows: number }[] | null = null;
  const ask = (message: Ask): Promise<StoreReply> => {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      if (message.type === 'write-plan') sheets = postPlanInPieces(post, id, message.plan);
      else post({ ...message, id });
    });
  };
  return {
    lastSheets: () => sheets,
    workbook: {
      async readSheets(names) {
        const reply = await ask({ type: 'read-sheets', names: [...names] });
        if (reply.error) throw new Error(reply.error);
        return reply.sheets ? new Map(reply.sheets.map((s) => [s.sheet, s as SheetTable])) : null;
      },
      async write(plan) {
        const reply = await ask({ type: 'write-plan', plan });
        if (reply.error || !reply.write) throw new Error(reply.error ?? 'the workbook was not written');
        return reply.write;
      },
    },
    answer(reply) {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    },
  };
}
