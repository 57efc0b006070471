/**
 * One cell → one normalised value, or the reason it cannot be used. Pure and small, so each
 * rule of SPEC.md's *Import rules* can be tested on its own. Dates, yes/no and method words have
 * their readers in core/values/, shared with the kept sheets.
 */
import type { Read } from '../values/read.ts';
import { cellText, type RawCell } from './raw-table.ts';

const POSTCODE = /^(GIR0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]?[0-9][ABD-HJLNP-UW-Z]{2})$/;

/** sk104ab → SK10 4AB; anything that is not a UK postcode's shape is refused. */
export function readPostcode(text: string): Read<string> | null {
  const compact = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact === '') return text.trim() === '' ? null : { reason: `"${text.trim()}" is not a UK postcode` };
  if (!POSTCODE.test(compact)) return { reason: `"${text.trim()}" is not a UK postcode` };
  return { value: `${compact.slice(0, -3)} ${compact.slice(-3)}` };
}

const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Trimmed and lower-cased (DMS users type capitals; mail servers ignore them); the shape checked. */
export function readEmail(text: string): Read<string> | null {
  const email = text.trim().toLowerCase();
  if (email === '') return null;
  const local = email.split('@')[0] ?? '';
  if (!EMAIL.test(email) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { reason: `"${text.trim()}" is not an email address` };
  }
  return { value: email };
}

/** £1,234.50, 32,586 miles, 1234 → numbers. */
export function readNumber(cell: RawCell): Read<number> | null {
  if (typeof cell === 'number') return { value: cell };
  if (typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell)) return { value: Number(cell) };
  const text = cellText(cell);
  if (text === '') return null;
  const cleaned = text.replace(/^£\s*/, '').replace(/,/g, '').replace(/\s*(miles|mi|gbp)$/i, '');
  const value = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(value)) return { reason: `"${text}" is not a number` };
  return { value };
}

/** The key a registration is matched on: upper case, letters and digits only. */
export function registrationKey(text: string): string {
  return /^[A-Z0-9]*$/.test(text) ? text : text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The key (AB12CDE) and how a person writes it (AB12 CDE) for a registration. */
export function readRegistration(text: string): { key: string; display: string } {
  const key = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  // Current-style plates split 4 + 3; older styles are shown as the export wrote them.
  const display = /^[A-Z]{2}\d{2}[A-Z]{3}$/.test(key) ? `${key.slice(0, 4)} ${key.slice(4)}` : text.trim().toUpperCase().replace(/\s+/g, ' ');
  return { key, display };
}
