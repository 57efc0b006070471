/**
 * The one reader of yes/no cells: export flags (opt-outs, consents, do not contact), the Schedule's
 * Enabled, Mark Lapsed on Lapsing, and the yes of Approve on Due Actions. One vocabulary, so a
 * word the garage uses in one place means the same everywhere.
 */
import { cellText, type RawCell } from '../import/raw-table.ts';
import type { Read } from './read.ts';

/** Exported so messages and dropdowns can name them; lower case. */
export const YES_WORDS: readonly string[] = ['yes', 'y', 'true', 't', '1', 'x', 'on', 'enabled', '✓', '✔'];
export const NO_WORDS: readonly string[] = ['no', 'n', 'false', 'f', '0', 'off', 'disabled', '-'];

const YES = new Set(YES_WORDS);
const NO = new Set(NO_WORDS);

// Frozen and shared: a big export reads millions of flags, and none of them needs its own object.
const READ_YES: Read<boolean> = Object.freeze({ value: true });
const READ_NO: Read<boolean> = Object.freeze({ value: false });

/**
 * Yes, no, or null for a blank cell (the caller knows what blank means: "no consent", "not
 * chosen"); anything else is refused with the reason.
 *
 * @example readYesNo('Y') // { value: true }
 */
export function readYesNo(cell: RawCell): Read<boolean> | null {
  if (typeof cell === 'boolean') return cell ? READ_YES : READ_NO;
  // Y, N, X, 1, 0 and blank are most of a big export's flags: no string made for them.
  if (typeof cell === 'string' && cell.length <= 1) {
    if (cell === '') return null;
    const letter = cell.charCodeAt(0) | 32;
    if (letter === 121 || letter === 120 || letter === 116 || cell === '1') return READ_YES; // y x t 1
    if (letter === 110 || letter === 102 || cell === '0' || cell === '-') return READ_NO; // n f 0 -
  }
  const text = cellText(cell).toLowerCase();
  if (text === '') return null;
  if (YES.has(text)) return READ_YES;
  if (NO.has(text)) return READ_NO;
  return { reason: `"${cellText(cell)}" is not yes or no` };
}
