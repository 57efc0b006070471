import assert from 'node:assert/strict';
import type { ContactItem } from '../../../core/records.ts';
import { formulaSeesGap, itemHighlightFormula } from '../../../core/workbook/contact-item-checks.ts';
import { columnLetter } from '../../../core/workbook/columns.ts';

describe('what the highlight formulas see', () => {
  const cases: { description: string; item: ContactItem; value: string | null; required: boolean; sees: boolean }[] = [
    { description: 'sees a blank required email', item: 'email', value: '', required: true, sees: true },
    { description: 'sees an email with no @', item: 'email', value: 'jane.example.com', required: false, sees: true },
    { description: 'passes a good email', item: 'email', value: 'jane@example.com', required: true, sees: false },
    { description: 'sees a landline in the mobile column', item: 'mobile', value: '0161 496 0123', required: true, sees: true },
    { description: 'passes a mobile written 07…', item: 'mobile', value: '07700 900123', required: true, sees: false },
    { description: 'passes a mobile written +447…', item: 'mobile', value: '+44 7700 900123', required: true, sees: false },
    { description: 'sees a postcode with no space', item: 'postcode', value: 'SK104AB', required: true, sees: true },
    { description: 'passes a short postcode', item: 'postcode', value: 'M1 1AE', required: true, sees: false },
    { description: 'does not see a blank optional work phone', item: 'workPhone', value: '', required: false, sees: false },
    { description: 'cannot judge a present home phone', item: 'homePhone', value: '0161', required: true, sees: false },
    { description: 'sees a missing date of birth when required', item: 'dateOfBirth', value: null, required: true, sees: true },
  ];
  for (const c of cases) {
    it(c.description, () => assert.equal(formulaSeesGap(c.item, c.value, c.required), c.sees));
  }

  it('has no formula for an optional item without a validity test', () => {
    assert.equal(itemHighlightFormula('town', '$K2', false), null);
    assert.equal(itemHighlightFormula('town', '$K2', true), 'LEN(TRIM($K2))=0');
  });
});

describe('column letters', () => {
  it('counts A to Z, then AA', () => {
    assert.deepEqual([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter), ['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
