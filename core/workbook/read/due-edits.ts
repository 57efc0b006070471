/**
 * The user's choices on Due Actions, by Action ID, to carry into the rebuilt sheet: Approve
 * (Yes / Hold / Skip), Method, and any send results the worker wrote back. A choice that cannot be
 * read is reported with its cell and left blank — never guessed as Yes; so is a Method the
 * customer cannot be sent by (refusedMethods, once the due actions are known).
 */
import type { Method } from '../../records.ts';
import { readDate } from '../../values/dates.ts';
import { readMethod } from '../../values/methods.ts';
import { readYesNo } from '../../values/yes-no.ts';
import { APPROVALS, DUE_ACTIONS_SHEET, rowMethod, type Approval, type DueEdit } from '../sheets/due-actions.ts';
import { placeText, type Problem, type ProblemPlace, type Result } from '../../problems.ts';
import type { DueAction } from '../../results.ts';
import { cellText, isBlankRow, SheetReader, type SheetCell, type SheetTable } from '../sheet-table.ts';

/**
 * Hold and Skip by name, and any yes of the one yes/no vocabulary approves. Only the words Skip
 * and No skip: a skipped action is logged and never comes back, so an N, 0 or - typed by
 * accident is refused (and reported) rather than read as a skip.
 */
function readApproval(cell: SheetCell): Approval | null {
  const text = cellText(cell).toLowerCase();
  if (text === 'hold') return 'Hold';
  if (text === 'skip' || text === 'no') return 'Skip';
  const yesNo = readYesNo(cell);
  return yesNo !== null && 'value' in yesNo && yesNo.value ? 'Yes' : null;
}

export function dueEditsFromRows(table: SheetTable): Result<Map<string, DueEdit>> {
  const reader = new SheetReader(table);
  const edits = new Map<string, DueEdit>();
  const problems = [...reader.unwritable, ...reader.missingHeaders(['Action ID'])];
  if (problems.some((p) => p.code === 'header_missing')) return { value: edits, problems };
  const [idCol, approveCol, methodCol, statusCol, sentAtCol, referenceCol] = ['Action ID', 'Approve', 'Method', 'Status', 'Sent At', 'Reference'].map((h) => reader.column(h)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];

  table.rows.forEach((row, r) => {
    if (isBlankRow(row)) return;
    // A row with no Action ID (such as "No actions required") carries nothing over.
    const actionId = cellText(reader.cell(r, idCol));
    if (!actionId) return;
    const approveText = cellText(reader.cell(r, approveCol));
    let approve: Approval | null = null;
    if (approveText) {
      approve = readApproval(reader.cell(r, approveCol));
      if (!approve) problems.push(reader.problem(r, approveCol, 'choice_invalid', `'${approveText}' is not ${APPROVALS.join(', ')}; the row is not approved.`, 'left blank'));
    }
    const methodText = cellText(reader.cell(r, methodCol));
    let method: Method | null = null;
    let methodAt: ProblemPlace | undefined;
    if (methodText) {
      const read = readMethod(methodText);
      if (read && 'value' in read) {
        method = read.value;
        methodAt = reader.problem(r, methodCol, 'choice_invalid', '', '').where;
      } else if (read) problems.push(reader.problem(r, methodCol, 'choice_invalid', `${read.reason}; the worked-out method is used.`, 'method worked out again'));
    }
    const sentAtCell = reader.cell(r, sentAtCol);
    const sentAtRead = readDate(sentAtCell);
    const sentAt = sentAtRead && 'value' in sentAtRead ? sentAtRead.value.date : cellText(sentAtCell) || null;
    edits.set(actionId, { approve, method, status: cellText(reader.cell(r, statusCol)), sentAt, reference: cellText(reader.cell(r, referenceCol)), ...(methodAt ? { methodAt } : {}) });
  });
  return { value: edits, problems };
}

/**
 * A Method the user chose that the customer has no address or consent for, on a row still due:
 * reported with its cell, like any other choice that cannot stand (the row goes by the worked-out
 * method). Only rows due again are judged: the others leave the sheet.
 */
export function refusedMethods(actions: readonly DueAction[], edits: ReadonlyMap<string, DueEdit>): Problem[] {
  const problems: Problem[] = [];
  if (edits.size === 0) return problems;
  for (const action of actions) {
    const edit = edits.get(action.actionId);
    if (!edit?.method) continue;
    const { method, refused } = rowMethod(action, edit);
    if (refused === null) continue;
    const where = edit.methodAt ?? { sheet: DUE_ACTIONS_SHEET };
    problems.push({
      source: 'sheet',
      code: 'choice_invalid',
      message: `${placeText(where)}: ${edit.method} cannot be used for ${action.code}'s ${action.contactDue}: ${refused}.`,
      where,
      value: edit.method,
      action: method ? `method put back to ${method}` : 'no usable method',
    });
  }
  return problems;
}
