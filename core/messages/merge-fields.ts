/**
 * The merge fields a template may use, each with the reason a row stops when it has no value.
 *
 * The data handed to a template holds only values that are there: an empty one is left out, so
 * Handlebars' strict mode stops on it (and says where), and the row fails with the reason written
 * here — never "Dear ," or "your MOT is due on .".
 */
import type { MergeContext } from './merge-context.ts';
import { dayAndDate, longDate } from './merge-context.ts';
import type { DueAction } from '../results.ts';
import { serviceDue } from '../schedule/unit-dates.ts';

export interface MergeField {
  /** What it holds, for templates/README.md and a template writer. */
  about: string;
  /** Why the row stops when it is empty, in the garage's words. */
  missing: string;
  /** What to do about it. */
  fix: 'dms' | 'settings' | 'rule';
}

const dms = (about: string, missing: string): MergeField => ({ about, missing, fix: 'dms' });
const setting = (about: string, missing: string): MergeField => ({ about, missing, fix: 'settings' });

export const NO_GREETING = 'no title and surname, first name or company name for the greeting';

/** Every field, by its path in a template: `{{vehicle.motDue}}`. A list is used only in `{{#each}}`. */
export const MERGE_FIELDS = {
  greeting: dms('"Mrs Harrison" from title and surname, else the first name, else the company name', NO_GREETING),
  'customer.title': dms('Mrs', 'no title for the customer'),
  'customer.firstName': dms('Jane', 'no first name for the customer'),
  'customer.surname': dms('Harrison', 'no surname for the customer'),
  'customer.name': dms('Mrs Jane Harrison, or the company', 'no name for the customer'),
  'customer.company': dms('Harrison Haulage Ltd', 'no company name for the customer'),
  'customer.lastVisit': dms('14 August 2025: the last visit', 'no last visit for the customer'),
  vehicle: dms('the vehicle the contact is about', 'no vehicle on this contact'),
  'vehicle.registration': dms('AB12 CDE', 'no registration for the vehicle'),
  'vehicle.make': dms('Ford', 'no make for the vehicle'),
  'vehicle.model': dms('Fiesta', 'no model for the vehicle'),
  'vehicle.makeModel': dms('Ford Fiesta', 'no make or model for the vehicle'),
  'vehicle.description': dms('"Ford Fiesta AB12 CDE", or "vehicle AB12 CDE" without a make and model', 'no vehicle on this contact'),
  'vehicle.motDue': dms('14 December 2026', 'no MOT due date for the vehicle'),
  'vehicle.serviceDue': dms('14 December 2026: the next service date, else a year after the last service', 'no service due date for the vehicle'),
  'vehicle.warrantyEnd': dms('14 December 2026', 'no warranty end date for the vehicle'),
  'vehicle.financeEnd': dms('14 December 2026', 'no finance end date for the vehicle'),
  'vehicle.saleDate': dms('14 December 2026', 'no sale date for the vehicle'),
  job: dms('the job the contact is about', 'no job on this contact'),
  'job.number': dms('J10452', 'no job number'),
  'job.description': dms('Full service and MOT', 'no description of the work on the job'),
  'job.bookedDate': dms('2 November 2026', 'no booked date on the job'),
  'job.appointment': dms('17 November 2026', 'no appointment date on the job'),
  'job.appointmentDay': dms('Tuesday 17 November 2026', 'no appointment date on the job'),
  'job.completedDate': dms('14 November 2026', 'no completed date on the job'),
  advisory: dms('the advisory work the contact is about', 'no open advisory work on this contact'),
  'advisory.work': dms('"front brake pads and wiper blades"', 'no description of the advisory work'),
  'advisory.items': dms('each piece of advisory work, for {{#each advisory.items}}', 'no description of the advisory work'),
  'advisory.dueDate': dms('14 December 2026', 'no due date for the advisory work'),
  'occasion.date': { about: 'the date the contact is about (the trigger date), e.g. 14 December 2026', missing: 'no date for this contact', fix: 'rule' },
  'occasion.contactDue': { about: 'MOT Reminder: the Contact Due column', missing: 'no Contact Due for this rule', fix: 'rule' },
  garage: setting('the garage', 'no garage details in Settings'),
  'garage.name': setting('Harrison Motors', 'no garage name in Settings'),
  'garage.phone': setting('01625 496 000', 'no garage phone in Settings'),
  'garage.address': setting('1 Station Road, Macclesfield SK10 4AB', 'no garage address in Settings'),
  'garage.bookingLink': setting('https://… where customers book online', 'no booking link in Settings'),
  'garage.signOffName': setting('Sarah Jones, Service Manager', 'no sign-off name in Settings'),
} satisfies Record<string, MergeField>;

