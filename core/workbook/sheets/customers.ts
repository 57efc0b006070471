/**
 * Customers: every imported customer, normalised, with where they stand (Active, Drifting,
 * Lapsing, Lapsed, No visits). Contact items the audit requires are yellow while blank or
 * invalid — a formula, so typing a good value clears it. A value the import could not use is
 * blank on the record, its reason in the Problems column, and yellow until something is typed in.
 */
import { AUDIT_ITEM_LABELS } from '../../audit-items.ts';
import type { GarageIndex } from '../../garage-index.ts';
import type { ContactItem, Customer } from '../../records.ts';
import type { LifecycleRow } from '../../results.ts';
import type { GarageSettings } from '../../settings.ts';
import { col, refs, table } from '../columns.ts';
import { itemHighlightFormula, itemValue } from '../contact-item-checks.ts';
import { PRINT_SETUP, type PlanCell, type PlanHighlight, type PlanSheet } from '../plan.ts';

export const CUSTOMERS_SHEET = 'Customers';

/** Contact items in the order the sheet shows them; each is also its column's key. */
const ITEMS: readonly ContactItem[] = ['homePhone', 'workPhone', 'mobile', 'email', 'dateOfBirth'];
const ADDRESS_ITEMS: readonly ContactItem[] = ['address1', 'town', 'postcode'];

// What the garage reads on paper comes first; the rest (name parts, the further address lines,
// the work phone and the consent flags) follows at the right end, out of the print area, so the
// sheet prints two pages wide at a readable size instead of one page at 2.5 pt. Nothing reads
// this sheet back, so its order is free.
export const CUSTOMERS_COLUMNS = [
  col('code', 'Code', 'text', { width: 10 }),
  col('name', 'Name', 'text', { width: 24, maxWidth: 28 }),
  col('company', 'Company', 'text', { width: 20, maxWidth: 24 }),
  col('address1', 'Address 1', 'text', { width: 24, maxWidth: 28 }),
  col('town', 'Town'),
  col('postcode', 'Postcode', 'text', { width: 11 }),
  col('homePhone', 'Home Phone', 'text', { width: 15 }),
  col('mobile', 'Mobile', 'text', { width: 15 }),
  col('email', 'Email', 'text', { width: 28, maxWidth: 32 }),
  col('dateOfBirth', 'Date of Birth', 'date', { width: 14 }),
  col('preferredMethod', 'Preferred Method', 'text', { width: 12 }),
  col('doNotContact', 'Do Not Contact', 'text', { width: 10 }),
  col('lastVisit', 'Last Visit', 'date'),
  col('monthsSince', 'Months Since', 'integer', { width: 10 }),
  col('status', 'Status', 'text', { width: 11 }),
  col('problems', 'Problems', 'text', { width: 40 }),
  col('title', 'Title', 'text', { width: 8, print: false }),
  col('firstName', 'First Name', 'text', { print: false }),
  col('surname', 'Surname', 'text', { print: false }),
  col('address2', 'Address 2', 'text', { width: 18, print: false }),
  col('address3', 'Address 3', 'text', { width: 16, print: false }),
  col('address4', 'Address 4', 'text', { width: 16, print: false }),
  col('county', 'County', 'text', { print: false }),
  col('workPhone', 'Work Phone', 'text', { width: 15, print: false }),
  col('deceased', 'Deceased', 'text', { width: 10, print: false }),
  col('goneAway', 'Gone Away', 'text', { width: 10, print: false }),
  col('noEmail', 'No Email', 'text', { width: 10, print: false }),
  col('noSms', 'No SMS', 'text', { width: 10, print: false }),
  col('noPost', 'No Post', 'text', { width: 10, print: false }),
  col('emailMarketing', 'Email Marketing', 'text', { width: 10, print: false }),
  col('smsMarketing', 'SMS Marketing', 'text', { width: 10, print: false }),
];

const yes = (flag: boolean): string | null => (flag ? 'Yes' : null);

/** "Email: not an email address; Mobile: not a UK mobile number". */
function problemsText(customer: Customer): string {
  return (Object.entries(customer.invalid) as [ContactItem, string][])
    .filter(([, reason]) => reason)
    .map(([item, reason]) => `${AUDIT_ITEM_LABELS[item]}: ${reason}`)
    .join('; ');
}

function row(c: Customer, life: LifecycleRow | undefined): PlanCell[] {
  return [
    c.code,
    c.name,
    c.company,
    c.address[0],
    c.town,
    c.postcode,
    itemValue(c, 'homePhone'),
    itemValue(c, 'mobile'),
    c.email,
    c.dateOfBirth,
    c.preferredMethod,
    yes(c.doNotContact),
    life?.lastVisit ?? c.lastVisit,
    life?.monthsSince ?? null,
    life?.status ?? null,
    problemsText(c) || null,
    c.title,
    c.firstName,
    c.surname,
    c.address[1],
    c.address[2],
    c.address[3],
    c.county,
    itemValue(c, 'workPhone'),
    yes(c.deceased),
    yes(c.goneAway),
    yes(c.noEmail),
    yes(c.noSms),
    yes(c.noPost),
    yes(c.emailMarketing),
    yes(c.smsMarketing),
  ];
}

/** Formulas for the contact item columns: blank-or-invalid when required, invalid otherwise. */
export function contactItemHighlights(items: readonly ContactItem[], required: readonly ContactItem[], ref: (key: string) => string): PlanHighlight[] {
  const found: PlanHighlight[] = [];
  for (const item of items) {
    const isRequired = required.includes(item);
    const label = AUDIT_ITEM_LABELS[item];
    const formula = itemHighlightFormula(item, ref(item), isRequired, { noteRef: ref('problems'), label });
    if (formula === null) continue;
    found.push({ columns: [item], formula, fill: 'yellow', meaning: isRequired ? `${label} missing or invalid` : `${label} invalid` });
  }
  return found;
}

export function customersSheet(garage: GarageIndex, lifecycle: readonly LifecycleRow[], settings: GarageSettings): PlanSheet {
  const required = settings.requiredAuditItems;
  const items = [...ADDRESS_ITEMS, ...ITEMS];
  const rows: PlanCell[][] = [];
  const byCode = new Map(lifecycle.map((l) => [l.code, l]));
  // Lifecycle rows are in code order; a customer the lifecycle somehow lacks still shows, after them.
  const ordered = lifecycle.map((l) => garage.customerByCode.get(l.code)).filter((c): c is Customer => c !== undefined);
  if (ordered.length !== garage.customers.length) {
    const seen = new Set(ordered.map((c) => c.code));
    ordered.push(...garage.customers.filter((c) => !seen.has(c.code)));
  }
  // No static fills: a value the import could not use is blank, with its reason in Problems, and
  // the item's formula reads both, so typing a value clears the yellow. (A value the import flagged
  // although it looks right would need a static fill that never clears: it gets none; Problems says why.)
  for (const customer of ordered) rows.push(row(customer, byCode.get(customer.code)));
  const sheet = table('Customers', CUSTOMERS_COLUMNS, rows, { highlights: contactItemHighlights(items, required, refs(CUSTOMERS_COLUMNS)) });
  return { name: CUSTOMERS_SHEET, kind: 'data', table: sheet, frozenRows: 1, print: PRINT_SETUP };
}
