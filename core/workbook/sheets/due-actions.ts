/**
 * Due Actions: one row per contact due today, for the user to approve (Approve: Yes / Hold /
 * Skip) and, if they like, change the Method. A row with no usable method is amber — it cannot
 * be sent until the customer's details are fixed; a failed send is red. When nothing is due the
 * sheet says "No actions required".
 *
 * The user's Approve and Method (and any send results already written back) are carried over by
 * Action ID when the workbook is rebuilt, so a rebuild never throws away their choices. A changed
 * Method makes To the customer's address for it; one the customer has no address or consent for
 * is refused, put back and reported with its cell (refusedMethods).
 */
import type { IsoDate } from '../../calendar.ts';
import { METHODS, type Method } from '../../records.ts';
import type { ProblemPlace } from '../../problems.ts';
import type { DueAction } from '../../results.ts';
import { blankTest, col, refs, table } from '../columns.ts';
import { displayRegistration, displayTo } from '../display.ts';
import { PRINT_SETUP, type PlanCell, type PlanSheet } from '../plan.ts';

export const DUE_ACTIONS_SHEET = 'Due Actions';
export const NO_ACTIONS_REQUIRED = 'No actions required';

export const APPROVALS = ['Yes', 'Hold', 'Skip'] as const;
export type Approval = (typeof APPROVALS)[number];

/** What the user (or the worker) wrote on a Due Actions row, found again by its Action ID. */
export interface DueEdit {
  approve: Approval | null;
  method: Method | null;
  status: string;
  /** As the sheet held it: an IsoDate, or text the user typed. */
  sentAt: IsoDate | string | null;
  reference: string;
  /** Where the Method cell is, to report a method that cannot be used (refusedMethods). */
  methodAt?: ProblemPlace;
}

/** The method a row goes by, the address it goes to, and why the user's own choice could not stand. */
export interface RowMethod {
  method: Method | null;
  to: string;
  /** null when the user chose nothing, or chose a method the customer may be sent by. */
  refused: string | null;
}

const ADDRESS_WORDS: Record<Method, string> = { Email: 'email address', SMS: 'mobile number', Letter: 'postal address' };

/**
 * The user's Method stands while the customer allows it for this message and has an address for
 * it; To is then that address. Otherwise the worked-out method and its To, and the reason.
 *
 * @example rowMethod(action, { method: 'SMS', … }) // { method: 'SMS', to: '+447700900123', refused: null }
 */
export function rowMethod(action: DueAction, edit: Pick<DueEdit, 'method'> | undefined): RowMethod {
  const chosen = edit?.method;
  if (!chosen || chosen === action.method) return { method: action.method, to: action.to, refused: null };
  const to = action.allowedMethods.includes(chosen) ? action.addresses[chosen] : undefined;
  if (to) return { method: chosen, to, refused: null };
  const refused = action.allowedMethods.includes(chosen)
    ? `the customer has no valid ${ADDRESS_WORDS[chosen]}`
    : `the customer opted out of ${chosen}${action.purpose === 'marketing' ? ' or gave no marketing consent for it' : ''}`;
  return { method: action.method, to: action.to, refused };
}

export const DUE_ACTIONS_COLUMNS = [
  col('approve', 'Approve', 'text', { width: 10 }),
  col('date', 'Date', 'date'),
  col('code', 'Code', 'text', { width: 10 }),
  col('name', 'Name', 'text', { width: 24 }),
  col('type', 'Type', 'text', { width: 18 }),
  col('contactDue', 'Contact Due', 'text', { width: 24 }),
  col('method', 'Method', 'text', { width: 10 }),
  // A letter's whole address, down to the postcode; wraps past 48 characters.
  col('to', 'To', 'text', { width: 30, maxWidth: 48 }),
  col('unit', 'Unit', 'text', { width: 11 }),
  col('job', 'Job', 'text', { width: 10 }),
  col('reason', 'Reason', 'text', { width: 40 }),
  col('status', 'Status', 'text', { width: 11 }),
  col('sentAt', 'Sent At', 'date'),
  col('reference', 'Reference', 'text', { width: 18 }),
  // The sender's key, not something to read on paper: last, and out of the print area.
  col('actionId', 'Action ID', 'text', { width: 44, print: false }),
];

function row(action: DueAction, edit: DueEdit | undefined): PlanCell[] {
  // The user's method stands only while it is still one this customer may be sent, and To follows it.
  const { method, to } = rowMethod(action, edit);
  return [
    edit?.approve ?? null,
    action.date,
    action.code,
    action.name,
    action.type,
    action.contactDue,
    method ?? null,
    // The sender keeps the E.164 on the action; the sheet reads as the garage writes a number.
    displayTo(to),
    displayRegistration(action.unit),
    action.job,
    action.reason,
    edit?.status || null,
    edit?.sentAt ?? null,
    edit?.reference || null,
    action.actionId,
  ];
}

export function dueActionsSheet(actions: readonly DueAction[], edits: ReadonlyMap<string, DueEdit> = new Map()): PlanSheet {
  const ref = refs(DUE_ACTIONS_COLUMNS);
  const due = table('DueActions', DUE_ACTIONS_COLUMNS, actions.map((a) => row(a, edits.get(a.actionId))), {
    emptyMessage: NO_ACTIONS_REQUIRED,
    validations: [
      { column: 'approve', list: APPROVALS, error: 'Choose Yes to send, Hold to decide later, or Skip to not send it.' },
      { column: 'method', list: METHODS, error: 'Choose Email, SMS or Letter.' },
    ],
    highlights: [
      { columns: 'row', formula: `LOWER(TRIM(${ref('status')}))="failed"`, fill: 'red', meaning: 'send failed' },
      {
        columns: 'row',
        formula: `AND(NOT(${blankTest(ref('actionId'))}),${blankTest(ref('method'))})`,
        fill: 'amber',
        meaning: 'no usable method: fix the customer’s email, mobile or address',
      },
    ],
  });
  return { name: DUE_ACTIONS_SHEET, kind: 'data', table: due, frozenRows: 1, print: PRINT_SETUP };
}
