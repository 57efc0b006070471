/**
 * The ribbon's Send approved and Refresh statuses. Each ends with event.completed() in finally,
 * and within a time budget well inside Office's, whatever the worker does: a send still going on
 * then finishes in the worker, and Refresh statuses picks it up.
 */
import { rememberCommand } from '../shared/last-command.ts';
import { refreshStatuses, sendApproved, type Outcome } from '../shared/send-approved.ts';
import { loadSettings } from '../shared/worker-settings.ts';

/** Office allows a function command minutes; ours stops waiting long before. */
const BUDGET_MS = 30_000;
/** How long Send approved waits for the worker to finish before writing the statuses it has. */
const WAIT_FOR_STATUSES_MS = 5_000;

function withinBudget(work: Promise<Outcome>): Promise<Outcome> {
  const late = new Promise<Outcome>((resolve) =>
    setTimeout(() => resolve({ ok: true, message: 'Retention Desk is still writing the statuses; press Refresh statuses in a minute to see how each row went.' }), BUDGET_MS),
  );
  return Promise.race([work, late]);
}

async function run(event: Office.AddinCommands.Event, command: string, work: () => Promise<Outcome>): Promise<void> {
  // The outcome is kept for the pane to show when opened (a function command has no window of its own).
  try {
    rememberCommand(command, await withinBudget(work()), new Date());
  } catch (error) {
    rememberCommand(command, { ok: false, message: `Retention Desk could not finish: ${(error as Error).message}. Open the pane for details.` }, new Date());
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('sendApproved', (event: Office.AddinCommands.Event) => run(event, 'Send approved', () => sendApproved(loadSettings(), new Date(), WAIT_FOR_STATUSES_MS)));
  Office.actions.associate('refreshStatuses', (event: Office.AddinCommands.Event) => run(event, 'Refresh statuses', () => refreshStatuses(loadSettings(), new Date())));
});
