/**
 * The imported records, indexed once so every rule and report can look things up without
 * scanning: a customer by code, a vehicle by registration, a customer's last visit.
 */
import type { IsoDate } from './calendar.ts';
import type { Advisory, Customer, GarageRecords, Job, RecordLookups, Unit } from './records.ts';
import { jobCancelled } from './values/statuses.ts';

export interface GarageIndex extends GarageRecords {
  customerByCode: Map<string, Customer>;
  unitByRegistration: Map<string, Unit>;
  jobByNo: Map<string, Job>;
  advisoriesByCustomer: Map<string, Advisory[]>;
  /** Latest completed job of any of the customer's units, else the export's last-visit date. */
  lastVisitByCustomer: Map<string, { date: IsoDate; registration: string }>;
  /**
   * Registrations with an appointment after D (a booking already made, not cancelled). Found in one scan of the
   * jobs the first time D is asked about, and kept with this index (not beside it) for the next
   * rule that asks: an index of every unit's appointments would cost more memory than it saves.
   */
  bookedInAfter(asOf: IsoDate): ReadonlySet<string>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whose a job or advisory is: its own customer code, else the vehicle's owner's ('' when neither is known). */
export function ownerCode(unitByRegistration: ReadonlyMap<string, Unit>, item: { customerCode: string; registration: string }): string {
  return item.customerCode || unitByRegistration.get(item.registration)?.customerCode || '';
}

function keyed<T>(list: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of list) map.set(keyOf(item), item);
  return map;
}

/**
 * `lookups` are the import's own maps of the same records, reused when they still match them:
 * at 100,000 customers every Map operation saved is worth having (each costs about half a
 * microsecond on a small office PC).
 */
export function indexGarage(records: GarageRecords, lookups?: RecordLookups): GarageIndex {
  const fits = <T>(map: Map<string, T> | undefined, list: readonly T[]) => map !== undefined && map.size === list.length;
  const customerByCode = fits(lookups?.customerByCode, records.customers) ? lookups!.customerByCode : keyed(records.customers, (c) => c.code);
  const unitByRegistration = fits(lookups?.unitByRegistration, records.units) ? lookups!.unitByRegistration : keyed(records.units, (u) => u.registration);
  const jobByNo = fits(lookups?.jobByNo, records.jobs) ? lookups!.jobByNo : keyed(records.jobs, (j) => j.jobNo);

  const lastVisitByCustomer = new Map<string, { date: IsoDate; registration: string }>();
  for (const j of records.jobs) {
    // A cancelled job or a no-show is not a visit, whatever dates it carries.
    if (!j.completedDate || jobCancelled(j.status)) continue;
    const owner = ownerCode(unitByRegistration, j);
    if (!owner) continue;
    const seen = lastVisitByCustomer.get(owner);
    if (!seen) lastVisitByCustomer.set(owner, { date: j.completedDate, registration: j.registration });
    else if (j.completedDate > seen.date) {
      seen.date = j.completedDate;
      seen.registration = j.registration;
    }
  }
  // No completed job: the export's own last-visit date, on the customer's first vehicle.
  const visitedByExport = new Map<string, { date: IsoDate; registration: string }>();
  for (const c of records.customers) {
    if (c.lastVisit && !lastVisitByCustomer.has(c.code)) visitedByExport.set(c.code, { date: c.lastVisit, registration: '' });
  }
  if (visitedByExport.size > 0) {
    for (const u of records.units) {
      const visit = visitedByExport.get(u.customerCode);
      if (visit && visit.registration === '') visit.registration = u.registration;
    }
    for (const [code, visit] of visitedByExport) lastVisitByCustomer.set(code, visit);
  }

  const advisoriesByCustomer = new Map<string, Advisory[]>();
  for (const a of records.advisories) {
    const owner = ownerCode(unitByRegistration, a) || jobByNo.get(a.jobNo)?.customerCode || '';
    if (owner) push(advisoriesByCustomer, owner, a);
  }

  let booked: { asOf: IsoDate; registrations: Set<string> } | undefined;
  const bookedInAfter = (asOf: IsoDate): ReadonlySet<string> => {
    if (booked?.asOf !== asOf) {
      const registrations = new Set<string>();
      for (const job of records.jobs) {
        // A cancelled appointment is not a booking: it must not hold back the second reminders.
        if (job.appointmentDate !== null && job.appointmentDate > asOf && job.registration && !jobCancelled(job.status)) registrations.add(job.registration);
      }
      booked = { asOf, registrations };
    }
    return booked.registrations;
  };

  return {
    ...records,
    customerByCode,
    unitByRegistration,
    jobByNo,
    advisoriesByCustomer,
    lastVisitByCustomer,
    bookedInAfter,
  };
}
