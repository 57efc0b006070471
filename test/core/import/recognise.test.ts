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

describe('the header aliases the DMS exports use', () => {
  const customerCode = ['Customer Code', 'Cust Code', 'Cust No', 'Account', 'Account No', 'Code'];
  const registration = ['Registration', 'Reg', 'Reg No', 'Registration No', 'VRM'];
  const aliases: Record<'customers' | 'units' | 'jobs' | 'advisories' | 'bookings', Record<string, string[]>> = {
    customers: {
      code: customerCode,
      title: ['Title'],
      firstName: ['First Name', 'Forename'],
      surname: ['Surname', 'Last Name'],
      name: ['Name', 'Customer Name', 'Full Name'],
      company: ['Company'],
      address1: ['Address 1', 'Address Line 1', 'Addr1', 'Street'],
      address2: ['Address 2', 'Address Line 2', 'Addr2'],
      address3: ['Address 3', 'Address Line 3', 'Addr3'],
      address4: ['Address 4', 'Address Line 4', 'Addr4'],
      town: ['Town', 'City', 'Post Town'],
      county: ['County'],
      postcode: ['Postcode', 'Post Code'],
      homePhone: ['Home Phone', 'Home Tel', 'Telephone', 'Tel'],
      workPhone: ['Work Phone', 'Work Tel'],
      mobile: ['Mobile', 'Mobile Phone', 'Mobile No', 'Mob'],
      email: ['Email', 'E-mail', 'Email Address'],
      dateOfBirth: ['Date of Birth', 'DOB'],
      preferredMethod: ['Preferred Contact', 'Preferred Method', 'Contact Method'],
      doNotContact: ['Do Not Contact', 'No Contact', 'DNC'],
      deceased: ['Deceased'],
      goneAway: ['Gone Away'],
      noEmail: ['No Email'],
      noSms: ['No SMS'],
      noPost: ['No Mail', 'Post Opt Out'],
      emailMarketing: ['Email Marketing', 'Email Opt In'],
      smsMarketing: ['SMS Marketing', 'SMS Opt In', 'Text Marketing'],
      lastVisit: ['Last Visit', 'Last Service Date'],
    },
    units: {
      registration,
      customerCode: [...customerCode, 'Owner'],
      make: ['Make'],
      model: ['Model'],
      vin: ['VIN', 'Chassis No', 'Frame No'],
      firstRegistered: ['First Registered', 'Reg Date', 'Date Registered'],
      motDue: ['MOT Due', 'MOT Due Date', 'MOT Expiry'],
      nextService: ['Next Service', 'Next Service Due', 'Service Due'],
      lastService: ['Last Service', 'Last Service Date'],
      saleDate: ['Sale Date', 'Date Sold', 'Sold Date'],
      soldBy: ['Sold By', 'Salesperson'],
      warrantyEnd: ['Warranty End', 'Warranty Expiry'],
      financeEnd: ['Finance End', 'Finance End Date', 'Agreement End'],
      mileage: ['Mileage'],
    },
    jobs: {
      jobNo: ['Job No', 'Job Number', 'WIP No'],
      customerCode,
      registration,
      bookedDate: ['Booked Date', 'Date Booked'],
      appointmentDate: ['Appointment', 'Appointment Date', 'Date In'],
      completedDate: ['Completed', 'Completed Date', 'Date Out', 'Invoice Date'],
      status: ['Status'],
      staff: ['Staff', 'Advisor', 'Service Advisor', 'Taken By'],
      description: ['Description'],
      value: ['Value'],
    },
    advisories: {
      jobNo: ['Job No', 'Job Number', 'WIP No'],
      registration,
      customerCode,
      description: ['Description', 'Advisory', 'Work Required'],
      severity: ['Severity', 'Priority', 'RAG'],
      dueDate: ['Due Date', 'Due'],
      status: ['Status'],
      estimate: ['Estimate'],
    },
    bookings: {
      requestId: ['Request ID', 'Request No'],
      received: ['Received', 'Date Received'],
      customerCode,
      registration,
      name: ['Name'],
      email: ['Email'],
      phone: ['Phone'],
      requestedDate: ['Requested Date', 'Preferred Date'],
      status: ['Status'],
      outcome: ['Outcome'],
      dissatisfactionReason: ['Dissatisfaction Reason'],
      actioned: ['Actioned', 'Actioned At'],
      staff: ['Staff'],
    },
  };
  for (const [kind, fields] of Object.entries(aliases) as [keyof typeof aliases, Record<string, string[]>][]) {
    it(`reads every ${kind} header the issue lists as its field`, () => {
      const misread: string[] = [];
      for (const [field, headers] of Object.entries(fields)) {
        for (const header of headers) {
          if (mapColumns(kind, [header]).fields.get(field) !== 0) misread.push(`${header} → ${field}`);
        }
      }
      assert.deepEqual(misread, []);
    });
  }
});
