/**
 * Which file is which, and which column is which. Headers are compared case-, space- and
 * punctuation-insensitively through an alias table (plus the garage's own mappings from
 * Settings); a file's kind is the one whose key column it has and whose columns it matches best.
 */
import type { RecordKind } from '../records.ts';

/** "E-mail Address " → "emailaddress". */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const CUSTOMER_CODE = ['Customer Code', 'Cust Code', 'Cust No', 'Customer No', 'Customer Number', 'Account', 'Account No', 'Account Number', 'Code', 'Customer ID', 'Owner'];
const REGISTRATION = ['Registration', 'Reg', 'Reg No', 'Registration No', 'Registration Number', 'VRM', 'Reg Number', 'Vehicle Reg'];
const JOB_NO = ['Job No', 'Job Number', 'WIP No', 'WIP', 'WIP Number', 'Job'];

const addressLine = (n: number) => [`Address ${n}`, `Address Line ${n}`, `Addr${n}`, `Addr ${n}`, `Address${n}`];

/** Canonical header first. Field keys are the record's property names. */
export const FIELD_ALIASES: Record<RecordKind, Record<string, string[]>> = {
  customers: {
    code: CUSTOMER_CODE.filter((a) => a !== 'Owner'),
    title: ['Title', 'Salutation'],
    firstName: ['First Name', 'Forename', 'Forenames', 'Given Name', 'Christian Name'],
    surname: ['Surname', 'Last Name', 'Family Name'],
    name: ['Name', 'Customer Name', 'Full Name'],
    company: ['Company', 'Company Name', 'Business Name'],
    address1: [...addressLine(1), 'Street', 'Address'],
    address2: addressLine(2),
    address3: addressLine(3),
    address4: addressLine(4),
    town: ['Town', 'City', 'Post Town', 'Town/City'],
    county: ['County'],
    postcode: ['Postcode', 'Post Code', 'Postal Code', 'Zip'],
    homePhone: ['Home Phone', 'Home Tel', 'Telephone', 'Tel', 'Phone', 'Home Telephone', 'Home No'],
    workPhone: ['Work Phone', 'Work Tel', 'Work Telephone', 'Business Phone', 'Work No'],
    mobile: ['Mobile', 'Mobile Phone', 'Mobile No', 'Mob', 'Mobile Number', 'Mobile Tel', 'Cell'],
    email: ['Email', 'E-mail', 'Email Address', 'E-mail Address'],
    dateOfBirth: ['Date of Birth', 'DOB', 'Birth Date', 'Birthday'],
    preferredMethod: ['Preferred Contact', 'Preferred Method', 'Contact Method', 'Preferred Contact Method'],
    doNotContact: ['Do Not Contact', 'No Contact', 'DNC'],
    deceased: ['Deceased'],
    goneAway: ['Gone Away', 'Goneaway'],
    noEmail: ['No Email', 'No E-mail', 'Email Opt Out'],
    noSms: ['No SMS', 'No Text', 'SMS Opt Out'],
    noPost: ['No Mail', 'Post Opt Out', 'No Post', 'No Letter', 'Mail Opt Out'],
    emailMarketing: ['Email Marketing', 'Email Opt In', 'Email Consent', 'Marketing Email'],
    smsMarketing: ['SMS Marketing', 'SMS Opt In', 'Text Marketing', 'SMS Consent', 'Marketing SMS'],
    lastVisit: ['Last Visit', 'Last Service Date', 'Last Visit Date', 'Date of Last Visit'],
  },
  units: {
    registration: REGISTRATION,
    customerCode: CUSTOMER_CODE,
    make: ['Make', 'Manufacturer'],
    model: ['Model'],
    vin: ['VIN', 'Chassis No', 'Frame No', 'Chassis Number', 'VIN Number'],
    firstRegistered: ['First Registered', 'Reg Date', 'Date Registered', 'Registration Date', 'Date First Registered'],
    motDue: ['MOT Due', 'MOT Due Date', 'MOT Expiry', 'MOT Expiry Date', 'MOT Date'],
    nextService: ['Next Service', 'Next Service Due', 'Service Due', 'Next Service Date', 'Service Due Date'],
    lastService: ['Last Service', 'Last Service Date'],
    saleDate: ['Sale Date', 'Date Sold', 'Sold Date', 'Delivery Date'],
    soldBy: ['Sold By', 'Salesperson', 'Sales Person', 'Sales Exec', 'Salesman'],
    warrantyEnd: ['Warranty End', 'Warranty Expiry', 'Warranty End Date', 'Warranty Expiry Date'],
    financeEnd: ['Finance End', 'Finance End Date', 'Agreement End', 'Agreement End Date'],
    mileage: ['Mileage', 'Odometer', 'Miles'],
  },
  jobs: {
    jobNo: JOB_NO,
    customerCode: CUSTOMER_CODE,
    registration: REGISTRATION,
    bookedDate: ['Booked Date', 'Date Booked', 'Booked'],
    appointmentDate: ['Appointment', 'Appointment Date', 'Date In', 'Due In'],
    completedDate: ['Completed', 'Completed Date', 'Date Out', 'Invoice Date', 'Date Completed', 'Invoiced'],
    status: ['Status', 'Job Status'],
    staff: ['Staff', 'Advisor', 'Service Advisor', 'Taken By', 'Adviser', 'Service Adviser'],
    description: ['Description', 'Work Description', 'Job Description', 'Details'],
    value: ['Value', 'Total', 'Invoice Total', 'Amount', 'Job Value'],
  },
  advisories: {
    jobNo: JOB_NO,
    registration: REGISTRATION,
    customerCode: CUSTOMER_CODE,
    description: ['Description', 'Advisory', 'Work Required', 'Advisory Description', 'Advised Work'],
    severity: ['Severity', 'Priority', 'RAG', 'RAG Status'],
    dueDate: ['Due Date', 'Due', 'Advisory Due'],
    status: ['Status', 'Advisory Status'],
    estimate: ['Estimate', 'Estimated Cost', 'Quote', 'Price'],
  },
  bookings: {
    requestId: ['Request ID', 'Request No', 'Request Number', 'Booking Request', 'Enquiry No'],
    received: ['Received', 'Date Received', 'Received At', 'Received Date'],
    customerCode: CUSTOMER_CODE,
    registration: REGISTRATION,
    name: ['Name', 'Customer Name', 'Full Name'],
    email: ['Email', 'E-mail', 'Email Address'],
    phone: ['Phone', 'Telephone', 'Tel', 'Mobile', 'Phone Number', 'Contact Number'],
    requestedDate: ['Requested Date', 'Preferred Date', 'Date Requested'],
    status: ['Status'],
    outcome: ['Outcome', 'Result'],
    dissatisfactionReason: ['Dissatisfaction Reason', 'Reason', 'Lost Reason', 'Decline Reason'],
    actioned: ['Actioned', 'Actioned At', 'Actioned Date', 'Date Actioned'],
    staff: ['Staff', 'Taken By', 'Actioned By', 'Advisor', 'Handled By'],
  },
};

