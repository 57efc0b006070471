/**
 * The one reader of contact method words: a customer's preferred method in an export, a Due
 * Actions Method, a Contact Log Method, a channel order (Schedule or Settings). One vocabulary:
 * Email, SMS (or Text) and Letter (or Post).
 *
 * "Mail" is refused everywhere: a garage may mean email or Royal Mail by it, and guessing would
 * send a letter to someone who asked for email (or the other way round).
 */
import { METHODS, type Method } from '../records.ts';
import type { Read } from './read.ts';

type Word = Method | 'no method' | 'ambiguous';

const WORDS: Record<string, Word> = {
  email: 'Email', 'e-mail': 'Email',
  sms: 'SMS', text: 'SMS', 'text message': 'SMS', mobile: 'SMS',
  letter: 'Letter', post: 'Letter', postal: 'Letter',
  // Ways of reaching a customer that are not ours to send by.
  phone: 'no method', telephone: 'no method', call: 'no method', none: 'no method',
  mail: 'ambiguous',
};

const CHOICES = `${METHODS.slice(0, -1).join(', ')} or ${METHODS.at(-1)}`;

function word(text: string): { word: Word | undefined; written: string } {
  const written = text.trim();
  return { word: WORDS[written.toLowerCase()], written };
}

function refusal(found: Word | undefined, written: string): { reason: string } {
  if (found === 'ambiguous') return { reason: `"${written}" could mean email or post; write ${CHOICES}` };
  if (found === 'no method') return { reason: `"${written}" is not a way to send; use ${CHOICES}` };
  return { reason: `"${written}" is not ${CHOICES}` };
}

/**
 * A method to send by; null for a blank cell.
 *
 * @example readMethod('text') // { value: 'SMS' }
 */
export function readMethod(text: string): Read<Method> | null {
  const { word: found, written } = word(text);
  if (written === '') return null;
  if (found === undefined || found === 'ambiguous' || found === 'no method') return refusal(found, written);
  return { value: found };
}

/**
 * A customer's preferred method: as readMethod, except that Phone (or None) is a real answer —
 * no preference we can send by — and reads as null, so the rule's channel order applies.
 */
export function readPreferredMethod(text: string): Read<Method | null> | null {
  const { word: found, written } = word(text);
  if (written === '') return null;
  if (found === 'no method') return { value: null };
  return readMethod(written);
}
