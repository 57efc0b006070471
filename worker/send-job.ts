/**
 * `retention send`: the rows the garage approved on Due Actions, through the ledger, out by their
 * channel, and back into the workbook (Status, Sent At, Reference, and the Contact Log).
 *
 * 1. With the workbook locked, the due actions are worked out again from the exports the last
 *    build read, with the garage's choices (Approve, Method) from the sheet.
 * 2. Each approved row is rendered; a row that cannot be (no name for the greeting) fails alone.
 * 3. Each is queued in the ledger with its message; one the ledger already holds (sent, uncertain)
 *    is not sent again. Then the queue is drained: each claimed (submitting), sent, its outcome recorded.
 * 4. The workbook is rebuilt with the outcomes. If it cannot be written, the sends still stand (the
 *    ledger is the truth) and the next `send` or `build --into` writes them in.
 */
import { dirname, join } from 'node:path';
import {
  compileTemplates,
  contactLogKey,
  dailyAllowance,
  londonDate,
  mergeContextFor,
  readOnlyWorkbook,
  rebuildWorkbook,
  renderMessage,
  rowMethod,
  type ContactLogEntry,
  type ExportSource,
  type IsoDate,
  type Problem,
  type Rebuilt,
  type SendOutcome,
  type WorkbookStore,
} from '../core/index.ts';
import type { Channel, OutgoingMessage } from './channels/channel.ts';
import type { DeliveryAnswer } from './channels/sms/delivery.ts';
import type { Progress } from './progress.ts';
import type { Claimed, Delivery, Ledger, Outcome, Settled } from './ledger/ledger.ts';
import { readTemplateFiles } from './templates.ts';

export interface SendRequest {
  exports: ExportSource;
  workbook: WorkbookStore;
  ledger: Ledger;
  channel: Channel;
  asOf: IsoDate;
  by: string;
  /** Send every row with a usable method, approved or not (Hold still holds). */
  approveAll: boolean;
  /** Render what would be sent through `channel` (a preview folder) and change nothing: no ledger, no workbook. */
  dryRun?: boolean;
  /** A bar on a terminal: started with the number of messages, moved on by each. */
  progress?: Progress;
  /** Recipients a day the sending mailbox may mail (Microsoft 365's limit); none for a mail server or the outbox. */
  emailDailyLimit?: number;
  /** Asks the SMS provider whether texts arrived, by the references the ledger keeps; none when texts go to the outbox. */
  pollDeliveries?: PollDeliveries;
  /** Told what the mailbox may still send today before anything is sent, so the garage sees it first. */
  beforeSending?: (line: string) => void;
  now: () => Date;
}

export interface SendReport {
  /** Rows sent this time, by method. */
  sent: Record<string, number>;
  failed: number;
  uncertain: number;
  /** Rows already in the ledger (sent or waiting to be checked): nothing was sent for them. */
  alreadyInLedger: { actionId: string; state: string }[];
  /** Rows left alone, and why (Hold, no method). */
  leftAlone: { actionId: string; why: string }[];
  /** Rows that could not be rendered: each problem says why. */
  problems: Problem[];
  /** Text message parts the texts take (what the SMS provider charges for). */
  smsSegments: number;
  /** Sends a killed earlier run left unanswered: may have gone, for the user to check. */
  recoveredUncertain: Delivery[];
  /** What the mailbox may still send today, when it has a daily limit: "148 emails approved; this mailbox can send 9,852 more today". */
  dailyAllowance: string | null;
  /** Earlier texts the network has now reported on. */
  deliveries: { Delivered: number; Undelivered: number };
  rebuilt: Rebuilt | null;
  /** Why the workbook was not rewritten, when it was not (the sends still stand). */
  workbookNotWritten: string[];
}

