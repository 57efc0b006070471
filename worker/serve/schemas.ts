/**
 * What the add-in may send, as JSON Schema built with TypeBox: fastify's own validator (Ajv)
 * checks each body against it before a handler runs, and the same declaration gives the handler
 * its TypeScript type. A row is a due action as the add-in computed it (Method and To chosen) and
 * its merge context (core's `mergeContextFor`); only what the worker reads is required, the rest
 * may be left out and takes a blank. Dates are ISO strings (YYYY-MM-DD).
 */
import Type from 'typebox';
import { DEFAULT_SETTINGS, type DueAction, type GarageSettings, type MergeContext } from '../../core/index.ts';

// The core's records, as the merge context holds them.
type CustomerRecord = MergeContext['customer'];
type UnitRecord = NonNullable<MergeContext['unit']>;
type JobRecord = NonNullable<MergeContext['job']>;
type AdvisoryRecord = MergeContext['advisories'][number];

export const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';

const text = (options: { minLength?: number; maxLength?: number } = {}) => Type.String({ maxLength: 2_000, ...options });
const someText = (maxLength = 300) => Type.String({ minLength: 1, maxLength });
const date = Type.String({ pattern: ISO_DATE });
const dateOrNull = Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: ISO_DATE });
const numberOrNull = Type.Unsafe<number | null>({ type: ['number', 'null'] });
const optionalText = Type.Optional(text());
const method = Type.Enum(['Email', 'SMS', 'Letter']);

const ActionSchema = Type.Object({
  actionId: someText(),
  ruleId: someText(),
  date: Type.Optional(date),
  triggerDate: date,
  code: someText(),
  name: optionalText,
  type: optionalText,
  contactDue: someText(),
  purpose: Type.Enum(['service', 'marketing']),
  method,
  to: someText(1_000),
  unit: optionalText,
  job: optionalText,
  reason: optionalText,
  template: optionalText,
});

const CustomerSchema = Type.Object({
  code: someText(),
  title: optionalText,
  firstName: optionalText,
  surname: optionalText,
  name: optionalText,
  company: optionalText,
});

const UnitSchema = Type.Object({
  registration: someText(),
  registrationDisplay: optionalText,
  make: optionalText,
  model: optionalText,
  motDue: Type.Optional(dateOrNull),
  nextService: Type.Optional(dateOrNull),
  lastService: Type.Optional(dateOrNull),
  saleDate: Type.Optional(dateOrNull),
  warrantyEnd: Type.Optional(dateOrNull),
  financeEnd: Type.Optional(dateOrNull),
});

const JobSchema = Type.Object({
  jobNo: someText(),
  description: optionalText,
  bookedDate: Type.Optional(dateOrNull),
  appointmentDate: Type.Optional(dateOrNull),
  completedDate: Type.Optional(dateOrNull),
});

const AdvisorySchema = Type.Object({
  description: optionalText,
  dueDate: Type.Optional(dateOrNull),
  jobNo: optionalText,
  estimate: Type.Optional(numberOrNull),
});

const SettingsSchema = Type.Object({
  garageName: someText(),
  garageAddress: optionalText,
  garagePhone: optionalText,
  senderMailbox: optionalText,
  smsSender: optionalText,
  bookingLink: optionalText,
  signOffName: optionalText,
  unsubscribeLink: optionalText,
  unsubscribeMailbox: optionalText,
  smsOptOutNumber: optionalText,
  replyToMailbox: optionalText,
  companyName: optionalText,
  companyNumber: optionalText,
  registeredOffice: optionalText,
});

const ContextSchema = Type.Object({
  customer: CustomerSchema,
  unit: Type.Union([UnitSchema, Type.Null()]),
  job: Type.Union([JobSchema, Type.Null()]),
  advisories: Type.Array(AdvisorySchema, { maxItems: 100 }),
  lastVisit: dateOrNull,
  settings: SettingsSchema,
});

export const MAX_ROWS = 5_000;

/** POST /api/rows and /api/preview: who approved them, and the rows. */
export const RowsBody = Type.Object({
  by: Type.String({ maxLength: 200 }),
  rows: Type.Array(Type.Object({ action: ActionSchema, context: ContextSchema }), { minItems: 1, maxItems: MAX_ROWS }),
});
export type RowsBody = Type.Static<typeof RowsBody>;
export type SubmittedRow = RowsBody['rows'][number];

/** POST /api/rows/status: the rows whose state the workbook wants, by Action ID. */
export const StatusBody = Type.Object({ ids: Type.Array(someText(), { minItems: 1, maxItems: MAX_ROWS }) });
export type StatusBody = Type.Static<typeof StatusBody>;

/** GET /api/rows?ids=A,B */
export const StatusQuery = Type.Object({ ids: Type.String({ maxLength: 8_000 }) });
export type StatusQuery = Type.Static<typeof StatusQuery>;

// The parts a render never reads are filled with blanks, so the core gets its full records.
const BLANK_CUSTOMER: Omit<CustomerRecord, 'code'> = {
  title: '', firstName: '', surname: '', name: '', company: '', address: ['', '', '', ''], town: '', county: '', postcode: '',
  homePhone: null, workPhone: null, mobile: null, email: '', dateOfBirth: null, preferredMethod: null, doNotContact: false,
  deceased: false, goneAway: false, noEmail: false, noSms: false, noPost: false, emailMarketing: false, smsMarketing: false,
  lastVisit: null, invalid: {},
};
const BLANK_UNIT: Omit<UnitRecord, 'registration'> = {
  registrationDisplay: '', customerCode: '', make: '', model: '', vin: '', firstRegistered: null, motDue: null, nextService: null,
  lastService: null, saleDate: null, soldBy: '', warrantyEnd: null, financeEnd: null, mileage: null,
};
const BLANK_JOB: Omit<JobRecord, 'jobNo'> = { customerCode: '', registration: '', bookedDate: null, appointmentDate: null, completedDate: null, status: '', staff: '', description: '', value: null };
const BLANK_ADVISORY: AdvisoryRecord = { jobNo: '', registration: '', customerCode: '', description: '', severity: '', dueDate: null, status: 'Open', estimate: null };
const BLANK_ACTION: Omit<DueAction, 'actionId' | 'ruleId' | 'triggerDate' | 'code' | 'contactDue' | 'purpose' | 'method' | 'to'> = {
  date: '', name: '', type: '', allowedMethods: [], addresses: {}, unit: '', job: '', reason: '', template: '',
};

/** The row as the core's own types: the action (its method chosen) and its merge context. */
export function coreRow(row: SubmittedRow): { action: DueAction & { method: NonNullable<DueAction['method']> }; context: MergeContext } {
  const { action, context } = row;
  const unit = context.unit ? { ...BLANK_UNIT, ...context.unit } : null;
  const settings: GarageSettings = { ...DEFAULT_SETTINGS, ...context.settings };
  return {
    action: { ...BLANK_ACTION, ...action, date: action.date ?? action.triggerDate, allowedMethods: [action.method], addresses: { [action.method]: action.to } },
    context: {
      customer: { ...BLANK_CUSTOMER, ...context.customer },
      unit: unit && { ...unit, registrationDisplay: unit.registrationDisplay || unit.registration },
      job: context.job ? { ...BLANK_JOB, ...context.job } : null,
      advisories: context.advisories.map((a) => ({ ...BLANK_ADVISORY, ...a })),
      lastVisit: context.lastVisit,
      settings,
    },
  };
}
