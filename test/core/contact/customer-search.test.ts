import assert from 'node:assert/strict';
import { findCustomers } from '../../../core/index.ts';
import { customer, garage, unit } from '../schedule/garage-builder.ts';

const shop = garage({
  customers: [
    customer({ code: 'C1', name: 'Mrs Jane Smith', firstName: 'Jane', surname: 'Smith' }),
    customer({ code: 'C10', name: 'Mr Tom Jones', firstName: 'Tom', surname: 'Jones' }),
    customer({ code: 'SM01', name: 'Ms Anna Blacksmith', firstName: 'Anna', surname: 'Blacksmith' }),
    customer({ code: 'F2', name: 'Fleet Hire Ltd', firstName: '', surname: '', company: 'Fleet Hire Ltd' }),
  ],
  units: [unit({ registration: 'AB12CDE', customerCode: 'C1' }), unit({ registration: 'XY66ZZZ', customerCode: 'C10' }), unit({ registration: 'AB12CDF', customerCode: 'F2' })],
});

const codes = (query: string, limit?: number) => findCustomers(shop, query, limit).map((m) => m.code);

describe('finding a customer by name, code or registration', () => {
  const cases: { description: string; query: string; expected: string[] }[] = [
    { description: 'a registration typed with a space and in lower case', query: 'ab12 cde', expected: ['C1'] },
    { description: 'part of a registration finds every vehicle that starts so, exact first', query: 'AB12', expected: ['F2', 'C1'] },
    { description: 'an exact code before codes that start with it', query: 'c1', expected: ['C1', 'C10'] },
    { description: 'a surname, a whole word before a word that only contains it', query: 'smith', expected: ['C1', 'SM01'] },
    { description: 'a first name', query: 'TOM', expected: ['C10'] },
    { description: 'a company name with punctuation ignored', query: 'fleet-hire', expected: ['F2'] },
    { description: 'nobody for a query that matches nothing', query: 'zebra', expected: [] },
    { description: 'nobody for a blank query', query: '   ', expected: [] },
  ];
  for (const c of cases) it(c.description, () => assert.deepEqual(codes(c.query), c.expected));

  it('says what matched and lists the customer’s vehicles as written', () => {
    const [match] = findCustomers(shop, 'xy66zzz');
    assert.deepEqual(match, { code: 'C10', name: 'Mr Tom Jones', postcode: 'SK10 4AB', registrations: ['XY66 ZZZ'], matchedBy: 'registration' });
  });

  it('returns no more than the limit asked for', () => assert.deepEqual(codes('s', 1).length, 1));
});
