import assert from 'node:assert/strict';
import { readMethod, readPreferredMethod } from '../../../core/values/methods.ts';

type Outcome = string | null | 'blank' | RegExp;

function outcome(read: ReturnType<typeof readPreferredMethod>): string | null {
  if (read === null) return 'blank';
  return 'value' in read ? read.value : `refused: ${read.reason}`;
}

const CASES: { description: string; input: string; method: Outcome; preferred: Outcome }[] = [
  { description: 'Email is Email', input: 'Email', method: 'Email', preferred: 'Email' },
  { description: 'e-mail is Email', input: 'e-mail', method: 'Email', preferred: 'Email' },
  { description: 'SMS is SMS', input: 'sms', method: 'SMS', preferred: 'SMS' },
  { description: 'Text is SMS', input: 'Text', method: 'SMS', preferred: 'SMS' },
  { description: 'Text message is SMS', input: 'text message', method: 'SMS', preferred: 'SMS' },
  { description: 'Mobile is SMS', input: 'Mobile', method: 'SMS', preferred: 'SMS' },
  { description: 'Letter is Letter', input: 'LETTER', method: 'Letter', preferred: 'Letter' },
  { description: 'Post is Letter', input: 'post', method: 'Letter', preferred: 'Letter' },
  { description: 'Postal is Letter', input: 'Postal', method: 'Letter', preferred: 'Letter' },
  { description: 'Mail is refused everywhere: it could mean email or post', input: 'Mail', method: /could mean email or post/, preferred: /could mean email or post/ },
  { description: 'Phone is no way to send, but a real preference (none we can send by)', input: 'Phone', method: /not a way to send/, preferred: null },
  { description: 'None is no way to send, but a real preference', input: 'none', method: /not a way to send/, preferred: null },
  { description: 'Pigeon is refused, naming the choices', input: 'Pigeon', method: /"Pigeon" is not Email, SMS or Letter/, preferred: /not Email, SMS or Letter/ },
  { description: 'a blank cell is blank', input: '  ', method: 'blank', preferred: 'blank' },
];

function check(got: string | null, expected: Outcome): void {
  if (expected instanceof RegExp) assert.match(String(got), expected);
  else assert.equal(got, expected);
}

describe('the one method reader', () => {
  for (const c of CASES) {
    it(`reads a method to send by: ${c.description}`, () => check(outcome(readMethod(c.input)), c.method));
    it(`reads a preferred method: ${c.description}`, () => check(outcome(readPreferredMethod(c.input)), c.preferred));
  }
});
