/**
 * Small factories for whole records, so a test names only what it is about:
 * customer({ code: 'C2', noSms: true }), unit({ motDue: '2026-12-12' }), job({ completedDate: … }).
 * Defaults describe one reachable customer (email, UK mobile, postal address, all consents) with
 * one unit, C1 / AB12CDE, and nothing due.
 */
import { indexGarage, type GarageIndex } from '../../../core/garage-index.ts';
import type { Advisory, Customer, GarageRecords, Job, Phone, Unit } from '../../../core/records.ts';

export function mobile(e164 = '+447700900123'): Phone {
  return { e164, display: `0${e164.slice(3, 7)} ${e164.slice(7)}`, kind: 'mobile' };
}

export function landline(e164 = '+441614960123'): Phone {
  return { e164, display: `0${e164.slice(3, 6)} ${e164.slice(6)}`, kind: 'landline' };
}

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    code: 'C1',
    title: 'Mrs',
    firstName: 'Jane',
    surname: 'Smith',
    name: 'Mrs Jane Smith',
    company: '',
    address: ['12 High Street', '', '', ''],
    town: 'Macclesfield',
    county: 'Cheshire',
    postcode: 'SK10 4AB',
    homePhone: null,
    workPhone: null,
    mobile: mobile(),
    email: 'jane@example.com',
    dateOfBirth: null,
    preferredMethod: null,
    doNotContact: false,
    deceased: false,
    goneAway: false,
    noEmail: false,
    noSms: false,
    noPost: false,
    emailMarketing: true,
    smsMarketing: true,
    lastVisit: null,
    invalid: {},
    ...overrides,
  };
}

export function unit(overrides: Partial<Unit> = {}): Unit {
  const registration = overrides.registration ?? 'AB12CDE';
  return {
    registration,
    registrationDisplay: registration.length > 4 ? `${registration.slice(0, 4)} ${registration.slice(4)}` : registration,
    customerCode: 'C1',
    make: 'Ford',
    model: 'Focus',
    vin: '',
    firstRegistered: null,
    motDue: null,
    nextService: null,
    lastService: null,
    saleDate: null,
    soldBy: '',
    warrantyEnd: null,
    financeEnd: null,
    mileage: null,
    ...overrides,
  };
}

export function job(overrides: Partial<Job> = {}): Job {
  return {
    jobNo: 'J1',
    customerCode: 'C1',
    registration: 'AB12CDE',
    bookedDate: null,
    appointmentDate: null,
    completedDate: null,
    status: '',
    staff: 'Sam',
    description: 'Full service',
    value: null,
    ...overrides,
  };
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
