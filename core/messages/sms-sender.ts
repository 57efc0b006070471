/**
 * Who a text says it is from. UK networks accept a name of at most 11 characters (letters, digits,
 * space, and _ & -), but filter names that any sender could hide behind (INFO, ALERT, SMS…),
 * since fraudsters use them; or a number, the only kind a customer can reply to. A name is
 * one-way: a marketing text's opt-out line then names another route (core/messages/render.ts).
 */
import { readPhone } from '../import/phone.ts';

export type SmsSender = { sender: string; replies: false } | { sender: string; replies: true };

/**
 * Generic words UK networks block as sender names (the Mobile Ecosystem Forum's SMS SenderID
 * Protection Registry guidance), compared without case, spaces or punctuation.
 */
const GENERIC = new Set(['INFO', 'ALERT', 'ALERTS', 'SMS', 'TEXT', 'TXT', 'MESSAGE', 'MSG', 'NOTICE', 'NOTIFY', 'NOTIFICATION', 'VERIFY', 'UPDATE', 'UPDATES', 'SERVICE', 'REMINDER', 'SECURITY', 'ACCOUNT', 'BANK', 'PAYMENT', 'DELIVERY', 'ADMIN', 'SUPPORT', 'HELP', 'NOREPLY', 'GOV', 'GOVUK', 'HMRC', 'NHS', 'DVLA', 'POLICE']);

/**
 * The SMS sender from Settings, checked; or the reason it cannot be used, saying what to do.
 *
 * @example smsSender('Whitfield') → { sender: 'Whitfield', replies: false }
 * @example smsSender('07794 194322') → { sender: '+447794194322', replies: true }
 */
export function smsSender(text: string): SmsSender | { problem: string } {
  const value = text.trim();
  if (!value) return { problem: 'The SMS sender on the Settings sheet is blank: give the garage\'s name (up to 11 letters and digits) or a UK mobile number for replies.' };
  // Digits only (with the usual spacing and +): a number. Networks treat an all-digit name as a number too.
  if (/^\+?[\d\s()-]+$/.test(value)) {
    const read = readPhone(value);
    if ('problem' in read || read.phone.kind !== 'mobile') {
      return { problem: `The SMS sender '${value}' is not a UK mobile number, so customers could not reply to it: give a mobile number (07…) the provider has given the garage, or a name of up to 11 letters and digits.` };
    }
    return { sender: read.phone.e164, replies: true };
  }
  if (value.length > 11) return { problem: `The SMS sender '${value}' is ${value.length} characters: a name may have at most 11 (UK networks cut or refuse longer ones). Shorten it, e.g. '${value.replace(/\s+/g, '').slice(0, 11)}'.` };
  const bad = [...new Set(value.replace(/[A-Za-z0-9 _&-]/g, ''))];
  if (bad.length > 0) return { problem: `The SMS sender '${value}' has ${bad.map((c) => `'${c}'`).join(', ')}: a name may hold only letters, digits, spaces and _ & -.` };
  if (GENERIC.has(value.toUpperCase().replace(/[^A-Z0-9]/g, ''))) {
    return { problem: `The SMS sender '${value}' is a generic word UK networks block (anyone could send as it): use the garage's own name.` };
  }
  return { sender: value, replies: false };
}
