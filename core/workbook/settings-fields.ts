/**
 * Every GarageSettings field as a Settings sheet row: its label, a line about what it does, how
 * its value is written (lists as comma text) and how a typed value is read back. Reading returns
 * the value or the reason it cannot be used, in words the garage understands.
 */
import { AUDIT_ITEM_LABELS } from '../audit-items.ts';
import { smsSender } from '../messages/sms-sender.ts';
import type { ContactItem } from '../records.ts';
import { readChannelOrder } from '../schedule/rule-settings-check.ts';
import type { GarageSettings } from '../settings.ts';
import type { ProblemCode } from '../problems.ts';
import { cellText, listItems, readWholeCell, type SheetCell } from './sheet-table.ts';

/** A setting's value, or the reason it cannot be used and the code to report it under. */
export type FieldRead<T> = { value: T } | { reason: string; code: ProblemCode };

export interface SettingField<K extends keyof GarageSettings = keyof GarageSettings> {
  key: K;
  label: string;
  about: string;
  /** Numbers as numbers, so Excel does not flag them as "number stored as text". */
  write(value: GarageSettings[K]): string | number;
  read(cell: SheetCell): FieldRead<GarageSettings[K]>;
}

const asText = (cell: SheetCell): FieldRead<string> => ({ value: cellText(cell) });

function wholeNumber(min: number, unit: string): (cell: SheetCell) => FieldRead<number> {
  return (cell) => {
    const value = readWholeCell(cell);
    if (value === null) return { reason: `'${cellText(cell)}' is not a whole number of ${unit}`, code: 'number_invalid' };
    if (value < min) return { reason: `${value} is too small; it must be at least ${min}`, code: 'number_out_of_range' };
    return { value };
  };
}

const ITEM_BY_NAME = new Map<string, ContactItem>(
  (Object.entries(AUDIT_ITEM_LABELS) as [ContactItem, string][]).flatMap(([item, label]) => [
    [label.toLowerCase(), item],
    [item.toLowerCase(), item],
  ]),
);

function readItems(cell: SheetCell): FieldRead<ContactItem[]> {
  const items: ContactItem[] = [];
  for (const name of listItems(cell)) {
    const item = ITEM_BY_NAME.get(name.toLowerCase());
    if (!item) return { reason: `'${name}' is not a contact item; use ${Object.values(AUDIT_ITEM_LABELS).join(', ')}`, code: 'list_item_unknown' };
    if (!items.includes(item)) items.push(item);
  }
  return { value: items };
}

/** "My Cust Ref=code, Acct Mgr=staff" → { 'My Cust Ref': 'code', 'Acct Mgr': 'staff' }. */
function readMappings(cell: SheetCell): FieldRead<Record<string, string>> {
  const mappings: Record<string, string> = {};
  for (const pair of listItems(cell)) {
    const at = pair.lastIndexOf('=');
    const header = pair.slice(0, Math.max(at, 0)).trim();
    const key = pair.slice(at + 1).trim();
    if (at < 0 || !header || !key) return { reason: `'${pair}' is not a mapping; write each as Header=field, separated by commas`, code: 'text_invalid' };
    mappings[header] = key;
  }
  return { value: mappings };
}

const text = (value: string) => value;
const optionalText = (value: string | undefined) => value ?? '';