/** The column a file must have to be this kind: without it, no row could stand. */
export const KEY_FIELD: Record<RecordKind, string> = {
  customers: 'code',
  units: 'registration',
  jobs: 'jobNo',
  advisories: 'description',
  bookings: 'requestId',
};

/** Columns that only this kind has: they settle a file whose shared columns fit two kinds. */
const TELLING_FIELDS: Record<RecordKind, string[]> = {
  customers: ['surname', 'firstName', 'postcode', 'address1', 'dateOfBirth'],
  units: ['make', 'model', 'vin', 'motDue', 'firstRegistered'],
  jobs: ['bookedDate', 'appointmentDate', 'completedDate', 'value'],
  advisories: ['severity', 'estimate', 'dueDate'],
  bookings: ['received', 'requestedDate', 'outcome', 'dissatisfactionReason', 'actioned'],
};

const aliasLookup: Record<RecordKind, Map<string, string>> = Object.fromEntries(
  Object.entries(FIELD_ALIASES).map(([kind, fields]) => {
    const lookup = new Map<string, string>();
    for (const [field, aliases] of Object.entries(fields)) {
      for (const alias of aliases) if (!lookup.has(headerKey(alias))) lookup.set(headerKey(alias), field);
    }
    return [kind, lookup];
  }),
) as Record<RecordKind, Map<string, string>>;

