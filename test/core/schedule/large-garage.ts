/**
 * A benchmark-sized garage made with the builder: 100,000 customers, 140,000 units, 350,000 jobs
 * and 60,000 advisories, with dates spread over the years around the as-of date. Seeded, so
 * every run sees the same garage.
 */
import { addDays, type IsoDate } from '../../../core/calendar.ts';
import type { GarageIndex } from '../../../core/garage-index.ts';
import type { Advisory, Customer, Job, Unit } from '../../../core/records.ts';
import { advisory, customer, garage, job, mobile, unit } from './garage-builder.ts';

export function largeGarage(asOf: IsoDate, sizes = { customers: 100_000, units: 140_000, jobs: 350_000, advisories: 60_000 }): GarageIndex {
  // mulberry32: small, seeded, and free of the short cycles a plain LCG shows here.
  let seed = 20261116;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const around = (before: number, after: number): IsoDate => addDays(asOf, Math.floor(random() * (before + after)) - before);
  const maybe = (share: number, date: () => IsoDate): IsoDate | null => (random() < share ? date() : null);

  const customers: Customer[] = [];
  for (let i = 0; i < sizes.customers; i++) {
    customers.push(
      customer({
        code: `C${i}`,
        email: random() < 0.7 ? `c${i}@example.com` : '',
        mobile: random() < 0.6 ? mobile(`+447700${String(900000 + (i % 100000)).padStart(6, '0')}`) : null,
        dateOfBirth: maybe(0.5, () => around(365 * 80, -365 * 18)),
        lastVisit: maybe(0.3, () => around(900, 0)),
        emailMarketing: random() < 0.5,
        smsMarketing: random() < 0.4,
        noPost: random() < 0.05,
        doNotContact: random() < 0.02,
        preferredMethod: random() < 0.2 ? 'SMS' : null,
      }),
    );
  }
  const units: Unit[] = [];
  for (let i = 0; i < sizes.units; i++) {
    units.push(
      unit({
        registration: `R${i}`,
        customerCode: `C${i % sizes.customers}`,
        motDue: maybe(0.9, () => around(400, 400)),
        nextService: maybe(0.5, () => around(400, 400)),
        lastService: maybe(0.6, () => around(700, 0)),
        saleDate: maybe(0.4, () => around(365 * 5, 0)),
        warrantyEnd: maybe(0.3, () => around(400, 700)),
        financeEnd: maybe(0.2, () => around(400, 1000)),
      }),
    );
  }
  const jobs: Job[] = [];
  for (let i = 0; i < sizes.jobs; i++) {
    const booked = around(1500, 30);
    const appointment = addDays(booked, Math.floor(random() * 30));
    jobs.push(
      job({
        jobNo: `J${i}`,
        customerCode: random() < 0.9 ? `C${(i * 7) % sizes.customers}` : '',
        registration: `R${i % sizes.units}`,
        bookedDate: booked,
        appointmentDate: appointment,
        completedDate: appointment < asOf ? appointment : null,
      }),
    );
  }
  const advisories: Advisory[] = [];
  for (let i = 0; i < sizes.advisories; i++) {
    const j = jobs[(i * 5) % jobs.length]!;
    advisories.push(advisory({ jobNo: j.jobNo, registration: j.registration, customerCode: j.customerCode, dueDate: maybe(0.5, () => around(200, 200)), status: random() < 0.7 ? 'Open' : 'Done' }));
  }
  return garage({ customers, units, jobs, advisories });
}
