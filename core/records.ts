/**
 * The garage's records after import: normalised, typed, plain data. Everything the core
 * computes starts from these; nothing here knows where they came from.
 */
import type { IsoDate } from './calendar.ts';

export type Method = 'Email' | 'SMS' | 'Letter';
export const METHODS: readonly Method[] = ['Email', 'SMS', 'Letter'];

export type PhoneKind = 'mobile' | 'landline' | 'other';

export interface Phone {
  /** +441614960123 — what a sender dials. */
  e164: string;
  /** 0161 496 0123 — what a person reads. */
  display: string;
  kind: PhoneKind;
}

/** The contact items the audit can require, in the order the sheets show them. */
export type ContactItem =
  | 'mobile'
  | 'homePhone'
  | 'workPhone'
  | 'email'
  | 'address1'
  | 'town'
  | 'postcode'
  | 'dateOfBirth';

export interface Customer {
  code: string;
  title: string;
  firstName: string;
  surname: string;
  /** The name to show and to greet: "Mrs Jane Smith", or the company. */
  name: string;
  company: string;
  address: [string, string, string, string];
  town: string;
  county: string;
  postcode: string;
  homePhone: Phone | null;
  workPhone: Phone | null;
  mobile: Phone | null;
  email: string;
  dateOfBirth: IsoDate | null;
  preferredMethod: Method | null;
  doNotContact: boolean;
  deceased: boolean;
  goneAway: boolean;
  /** Opt-outs: the customer refuses this channel for everything. */
  noEmail: boolean;
  noSms: boolean;
  noPost: boolean;
  /** Consents: the customer agreed to marketing on this channel. Blank means no. */
  emailMarketing: boolean;
  smsMarketing: boolean;
  /** The export's own last-visit date: one of the dates the last visit is the latest of. */
  lastVisit: IsoDate | null;
  /** Items that were given but could not be used, with the reason ("not a UK mobile number"). */
  invalid: Partial<Record<ContactItem, string>>;
}

export interface Unit {
  /** Upper case, no spaces: the key. */
  registration: string;
  /** As a person writes it: "AB12 CDE". */
  registrationDisplay: string;
  customerCode: string;
  make: string;
  model: string;
  vin: string;
  firstRegistered: IsoDate | null;
  motDue: IsoDate | null;
  nextService: IsoDate | null;
  lastService: IsoDate | null;
  saleDate: IsoDate | null;
  soldBy: string;
  warrantyEnd: IsoDate | null;
  financeEnd: IsoDate | null;
  mileage: number | null;
}

export interface Job {
  jobNo: string;
  customerCode: string;
  registration: string;
  bookedDate: IsoDate | null;
  appointmentDate: IsoDate | null;
  completedDate: IsoDate | null;
  status: string;
  staff: string;
  description: string;
  value: number | null;
}

export type AdvisoryStatus = 'Open' | 'Done' | 'Declined';

export interface Advisory {
  jobNo: string;
  registration: string;
  customerCode: string;
  description: string;
  severity: string;
  /** As exported; the advisory rule falls back to the job's date + 3 months when blank. */
  dueDate: IsoDate | null;
  status: AdvisoryStatus;
  estimate: number | null;
}

export interface BookingRequest {
  requestId: string;
  received: IsoDate | null;
  /** hh:mm when the export gave a time. */
  receivedTime: string;
  customerCode: string;
  registration: string;
  name: string;
  email: string;
  phone: Phone | null;
  requestedDate: IsoDate | null;
  status: string;
  outcome: string;
  dissatisfactionReason: string;
  actioned: IsoDate | null;
  staff: string;
}

export interface GarageRecords {
  customers: Customer[];
  units: Unit[];
  jobs: Job[];
  advisories: Advisory[];
  bookings: BookingRequest[];
}

export type RecordKind = keyof GarageRecords;

/**
 * The records by their keys (the first of any duplicates). The import makes these anyway while
 * looking for duplicates; handing them to the index saves hashing 600,000 keys a second time.
 */
export interface RecordLookups {
  customerByCode: Map<string, Customer>;
  unitByRegistration: Map<string, Unit>;
  jobByNo: Map<string, Job>;
}
export const RECORD_KINDS: readonly RecordKind[] = ['customers', 'units', 'jobs', 'advisories', 'bookings'];

/** One line of the append-only Contact Log: what was sent (or deliberately skipped) and when. */
export interface ContactLogEntry {
  actionId: string;
  /** Calendar date it was sent or skipped; null when the log's cell is not a date (see sentAtText). */
  sentAt: IsoDate | null;
  /**
   * The Sent At cell as the garage left it, when it is not a date: written back as text, so the
   * build keeps reporting it until someone fixes the cell (never replaced with a made-up date).
   */
  sentAtText?: string;
  customerCode: string;
  contactDue: string;
  method: Method | null;
  to: string;
  /** delivered / undelivered: what the network later said of a text (it was sent either way). */
  status: 'sent' | 'skipped' | 'failed' | 'uncertain' | 'delivered' | 'undelivered';
  reference: string;
  by: string;
}

/** A customer the user marked lapsed: side-lined from contacts, never deleted. */
export interface LapsedMark {
  customerCode: string;
  markedAt: IsoDate;
  by: string;
}
