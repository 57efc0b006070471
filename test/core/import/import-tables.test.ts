import assert from 'node:assert/strict';
import { importCsv } from './support.ts';

const CUSTOMERS_HEADER = 'Customer Code,Title,First Name,Surname,Address 1,Town,Postcode,Home Phone,Mobile,Email,Date of Birth,Preferred Contact,Do Not Contact,Email Marketing,SMS Marketing,No SMS';

describe('importing customers', () => {
  it('normalises every contact item as SPEC.md says', () => {
    const { records, problems } = importCsv({
      'c.csv': `${CUSTOMERS_HEADER}\nC1,Mrs,Jean,Harrison,1 High St,Knutsford,wa167hx,0161 496 0850,+44 7495 229621, Jean.Harrison@Example.com ,16/12/1958,Text,N,Y,,\n`,
    });
    assert.deepEqual(problems, []);
    const [c] = records.customers;
    assert.equal(c?.name, 'Mrs Jean Harrison');
    assert.equal(c?.postcode, 'WA16 7HX');
    assert.equal(c?.homePhone?.e164, '+441614960850');
    assert.equal(c?.mobile?.e164, '+447495229621');
    assert.equal(c?.email, 'jean.harrison@example.com');
    assert.equal(c?.dateOfBirth, '1958-12-16');
    assert.equal(c?.preferredMethod, 'SMS');
    assert.equal(c?.emailMarketing, true);
    assert.equal(c?.smsMarketing, false, 'a blank consent is no consent');
    assert.equal(c?.noSms, false, 'a blank opt-out is not opted out');
  });

  it('keeps a row with a bad value, leaves the value blank and says what was done', () => {
    const { records, problems } = importCsv({ 'c.csv': `${CUSTOMERS_HEADER}\nC1,Mr,Jo,Lee,,,12345,,,trevor@,31/02/1990,,,,,\n` });
    assert.equal(records.customers.length, 1);
    assert.equal(records.customers[0]?.postcode, '');
    assert.equal(records.customers[0]?.email, '');
    assert.equal(records.customers[0]?.dateOfBirth, null);
    assert.deepEqual(problems.map((p) => [p.where.row, p.where.column, p.value, p.code]).sort(), [
      [2, 'Date of Birth', '31/02/1990', 'date_invalid'],
      [2, 'Email', 'trevor@', 'email_invalid'],
      [2, 'Postcode', '12345', 'postcode_invalid'],
    ]);
    assert.ok(problems.every((p) => p.where.file === 'c.csv' && p.action !== '' && p.message !== ''));
    assert.equal(records.customers[0]?.invalid.email, 'not a valid email address', 'the audit counts it as missing, with the reason');
  });

  // Only markers no real record holds are placeholders: someone was born on 01/01/2000.
  const placeholderCases: { description: string; dateOfBirth: string; expected: string | null; problems: string[] }[] = [
    { description: 'reports 01/01/1900 as a placeholder and treats it as blank', dateOfBirth: '01/01/1900', expected: null, problems: ['date_placeholder'] },
    { description: 'reports 00/00/0000 as a placeholder, not as an impossible date', dateOfBirth: '00/00/0000', expected: null, problems: ['date_placeholder'] },
    { description: 'reports Excel’s day 0 as a placeholder', dateOfBirth: '0', expected: null, problems: ['date_placeholder'] },
    { description: 'keeps 01/01/2000 as the real date of birth it is', dateOfBirth: '01/01/2000', expected: '2000-01-01', problems: [] },
  ];
  for (const c of placeholderCases) {
    it(c.description, () => {
      const { records, problems } = importCsv({ 'c.csv': `Code,Surname,DOB\nC1,Lee,${c.dateOfBirth}\n` });
      assert.equal(records.customers[0]?.dateOfBirth, c.expected);
      assert.deepEqual(problems.map((p) => p.code), c.problems);
    });
  }

  it('reports a date with a letter in its year, such as 12/02/20x4, rather than reading it as the year 1000', () => {
    const { records, problems } = importCsv({ 'c.csv': 'Code,Surname,Last Visit\nC1,Lee,12/02/20x4\n' });
    assert.equal(records.customers[0]?.lastVisit, null);
    assert.deepEqual(problems.map((p) => [p.code, p.value]), [['date_invalid', '12/02/20x4']]);
  });

  it('keeps the first of two customers with one code and reports the second', () => {
    const { records, problems } = importCsv({ 'c.csv': 'Code,Surname\nC42,First\nC42,Second\n' });
    assert.deepEqual(records.customers.map((c) => c.surname), ['First']);
    assert.equal(problems[0]?.code, 'code_duplicate');
    assert.equal(problems[0]?.where.row, 3);
  });

  it('names the file and row of the first when a code comes again in a later file', () => {
    const { records, problems } = importCsv({
      'a.csv': 'Code,Surname\nC1,One\nC2,Two\nC3,Three\n',
      'b.csv': 'Code,Surname\nC4,Four\nC2,Again\nC1,Again\nC4,Again\n',
    });
    assert.deepEqual(records.customers.map((c) => c.code), ['C1', 'C2', 'C3', 'C4']);
    assert.deepEqual(problems.map((p) => [p.where.file, p.where.row, p.message.replace(/^.* \(first on /, '')]), [
      ['b.csv', 3, 'a.csv row 3).'],
      ['b.csv', 4, 'a.csv row 2).'],
      ['b.csv', 5, 'b.csv row 2).'],
    ]);
  });

  it('skips a row with no customer code and says so', () => {
    const { records, problems } = importCsv({ 'c.csv': 'Code,Surname\n,Nobody\nC1,Somebody\n' });
    assert.equal(records.customers.length, 1);
    assert.deepEqual(problems.map((p) => [p.where.row, p.code, p.action.startsWith('row skipped')]), [[2, 'code_missing', true]]);
  });

  it('does not put a landline or an invalid number in Mobile, and says why for the audit', () => {
    const { records, problems } = importCsv({ 'c.csv': 'Code,Surname,Mobile\nC1,A,0161 496 0123\nC2,B,07700 900123\n' });
    assert.deepEqual(records.customers.map((c) => c.mobile), [null, null]);
    assert.deepEqual(problems.map((p) => p.code), ['phone_not_mobile', 'phone_invalid']);
    assert.match(records.customers[0]?.invalid.mobile ?? '', /landline/);
  });

  it('reads an unreadable opt-out as opted out and an unreadable consent as no consent', () => {
    const { records, problems } = importCsv({ 'c.csv': 'Code,Surname,Do Not Contact,Email Marketing\nC1,A,maybe,perhaps\n' });
    assert.equal(records.customers[0]?.doNotContact, true);
    assert.equal(records.customers[0]?.emailMarketing, false);
    assert.deepEqual(problems.map((p) => p.code), ['flag_invalid', 'flag_invalid']);
  });

  it('keeps a value starting with = as plain text', () => {
    const { records } = importCsv({ 'c.csv': 'Code,Surname,Company\nC1,A,"=HYPERLINK(""http://example.com"",""x"")"\n' });
    assert.equal(records.customers[0]?.company, '=HYPERLINK("http://example.com","x")');
  });
});

describe('importing several files together', () => {
  it('gives a job exported without a customer code to the vehicle’s owner', () => {
    const { records } = importCsv({
      'units.csv': 'Reg No,Account,Make\nAB12 CDE,C1,Ford\n',
      'jobs.csv': 'Job No,Customer Code,Registration,Date Out\nJ1,,ab12cde,10/11/2026\n',
    });
    assert.equal(records.jobs[0]?.customerCode, 'C1');
  });

  it('keeps a vehicle whose customer is not in the customers export and says so', () => {
    const { records, problems } = importCsv({
      'customers.csv': 'Code,Surname\nC1,A\n',
      'units.csv': 'Reg No,Account,Make\nAB12 CDE,C9,Ford\n',
    });
    assert.equal(records.units.length, 1);
    assert.equal(problems[0]?.code, 'customer_unknown');
  });

  it('still imports the other files when one is not recognised, and names its headers and the expected ones', () => {
    const { records, problems, files } = importCsv({ 'customers.csv': 'Code,Surname\nC1,A\n', 'mystery.csv': 'Colour,Flavour\nred,sweet\n' });
    assert.equal(records.customers.length, 1);
    const problem = problems.find((p) => p.code === 'file_unrecognised');
    assert.ok(problem);
    assert.match(problem.message, /mystery\.csv/);
    assert.match(problem.message, /Colour, Flavour/);
    assert.match(problem.message, /Customer Code/);
    assert.deepEqual(files.find((f) => f.file === 'mystery.csv'), { file: 'mystery.csv', kind: null, rows: 1, imported: 0 });
  });

  it('reads a file as the kind it is told when its headers do not say', () => {
    const { records } = importCsv({ 'odd.csv': 'Code,Colour\nC1,red\n' }, { kinds: { 'odd.csv': 'customers' } });
    assert.equal(records.customers[0]?.code, 'C1');
  });

  it('reports an unknown column once and reads the rest', () => {
    const { records, problems } = importCsv({ 'c.csv': 'Code,Surname,Shoe Size\nC1,A,9\nC2,B,10\n' });
    assert.equal(records.customers.length, 2);
    assert.deepEqual(problems.map((p) => [p.code, p.where.column, p.where.row]), [['header_unknown', 'Shoe Size', 1]]);
  });

  it('reports a row with more values than headers and keeps what fits', () => {
    const { records, problems } = importCsv({ 'c.csv': 'Code,Surname\nC1,Smith,extra\nC2\n' });
    assert.deepEqual(records.customers.map((c) => c.code), ['C1', 'C2']);
    assert.deepEqual(problems.map((p) => [p.code, p.where.row]), [['row_ragged', 2], ['row_ragged', 3]]);
  });

  it('reads advisory and booking quirks: lower-case RAG, £ estimates, reasons in another spelling, received times', () => {
    const { records } = importCsv({
      'adv.csv': 'Job Number,Reg,Cust Code,Work Required,RAG,Due,Status,Estimate\nJ1,AB12CDE,C1,Pads,green,13/03/23,Done,£175.10\n',
      'book.csv': 'Request No,Date Received,Customer Code,Dissatisfaction Reason\nBR1,26/10/2026 06:47,C1,price too high \n',
    });
    assert.deepEqual([records.advisories[0]?.severity, records.advisories[0]?.estimate, records.advisories[0]?.dueDate], ['Green', 175.1, '2023-03-13']);
    assert.deepEqual([records.bookings[0]?.received, records.bookings[0]?.receivedTime, records.bookings[0]?.dissatisfactionReason], ['2026-10-26', '06:47', 'price too high']);
  });
});
