/**
 * What the pane asks of its session worker — the exports loaded this session, imported once and
 * kept — for the individual process and Mark lapsed, and what it answers. Each question carries
 * an id and gets one answer with the same id; reading and writing the workbook is asked of the
 * pane as the load does (load-messages.ts).
 */
import type { CustomerMatch, DueAction, IndividualChoice, IndividualContactDue, IndividualMethod, MergeContext } from '../../core/index.ts';
import type { SendPreview } from '../shared/worker-api.ts';
import type { WorkerSettings } from '../shared/worker-settings.ts';
import type { StoreReply } from './load-messages.ts';

/** What a question about sending carries: the exports, the day, who, and where the worker is. */
interface SendContext {
  files: File[];
  asOf: string;
  by: string;
  worker: WorkerSettings;
}

/** How a Send approved went, row by row counted. */
export interface SendReport {
  /** Rows handed to the worker. */
  handed: number;
  /** Each row's Status now, counted: Sent, Printed, Failed, Queued, Not sent… */
  byStatus: Record<string, number>;
  /** Approved rows that did not go, and why. */
  notGoing: { actionId: string; reason: string }[];
  /** Rows whose send the worker has not finished: Refresh statuses brings them in. */
  pending: number;
  /** The worker stopped answering part-way: what it said, and the rows not handed over stay approved. */
  stoppedPartWay: string | null;
}

export type SessionQuestion =
  /** Import this session's exports with the workbook's schedule, settings and lapsed marks; nothing is written. */
  | { type: 'open'; files: File[]; asOf: string; by: string; hasWorkbook: boolean }
  | { type: 'find'; query: string }
  | { type: 'dues'; customerCode: string }
  | { type: 'methods'; customerCode: string; contactDue: string }
  | { type: 'action'; choice: IndividualChoice }
  /** Rebuild the workbook from this session's exports with these customers marked lapsed. */
  | { type: 'lapse'; files: File[]; asOf: string; by: string; codes: string[] }
  /** What Send approved would send: the approved rows worked out, and the worker's preview of them. */
  | ({ type: 'check-send' } & SendContext)
  /** Send approved: the rows handed to the worker, and their statuses written into the workbook. */
  | ({ type: 'send'; waitMs: number } & SendContext)
  /** Refresh statuses: rows still Queued, Sending or Uncertain (and these others), asked of the worker and written in. */
  | ({ type: 'refresh'; alsoIds: string[] } & SendContext);

export type SessionAnswer =
  | { type: 'opened'; customers: number }
  | { type: 'found'; matches: CustomerMatch[] }
  | { type: 'dues'; dues: IndividualContactDue[] }
  | { type: 'methods'; methods: IndividualMethod[] }
  | { type: 'action'; action: DueAction; context: MergeContext }
  | { type: 'lapsed'; newlyLapsed: string[]; notInExports: string[] }
  | { type: 'send-checked'; approved: number; notGoing: { actionId: string; reason: string }[]; preview: SendPreview | null }
  | { type: 'sent'; report: SendReport }
  /** `settled`: the asked-about rows whose outcome is now on the Contact Log. */
  | { type: 'refreshed'; updated: number; pending: number; settled: string[] }
  /** Why the question could not be answered, in words for the pane. */
  | { type: 'refused'; reason: string };

export type ToSession = { type: 'ask'; id: number; question: SessionQuestion } | StoreReply;

export type FromSession =
  | { type: 'answer'; id: number; answer: SessionAnswer }
  | { type: 'read-sheets'; id: number; names: string[] }
  | { type: 'write-plan'; id: number; plan: import('../../core/index.ts').WorkbookPlan }
  | import('./plan-pieces.ts').PlanRows;
