/**
 * Text messages: what a template's words become before they are counted and sent.
 *
 * Names, notes and template text pasted from Excel or Word bring curly quotes, dashes, ellipses
 * and non-breaking spaces. Any one of them is outside the GSM-7 alphabet and turns the whole text
 * into UCS-2, where a segment holds 70 characters instead of 160 — so a 150-character reminder
 * would be billed as three texts. They are replaced with their plain forms first.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsCount {
  encoding: SmsEncoding;
  /** Texts the network bills: 1 for up to 160 GSM-7 septets (70 UCS-2 units), more when split. */
  segments: number;
  /** GSM-7 septets (an extension-table character counts 2) or UTF-16 code units. */
  units: number;
}

/** Look-alikes from word processors and spreadsheets, and the plain characters that say the same. */
const PLAIN_FORMS: readonly [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
  // Invisible: zero-width spaces and joiners, a byte-order mark, a soft hyphen.
  [/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, ''],
  [/\r\n?/g, '\n'],
];

/** The text with typographic look-alikes made plain, so it stays in GSM-7 where it can. */
export function normaliseSmsText(text: string): string {
  let out = text;
  for (const [pattern, plain] of PLAIN_FORMS) out = out.replace(pattern, plain);
  return out;
}

// GSM 03.38: the basic table (one septet each, the escape itself left out) and the extension
// table, whose characters are sent as escape + character (two septets).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

/**
 * Segments for pieces of `sizes` units: one if all fit in `single`, else parts of `part` units,
 * never splitting a piece (an escape and its character, or a surrogate pair, go in one part).
 */
function segmentsOf(sizes: readonly number[], single: number, part: number): { units: number; segments: number } {
  const units = sizes.reduce((sum, size) => sum + size, 0);
  if (units <= single) return { units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { units, segments };
}

/**
 * How a text goes: GSM-7 when every character is in its tables, else UCS-2, and how many segments.
 *
 * @example
 * countSms('Your MOT is due') // { encoding: 'GSM-7', segments: 1, units: 15 }
 */
export function countSms(text: string): SmsCount {
  const characters = [...text];
  if (characters.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c))) {
    const sizes = characters.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1));
    return { encoding: 'GSM-7', ...segmentsOf(sizes, GSM_SINGLE, GSM_PART) };
  }
  // UCS-2 as phones send it is UTF-16: an emoji takes two units.
  const sizes = characters.map((c) => c.length);
  return { encoding: 'UCS-2', ...segmentsOf(sizes, UCS2_SINGLE, UCS2_PART) };
}