export type MergeFieldPath = keyof typeof MERGE_FIELDS;

/** Lists a template may go through with {{#each}}; every other field is one value. */
export const LIST_FIELDS: ReadonlySet<string> = new Set<MergeFieldPath>(['advisory.items']);

export function isMergeField(path: string): path is MergeFieldPath {
  return Object.prototype.hasOwnProperty.call(MERGE_FIELDS, path);
}

/** The greeting: "Mrs Harrison" from title and surname, else the first name, else the company; '' when none. */
export function greetingFor(customer: { title: string; firstName: string; surname: string; company: string }): string {
  const title = customer.title.trim();
  const surname = customer.surname.trim();
  if (title && surname) return `${title} ${surname}`;
  return customer.firstName.trim() || customer.company.trim();
}

type Tree = { [key: string]: string | string[] | Tree };

/** The group with only its non-empty values; undefined when none is left (so `{{vehicle.x}}` stops at "no vehicle"). */
function present(values: Record<string, string | string[] | null | undefined>): Tree | undefined {
  const out: Tree = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.length > 0) out[key] = value!;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const dateOrNull = (date: string | null | undefined) => (date ? longDate(date) : null);

/** The values a template sees for one due action: the field paths above, empty ones left out. */
export function mergeData(action: DueAction, context: MergeContext): Record<string, unknown> {
  const { customer, unit, job, advisories, settings } = context;
  const makeModel = unit ? [unit.make.trim(), unit.model.trim()].filter(Boolean).join(' ') : '';
  const work = [...new Set(advisories.map((a) => a.description.trim()).filter(Boolean))];
  const data: Record<string, unknown> = {
    greeting: greetingFor(customer) || undefined,
    customer: present({
      title: customer.title,
      firstName: customer.firstName,
      surname: customer.surname,
      name: customer.name,
      company: customer.company,
      lastVisit: dateOrNull(context.lastVisit),
    }),
    vehicle: unit
      ? present({
          registration: unit.registrationDisplay,
          make: unit.make,
          model: unit.model,
          makeModel,
          description: `${makeModel || 'vehicle'} ${unit.registrationDisplay}`,
          motDue: dateOrNull(unit.motDue),
          serviceDue: dateOrNull(serviceDue(unit)),
          warrantyEnd: dateOrNull(unit.warrantyEnd),
          financeEnd: dateOrNull(unit.financeEnd),
          saleDate: dateOrNull(unit.saleDate),
        })
      : undefined,
    job: job
      ? present({
          number: job.jobNo,
          description: job.description,
          bookedDate: dateOrNull(job.bookedDate),
          appointment: dateOrNull(job.appointmentDate),
          appointmentDay: job.appointmentDate ? dayAndDate(job.appointmentDate) : null,
          completedDate: dateOrNull(job.completedDate),
        })
      : undefined,
    advisory:
      advisories.length > 0
        ? present({ work: joinWork(work), items: work, dueDate: dateOrNull(advisories[0]!.dueDate ?? action.triggerDate) })
        : undefined,
    occasion: present({ date: dateOrNull(action.triggerDate), contactDue: action.contactDue }),
    garage: present({
      name: settings.garageName,
      phone: settings.garagePhone,
      address: settings.garageAddress,
      bookingLink: settings.bookingLink,
      signOffName: settings.signOffName,
    }),
  };
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return data;
}

/** "brake pads", "brake pads and wipers", "brake pads, wipers and a tyre". */
function joinWork(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Why a row stops for the field at `path` in `data`: the first part of the path that is not there. */
export function missingReason(path: string, data: Record<string, unknown>): string {
  const parts = path.split('.');
  let at: unknown = data;
  for (let i = 0; i < parts.length; i++) {
    const here = parts.slice(0, i + 1).join('.');
    const next = at && typeof at === 'object' ? (at as Record<string, unknown>)[parts[i]!] : undefined;
    if (next === undefined) return isMergeField(here) ? MERGE_FIELDS[here].missing : `no value for {{${path}}}`;
    at = next;
  }
  return `no value for {{${path}}}`;
}

/** What to do, for a reason from MERGE_FIELDS. */
export function fixFor(path: string): string {
  const top = path.split('.')[0]!;
  const field = isMergeField(path) ? MERGE_FIELDS[path] : isMergeField(top) ? MERGE_FIELDS[top] : undefined;
  if (field?.fix === 'settings') return 'Fill it in on the Settings sheet and send again.';
  if (field?.fix === 'rule') return 'Check the rule on the Schedule sheet, or change its template.';
  return 'Add it in your DMS and import again, or send this one by hand.';
}
