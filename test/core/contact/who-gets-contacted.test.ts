import assert from 'node:assert/strict';
import type { Customer } from '../../../core/records.ts';
import { customer, garage, unit } from '../schedule/garage-builder.ts';
import { due, dueFor } from '../schedule/run-schedule.ts';

// On 16/11/2026 this garage has a service reminder (mot-1), a marketing contact (birthday) and,
// for drifting customers, a Letter-first marketing contact.
const AS_OF = '2026-11-16';
function garageFor(overrides: Partial<Customer>) {
  return garage({
    customers: [customer({ dateOfBirth: '1980-11-18', lastVisit: '2025-08-14', ...overrides })],
    units: [unit({ motDue: '2026-12-12' })],
  });
}

describe('due actions respect who may be contacted, and how', () => {
  const cases: { description: string; customer: Partial<Customer>; expected: Record<string, string | null> }[] = [
    {
      description: 'sends every contact to a customer with full consent by their first usable channel',
      customer: {},
      expected: { 'mot-1': 'Email', birthday: 'Email', drifting: 'Letter' },
    },
    {
      description: 'does not remind a customer who has opted out of SMS marketing by text',
      customer: { preferredMethod: 'SMS', smsMarketing: false, emailMarketing: false },
      expected: { 'mot-1': 'SMS', birthday: 'Letter', drifting: 'Letter' },
    },
    {
      description: 'sends service reminders by SMS without marketing consent, as the customer prefers',
      customer: { preferredMethod: 'SMS', smsMarketing: false },
      expected: { 'mot-1': 'SMS', birthday: 'Email', drifting: 'Letter' },
    },
    {
      description: 'does not text a customer who opted out of SMS, even for a service reminder',
      customer: { preferredMethod: 'SMS', noSms: true },
      expected: { 'mot-1': 'Email', birthday: 'Email', drifting: 'Letter' },
    },
    {
      description: 'drops the marketing contacts of a customer with no marketing consent who opted out of post, but still reminds them',
      customer: { emailMarketing: false, smsMarketing: false, noPost: true },
      expected: { 'mot-1': 'Email' },
    },
    {
      description: 'drops every contact of a customer who refuses every channel',
      customer: { noEmail: true, noSms: true, noPost: true },
      expected: {},
    },
    {
      description: 'shows the contacts of an unreachable customer with no method',
      customer: { email: '', mobile: null, address: ['', '', '', ''] },
      expected: { 'mot-1': null, birthday: null, drifting: null },
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const methods = Object.fromEntries(due(garageFor(c.customer), AS_OF).map((a) => [a.ruleId, a.method]));
      assert.deepEqual(methods, c.expected);
    });
  }

  it('says in the Reason why an unreachable customer’s row has no method', () => {
    const [action] = dueFor('mot-1', garageFor({ email: '', mobile: null, postcode: '' }), AS_OF);
    assert.equal(action?.method, null);
    assert.equal(action?.to, '');
    assert.deepEqual(action?.allowedMethods, ['Email', 'SMS', 'Letter']);
    assert.equal(action?.reason, 'MOT due 12/12/2026 — no valid mobile, email or postal address');
  });

  it('names only the channels the purpose permits in that reason', () => {
    const [action] = dueFor('birthday', garageFor({ email: '', mobile: null, address: ['', '', '', ''], smsMarketing: false }), AS_OF);
    assert.equal(action?.reason, 'Birthday 18/11 — no valid email or postal address');
  });

  it('gives the address the method goes to and the methods the user may switch to', () => {
    const [action] = dueFor('birthday', garageFor({ emailMarketing: false }), AS_OF);
    assert.equal(action?.method, 'SMS');
    assert.equal(action?.to, '+447700900123');
    assert.deepEqual(action?.allowedMethods, ['SMS', 'Letter']);
  });

  const nobody: { description: string; customer: Partial<Customer>; lapsed?: boolean }[] = [
    { description: 'contacts nobody marked do not contact', customer: { doNotContact: true } },
    { description: 'contacts nobody deceased', customer: { deceased: true } },
    { description: 'contacts nobody who has gone away', customer: { goneAway: true } },
    { description: 'contacts nobody marked lapsed', customer: {}, lapsed: true },
  ];
  for (const c of nobody) {
    it(c.description, () => {
      const g = garageFor(c.customer);
      const lapsedMarks = c.lapsed ? [{ customerCode: 'C1', markedAt: '2026-11-01', by: 'owner' }] : [];
      assert.equal(due(garageFor({}), AS_OF).length, 3, 'the same customer without the mark has three contacts due');
      assert.deepEqual(due(g, AS_OF, { lapsedMarks }), []);
    });
  }

  it('does not side-line other customers when one is lapsed', () => {
    const g = garage({ customers: [customer(), customer({ code: 'C2' })], units: [unit({ motDue: '2026-12-12' }), unit({ registration: 'XY99ZZZ', customerCode: 'C2', motDue: '2026-12-12' })] });
    const lapsedMarks = [{ customerCode: 'C1', markedAt: '2026-11-01', by: 'owner' }];
    assert.deepEqual(
      due(g, AS_OF, { lapsedMarks }).map((a) => a.code),
      ['C2'],
    );
  });
});
