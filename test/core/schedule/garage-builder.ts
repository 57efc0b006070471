/**
 * The schedule tests' records: the shared factories (test/core/support/records.ts) with the
 * schedule's own defaults — one reachable customer (email, UK mobile, postal address, all
 * consents, no landlines, no date of birth) with one unit, C1 / AB12CDE, and nothing due.
 */
import { indexGarage, type GarageIndex } from '../../../core/garage-index.ts';
import type { Advisory, Customer, GarageRecords, Job } from '../../../core/records.ts';
import { customer as anyCustomer, job as anyJob } from '../support/records.ts';

export { landline, mobile, unit } from '../support/records.ts';

export function customer(overrides: Partial<Customer> = {}): Customer {
  return anyCustomer({ homePhone: null, workPhone: null, dateOfBirth: null, ...overrides });
}

export function job(overrides: Partial<Job> = {}): Job {
  return anyJob({ description: 'Full service', ...overrides });
}

export function advisory(overrides: Partial<Advisory> = {}): Advisory {
  return {
    jobNo: 'J1',
    registration: 'AB12CDE',
    customerCode: 'C1',
    description: 'front brake pads',
    severity: 'Amber',
    dueDate: null,
    status: 'Open',
    estimate: null,
    ...overrides,
  };
}

/** An indexed garage; customers default to the one default customer. */
export function garage(records: Partial<GarageRecords> = {}): GarageIndex {
  return indexGarage({
    customers: records.customers ?? [customer()],
    units: records.units ?? [],
    jobs: records.jobs ?? [],
    advisories: records.advisories ?? [],
    bookings: records.bookings ?? [],
  });
}
