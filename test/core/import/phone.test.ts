import assert from 'node:assert/strict';
import { readPhone, readPhoneSlowly } from '../../../core/import/phone.ts';

function phoneOf(text: string) {
  const read = readPhone(text);
  return 'phone' in read ? read.phone : read.problem;
}

describe('reading UK phone numbers', () => {
  const spellings = ['0161 496 0123', '01614960123', '+44 161 496 0123', '+441614960123', '(0161) 496 0123', '0161-496-0123', '44 161 496 0123', '0044 161 496 0123', '+44 (0)161 496 0123'];
  for (const spelling of spellings) {
    it(`reads "${spelling}" as +441614960123, a landline shown as 0161 496 0123`, () => {
      assert.deepEqual(phoneOf(spelling), { e164: '+441614960123', display: '0161 496 0123', kind: 'landline' });
    });
  }

  it('tells a mobile from a landline', () => {
    assert.deepEqual(phoneOf('07790 527524'), { e164: '+447790527524', display: '07790 527524', kind: 'mobile' });
  });

  it('refuses the 07700 900xxx drama range, which is not a real mobile range', () => {
    assert.equal(phoneOf('07700 900123'), 'phone_invalid');
  });

  it('says so when an email address was typed into a phone column', () => {
    assert.equal(phoneOf('martin.scott@example.net'), 'phone_is_email');
  });

  it('keeps a number from abroad, written with +, as not a UK number', () => {
    const phone = phoneOf('+33 6 12 34 56 78');
    assert.ok(typeof phone === 'object' && phone.kind === 'other' && phone.e164 === '+33612345678');
  });

  it('reads Guernsey, Jersey and Isle of Man mobiles as mobiles', () => {
    assert.equal((phoneOf('07781 123456') as { kind: string }).kind, 'mobile');
  });

  it('agrees with libphonenumber-js itself on 20,000 numbers across the UK plan and the Crown dependencies', () => {
    let seed = 20261116;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      let national = ['1', '2', '3', '5', '7', '8', '9'][random() % 7]!;
      const length = 9 + (random() % 2);
      while (national.length < length) national += String(random() % 10);
      const text = `0${national}`;
      const fast = readPhone(text);
      const slow = readPhoneSlowly(text);
      const same = slow === null ? 'problem' in fast : 'phone' in fast && JSON.stringify(fast.phone) === JSON.stringify(slow);
      if (!same) disagreements.push(text);
    }
    for (const text of ['07781 123456', '07797 712345', '07624 123456', '01481 712345', '01534 712345', '01624 612345', '07700 900123']) {
      const fast = readPhone(text);
      const slow = readPhoneSlowly(text);
      if (slow === null ? !('problem' in fast) : !('phone' in fast) || JSON.stringify(fast.phone) !== JSON.stringify(slow)) disagreements.push(text);
    }
    assert.deepEqual(disagreements.slice(0, 5), []);
  });
});
