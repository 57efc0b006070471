/**
 * The plan writes a page header or footer as one string in Excel's codes ("&Lleft&Ccentre&Rright"),
 * as an .xlsx file holds it; Office.js takes the three parts separately. The other codes (&A, &P,
 * &N, &"-,Bold") and a doubled && (a literal &) stay as they are: Office.js takes them too.
 */

export interface PageSections {
  left: string;
  center: string;
  right: string;
}

const SECTION: Record<string, keyof PageSections> = { L: 'left', C: 'center', R: 'right' };

/** "&L&A&CNotes&RAs of 16/11/2026" → { left: '&A', center: 'Notes', right: 'As of 16/11/2026' }. */
export function pageSections(codes: string): PageSections {
  const sections: PageSections = { left: '', center: '', right: '' };
  // Text before any section code is centred, as Excel reads it.
  let current: keyof PageSections = 'center';
  for (let i = 0; i < codes.length; i++) {
    const char = codes[i]!;
    const next = codes[i + 1];
    if (char === '&' && next === '&') {
      sections[current] += '&&';
      i++;
    } else if (char === '&' && next !== undefined && SECTION[next]) {
      current = SECTION[next]!;
      i++;
    } else {
      sections[current] += char;
    }
  }
  return sections;
}
