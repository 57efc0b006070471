import assert from 'node:assert/strict';
import { headerKey, mapColumns, recogniseKind } from '../../../core/import/headers.ts';

describe('recognising an export by its headers', () => {
  const exports: [string, string[]][] = [
    ['customers', ['Cust No', 'Title', 'Forename', 'Surname', 'Addr1', 'Post Code', 'Home Tel', 'Mobile No', 'E-mail', 'DOB']],
    ['units', ['Reg No', 'Account', 'Make', 'Model', 'Chassis No', 'Date Registered', 'MOT Expiry', 'Next Service Due']],
    ['jobs', ['WIP No', 'Customer Code', 'Registration', 'Date Booked', 'Appointment Date', 'Date Out', 'Status', 'Service Advisor', 'Description', 'Value']],
    ['advisories', ['Job Number', 'Reg', 'Cust Code', 'Work Required', 'RAG', 'Due', 'Status', 'Estimate']],
    ['bookings', ['Request No', 'Date Received', 'Customer Code', 'VRM', 'Name', 'Email', 'Phone', 'Preferred Date', 'Status', 'Outcome']],
  ];
  for (const [kind, headers] of exports) {
    it(`recognises a ${kind} export from headers such as ${headers.slice(0, 3).join(', ')}`, () => {
      assert.deepEqual(recogniseKind(headers), { kind });
    });
  }

  it('matches headers whatever their case, spaces and punctuation', () => {
    assert.equal(headerKey(' E-Mail  Address '), 'emailaddress');
    const map = mapColumns('customers', ['CUSTOMER_CODE', 'e-mail', 'Post.Code', 'mobile no.']);
    assert.deepEqual([...map.fields.keys()], ['code', 'email', 'postcode', 'mobile']);
  });

  it('says why a file with none of the key columns is not recognised', () => {
    const recognition = recogniseKind(['Colour', 'Flavour']);
    assert.equal(recognition.kind, null);
    assert.match((recognition as { reason: string }).reason, /key column/);
  });

  it('reads a header the garage mapped on the Settings sheet', () => {
    const mappings = { 'Cust Ref': 'customers.code', 'Tel (Eve)': 'homePhone' };
    assert.deepEqual(recogniseKind(['Cust Ref', 'Surname', 'Tel (Eve)'], mappings), { kind: 'customers' });
    assert.equal(mapColumns('customers', ['Cust Ref', 'Surname', 'Tel (Eve)'], mappings).fields.get('homePhone'), 2);
  });

  it('lists unknown headers and uses the first of two columns for one field', () => {
    const map = mapColumns('customers', ['Code', 'Email', 'E-mail', 'Shoe Size']);
    assert.deepEqual(map.unknown.map((u) => u.header), ['Shoe Size']);
    assert.deepEqual(map.duplicates.map((d) => d.header), ['E-mail']);
    assert.equal(map.fields.get('email'), 1);
  });
});
