/** A jobs (visits) export row → a Job. */
import type { Job } from '../../records.ts';
import type { RowReader } from '../row-reader.ts';
import { registrationKey } from '../values.ts';

export function jobFromRow(r: RowReader): Job | null {
  const jobNo = r.text('jobNo');
  if (jobNo === '') {
    r.problem('jobNo', 'code_missing', 'This job has no job number, so its contacts could not be told apart.', 'row skipped; check the job in the DMS');
    return null;
  }
  return {
    jobNo,
    customerCode: r.text('customerCode'),
    registration: registrationKey(r.text('registration')),
    bookedDate: r.date('bookedDate'),
    appointmentDate: r.date('appointmentDate'),
    completedDate: r.pastDate('completedDate'),
    status: r.word('status'),
    staff: r.word('staff'),
    description: r.word('description'),
    value: r.number('value'),
  };
}