/** The Contact Log line and the row's Status for a delivery the ledger has settled. */
export function sendOutcomeOf(delivery: Delivery): SendOutcome | null {
  if (delivery.state !== 'sent' && delivery.state !== 'failed' && delivery.state !== 'uncertain') return null;
  const sentAt = delivery.sentAt ? londonDate(new Date(delivery.sentAt)) : londonDate(new Date(delivery.queuedAt));
  const entry: ContactLogEntry = {
    actionId: delivery.actionId,
    sentAt,
    customerCode: delivery.customerCode,
    contactDue: delivery.contactDue,
    method: delivery.channel,
    to: delivery.to,
    status: delivery.state,
    reference: delivery.state === 'sent' ? delivery.reference : delivery.reason,
    by: delivery.by,
  };
  const rowStatus = delivery.state === 'sent' ? (delivery.channel === 'Letter' ? 'Printed' : 'Sent') : delivery.state === 'failed' ? 'Failed' : 'Uncertain';
  return { actionId: delivery.actionId, rowStatus, sentAt, reference: entry.reference, entry };
}

/** Ledger outcomes the workbook's Contact Log does not hold yet (a send whose workbook write failed). */
export async function outcomesNotLogged(ledger: Ledger, log: readonly ContactLogEntry[]): Promise<SendOutcome[]> {
  const logged = new Set(log.map(contactLogKey));
  return (await ledger.all())
    .map(sendOutcomeOf)
    .filter((o): o is SendOutcome => o !== null && !(o.entry && logged.has(contactLogKey(o.entry))));
}

function approved(approve: string | null | undefined, approveAll: boolean): boolean {
  return approve === 'Yes' || (approveAll && approve !== 'Hold' && approve !== 'Skip');
}

export async function sendApproved(request: SendRequest): Promise<SendReport> {
  const { ledger, channel, asOf, by } = request;
  const report: SendReport = { sent: {}, failed: 0, uncertain: 0, alreadyInLedger: [], leftAlone: [], problems: [], smsSegments: 0, recoveredUncertain: [...ledger.recoveredUncertain], dailyAllowance: null, deliveries: { Delivered: 0, Undelivered: 0 }, rebuilt: null, workbookNotWritten: [] };

  const due = await rebuildWorkbook({ exports: request.exports, workbook: readOnlyWorkbook(request.workbook), asOf, by });
  if ('stopped' in due) {
    report.workbookNotWritten = due.stopped;
    return report;
  }
  const { retention, state } = due;
  const { value: templates, problems: templateProblems } = compileTemplates(await readTemplateFiles());
  report.problems.push(...templateProblems);

  const notSent: SendOutcome[] = [];
  const toSend: OutgoingMessage[] = [];
  // The mailbox's rolling 24 hours: what it sent, and so how many more it may send now.
  const emailsLeft = request.emailDailyLimit === undefined ? Infinity : Math.max(0, request.emailDailyLimit - (await emailsSentSince(ledger, new Date(request.now().getTime() - DAY_MS))));
  let emailsApproved = 0;
  for (const action of retention.dueActions) {
    const edit = state.dueEdits.get(action.actionId);
    if (!approved(edit?.approve, request.approveAll)) {
      if (edit?.approve === 'Hold') report.leftAlone.push({ actionId: action.actionId, why: 'on Hold' });
      continue;
    }
    const { method, to } = rowMethod(action, edit);
    if (!method) {
      report.leftAlone.push({ actionId: action.actionId, why: action.reason || 'no usable method' });
      continue;
    }
    const held = await ledger.get(action.actionId, method);
    if (held && held.state !== 'failed' && held.state !== 'queued') {
      report.alreadyInLedger.push({ actionId: action.actionId, state: held.state });
      continue;
    }
    const sendable = { ...action, method, to };
    const context = mergeContextFor(sendable, retention.garage, state.settings);
    const rendered = context ? renderMessage(sendable, context, templates) : null;
    if (!rendered?.value) {
      const problems = rendered?.problems ?? [];
      report.problems.push(...problems);
      notSent.push({ actionId: action.actionId, rowStatus: 'Not sent', sentAt: null, reference: problems[0]?.message ?? 'its customer is not in the exports', entry: null });
      continue;
    }
    if (method === 'Email' && ++emailsApproved > emailsLeft) {
      // Past the mailbox's daily limit Microsoft 365 refuses the mail: it waits for tomorrow instead.
      notSent.push({ actionId: action.actionId, rowStatus: 'Not sent', sentAt: null, reference: "over the mailbox's daily limit: send again tomorrow", entry: null });
      continue;
    }
    if (rendered.value.channel === 'sms') report.smsSegments += rendered.value.segments;
    const outgoing: OutgoingMessage = { actionId: action.actionId, method, to, from: { name: state.settings.garageName, email: state.settings.senderMailbox, smsSender: state.settings.smsSender, replyTo: state.settings.replyToMailbox || undefined }, message: rendered.value };
    if (request.dryRun) {
      toSend.push(outgoing);
      continue;
    }
    const queued = await ledger.queue({ actionId: action.actionId, channel: method, by, customerCode: action.code, contactDue: action.contactDue, to, message: outgoing }, request.now().toISOString());
    if (!queued.queued && queued.state !== 'queued') {
      report.alreadyInLedger.push({ actionId: action.actionId, state: queued.state });
      continue;
    }
    toSend.push(outgoing);
  }
  if (request.emailDailyLimit !== undefined && emailsApproved > 0) {
    report.dailyAllowance = dailyAllowance({ approved: emailsApproved, sentLast24h: request.emailDailyLimit - emailsLeft, dailyLimit: request.emailDailyLimit }).line;
    request.beforeSending?.(report.dailyAllowance);
  }
  if (request.dryRun) {
    // Straight to the preview: nothing is queued, recorded or written back.
    for (const outgoing of toSend) await channel.send(outgoing);
    await channel.close();
    for (const outgoing of toSend) report.sent[outgoing.method] = (report.sent[outgoing.method] ?? 0) + 1;
    return report;
  }
  request.progress?.start(toSend.length, 'sending');
  const counts = await drainQueue(ledger, channel, () => request.progress?.advance('sending'));
  request.progress?.stop();
  Object.assign(report, { sent: counts.sent, failed: counts.failed, uncertain: counts.uncertain });

  // Everything the ledger settled that the workbook does not show yet: this run's, and any earlier run's whose write failed;
  // and what the network said of earlier texts still showing Sent.
  const reports = request.pollDeliveries ? await deliveryReports(ledger, state.contactLog, request.pollDeliveries, request.now()) : [];
  for (const r of reports) report.deliveries[r.rowStatus as 'Delivered' | 'Undelivered'] += 1;
  const outcomes = [...(await outcomesNotLogged(ledger, state.contactLog)), ...notSent, ...reports];
  // Nothing to write back: the workbook is left exactly as it was (at 100,000 customers a rewrite is 20 s).
  if (outcomes.length === 0) return report;
  const written = await rebuildWorkbook({ exports: request.exports, workbook: request.workbook, asOf, by, sendOutcomes: outcomes }).catch((error: Error) => ({ stopped: [error.message] }));
  if ('stopped' in written) report.workbookNotWritten = written.stopped;
  else report.rebuilt = written;
  return report;
}

