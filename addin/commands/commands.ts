/**
 * The ribbon's Send approved and Refresh statuses. Each ends with event.completed() in finally,
 * and within a time budget well inside Office's, whatever the worker does: a send still going on
 * then finishes in the worker, and Refresh statuses picks it up.
 */
import { openWorkbook } from '../shared/open-workbook.ts';
import { refreshStatuses, sendApproved, type Outcome } from '../shared/send-approved.ts';
import { loadSettings } from '../shared/worker-settings.ts';

/** Office allows a function command minutes; ours stops waiting long before. */
const BUDGET_MS = 30_000;

function withinBudget(work: Promise<Outcome>): Promise<Outcome> {
  const late = new Promise<Outcome>((resolve) =>
    setTimeout(() => resolve({ ok: true, message: 'The worker is still sending; press Refresh statuses in a minute to see how each row went.', rows: [] }), BUDGET_MS),
  );
  return Promise.race([work, late]);
}

/** The outcome is kept for the pane to show when opened (a function command has no window of its own). */
function remember(outcome: Outcome): void {
  localStorage.setItem('retention-desk.last-command', JSON.stringify({ at: new Date().toISOString(), ...outcome }));
}

async function run(event: Office.AddinCommands.Event, work: () => Promise<Outcome>): Promise<void> {
  try {
    remember(await withinBudget(work()));
  } catch (error) {
    remember({ ok: false, message: `Retention Desk could not finish: ${(error as Error).message}. Open the pane for details.`, rows: [] });
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('sendApproved', (event: Office.AddinCommands.Event) => run(event, () => sendApproved(openWorkbook(), loadSettings(), new Date())));
  Office.actions.associate('refreshStatuses', (event: Office.AddinCommands.Event) => run(event, () => refreshStatuses(openWorkbook(), loadSettings())));
});
