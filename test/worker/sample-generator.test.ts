import assert from 'node:assert/strict';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { generateGarage, phoneDigits } from '../../samples/generator.ts';

describe('the sample generator', () => {
  it('makes only phone numbers libphonenumber-js accepts, so a new garage without quirks shows no phone problems', () => {
    const garage = generateGarage({ seed: 20261116, customers: 3000, asOf: '2026-11-16' });
    const columns = ['Home Tel', 'Work Tel', 'Mobile No'].map((h) => garage.customers.headers.indexOf(h));
    const invalid: string[] = [];
    for (const row of garage.customers.rows) {
      for (const c of columns) {
        const text = row[c] ?? '';
        if (text === '') continue;
        if (!isValidPhoneNumber(phoneDigits(text), 'GB')) invalid.push(`${row[0]}: ${text}`);
      }
    }
    assert.deepEqual(invalid.slice(0, 5), [], `${invalid.length} invalid`);
  });
});