/**
 * Sends what waits in the ledger's queue, oldest first, one at a time, until none is left: each
 * claimed (marked submitting, committed) before the channel is called. The commits are pipelined:
 * while one message is with the provider the next is claimed, in one commit with the outcome of the
 * one before. So the disk's sync costs no time on the wire; the price is that a crash can leave up
 * to three rows uncertain (the one sent whose outcome was not yet written, the one with the
 * provider, and the next, claimed but not yet handed over) where one commit at a time would leave
 * one. None is ever sent twice, and workers sharing a queue never claim the same row. Closes the
 * channel at the end. Once `stop` is aborted (the server is shutting down) nothing more is claimed:
 * what was claimed already is sent and recorded, so no row is left submitting.
 */
export async function drainQueue(ledger: Ledger, channel: Channel, onEach: () => void = () => {}, stop?: AbortSignal): Promise<{ sent: Record<string, number>; failed: number; uncertain: number }> {
  const counts = { sent: {} as Record<string, number>, failed: 0, uncertain: 0 };
  const tally = (outgoing: OutgoingMessage, outcome: Outcome) => {
    if (outcome.state === 'sent') counts.sent[outgoing.method] = (counts.sent[outgoing.method] ?? 0) + 1;
    else if (outcome.state === 'failed') counts.failed += 1;
    else counts.uncertain += 1;
  };
  // A letter is only printed once the run's PDF is finished: recorded after the channel closes, so a
  // crash before then leaves it submitting (uncertain), never "sent" on a page that was never written.
  const letters: [OutgoingMessage, Outcome][] = [];
  // The outcome waiting for the next commit.
  let settled: Settled | undefined;
  const claim = (): Promise<Claimed | null> => {
    if (stop?.aborted) {
      // No claim to carry the outcome waiting: it is recorded alone.
      const waiting = settled;
      settled = undefined;
      return waiting ? ledger.record(waiting.actionId, waiting.channel, waiting.outcome).then(() => null) : Promise.resolve(null);
    }
    const claiming = ledger.claimNext(settled);
    settled = undefined;
    // Awaited in the next turn of the loop; this keeps a failure from counting as unhandled meanwhile.
    claiming.catch(() => {});
    return claiming;
  };

  let claimed = claim();
  for (let next = await claimed; next; next = await claimed) {
    const outgoing = next.message;
    const sending = channel
      .send(outgoing)
      .catch((error: Error) => ({ state: 'uncertain' as const, reason: `the channel stopped with an error (${error.message}); it may have been sent` }));
    claimed = claim();
    const outcome = await sending;
    if (outgoing.method === 'Letter' && outcome.state === 'sent') letters.push([outgoing, outcome]);
    else {
      settled = { actionId: outgoing.actionId, channel: outgoing.method, outcome };
      tally(outgoing, outcome);
    }
    onEach();
  }
  if (settled) await ledger.record(settled.actionId, settled.channel, settled.outcome);

  let lettersOutcome: Outcome | null = null;
  try {
    await channel.close();
  } catch (error) {
    lettersOutcome = { state: 'failed', reason: `the letters PDF could not be finished (${(error as Error).message}); nothing was printed`, retryable: true };
  }
  for (const [outgoing, outcome] of letters) {
    await ledger.record(outgoing.actionId, outgoing.method, lettersOutcome ?? outcome);
    tally(outgoing, lettersOutcome ?? outcome);
  }
  return counts;
}

