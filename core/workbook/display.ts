/**
 * How numbers and plates read on a sheet. The records keep what the machines need — a phone as
 * E.164 (+447794194322), which the sender uses — and the garage reads them as it writes them:
 * 07794 194322, MA66 RMB.
 */
import { readPhone } from '../import/phone.ts';

/** A UK number in E.164 → its UK spelling; anything else (an email, an address, a number abroad) as it is. */
export function displayTo(to: string): string {
  if (!/^\+44\d{9,10}$/.test(to)) return to;
  const read = readPhone(to);
  return 'phone' in read ? read.phone.display : to;
}

// UK plate styles, as letters and digits only: the space goes where the DVLA puts it.
const PLATES: readonly [RegExp, string][] = [
  [/^([A-Z]{2}\d{2})([A-Z]{3})$/, '$1 $2'], // current, 2001 on: MA66 RMB
  [/^([A-Z]\d{1,3})([A-Z]{3})$/, '$1 $2'], // prefix, 1983–2001: A123 BCD
  [/^([A-Z]{3})(\d{1,3}[A-Z])$/, '$1 $2'], // suffix, 1963–1983: ABC 123D
  [/^([A-Z]{1,3})(\d{1,4})$/, '$1 $2'], // dateless: ABC 1234
  [/^(\d{1,4})([A-Z]{1,3})$/, '$1 $2'], // dateless, reversed: 1234 AB
];

/** A registration as a person writes it: MA66RMB → MA66 RMB. One already spaced, or of no UK style, as it is. */
export function displayRegistration(registration: string): string {
  if (registration.includes(' ')) return registration;
  for (const [pattern, spaced] of PLATES) if (pattern.test(registration)) return registration.replace(pattern, spaced);
  return registration;
}
