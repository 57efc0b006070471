/**
 * The contact items the data-capture audit can require, and how each one is judged on a customer
 * record: present and usable, or missing with the reason the garage sees ("missing", "not a UK
 * mobile number"). An item the import could not use counts as missing — a bad email is as much a
 * gap as no email.
 */
import type { ContactItem, Customer } from './records.ts';

export const MISSING = 'missing';
export const NOT_A_MOBILE = 'not a mobile number';

/** Column headings for the Audit sheet, in the garage's words. */
export const AUDIT_ITEM_LABELS: Record<ContactItem, string> = {
  mobile: 'Mobile',
  homePhone: 'Home Phone',
  workPhone: 'Work Phone',
  email: 'Email',
  address1: 'Address Line 1',
  town: 'Town',
  postcode: 'Postcode',
  dateOfBirth: 'Date of Birth',
};

const blank = (text: string): boolean => text.trim() === '';

/** null when the item is on the record and usable; else why not (before the import's own reasons). */
const CHECKS: Record<ContactItem, (c: Customer) => string | null> = {
  // A landline in the mobile column cannot take a text, so it does not fill the gap.
  mobile: (c) => (c.mobile === null ? MISSING : c.mobile.kind === 'mobile' ? null : NOT_A_MOBILE),
  homePhone: (c) => (c.homePhone === null ? MISSING : null),
  workPhone: (c) => (c.workPhone === null ? MISSING : null),
  email: (c) => (blank(c.email) ? MISSING : null),
  address1: (c) => (blank(c.address[0]) ? MISSING : null),
  town: (c) => (blank(c.town) ? MISSING : null),
  postcode: (c) => (blank(c.postcode) ? MISSING : null),
  dateOfBirth: (c) => (c.dateOfBirth === null ? MISSING : null),
};

/**
 * Why an item counts as missing on this customer, or null when it is present and valid.
 * The import's reason wins: it saw the value the customer actually gave.
 * @example itemGap(customer({ email: '', invalid: { email: 'not an email address' } }), 'email') // 'not an email address'
 */
export function itemGap(customer: Customer, item: ContactItem): string | null {
  return customer.invalid[item] || CHECKS[item](customer);
}

export type CustomerGaps = { gaps: Partial<Record<ContactItem, string | null>>; missingItems: number };


/**
 * Every required item's gap (null when present and valid) and how many are missing, for one list
 * of items and many customers (the audit judges tens of thousands):
 * each customer's gaps start as a copy of an object that already has every item's key, in order,
 * which is much quicker than adding the keys one by one.
 */
export function gapsFinder(items: readonly ContactItem[]): (customer: Customer) => CustomerGaps {
  const noGaps: Partial<Record<ContactItem, string | null>> = {};
  for (const item of items) noGaps[item] = null;
  return (customer) => {
    const gaps = { ...noGaps };
    let missingItems = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const gap = itemGap(customer, item);
      gaps[item] = gap;
      if (gap !== null) missingItems += 1;
    }
    return { gaps, missingItems };
  };
}

/** How many of the items are missing from the customer's record (a gapsFinder's count alone). */
export function missingItemCount(customer: Customer, items: readonly ContactItem[]): number {
  let missing = 0;
  for (let i = 0; i < items.length; i++) if (itemGap(customer, items[i]!) !== null) missing += 1;
  return missing;
}
