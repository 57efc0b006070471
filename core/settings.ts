/**
 * The garage's settings: one typed object with defaults, merged at the entry point and passed down.
 * The Settings sheet (a later issue) overrides these.
 */
import type { ContactItem, Method } from './records.ts';

export interface GarageSettings {
  garageName: string;
  garageAddress: string;
  garagePhone: string;
  senderMailbox: string;
  smsSender: string;
  /** Months since last visit at which a customer is drifting, and lapsing. */
  driftingMonths: number;
  lapsingMonths: number;
  /** The weekly audit covers this many days ending on the as-of date. */
  auditPeriodDays: number;
  requiredAuditItems: ContactItem[];
  /** Channel order when the customer has no usable preference. */
  channelOrder: Method[];
  /** Days after a contact is sent during which the same rule does not fire again for the same customer and unit. */
  blockDays: number;
  /** Bookings unactioned for more than this many days turn amber; more than overdueDays, red. */
  bookingAmberDays: number;
  bookingOverdueDays: number;
  /** The export files or folder the last build read: `retention lapse` rebuilds from them. */
  exportsFolder: string;
  /** Extra header aliases: the user's own export's header → our field key, per record kind. */
  headerMappings: Record<string, string>;
  /** Where customers book online (https), put in messages when set. Optional: older callers need not know it. */
  bookingLink?: string;
  /** Who signs letters and emails ("Sarah Jones, Service Manager"); blank: the garage's name alone. */
  signOffName?: string;
  /** Marketing emails' List-Unsubscribe link (https, one click); blank: mailto only. */
  unsubscribeLink?: string;
  /** Marketing emails' List-Unsubscribe mailbox; blank: the sender mailbox. */
  unsubscribeMailbox?: string;
  /** The number customers text STOP to: a named SMS sender cannot take replies. Blank: the unsubscribe link. */
  smsOptOutNumber?: string;
  /** Where customers' replies to emails go (Reply-To); blank: the sender mailbox. */
  replyToMailbox?: string;
  /** A limited company's registered name, number and office: the law wants them on its letters (footer). */
  companyName?: string;
  companyNumber?: string;
  registeredOffice?: string;
}

export const DEFAULT_SETTINGS: GarageSettings = {
  garageName: 'Your Garage',
  garageAddress: '',
  garagePhone: '',
  senderMailbox: '',
  smsSender: '',
  driftingMonths: 15,
  lapsingMonths: 16,
  auditPeriodDays: 7,
  requiredAuditItems: ['mobile', 'homePhone', 'email', 'address1', 'postcode'],
  channelOrder: ['Email', 'SMS', 'Letter'],
  blockDays: 120,
  bookingAmberDays: 1,
  bookingOverdueDays: 2,
  exportsFolder: '',
  headerMappings: {},
  bookingLink: '',
  signOffName: '',
  unsubscribeLink: '',
  unsubscribeMailbox: '',
  smsOptOutNumber: '',
  replyToMailbox: '',
  companyName: '',
  companyNumber: '',
  registeredOffice: '',
};
