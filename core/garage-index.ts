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
  /** Latest of: completed jobs of any of the customer's units, the export's last-visit date, the units' last service. */
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

type LastVisit = { date: IsoDate; registration: string };

/**
 * Each customer's last visit: the latest of their completed jobs (any of their units), the
 * customer export's last visit, and the units export's last service dates — an export may hold
 * only part of the job history, so a customer with no jobs but a serviced vehicle has visited.
 * The vehicle is the job's or the serviced unit's; for the export's own date, the customer's
 * first vehicle. One pass over each list.
 */
function lastVisits(records: GarageRecords, unitByRegistration: ReadonlyMap<string, Unit>): Map<string, LastVisit> {
  const visits = new Map<string, LastVisit>();
  const seen = (code: string, date: IsoDate, registration: string): void => {
    const visit = visits.get(code);
    if (!visit) visits.set(code, { date, registration });
    else if (date > visit.date) {
      visit.date = date;
      visit.registration = registration;
    }
  };
  for (const j of records.jobs) {
    // A cancelled job or a no-show is not a visit, whatever dates it carries.
    if (!j.completedDate || jobCancelled(j.status)) continue;
    const owner = ownerCode(unitByRegistration, j);
    if (owner) seen(owner, j.completedDate, j.registration);
  }
  for (const c of records.customers) if (c.lastVisit) seen(c.code, c.lastVisit, '');
  for (const u of records.units) {
    if (!u.customerCode) continue;
    if (u.lastService) seen(u.customerCode, u.lastService, u.registration);
    // The export's own date names no vehicle: show the customer's first.
    const visit = visits.get(u.customerCode);
    if (visit && visit.registration === '') visit.registration = u.registration;
  }
  return visits;
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

  const lastVisitByCustomer = lastVisits(records, unitByRegistration);

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
