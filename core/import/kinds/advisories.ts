/** An advisories export row → an Advisory. */
import type { Advisory, AdvisoryStatus } from '../../records.ts';
import type { RowReader } from '../row-reader.ts';
import { registrationKey } from '../values.ts';

const STATUS_WORDS: Record<string, AdvisoryStatus> = {
  open: 'Open', outstanding: 'Open', pending: 'Open', advised: 'Open', new: 'Open',
  done: 'Done', completed: 'Done', complete: 'Done', 'carried out': 'Done', fixed: 'Done', closed: 'Done',
  declined: 'Declined', refused: 'Declined', rejected: 'Declined',
};

const RAG: Record<string, string> = { red: 'Red', amber: 'Amber', green: 'Green', r: 'Red', a: 'Amber', g: 'Green' };

export function advisoryFromRow(r: RowReader): Advisory | null {
  const description = r.word('description');
  if (description === '') {
    r.problem('description', 'code_missing', 'This advisory says no work, so no reminder could describe it.', 'row skipped');
    return null;
  }
  const statusText = r.text('status');
  let status = STATUS_WORDS[statusText.toLowerCase()];
  if (status === undefined) {
    // Missing a reminder loses work; a reminder about finished work costs an apology. Open is the safer guess.
    if (statusText !== '') r.problem('status', 'status_invalid', `${r.header('status')}: "${statusText}" is not Open, Done or Declined.`, 'treated as Open');
    status = 'Open';
  }
  const severity = r.text('severity');
  return {
    jobNo: r.text('jobNo'),
    registration: registrationKey(r.text('registration')),
    customerCode: r.text('customerCode'),
    description,
    severity: RAG[severity.toLowerCase()] ?? severity,
    dueDate: r.date('dueDate'),
    status,
    estimate: r.number('estimate'),
  };
}
