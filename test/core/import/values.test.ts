import assert from 'node:assert/strict';
import { readEmail, readNumber, readPostcode, readRegistration } from '../../../core/import/values.ts';

describe('reading postcodes', () => {
  it('puts a lower-case postcode without a space into the Royal Mail form', () => {
    assert.deepEqual(readPostcode('sk104ab'), { value: 'SK10 4AB' });
    assert.deepEqual(readPostcode(' m22 6yh '), { value: 'M22 6YH' });
    assert.deepEqual(readPostcode('EC1A1BB'), { value: 'EC1A 1BB' });
  });

  it('refuses what is not a UK postcode', () => {
    for (const text of ['12345', 'N/A', 'SK10 4A', 'QQ1 1AA']) assert.ok(readPostcode(text) && 'reason' in readPostcode(text)!, text);
  });
});

describe('reading email addresses', () => {
  it('trims stray spaces and lower-cases capitals', () => {
    assert.deepEqual(readEmail('  Linda.Hussain@Example.COM '), { value: 'linda.hussain@example.com' });
  });

  it('refuses an address with no domain, two @ or no @', () => {
    for (const text of ['trevor.fletcher@', 'henry.begum@@example.com', 'nobody', 'a b@example.com', 'jo@example']) {
      assert.ok('reason' in (readEmail(text) ?? { value: '' }), text);
    }
  });
});

describe('reading other values', () => {
  it('reads £175.10 and 32,586 as numbers', () => {
    assert.deepEqual(readNumber('£175.10'), { value: 175.1 });
    assert.deepEqual(readNumber('32,586'), { value: 32586 });
    assert.ok('reason' in (readNumber('lots') ?? { value: 0 }));
  });

  it('keys a registration without spaces and shows a current plate as AB12 CDE', () => {
    assert.deepEqual(readRegistration(' me75thh '), { key: 'ME75THH', display: 'ME75 THH' });
    assert.deepEqual(readRegistration('A123 BCD'), { key: 'A123BCD', display: 'A123 BCD' });
  });
});
