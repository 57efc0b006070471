/**
 * Characters a workbook cannot hold. An .xlsx is XML 1.0, which forbids the C0 control characters
 * other than tab, line feed and carriage return, U+FFFE and U+FFFF, and halves of a surrogate pair
 * standing alone. One such character in one cell makes a workbook that Excel repairs by dropping
 * data, and that no later build can read back; so every cell from an export or a kept sheet is
 * tested once, and what cannot be written is removed (and reported by the caller).
 */

// Under the u flag a proper pair is one code point, so only a lone half falls in \uD800-\uDFFF.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;
// eslint-disable-next-line no-control-regex -- as above, every one of them
const EVERY_UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** True when the text holds a character a workbook cannot; one regex test, nothing allocated. */
export function hasUnwritable(text: string): boolean {
  return UNWRITABLE.test(text);
}

/** The text with every such character removed, and those characters named for a message: "U+0000, U+FFFE". */
export function withoutUnwritable(text: string): { text: string; removed: string } {
  const found = text.match(EVERY_UNWRITABLE) ?? [];
  const names = [...new Set(found.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
  return { text: text.replace(EVERY_UNWRITABLE, ''), removed: `${found.length} character${found.length === 1 ? '' : 's'} (${names.join(', ')})` };
}

/** "Surname held 1 character (U+0000) that a workbook cannot hold; it was removed and the rest kept." */
export function unwritableMessage(what: string, removed: string): string {
  return `${what} held ${removed} that a workbook cannot hold (a control code, or a broken character from the system that wrote it); removed, and the rest of the value kept.`;
}
