import assert from 'node:assert/strict';
import { countSms, normaliseSmsText } from '../../../core/messages/sms.ts';

describe('SMS text', () => {
  const NORMALISED: { description: string; input: string; expected: string }[] = [
    { description: 'turns curly single quotes from Word into a plain apostrophe', input: 'We\u2019ll see you \u2018soon\u2019', expected: "We'll see you 'soon'" },
    { description: 'turns curly double quotes into plain ones', input: '\u201CMOT\u201D', expected: '"MOT"' },
    { description: 'turns en and em dashes into hyphens', input: '9am\u20135pm \u2014 Mon', expected: '9am-5pm - Mon' },
    { description: 'turns an ellipsis into three dots', input: 'See you soon\u2026', expected: 'See you soon...' },
    { description: "turns Excel's non-breaking and narrow spaces into plain spaces", input: 'AB12\u00A0CDE\u202Fon', expected: 'AB12 CDE on' },
    { description: 'drops zero-width spaces and a byte-order mark', input: '\uFEFFHi\u200B there', expected: 'Hi there' },
    { description: 'leaves plain text as it is', input: "Your MOT's due 14/12/2026 - call 01625 496000", expected: "Your MOT's due 14/12/2026 - call 01625 496000" },
  ];
  for (const { description, input, expected } of NORMALISED) {
    it(description, () => assert.equal(normaliseSmsText(input), expected));
  }

  const COUNTED: { description: string; text: string; encoding: 'GSM-7' | 'UCS-2'; segments: number; units: number }[] = [
    { description: 'sends 160 GSM-7 characters as one text', text: 'a'.repeat(160), encoding: 'GSM-7', segments: 1, units: 160 },
    { description: 'splits 161 GSM-7 characters into two texts of up to 153', text: 'a'.repeat(161), encoding: 'GSM-7', segments: 2, units: 161 },
    { description: 'sends 306 GSM-7 characters as two texts and 307 as three', text: 'a'.repeat(307), encoding: 'GSM-7', segments: 3, units: 307 },
    { description: 'counts a euro sign (extension table) as two, so 159 letters and € need two texts', text: `${'a'.repeat(159)}€`, encoding: 'GSM-7', segments: 2, units: 161 },
    { description: 'keeps £ in the basic GSM-7 table at one', text: `${'a'.repeat(159)}£`, encoding: 'GSM-7', segments: 1, units: 160 },
    { description: 'counts each of ^{}\\[~]| as two', text: '^{}\\[~]|', encoding: 'GSM-7', segments: 1, units: 16 },
    // 306 septets would fit two parts of 153, but the € cannot be split over the first part's end.
    { description: 'does not split an extension character across two texts', text: `${'a'.repeat(152)}€${'a'.repeat(152)}`, encoding: 'GSM-7', segments: 3, units: 306 },
    { description: 'sends a curly quote as UCS-2 when it is not normalised', text: 'We\u2019ll', encoding: 'UCS-2', segments: 1, units: 5 },
    { description: 'sends an emoji as UCS-2, counting its two UTF-16 units', text: 'Happy birthday \u{1F382}', encoding: 'UCS-2', segments: 1, units: 17 },
    { description: 'sends 70 UCS-2 units as one text and 71 as two of up to 67', text: `${'a'.repeat(70)}\u{1F382}`, encoding: 'UCS-2', segments: 2, units: 72 },
  ];
  for (const { description, text, encoding, segments, units } of COUNTED) {
    it(description, () => assert.deepEqual(countSms(text), { encoding, segments, units }));
  }

  it('counts a curly-quoted reminder as one GSM-7 text once normalised', () => {
    const text = normaliseSmsText(`Hi Jane, your Ford Fiesta\u2019s MOT is due 14 December 2026 \u2013 call us on 01625 496000.`);
    assert.deepEqual(countSms(text), { encoding: 'GSM-7', segments: 1, units: text.length });
  });
});
