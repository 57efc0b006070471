/**
 * The workbook's own id, kept in the add-in's settings saved inside it (workbook.settings, ExcelApi
 * 1.4). The exports kept on this computer are filed under it, so a computer that opens two
 * garages' workbooks never sends from one garage's exports into the other's workbook.
 */
/// <reference types="office-js" />
import type { ExcelRun } from './office-workbook-store.ts';

const KEY = 'RetentionDesk.WorkbookId';

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The workbook's id; made and saved in it when it has none and `create` is set, else null. */
export function workbookId(run: ExcelRun, options: { create: boolean }): Promise<string | null> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(KEY);
    setting.load('value');
    await context.sync();
    if (!setting.isNullObject && typeof setting.value === 'string' && setting.value) return setting.value;
    if (!options.create) return null;
    const id = newId();
    context.workbook.settings.add(KEY, id);
    await context.sync();
    return id;
  });
}
