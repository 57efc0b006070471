import assert from 'node:assert/strict';
import { importCsv } from './support.ts';

// The imports below are read as of 16/11/2026 (importCsv's as-of date).
describe('two-digit years are read by what the column holds', () => {
  const cases: { description: string; csv: string; read: (r: ReturnType<typeof importCsv>['records']) => unknown; expected: unknown }[] = [
    {
      description: 'reads a date of birth of 10/03/45 as 1945, so the customer still has a birthday',
      csv: 'Code,Surname,DOB\nC1,Lee,10/03/45\n',
      read: (r) => r.customers[0]?.dateOfBirth,
      expected: '1945-03-10',
    },
    {
      description: 'never reads a date of birth later this year (20/12/26) into the future',
      csv: 'Code,Surname,DOB\nC1,Lee,20/12/26\n',
      read: (r) => r.customers[0]?.dateOfBirth,
      expected: '1926-12-20',
    },
    {
      description: 'reads a last visit of 10/03/26 in this century: it is past',
      csv: 'Code,Surname,Last Visit\nC1,Lee,10/03/26\n',
      read: (r) => r.customers[0]?.lastVisit,
      expected: '2026-03-10',
    },
    {
      description: 'never reads a sale date into the future',
      csv: 'Registration,Customer Code,Sale Date\nAB12CDE,C1,01-Mar-40\n',
      read: (r) => r.units[0]?.saleDate,
      expected: '1940-03-01',
    },
    {
      description: 'never reads a completed date into the future',
      csv: 'Job No,Customer Code,Registration,Completed\nJ1,C1,AB12CDE,01/02/31\n',
      read: (r) => r.jobs[0]?.completedDate,
      expected: '1931-02-01',
    },
    {
      description: 'reads an MOT due date of 10/03/45 in the nearest century, 2045',
      csv: 'Registration,Customer Code,MOT Due\nAB12CDE,C1,10/03/45\n',
      read: (r) => r.units[0]?.motDue,
      expected: '2045-03-10',
    },
    {
      description: 'reads a finance end of 10/03/27 as next year',
      csv: 'Registration,Customer Code,Finance End\nAB12CDE,C1,10/03/27\n',
      read: (r) => r.units[0]?.financeEnd,
      expected: '2027-03-10',
    },
    {
      description: 'reads a warranty end of 10/03/99 in the nearest century, 1999',
      csv: 'Registration,Customer Code,Warranty End\nAB12CDE,C1,10/03/99\n',
      read: (r) => r.units[0]?.warrantyEnd,
      expected: '1999-03-10',
    },
  ];
  for (const c of cases) {
    it(c.description, () => {
      const { records, problems } = importCsv({ 'export.csv': c.csv });
      assert.deepEqual(problems, []);
      assert.equal(c.read(records), c.expected);
    });
  }
});
