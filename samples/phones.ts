/**
 * UK phone numbers as people type them. The digits are fictional (see generator.ts); only the
 * spelling varies.
 */

/** National digits 0161 496 0123 → groups by the UK numbering plan. */
function phoneGroups(national: string): string[] {
  if (national.startsWith('07')) return [national.slice(0, 5), national.slice(5)];
  if (national.startsWith('02')) return [national.slice(0, 3), national.slice(3, 7), national.slice(7)];
  return [national.slice(0, 4), national.slice(4, 7), national.slice(7)];
}

/** How many spellings `spellPhone` knows; the first three are the common ones. */
export const PHONE_STYLES = 9;

/**
 * One UK number in one of the spellings people use: 0 `0161 496 0123`, 1 `01614960123`,
 * 2 `+44 161 496 0123`, 3 `+441614960123`, 4 `(0161) 496 0123`, 5 `0161-496-0123`,
 * 6 `44 161 496 0123`, 7 `0044 161 496 0123`, 8 `+44 (0)161 496 0123`.
 */
export function spellPhone(national: string, style: number): string {
  const groups = phoneGroups(national);
  const [first = '', ...rest] = groups;
  const intl = [first.slice(1), ...rest].join(' ');
  switch (style) {
    case 1: return national;
    case 2: return `+44 ${intl}`;
    case 3: return `+44${national.slice(1)}`;
    case 4: return `(${first}) ${rest.join(' ')}`;
    case 5: return groups.join('-');
    case 6: return `44 ${intl}`;
    case 7: return `0044 ${intl}`;
    case 8: return `+44 (0)${intl}`;
    default: return groups.join(' ');
  }
}

/** The national digits (leading 0) of any spelling above; '' when it is not a phone number at all. */
export function phoneDigits(text: string): string {
  if (/[a-z@]/i.test(text)) return '';
  let digits = text.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('44')) digits = `0${digits.slice(2)}`;
  return digits.length === 11 && digits.startsWith('0') ? digits : '';
}
