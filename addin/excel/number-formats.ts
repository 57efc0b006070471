/**
 * Excel gives a date cell's value as its serial number (46342 for 16/11/2026); only the cell's
 * number format says it is a date. ExcelApi 1.12 could say so itself (numberFormatCategories), but
 * the add-in needs only 1.9, so the format code is read here as Excel reads it.
 */

/** True for a number format that shows a date: it has a day, month or year code outside quotes, escapes and brackets. */
export function isDateFormat(format: string): boolean {
  if (format === '' || format === 'General' || format === '@') return false;
  // The first section is the one positive numbers (dates) are shown with.
  const first = format.split(';')[0] ?? '';
  const codes = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  // m alone is minutes after h or before s; with d or y about, or as mmm, it is a month.
  return /[dy]/.test(codes) || /mmm/.test(codes) || (/m/.test(codes) && !/[hs]/.test(codes));
}
