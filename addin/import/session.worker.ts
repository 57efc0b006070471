/**
 * The pane's session worker: the exports loaded this session imported once, with the workbook's
 * schedule, settings and lapsed marks, so the individual process can search customers and build
 * one contact without the pane's thread doing the work; and Mark lapsed's rebuild, which writes
 * through the pane like a load.
 */
import {
  findCustomers,
  individualAction,
  individualContactDues,
  individualMethods,
  individualProcess,
  mergeContextFor,
  readOnlyWorkbook,
  rebuildWorkbook,
  type IndividualProcess,
} from '../../core/index.ts';
import { blobExportSource } from './browser-exports.ts';
import { paneRelay } from './pane-relay.ts';
import { checkSend, refreshStatuses, sendApproved } from './send-session.ts';
import type { FromSession, SessionAnswer, SessionQuestion, ToSession } from './session-messages.ts';

const scope = self as unknown as { postMessage(message: FromSession): void; onmessage: ((event: MessageEvent<ToSession>) => void) | null };
const relay = paneRelay((message) => scope.postMessage(message));

let session: IndividualProcess | null = null;

const NOT_OPEN = 'The exports are not loaded in this pane yet: load this week\'s exports first (Load exports).';

async function answer(question: SessionQuestion): Promise<SessionAnswer> {
  switch (question.type) {
    case 'open': {
      const result = await rebuildWorkbook({
        exports: blobExportSource(question.files),
        // Read, never written: the individual process only needs to know what the workbook holds.
        workbook: readOnlyWorkbook(question.hasWorkbook ? relay.workbook : null),
        asOf: question.asOf,
        by: question.by,
      });
      if ('stopped' in result) return { type: 'refused', reason: result.stopped.join(' ') };
      session = individualProcess(result.retention, result.state);
      return { type: 'opened', customers: session.garage.customers.length };
    }
    case 'lapse': {
      const result = await rebuildWorkbook({ exports: blobExportSource(question.files), workbook: relay.workbook, asOf: question.asOf, by: question.by, markLapsed: question.codes });
      if ('stopped' in result) return { type: 'refused', reason: `Nobody was marked lapsed: ${result.stopped.join(' ')}` };
      // What the individual process knows is out of date now: it opens again when next asked.
      session = null;
      const known = result.retention.garage.customerByCode;
      return { type: 'lapsed', newlyLapsed: result.newlyLapsed, notInExports: result.newlyLapsed.filter((c) => !known.has(c)) };
    }
    case 'check-send':
      return checkSend(question, relay.workbook);
    case 'send': {
      // What is written changes what the individual process would offer: it opens again when next asked.
      session = null;
      return sendApproved(question, relay.workbook);
    }
    case 'refresh':
      session = null;
      return refreshStatuses(question, relay.workbook);
  }
  if (!session) return { type: 'refused', reason: NOT_OPEN };
  switch (question.type) {
    case 'find':
      return { type: 'found', matches: findCustomers(session.garage, question.query) };
    case 'dues':
      return { type: 'dues', dues: individualContactDues(session, question.customerCode) };
    case 'methods':
      return { type: 'methods', methods: individualMethods(session, question.customerCode, question.contactDue) };
    case 'action': {
      const built = individualAction(session, question.choice);
      if ('refused' in built) return { type: 'refused', reason: built.refused };
      const context = mergeContextFor(built.action, session.garage, session.settings);
      if (!context) return { type: 'refused', reason: NOT_OPEN };
      return { type: 'action', action: built.action, context };
    }
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'store-reply') return relay.answer(message);
  answer(message.question)
    .catch((error: unknown): SessionAnswer => ({ type: 'refused', reason: `The pane's worker stopped (${(error as Error).message}): reload the pane and try again.` }))
    .then((reply) => scope.postMessage({ type: 'answer', id: message.id, answer: reply }));
};
