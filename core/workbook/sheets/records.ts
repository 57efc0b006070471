/**
 * Units, Jobs and Advisories: the imported records as the core normalised them, so the garage can
 * check what the reminders were worked out from.
 */
import type { GarageIndex } from '../../garage-index.ts';
import { col, table } from '../columns.ts';
import { displayRegistration } from '../display.ts';
import { PRINT_SETUP, type PlanSheet, type PlanTable } from '../plan.ts';

export const UNITS_SHEET = 'Units';
export const JOBS_SHEET = 'Jobs';
export const ADVISORIES_SHEET = 'Advisories';

export const UNITS_COLUMNS = [
  col('registration', 'Registration', 'text', { width: 13 }),
  col('customer', 'Customer', 'text', { width: 11 }),
  col('make', 'Make', 'text', { width: 14 }),
  col('model', 'Model', 'text', { width: 16 }),
  col('vin', 'VIN', 'text', { width: 20 }),
  col('firstRegistered', 'First Registered', 'date'),
  col('motDue', 'MOT Due', 'date'),
  col('nextService', 'Next Service', 'date'),
  col('lastService', 'Last Service', 'date'),
  col('saleDate', 'Sale Date', 'date'),
  col('soldBy', 'Sold By'),
  col('warrantyEnd', 'Warranty End', 'date'),
  col('financeEnd', 'Finance End', 'date'),
  col('mileage', 'Mileage', 'integer', { numFmt: '#,##0', width: 10 }),
];

export const JOBS_COLUMNS = [
  col('jobNo', 'Job No', 'text', { width: 10 }),
  col('customer', 'Customer', 'text', { width: 11 }),
  col('unit', 'Unit', 'text', { width: 11 }),
  col('booked', 'Booked', 'date'),
  col('appointment', 'Appointment', 'date', { width: 13 }),
  col('completed', 'Completed', 'date'),
  col('status', 'Status', 'text', { width: 12 }),
  col('staff', 'Staff'),
  col('description', 'Description', 'text', { width: 36 }),
  col('value', 'Value', 'number'),
];

export const ADVISORIES_COLUMNS = [
  col('jobNo', 'Job No', 'text', { width: 10 }),
  col('unit', 'Unit', 'text', { width: 11 }),
  col('customer', 'Customer', 'text', { width: 11 }),
  col('description', 'Description', 'text', { width: 36 }),
  col('severity', 'Severity', 'text', { width: 10 }),
  col('due', 'Due', 'date'),
  col('status', 'Status', 'text', { width: 10 }),
  col('estimate', 'Estimate', 'number'),
];

function sheet(name: string, t: PlanTable): PlanSheet {
  return { name, kind: 'data', table: t, frozenRows: 1, print: PRINT_SETUP };
}

export function unitsSheet(garage: GarageIndex): PlanSheet {
  const rows = garage.units.map((u) => [
    u.registrationDisplay || displayRegistration(u.registration),
    u.customerCode,
    u.make,
    u.model,
    u.vin,
    u.firstRegistered,
    u.motDue,
    u.nextService,
    u.lastService,
    u.saleDate,
    u.soldBy,
    u.warrantyEnd,
    u.financeEnd,
    u.mileage,
  ]);
  return sheet(UNITS_SHEET, table('Units', UNITS_COLUMNS, rows));
}

export function jobsSheet(garage: GarageIndex): PlanSheet {
  const display = (registration: string) => garage.unitByRegistration.get(registration)?.registrationDisplay || displayRegistration(registration);
  const rows = garage.jobs.map((j) => [
    j.jobNo,
    j.customerCode,
    display(j.registration),
    j.bookedDate,
    j.appointmentDate,
    j.completedDate,
    j.status,
    j.staff,
    j.description,
    j.value,
  ]);
  return sheet(JOBS_SHEET, table('Jobs', JOBS_COLUMNS, rows));
}

export function advisoriesSheet(garage: GarageIndex): PlanSheet {
  const display = (registration: string) => garage.unitByRegistration.get(registration)?.registrationDisplay || displayRegistration(registration);
  const rows = garage.advisories.map((a) => [a.jobNo, display(a.registration), a.customerCode, a.description, a.severity, a.dueDate, a.status, a.estimate]);
  return sheet(ADVISORIES_SHEET, table('Advisories', ADVISORIES_COLUMNS, rows));
}
