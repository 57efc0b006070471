import assert from 'node:assert/strict';
import { indexGarage } from '../../core/garage-index.ts';
import { importCsv } from './import/support.ts';

const EXPORTS = {
  'customers.csv': 'Code,Surname,Last Visit\nC1,Lee,01/02/2024\nC2,Ray,03/04/2023\nC3,Fox,\nC4,Day,07/08/2022\n',
  'vehicles.csv': 'Registration,Customer Code\nAB12 CDE,C1\nXY65 ZZZ,C2\nLM10 AAA,C4\nLM11 BBB,C4\n',
  'jobs.csv':
    'Job No,Customer Code,Registration,Appointment Date,Date Out\n' +
    'J1,C1,AB12CDE,10/01/2025,10/01/2025\nJ2,C1,AB12CDE,12/03/2026,12/03/2026\nJ3,,XY65ZZZ,05/06/2025,05/06/2025\n' +
    'J4,C1,AB12CDE,01/01/2026,01/01/2026\nJ5,C1,AB12CDE,14/12/2026,\n',
};

describe('indexing the garage', () => {
  it('reuses the import’s own lookups and finds the same records through them', () => {
    const { records, lookups } = importCsv(EXPORTS);
    const reused = indexGarage(records, lookups);
    const fresh = indexGarage(records);
    assert.equal(reused.customerByCode, lookups.customerByCode, 'no second map of customers');
    assert.equal(reused.jobByNo, lookups.jobByNo);
    assert.notEqual(fresh.customerByCode, lookups.customerByCode);
    assert.deepEqual([...reused.customerByCode.keys()], [...fresh.customerByCode.keys()]);
    assert.deepEqual([...reused.unitByRegistration.keys()], ['AB12CDE', 'XY65ZZZ', 'LM10AAA', 'LM11BBB']);
    assert.deepEqual([...reused.lastVisitByCustomer], [...fresh.lastVisitByCustomer]);
  });

  it('does not trust lookups that no longer match the records they were made from', () => {
    const { records, lookups } = importCsv(EXPORTS);
    const garage = indexGarage({ ...records, customers: records.customers.filter((c) => c.code !== 'C2') }, lookups);
    assert.deepEqual([...garage.customerByCode.keys()], ['C1', 'C3', 'C4']);
  });

  it('takes a last visit from the latest completed job, the unit’s owner’s when the job names nobody, else the export’s date', () => {
    const { records, lookups } = importCsv(EXPORTS);
    const garage = indexGarage(records, lookups);
    assert.deepEqual(garage.lastVisitByCustomer.get('C1'), { date: '2026-03-12', registration: 'AB12CDE' }, 'J2 is the latest, whatever the order');
    assert.deepEqual(garage.lastVisitByCustomer.get('C2'), { date: '2025-06-05', registration: 'XY65ZZZ' }, 'J3 names no customer: the vehicle’s owner');
    assert.deepEqual(garage.lastVisitByCustomer.get('C4'), { date: '2022-08-07', registration: 'LM10AAA' }, 'no job: the export’s date, on the first vehicle');
    assert.equal(garage.lastVisitByCustomer.has('C3'), false);
  });

  // Last visit = the latest of completed jobs, the customer export's last visit and the units' last service.
  const lastVisitCases: { description: string; exports: Record<string, string>; expected: { date: string; registration: string } | undefined }[] = [
    {
      description: 'takes a last visit from the units export’s last service when the customer has no jobs',
      exports: { 'customers.csv': 'Code,Surname\nC1,Lee\n', 'vehicles.csv': 'Registration,Customer Code,Last Service\nAB12 CDE,C1,14/05/2025\n' },
      expected: { date: '2025-05-14', registration: 'AB12CDE' },
    },
    {
      description: 'takes the last service when it is later than the customer export’s last visit',
      exports: { 'customers.csv': 'Code,Surname,Last Visit\nC1,Lee,01/02/2024\n', 'vehicles.csv': 'Registration,Customer Code,Last Service\nAB12 CDE,C1,\nXY65 ZZZ,C1,14/05/2025\n' },
      expected: { date: '2025-05-14', registration: 'XY65ZZZ' },
    },
    {
      description: 'takes the customer export’s last visit when it is later than every job, on the first vehicle',
      exports: {
        'customers.csv': 'Code,Surname,Last Visit\nC1,Lee,01/02/2026\n',
        'vehicles.csv': 'Registration,Customer Code,Last Service\nAB12 CDE,C1,14/05/2025\n',
        'jobs.csv': 'Job No,Customer Code,Registration,Date Out\nJ1,C1,AB12CDE,10/01/2025\n',
      },
      expected: { date: '2026-02-01', registration: 'AB12CDE' },
    },
    {
      description: 'takes the latest completed job when it is later than the last service',
      exports: {
        'customers.csv': 'Code,Surname\nC1,Lee\n',
        'vehicles.csv': 'Registration,Customer Code,Last Service\nAB12 CDE,C1,14/05/2025\nXY65 ZZZ,C1,\n',
        'jobs.csv': 'Job No,Customer Code,Registration,Date Out\nJ1,C1,XY65ZZZ,10/01/2026\n',
      },
      expected: { date: '2026-01-10', registration: 'XY65ZZZ' },
    },
    {
      description: 'finds no visit when nothing records one',
      exports: { 'customers.csv': 'Code,Surname\nC1,Lee\n', 'vehicles.csv': 'Registration,Customer Code,Last Service\nAB12 CDE,C1,\n' },
      expected: undefined,
    },
  ];
  for (const c of lastVisitCases) {
    it(c.description, () => {
      const { records, lookups } = importCsv(c.exports);
      assert.deepEqual(indexGarage(records, lookups).lastVisitByCustomer.get('C1'), c.expected);
    });
  }

});
