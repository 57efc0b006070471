/** A customers export row → a Customer. Invalid contact items are kept as reasons for the audit. */
import type { Customer } from '../../records.ts';
import type { Invalid, RowReader } from '../row-reader.ts';

function greetingName(title: string, firstName: string, surname: string, fullName: string, company: string): string {
  const person = [title, firstName, surname].filter(Boolean).join(' ');
  if (firstName || surname) return person;
  return fullName || company || person;
}

export function customerFromRow(r: RowReader): Customer | null {
  const code = r.text('code');
  if (code === '') {
    r.problem('code', 'code_missing', 'This customer has no customer code, so nothing can be linked to them.', 'row skipped; give the customer a code in the DMS');
    return null;
  }
  const invalid: Invalid = {};
  const title = r.word('title');
  const firstName = r.text('firstName');
  const surname = r.text('surname');
  const company = r.text('company');
  const mobile = r.phone('mobile', invalid, 'mobile');
  if (mobile && mobile.kind !== 'mobile') {
    const reason = mobile.kind === 'landline' ? 'a landline, not a mobile' : 'not a UK mobile';
    r.problem('mobile', 'phone_not_mobile', `${r.header('mobile')}: ${mobile.display} is ${reason}, so no text can go to it.`, 'left out of Mobile');
    invalid.mobile = reason;
  }
  const dateOfBirth = r.pastDate('dateOfBirth');
  if (!dateOfBirth && r.text('dateOfBirth') !== '') invalid.dateOfBirth = 'not a usable date';
  return {
    code,
    title,
    firstName,
    surname,
    name: greetingName(title, firstName, surname, r.text('name'), company),
    company,
    address: [r.text('address1'), r.text('address2'), r.text('address3'), r.text('address4')],
    town: r.word('town'),
    county: r.word('county'),
    postcode: r.postcode('postcode', invalid),
    homePhone: r.phone('homePhone', invalid, 'homePhone'),
    workPhone: r.phone('workPhone', invalid, 'workPhone'),
    mobile: mobile && mobile.kind === 'mobile' ? mobile : null,
    email: r.email('email', invalid),
    dateOfBirth,
    preferredMethod: r.method('preferredMethod'),
    // Opt-outs: blank is "not opted out"; a value we cannot read is taken as opted out.
    doNotContact: r.flag('doNotContact', false, true),
    deceased: r.flag('deceased', false, true),
    goneAway: r.flag('goneAway', false, true),
    noEmail: r.flag('noEmail', false, true),
    noSms: r.flag('noSms', false, true),
    noPost: r.flag('noPost', false, true),
    // Consents: blank is no consent, and so is a value we cannot read.
    emailMarketing: r.flag('emailMarketing', false, false),
    smsMarketing: r.flag('smsMarketing', false, false),
    lastVisit: r.pastDate('lastVisit'),
    invalid,
  };
}
