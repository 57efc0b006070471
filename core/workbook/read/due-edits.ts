/**
 * The user's choices on Due Actions, by Action ID, to carry into the rebuilt sheet: Approve
 * (Yes / Hold / Skip), Method, and any send results the worker wrote back. A choice that cannot be
 * read is reported with its cell and left blank — never guessed as Yes.
 */
import { METHODS, type Method } from '../../records.ts';
import { APPROVALS, type Approval, type DueEdit } from '../sheets/due-actions.ts';
import { cellText, isBlankRow, readDateCell, SheetReader, type SheetProblem, type SheetTable } from '../sheet-table.ts';

const APPROVAL_WORDS: Record<string, Approval> = { yes: 'Yes', y: 'Yes', true: 'Yes', '✓': 'Yes', '✔': 'Yes', hold: 'Hold', skip: 'Skip', no: 'Skip' };
const METHOD_WORDS: Record<string, Method> = { email: 'Email', 'e-mail': 'Email', sms: 'SMS', text: 'SMS', letter: 'Letter', post: 'Letter' };

export function dueEditsFromRows(table: SheetTable): { edits: Map<string, DueEdit>; problems: SheetProblem[] } {
  const reader = new SheetReader(table);
  const edits = new Map<string, DueEdit>();
  const problems = reader.missingHeaders(['Action ID']);
  if (problems.length > 0) return { edits, problems };
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
      approve = APPROVAL_WORDS[approveText.toLowerCase()] ?? null;
      if (!approve) problems.push(reader.problem(r, approveCol, 'choice_invalid', `'${approveText}' is not ${APPROVALS.join(', ')}; the row is not approved.`, 'left blank'));
    }
    const methodText = cellText(reader.cell(r, methodCol));
    let method: Method | null = null;
    if (methodText) {
      method = METHOD_WORDS[methodText.toLowerCase()] ?? null;
      if (!method) problems.push(reader.problem(r, methodCol, 'choice_invalid', `'${methodText}' is not ${METHODS.join(', ')}; the worked-out method is used.`, 'method worked out again'));
    }
    const sentAtCell = reader.cell(r, sentAtCol);
    const sentAt = readDateCell(sentAtCell) ?? (cellText(sentAtCell) || null);
    edits.set(actionId, { approve, method, status: cellText(reader.cell(r, statusCol)), sentAt, reference: cellText(reader.cell(r, referenceCol)) });
  });
  return { edits, problems };
}
