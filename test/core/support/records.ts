/**
 * Whole records for tests, so a test names only what it is about:
 * customer({ code: 'C2', email: '' }), unit({ customerCode: 'C2' }), job({ completedDate: '2026-11-10' }),
 * booking({ received: '2026-11-14' }). Defaults: customer C1 with every contact item present and
 * valid, unit AB12CDE owned by C1, job J1 on that unit with no dates, booking B1 from C1 with no dates.
 */
import { indexGarage, type GarageIndex } from '../../../core/garage-index.ts';
import type { BookingRequest, Customer, GarageRecords, Job, Phone, Unit } from '../../../core/records.ts';

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
    homePhone: landline(),
    workPhone: landline('+441625428220'),
    mobile: mobile(),
    email: 'jane@example.com',
    dateOfBirth: '1980-05-17',
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
    description: 'Service',
    value: null,
    ...overrides,
  };
}

export function booking(overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    requestId: 'B1',
    received: null,
    receivedTime: '',
    customerCode: 'C1',
    registration: 'AB12CDE',
    name: '',
    email: '',
    phone: null,
    requestedDate: null,
    status: '',
    outcome: '',
    dissatisfactionReason: '',
    actioned: null,
    staff: 'Sam',
    ...overrides,
  };
}

/** The records indexed as the core sees them; anything not given is empty. */
export function garage(records: Partial<GarageRecords> = {}): GarageIndex {
  return indexGarage({ customers: [], units: [], jobs: [], advisories: [], bookings: [], ...records });
}
