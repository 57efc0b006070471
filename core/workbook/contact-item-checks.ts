/**
 * How a contact item shows in a sheet cell, and the simple test Excel can run on it, so a yellow
 * cell turns white as soon as the user types a good value. Each formula has its TypeScript twin
 * here: the plan uses the twin to tell which gaps no formula can see, and fills those statically.
 */
import type { ContactItem, Customer } from '../records.ts';
import type { ColumnType, PlanCell } from './plan.ts';
import { blankTest } from './columns.ts';

interface ItemCheck {
  type: ColumnType;
  value(customer: Customer): PlanCell;
  /** Formula true when the cell holds something that cannot be right; null when any value will do. */
  invalidFormula: ((ref: string) => string) | null;
  /** The formula's twin, for a value that is not blank. */
  looksInvalid(text: string): boolean;
}

const anything = () => false;
const squeeze = (text: string) => text.replace(/ /g, '');

const CHECKS: Record<ContactItem, ItemCheck> = {
  mobile: {
    type: 'text',
    value: (c) => c.mobile?.display ?? '',
    // A UK mobile starts 07 (or +447 as some people type it); a landline in the column cannot take a text.
    invalidFormula: (r) => `AND(LEFT(SUBSTITUTE(${r}," ",""),2)<>"07",LEFT(SUBSTITUTE(${r}," ",""),4)<>"+447")`,
    looksInvalid: (t) => !squeeze(t).startsWith('07') && !squeeze(t).startsWith('+447'),
  },
  homePhone: { type: 'text', value: (c) => c.homePhone?.display ?? '', invalidFormula: null, looksInvalid: anything },
  workPhone: { type: 'text', value: (c) => c.workPhone?.display ?? '', invalidFormula: null, looksInvalid: anything },
  email: {
    type: 'text',
    value: (c) => c.email,
    invalidFormula: (r) => `ISERROR(SEARCH("@",${r}))`,
    looksInvalid: (t) => !t.includes('@'),
  },
  address1: { type: 'text', value: (c) => c.address[0], invalidFormula: null, looksInvalid: anything },
  town: { type: 'text', value: (c) => c.town, invalidFormula: null, looksInvalid: anything },
  postcode: {
    type: 'text',
    value: (c) => c.postcode,
    // A normalised UK postcode is 6 to 8 characters with one space: "M1 1AE", "SK10 4AB".
    invalidFormula: (r) => `OR(LEN(TRIM(${r}))<6,LEN(TRIM(${r}))>8,ISERROR(SEARCH(" ",TRIM(${r}))))`,
    looksInvalid: (t) => t.trim().length < 6 || t.trim().length > 8 || !t.trim().includes(' '),
  },
  dateOfBirth: { type: 'date', value: (c) => c.dateOfBirth, invalidFormula: null, looksInvalid: anything },
};

export function itemType(item: ContactItem): ColumnType {
  return CHECKS[item].type;
}

/** The item as its cell shows it: "07700 900123", "jane@example.com", an IsoDate, or '' / null. */
export function itemValue(customer: Customer, item: ContactItem): PlanCell {
  return CHECKS[item].value(customer);
}

/**
 * Formula true when the item's cell needs attention: blank or invalid for a required item, only
 * invalid for one that is not required (a wrong value is wrong whether or not the audit asks for it).
 * Null when there is nothing to test (an optional item with no validity test).
 */
export function itemHighlightFormula(item: ContactItem, ref: string, required: boolean, flagged?: FlaggedIn): string | null {
  const invalid = CHECKS[item].invalidFormula?.(ref) ?? null;
  if (required) return invalid ? `OR(${blankTest(ref)},${invalid})` : blankTest(ref);
  const invalidNow = invalid ? `AND(LEN(TRIM(${ref}))>0,${invalid})` : null;
  if (!flagged) return invalidNow;
  // Blank because the import could not use the value (its reason is in the note column): yellow
  // until something is typed in, which a static fill would never stop being.
  const blankAndFlagged = `AND(${blankTest(ref)},ISNUMBER(SEARCH("${flagged.label}:",${flagged.noteRef})))`;
  return invalidNow ? `OR(${invalidNow},${blankAndFlagged})` : blankAndFlagged;
}

/** The column holding the import's reasons, as "Work Phone: not a phone number; …". */
export interface FlaggedIn {
  noteRef: string;
  /** The item's label as the reasons name it ("Work Phone"). */
  label: string;
}

/**
 * True when the highlight formula would already flag this value; false for a gap no formula sees.
 * `flagged`: the formula also reads the import's reasons, so a blank value it flagged is seen.
 */
export function formulaSeesGap(item: ContactItem, value: PlanCell, required: boolean, flagged = false): boolean {
  const text = value === null ? '' : String(value).trim();
  if (text === '') return required || flagged;
  return CHECKS[item].invalidFormula !== null && CHECKS[item].looksInvalid(text);
}
