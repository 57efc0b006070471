/**
 * The imported records, indexed once so every rule and report can look things up without
 * scanning: a customer's units, a unit's jobs, a customer's last visit.
 */
import type { IsoDate } from './calendar.ts';
import type { Advisory, Customer, GarageRecords, Job, Unit } from './records.ts';

export interface GarageIndex extends GarageRecords {
  customerByCode: Map<string, Customer>;
  unitByRegistration: Map<string, Unit>;
  unitsByCustomer: Map<string, Unit[]>;
  jobsByCustomer: Map<string, Job[]>;
  jobsByUnit: Map<string, Job[]>;
  jobByNo: Map<string, Job>;
  advisoriesByCustomer: Map<string, Advisory[]>;
  /** Latest completed job of any of the customer's units, else the export's last-visit date. */
  lastVisitByCustomer: Map<string, { date: IsoDate; registration: string }>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexGarage(records: GarageRecords): GarageIndex {
  const customerByCode = new Map<string, Customer>();
  for (const c of records.customers) customerByCode.set(c.code, c);

  const unitByRegistration = new Map<string, Unit>();
  const unitsByCustomer = new Map<string, Unit[]>();
  for (const u of records.units) {
    unitByRegistration.set(u.registration, u);
    push(unitsByCustomer, u.customerCode, u);
  }

  const jobsByCustomer = new Map<string, Job[]>();
  const jobsByUnit = new Map<string, Job[]>();
  const jobByNo = new Map<string, Job>();
  const lastVisitByCustomer = new Map<string, { date: IsoDate; registration: string }>();
  for (const j of records.jobs) {
    jobByNo.set(j.jobNo, j);
    // A job without a customer code still belongs to the unit's owner.
    const owner = j.customerCode || unitByRegistration.get(j.registration)?.customerCode || '';
    if (owner) push(jobsByCustomer, owner, j);
    if (j.registration) push(jobsByUnit, j.registration, j);
    if (owner && j.completedDate) {
      const seen = lastVisitByCustomer.get(owner);
      if (!seen || j.completedDate > seen.date) lastVisitByCustomer.set(owner, { date: j.completedDate, registration: j.registration });
    }
  }
  for (const c of records.customers) {
    if (!lastVisitByCustomer.has(c.code) && c.lastVisit) {
      const units = unitsByCustomer.get(c.code);
      lastVisitByCustomer.set(c.code, { date: c.lastVisit, registration: units?.[0]?.registration ?? '' });
    }
  }

  const advisoriesByCustomer = new Map<string, Advisory[]>();
  for (const a of records.advisories) {
    const owner = a.customerCode || unitByRegistration.get(a.registration)?.customerCode || jobByNo.get(a.jobNo)?.customerCode || '';
    if (owner) push(advisoriesByCustomer, owner, a);
  }

  return {
    ...records,
    customerByCode,
    unitByRegistration,
    unitsByCustomer,
    jobsByCustomer,
    jobsByUnit,
    jobByNo,
    advisoriesByCustomer,
    lastVisitByCustomer,
  };
}