/**
 * The garage's own headers from Settings: "Cust Ref" → "customers.code". A mapping without a kind
 * ("code") applies to every kind that has the field.
 */
export type HeaderMappings = Record<string, string>;

export interface ColumnMap {
  kind: RecordKind;
  /** Field → column index; the first column wins when two name the same field. */
  fields: Map<string, number>;
  unknown: { index: number; header: string }[];
  duplicates: { index: number; header: string; field: string }[];
}

function fieldFor(kind: RecordKind, header: string, mappings: HeaderMappings): string | undefined {
  const key = headerKey(header);
  for (const [from, to] of Object.entries(mappings)) {
    if (headerKey(from) !== key) continue;
    const [mappedKind, field] = to.includes('.') ? to.split('.', 2) : [kind, to];
    if (mappedKind === kind && field && field in FIELD_ALIASES[kind]) return field;
  }
  return aliasLookup[kind].get(key);
}

export function mapColumns(kind: RecordKind, headers: string[], mappings: HeaderMappings = {}): ColumnMap {
  const fields = new Map<string, number>();
  const unknown: ColumnMap['unknown'] = [];
  const duplicates: ColumnMap['duplicates'] = [];
  headers.forEach((header, index) => {
    if (header.trim() === '') return;
    const field = fieldFor(kind, header, mappings);
    if (field === undefined) unknown.push({ index, header });
    else if (fields.has(field)) duplicates.push({ index, header, field });
    else fields.set(field, index);
  });
  return { kind, fields, unknown, duplicates };
}

export type Recognition = { kind: RecordKind } | { kind: null; reason: string };

/** The kind of a file from its headers alone. */
export function recogniseKind(headers: string[], mappings: HeaderMappings = {}): Recognition {
  const candidates = (Object.keys(FIELD_ALIASES) as RecordKind[])
    .map((kind) => {
      const map = mapColumns(kind, headers, mappings);
      const telling = TELLING_FIELDS[kind].filter((f) => map.fields.has(f)).length;
      return { kind, map, telling, score: map.fields.size + telling };
    })
    .filter((c) => c.map.fields.has(KEY_FIELD[c.kind]) && (c.map.fields.size >= 2 || c.telling > 0));
  // A customers file's "Code" must not make a units file a customers file: more matched columns win.
  candidates.sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  if (!best) return { kind: null, reason: 'none of its headers is a key column Retention Desk knows' };
  if (second && second.score === best.score) {
    return { kind: null, reason: `its headers fit both ${best.kind} and ${second.kind} equally well` };
  }
  return { kind: best.kind };
}

/** What a recognisable file of each kind would have had, for the message about one that wasn't. */
export function expectedHeaders(): string {
  return (Object.keys(FIELD_ALIASES) as RecordKind[])
    .map((kind) => {
      const key = FIELD_ALIASES[kind][KEY_FIELD[kind]]![0]!;
      const others = Object.entries(FIELD_ALIASES[kind])
        .filter(([field]) => field !== KEY_FIELD[kind])
        .slice(0, 5)
        .map(([, aliases]) => aliases[0]);
      return `${kind}: ${key} (required), ${others.join(', ')}…`;
    })
    .join('; ');
}