function httpsLink(cell: SheetCell): FieldRead<string> {
  const value = cellText(cell);
  return value && !/^https:\/\/[^\s<>"]+$/i.test(value) ? { reason: `'${value}' is not a web link starting https://`, code: 'text_invalid' } : { value };
}

function emailAddress(cell: SheetCell): FieldRead<string> {
  const value = cellText(cell);
  return value && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? { reason: `'${value}' is not an email address`, code: 'text_invalid' } : { value };
}
const number = (value: number) => value;

/**
 * Every setting, in the order the sheet lists them. Keyed by setting so that a field added to
 * GarageSettings does not compile until it has a row here.
 */
const FIELDS: { [K in keyof GarageSettings]: Omit<SettingField<K>, 'key'> } = {
  garageName: { label: 'Garage name', about: 'On letters and in emails.', write: text, read: asText },
  garageAddress: { label: 'Garage address', about: 'On letters; one line, commas between parts.', write: text, read: asText },
  garagePhone: { label: 'Garage phone', about: 'For customers to call back.', write: text, read: asText },
  senderMailbox: {
    label: 'Sender mailbox',
    about: 'The mailbox emails are sent from; blank: the user who sends.',
    write: text,
    read: (cell) => {
      const value = cellText(cell);
      return value && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? { reason: `'${value}' is not an email address`, code: 'text_invalid' } : { value };
    },
  },
  smsSender: {
    label: 'SMS sender',
    about: 'Up to 11 letters, digits, spaces and _ & - (not a generic word such as INFO), or a UK mobile number so customers can reply.',
    write: text,
    read: (cell) => {
      const value = cellText(cell);
      if (value === '') return { value };
      // The rule texts are sent by (core/messages/sms-sender.ts): a sender refused here would be refused at sending.
      const checked = smsSender(value);
      return 'problem' in checked ? { reason: checked.problem.replace(/\.$/, ''), code: 'text_invalid' } : { value };
    },
  },
  driftingMonths: { label: 'Drifting after (months)', about: 'Months since the last visit at which a customer is drifting.', write: number, read: wholeNumber(1, 'months') },
  lapsingMonths: { label: 'Lapsing after (months)', about: 'Months since the last visit at which a customer is lapsing.', write: number, read: wholeNumber(1, 'months') },
  auditPeriodDays: { label: 'Audit period (days)', about: 'The weekly audit covers this many days, ending on the as-of date.', write: number, read: wholeNumber(1, 'days') },
  requiredAuditItems: {
    label: 'Required audit items',
    about: `Contact items every customer should have: ${Object.values(AUDIT_ITEM_LABELS).join(', ')}.`,
    write: (items) => items.map((i) => AUDIT_ITEM_LABELS[i]).join(', '),
    read: readItems,
  },
  channelOrder: {
    label: 'Channel order',
    about: 'Methods to try, in order, when the customer has no usable preference.',
    write: (methods) => methods.join(', '),
    read: (cell) => {
      const read = readChannelOrder(cellText(cell));
      return 'problem' in read ? { reason: read.problem.message, code: read.problem.code } : { value: read.value };
    },
  },
  blockDays: { label: 'Block days', about: 'Days after a contact during which the same rule does not contact the same customer and unit again.', write: number, read: wholeNumber(0, 'days') },
  bookingAmberDays: { label: 'Bookings amber after (days)', about: 'An unactioned booking request older than this turns amber.', write: number, read: wholeNumber(0, 'days') },
  bookingOverdueDays: { label: 'Bookings overdue after (days)', about: 'An unactioned booking request older than this is overdue (red).', write: number, read: wholeNumber(0, 'days') },
  exportsFolder: {
    label: 'Exports folder',
    about: 'The export files or folder the last build read; retention lapse rebuilds from them.',
    write: text,
    read: asText,
  },
  headerMappings: {
    label: 'Header mappings',
    about: 'Your exports’ own headers: Header=field, separated by commas (e.g. Acct Ref=code).',
    write: (mappings) => Object.entries(mappings).map(([header, key]) => `${header}=${key}`).join(', '),
    read: readMappings,
  },
  // What messages say and how customers opt out (core/messages).
  bookingLink: { label: 'Booking link', about: 'Where customers book online (https://…); put in reminders when given.', write: optionalText, read: httpsLink },
  signOffName: { label: 'Sign-off name', about: 'Who signs letters and emails, e.g. Sarah Jones, Service Manager; blank: the garage name alone.', write: optionalText, read: asText },
  unsubscribeLink: {
    label: 'Unsubscribe link',
    about: 'A page (https://…) that unsubscribes in one click; marketing emails give it with ?customer=CODE.',
    write: optionalText,
    read: httpsLink,
  },
  unsubscribeMailbox: {
    label: 'Unsubscribe mailbox',
    about: 'Where marketing emails’ unsubscribe requests go; blank: the sender mailbox.',
    write: optionalText,
    read: emailAddress,
  },
  smsOptOutNumber: {
    label: 'SMS opt-out number',
    about: 'The number customers text STOP to, on every marketing text (a named sender cannot take replies).',
    write: optionalText,
    read: asText,
  },
  replyToMailbox: { label: 'Reply-to mailbox', about: 'Where customers’ replies to emails go, e.g. the service desk; blank: the sender mailbox.', write: optionalText, read: emailAddress },
  // A limited company puts these on its letters (the footer); a sole trader leaves them blank.
  companyName: { label: 'Company name', about: 'A limited company’s registered name, for the letters’ footer; blank for a sole trader.', write: optionalText, read: asText },
  companyNumber: { label: 'Company number', about: 'Its Companies House number, for the letters’ footer.', write: optionalText, read: asText },
  registeredOffice: { label: 'Registered office', about: 'Its registered office address, one line, for the letters’ footer.', write: optionalText, read: asText },
};

export const SETTING_FIELDS: readonly SettingField[] = (Object.keys(FIELDS) as (keyof GarageSettings)[]).map(
  (key) => ({ key, ...FIELDS[key] }) as unknown as SettingField,
);
