/**
 * Who may be contacted, and how.
 *
 * - Do not contact, deceased, gone away, or marked lapsed: nobody contacts them.
 * - A service message (a reminder the customer needs) may go by any channel they have not opted
 *   out of. A marketing message needs that channel's marketing consent for email and SMS; a
 *   letter may go unless they opted out of post.
 * - The method is the customer's preferred one when it is permitted and its address is usable,
 *   else the first channel in the rule's order that is permitted and usable. A rule's channel
 *   order also says which channels the rule uses at all: a channel missing from it is never used.
 * - Permitted channels but no usable address: still shown, with no method and the reason, so the
 *   garage can fix the record. No permitted channel at all: nothing to show.
 */
import type { Customer, Method } from '../records.ts';
import { METHODS } from '../records.ts';
import type { Purpose } from '../schedule/rule.ts';

export interface MethodChoice {
  /** null when no permitted channel has a usable address. */
  method: Method | null;
  /** Email address, E.164 mobile, or the postal address on one line; '' without a method. */
  to: string;
  /** Channels this customer permits for this purpose, in the rule's order; empty: not due at all. */
  allowed: Method[];
  /** The usable address for each allowed channel that has one, so the user may choose another method. */
  addresses: Partial<Record<Method, string>>;
  /** Plain words: why this method, or why none. */
  reason: string;
}

export function mayBeContacted(customer: Customer, lapsed: boolean): boolean {
  return notContactable(customer, lapsed) === null;
}

/** Why nobody may contact this customer ("is marked do not contact"), or null when they may be. */
export function notContactable(customer: Customer, lapsed: boolean): string | null {
  if (customer.doNotContact) return 'is marked do not contact';
  if (customer.deceased) return 'is recorded as deceased';
  if (customer.goneAway) return 'is recorded as gone away';
  if (lapsed) return 'is marked lapsed (the Lapsed sheet)';
  return null;
}

// Fixed texts, so asking costs the engine no more than a yes or no did.
const OPTED_OUT: Record<Method, string> = { Email: 'opted out of email', SMS: 'opted out of text messages', Letter: 'opted out of post' };
const NO_MARKETING_CONSENT: Record<Method, string> = {
  Email: 'gave no consent to marketing by email',
  SMS: 'gave no consent to marketing by text message',
  Letter: '',
};

/**
 * Why the customer does not permit this channel for this purpose ("opted out of email"), or null
 * when they do: the one place the opt-outs and consents are read.
 */
export function channelRefusal(customer: Customer, purpose: Purpose, method: Method): string | null {
  switch (method) {
    case 'Email':
      if (customer.noEmail) return OPTED_OUT.Email;
      return purpose === 'service' || customer.emailMarketing ? null : NO_MARKETING_CONSENT.Email;
    case 'SMS':
      if (customer.noSms) return OPTED_OUT.SMS;
      return purpose === 'service' || customer.smsMarketing ? null : NO_MARKETING_CONSENT.SMS;
    case 'Letter':
      return customer.noPost ? OPTED_OUT.Letter : null;
  }
}

function permits(customer: Customer, purpose: Purpose, method: Method): boolean {
  return channelRefusal(customer, purpose, method) === null;
}

/** The channels the customer allows for this purpose, in Email, SMS, Letter order. */
export function permittedChannels(customer: Customer, purpose: Purpose): Method[] {
  return METHODS.filter((m) => permits(customer, purpose, m));
}

/** "12 High Street, Macclesfield, SK10 4AB": the address lines given, the town and the postcode. */
export function postalAddress(customer: Customer): string {
  const lines: string[] = [];
  for (let i = 0; i < customer.address.length; i++) addGiven(lines, customer.address[i]!);
  addGiven(lines, customer.town);
  addGiven(lines, customer.postcode);
  return lines.join(', ');
}

function addGiven(lines: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed) lines.push(trimmed);
}

/** Where a message by this method would go, or '' when the customer's record has no usable address for it. */
export function addressFor(customer: Customer, method: Method): string {
  switch (method) {
    case 'Email':
      return customer.email.trim();
    case 'SMS':
      return customer.mobile?.kind === 'mobile' ? customer.mobile.e164 : '';
    case 'Letter':
      return customer.address[0].trim() && customer.postcode.trim() ? postalAddress(customer) : '';
  }
}

const MISSING_WORDS: Record<Method, string> = { SMS: 'mobile', Email: 'email', Letter: 'postal' };

/** "no valid mobile, email or postal address" — naming only the channels that were permitted. */
export function unreachableReason(allowed: readonly Method[]): string {
  const words = (['SMS', 'Email', 'Letter'] as const).filter((m) => allowed.includes(m)).map((m) => MISSING_WORDS[m]);
  if (words.length === 1 && words[0] === 'mobile') return 'no valid mobile number';
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return `no valid ${list} address`;
}

/** "prefers SMS but has no valid mobile number", for each method: worked out once, not per message. */
const PREFERRED_UNREACHABLE = Object.fromEntries(METHODS.map((m) => [m, `prefers ${m} but has ${unreachableReason([m])}`])) as Record<Method, string>;

function noChannelReason(purpose: Purpose): string {
  return purpose === 'marketing' ? 'no channel this customer allows for marketing' : 'opted out of every channel this message could use';
}

/**
 * The method for one message, e.g. chooseMethod(jane, 'marketing', ['Email', 'SMS', 'Letter'])
 * → { method: 'Letter', to: '12 High Street, Macclesfield, SK10 4AB', allowed: ['Letter'], … }
 * when Jane gave no marketing consent.
 */
export function chooseMethod(customer: Customer, purpose: Purpose, channelOrder: readonly Method[]): MethodChoice {
  // Counted loops: this runs for every due action, mostly before the optimiser steps in.
  const permitted: Method[] = [];
  for (let i = 0; i < channelOrder.length; i++) {
    const m = channelOrder[i]!;
    if (!permitted.includes(m) && permits(customer, purpose, m)) permitted.push(m);
  }
  // A copy of just this length: an array grown by push keeps room for 16, and this one is kept
  // with every due action.
  const allowed = permitted.slice();
  const addresses: Partial<Record<Method, string>> = {};
  if (allowed.length === 0) return { method: null, to: '', allowed, addresses, reason: noChannelReason(purpose) };
  // Every allowed channel's address (three at most), so a method the user picks has its own To.
  let first: Method | null = null;
  for (let i = 0; i < allowed.length; i++) {
    const m = allowed[i]!;
    const to = addressFor(customer, m);
    if (!to) continue;
    addresses[m] = to;
    first ??= m;
  }

  const preferred = customer.preferredMethod;
  const preferredAllowed = !!preferred && allowed.includes(preferred);
  if (preferredAllowed && addresses[preferred]) return { method: preferred, to: addresses[preferred], allowed, addresses, reason: 'preferred method' };
  const fallback = !preferred
    ? 'first usable channel'
    : preferredAllowed
      ? PREFERRED_UNREACHABLE[preferred]
      : `prefers ${preferred}, which this message may not use`;
  if (first) return { method: first, to: addresses[first]!, allowed, addresses, reason: fallback };
  return { method: null, to: '', allowed, addresses, reason: unreachableReason(allowed) };
}
