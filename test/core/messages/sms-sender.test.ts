import assert from 'node:assert/strict';
import { smsSender } from '../../../core/messages/sms-sender.ts';

describe('the SMS sender a text goes out as', () => {
  const ACCEPTED: { description: string; input: string; expected: ReturnType<typeof smsSender> }[] = [
    { description: 'takes the garage\'s name as a one-way sender', input: 'Whitfield', expected: { sender: 'Whitfield', replies: false } },
    { description: 'takes 11 characters with a space, & and -', input: 'W&S Motor-s', expected: { sender: 'W&S Motor-s', replies: false } },
    { description: 'takes an underscore and digits with letters', input: 'Whit_2', expected: { sender: 'Whit_2', replies: false } },
    { description: 'trims spaces typed around the name', input: '  Whitfield ', expected: { sender: 'Whitfield', replies: false } },
    { description: 'takes a UK mobile number, as E.164, for replies', input: '07794 194322', expected: { sender: '+447794194322', replies: true } },
    { description: 'takes a mobile written with +44', input: '+44 7794 194322', expected: { sender: '+447794194322', replies: true } },
  ];
  for (const { description, input, expected } of ACCEPTED) it(description, () => assert.deepEqual(smsSender(input), expected));

  const REFUSED: { description: string; input: string; says: RegExp }[] = [
    { description: 'refuses a blank sender', input: ' ', says: /blank/ },
    { description: 'refuses a name of 12 characters, suggesting a shorter one', input: 'WhitfieldMot', says: /12 characters.*at most 11.*'WhitfieldMo'/ },
    { description: 'refuses characters networks do not carry, naming them', input: 'Whit.field!', says: /'\.', '!'/ },
    { description: 'refuses the generic INFO, whatever its case', input: 'info', says: /generic word UK networks block/ },
    { description: 'refuses ALERT and SMS written with spacing', input: 'S M S', says: /generic/ },
    { description: 'refuses a landline, which cannot take replies', input: '01625 496000', says: /not a UK mobile number/ },
    { description: 'refuses an all-digit name that is no number', input: '12345', says: /not a UK mobile number/ },
  ];
  for (const { description, input, says } of REFUSED) {
    it(description, () => {
      const read = smsSender(input);
      assert.ok('problem' in read, JSON.stringify(read));
      assert.match(read.problem, says);
    });
  }
});
