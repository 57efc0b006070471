/** A units (vehicles) export row → a Unit. */
import type { Unit } from '../../records.ts';
import type { RowReader } from '../row-reader.ts';
import { readRegistration } from '../values.ts';

export function unitFromRow(r: RowReader): Unit | null {
  const { key, display } = readRegistration(r.text('registration'));
  if (key === '') {
    r.problem('registration', 'code_missing', 'This vehicle has no registration, so no reminder can name it.', 'row skipped; add the registration in the DMS');
    return null;
  }
  return {
    registration: key,
    registrationDisplay: display,
    customerCode: r.text('customerCode'),
    make: r.word('make'),
    model: r.word('model'),
    vin: r.text('vin').toUpperCase(),
    firstRegistered: r.pastDate('firstRegistered'),
    motDue: r.date('motDue'),
    nextService: r.date('nextService'),
    lastService: r.pastDate('lastService'),
    saleDate: r.pastDate('saleDate'),
    soldBy: r.word('soldBy'),
    warrantyEnd: r.date('warrantyEnd'),
    financeEnd: r.date('financeEnd'),
    mileage: r.number('mileage'),
  };
}
