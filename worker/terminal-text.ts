/**
 * Text from an export, made safe to print on a terminal: a control character in a cell (an escape
 * sequence, a carriage return, a bell) would otherwise move the cursor, recolour or clear the
 * screen, or hide the rest of the line. Each is shown as a visible escape instead, and a line is
 * cut to a length a screen can show (a 200 MB header once made 419 MB of stderr).
 */

/** The longest line printed for one problem. */
export const MOST_TERMINAL_LINE = 1_000;

// C0 controls, DEL, C1 controls, and the Unicode marks that reorder or hide text on screen.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** One line for the terminal: control characters escaped, cut to `most` characters. */
export function terminalLine(text: string, most = MOST_TERMINAL_LINE): string {
  const cut = text.length > most ? `${text.slice(0, most)}… (${(text.length - most).toLocaleString('en-GB')} more characters)` : text;
  return cut.replace(UNPRINTABLE, visible);
}