export type PollDeliveries = (references: readonly string[]) => Promise<Map<string, DeliveryAnswer>>;

/**
 * Texts sent in the last week whose delivery the Contact Log does not yet record, asked after:
 * Delivered or Undelivered (with the network's words) once the network has said, as a Contact Log
 * line and on the row when it is still on Due Actions. A text still pending is asked again next time.
 */
async function deliveryReports(ledger: Ledger, contactLog: readonly ContactLogEntry[], poll: PollDeliveries, now: Date): Promise<SendOutcome[]> {
  const reported = new Set(contactLog.filter((e) => e.status === 'delivered' || e.status === 'undelivered').map((e) => e.actionId));
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const texts = (await ledger.all()).filter((d) => d.channel === 'SMS' && d.state === 'sent' && d.sentAt && d.sentAt >= weekAgo && !reported.has(d.actionId));
  if (texts.length === 0) return [];
  const answers = await poll(texts.map((d) => d.reference));
  return texts.flatMap((d): SendOutcome[] => {
    const answer = answers.get(d.reference);
    if (!answer || 'problem' in answer || answer.status === 'Pending') return [];
    const reference = answer.status === 'Undelivered' ? `${d.reference}: not delivered (${answer.detail})` : d.reference;
    const sentAt = londonDate(new Date(d.sentAt!));
    const status = answer.status === 'Delivered' ? 'delivered' : 'undelivered';
    const entry: ContactLogEntry = { actionId: d.actionId, sentAt, customerCode: d.customerCode, contactDue: d.contactDue, method: 'SMS', to: d.to, status, reference, by: d.by };
    return [{ actionId: d.actionId, rowStatus: answer.status, sentAt, reference, entry }];
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Emails the ledger holds as sent (or perhaps sent) since `since`: what counts against a mailbox's daily limit. */
export async function emailsSentSince(ledger: Ledger, since: Date): Promise<number> {
  const from = since.toISOString();
  return (await ledger.all()).filter((d) => d.channel === 'Email' && (d.state === 'sent' || d.state === 'uncertain' || d.state === 'submitting') && (d.sentAt ?? d.queuedAt) >= from).length;
}

/** Where the ledger lives: --data, else RETENTION_DATA, else a folder beside the workbook. */
export function dataFolderFor(workbook: string, given: string | undefined, environment: NodeJS.ProcessEnv): string {
  return given ?? environment.RETENTION_DATA ?? join(dirname(workbook), 'retention-data');
}
