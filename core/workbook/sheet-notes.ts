/**
 * What each sheet says of itself. The data sheets are rebuilt from the DMS exports at every build,
 * so a fix typed there (an email on Customers) clears its yellow but is gone next week: the sheet
 * says so, and where the fix belongs. The kept sheets say nothing: what is typed there stays.
 */
import type { SHEET_ORDER } from './workbook-plan.ts';

type SheetName = (typeof SHEET_ORDER)[number];

const REBUILT = 'Rebuilt from the DMS exports at every build: a change here is not kept. Fix details in the DMS.';
const WORKED_OUT = 'Worked out from the DMS exports at every build.';

export const SHEET_NOTES: Readonly<Partial<Record<SheetName, string>>> = {
  'Due Actions': 'Worked out afresh at every build; your Approve and Method choices are kept. Fix contact details in the DMS.',
  Customers: REBUILT,
  Units: REBUILT,
  Jobs: REBUILT,
  Advisories: REBUILT,
  Bookings: REBUILT,
  Audit: `${REBUILT} Missing updates as you type; Why is as at the build.`,
  'Audit Summary': `${WORKED_OUT} Figures are as at the build.`,
  Drifting: WORKED_OUT,
  Lapsing: `${WORKED_OUT} Yes under Mark Lapsed is kept as a mark.`,
  Dissatisfaction: REBUILT,
  'Dissatisfaction Summary': WORKED_OUT,
  'Import Problems': WORKED_OUT,
};
