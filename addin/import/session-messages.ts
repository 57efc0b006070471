/**
 * What the pane asks of its session worker — the exports loaded this session, imported once and
 * kept — for the individual process and Mark lapsed, and what it answers. Each question carries
 * an id and gets one answer with the same id; reading and writing the workbook is asked of the
 * pane as the load does (load-messages.ts).
 */
import type { CustomerMatch, DueAction, IndividualChoice, IndividualContactDue, IndividualMethod, MergeContext } from '../../core/index.ts';
import type { StoreReply } from './load-messages.ts';

export type SessionQuestion =
  /** Import this session's exports with the workbook's schedule, settings and lapsed marks; nothing is written. */
  | { type: 'open'; files: File[]; asOf: string; by: string; hasWorkbook: boolean }
  | { type: 'find'; query: string }
  | { type: 'dues'; customerCode: string }
  | { type: 'methods'; customerCode: string; contactDue: string }
  | { type: 'action'; choice: IndividualChoice }
  /** Rebuild the workbook from this session's exports with these customers marked lapsed. */
  | { type: 'lapse'; files: File[]; asOf: string; by: string; codes: string[] };

export type SessionAnswer =
  | { type: 'opened'; customers: number }
  | { type: 'found'; matches: CustomerMatch[] }
  | { type: 'dues'; dues: IndividualContactDue[] }
  | { type: 'methods'; methods: IndividualMethod[] }
  | { type: 'action'; action: DueAction; context: MergeContext }
  | { type: 'lapsed'; newlyLapsed: string[]; notInExports: string[] }
  /** Why the question could not be answered, in words for the pane. */
  | { type: 'refused'; reason: string };

export type ToSession = { type: 'ask'; id: number; question: SessionQuestion } | StoreReply;

export type FromSession =
  | { type: 'answer'; id: number; answer: SessionAnswer }
  | { type: 'read-sheets'; id: number; names: string[] }
  | { type: 'write-plan'; id: number; plan: import('../../core/index.ts').WorkbookPlan };
