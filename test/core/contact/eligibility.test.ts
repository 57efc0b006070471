import assert from 'node:assert/strict';
import { chooseMethod, mayBeContacted, permittedChannels, postalAddress } from '../../../core/contact/eligibility.ts';
import type { Customer, Method } from '../../../core/records.ts';
import type { Purpose } from '../../../core/schedule/rule.ts';
import { customer, landline } from '../schedule/garage-builder.ts';

const DEFAULT_ORDER: Method[] = ['Email', 'SMS', 'Letter'];

describe('who may be contacted at all', () => {
  const cases: { description: string; customer: Partial<Customer>; lapsed: boolean; expected: boolean }[] = [
    { description: 'a customer with nothing against them', customer: {}, lapsed: false, expected: true },
    { description: 'not a customer marked do not contact', customer: { doNotContact: true }, lapsed: false, expected: false },
    { description: 'not a deceased customer', customer: { deceased: true }, lapsed: false, expected: false },
    { description: 'not a customer who has gone away', customer: { goneAway: true }, lapsed: false, expected: false },
    { description: 'not a customer marked lapsed', customer: {}, lapsed: true, expected: false },
  ];
  for (const c of cases) {
    it(c.description, () => assert.equal(mayBeContacted(customer(c.customer), c.lapsed), c.expected));
  }
});

describe('the channels a customer permits', () => {
  const cases: { description: string; customer: Partial<Customer>; purpose: Purpose; expected: Method[] }[] = [
    { description: 'service: every channel when nothing is opted out', customer: { emailMarketing: false, smsMarketing: false }, purpose: 'service', expected: ['Email', 'SMS', 'Letter'] },
    { description: 'service: not email after opting out of email', customer: { noEmail: true }, purpose: 'service', expected: ['SMS', 'Letter'] },
    { description: 'service: not SMS after opting out of SMS', customer: { noSms: true }, purpose: 'service', expected: ['Email', 'Letter'] },
    { description: 'service: not letters after opting out of post', customer: { noPost: true }, purpose: 'service', expected: ['Email', 'SMS'] },
    { description: 'marketing: email and SMS with both consents', customer: {}, purpose: 'marketing', expected: ['Email', 'SMS', 'Letter'] },
    { description: 'marketing: no email without email consent', customer: { emailMarketing: false }, purpose: 'marketing', expected: ['SMS', 'Letter'] },
    { description: 'marketing: no SMS without SMS consent', customer: { smsMarketing: false }, purpose: 'marketing', expected: ['Email', 'Letter'] },
    { description: 'marketing: consent does not override an email opt-out', customer: { noEmail: true }, purpose: 'marketing', expected: ['SMS', 'Letter'] },
    { description: 'marketing: consent does not override an SMS opt-out', customer: { noSms: true }, purpose: 'marketing', expected: ['Email', 'Letter'] },
    { description: 'marketing: letters need no consent, only no post opt-out', customer: { emailMarketing: false, smsMarketing: false, noPost: true }, purpose: 'marketing', expected: [] },
  ];
  for (const c of cases) {
    it(c.description, () => assert.deepEqual(permittedChannels(customer(c.customer), c.purpose), c.expected));
  }
});

describe('choosing the method', () => {
  const cases: {
    description: string;
    customer: Partial<Customer>;
    purpose: Purpose;
    order?: Method[];
    expected: { method: Method | null; to: string; allowed: Method[]; reason?: string };
  }[] = [
    {
      description: 'uses the first channel in the order when there is no preference',
      customer: {},
      purpose: 'service',
      expected: { method: 'Email', to: 'jane@example.com', allowed: ['Email', 'SMS', 'Letter'] },
    },
    {
      description: 'respects the customer’s preferred method',
      customer: { preferredMethod: 'SMS' },
      purpose: 'service',
      expected: { method: 'SMS', to: '+447700900123', allowed: ['Email', 'SMS', 'Letter'], reason: 'preferred method' },
    },
    {
      description: 'ignores a preferred method whose address is missing, and says why',
      customer: { preferredMethod: 'SMS', mobile: null },
      purpose: 'service',
      expected: { method: 'Email', to: 'jane@example.com', allowed: ['Email', 'SMS', 'Letter'], reason: 'prefers SMS but has no valid mobile number' },
    },
    {
      description: 'does not text a landline given as the mobile',
      customer: { preferredMethod: 'SMS', mobile: landline() },
      purpose: 'service',
      expected: { method: 'Email', to: 'jane@example.com', allowed: ['Email', 'SMS', 'Letter'] },
    },
    {
      description: 'ignores a preferred method the customer does not permit for marketing',
      customer: { preferredMethod: 'SMS', smsMarketing: false },
      purpose: 'marketing',
      expected: { method: 'Email', to: 'jane@example.com', allowed: ['Email', 'Letter'], reason: 'prefers SMS, which this message may not use' },
    },
    {
      description: 'falls back along the order: no email address, so SMS',
      customer: { email: '' },
      purpose: 'service',
      expected: { method: 'SMS', to: '+447700900123', allowed: ['Email', 'SMS', 'Letter'] },
    },
    {
      description: 'falls back along the order: no email or mobile, so a letter to the postal address on one line',
      customer: { email: '', mobile: null, address: ['12 High Street', 'Upton', '', ''] },
      purpose: 'service',
      expected: { method: 'Letter', to: '12 High Street, Upton, Macclesfield, SK10 4AB', allowed: ['Email', 'SMS', 'Letter'] },
    },
    {
      description: 'follows the rule’s own order: Letter first for the drifting letter',
      customer: {},
      purpose: 'marketing',
      order: ['Letter', 'Email', 'SMS'],
      expected: { method: 'Letter', to: '12 High Street, Macclesfield, SK10 4AB', allowed: ['Letter', 'Email', 'SMS'] },
    },
    {
      description: 'never uses a channel the rule’s order leaves out, even when preferred',
      customer: { preferredMethod: 'Email' },
      purpose: 'service',
      order: ['Letter'],
      expected: { method: 'Letter', to: '12 High Street, Macclesfield, SK10 4AB', allowed: ['Letter'] },
    },
    {
      description: 'needs both the first address line and the postcode for a letter',
      customer: { email: '', mobile: null, postcode: '' },
      purpose: 'service',
      expected: { method: null, to: '', allowed: ['Email', 'SMS', 'Letter'], reason: 'no valid mobile, email or postal address' },
    },
    {
      description: 'names only the permitted channels when none has an address',
      customer: { email: '', mobile: null, address: ['', '', '', ''], smsMarketing: false },
      purpose: 'marketing',
      expected: { method: null, to: '', allowed: ['Email', 'Letter'], reason: 'no valid email or postal address' },
    },
    {
      description: 'allows nothing when every channel is refused for the purpose',
      customer: { emailMarketing: false, smsMarketing: false, noPost: true },
      purpose: 'marketing',
      expected: { method: null, to: '', allowed: [] },
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const choice = chooseMethod(customer(c.customer), c.purpose, c.order ?? DEFAULT_ORDER);
      const { reason, ...rest } = c.expected;
      assert.deepEqual({ method: choice.method, to: choice.to, allowed: choice.allowed }, rest);
      if (reason !== undefined) assert.equal(choice.reason, reason);
    });
  }

  it('writes the postal address without blank lines', () => {
    assert.equal(postalAddress(customer({ address: ['Flat 2', '', '12 High Street', ''], town: '' })), 'Flat 2, 12 High Street, SK10 4AB');
  });
});
