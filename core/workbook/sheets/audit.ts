/**
 * Audit: for each staff member, the customers they dealt with in the period, one row each, with
 * every required contact item as it stands on the record. A missing or invalid item is yellow — a
 * conditional format, so typing a good value clears it. A gap no formula can see (a value the
 * import flagged) is filled statically and explained in the Why column.
 *
 * The summary per staff member — customers, complete %, previous period's %, change, with a data
 * bar on complete %, for the week and for last month against the month before — is a sheet of its
 * own, Audit Summary, right after: beside the rows, filtering the audit by staff hid summary rows
 * too (Excel filters whole rows), and above them it would push the table's header off row 1.
 */
import { AUDIT_ITEM_LABELS } from '../../audit-items.ts';
import type { MonthlyPerformance } from '../../audit.ts';
import { parts, ukDate } from '../../calendar.ts';
import type { GarageIndex } from '../../garage-index.ts';
import type { ContactItem } from '../../records.ts';
import type { AuditReport } from '../../results.ts';
import { col, refs, table } from '../columns.ts';
import { formulaSeesGap, itemHighlightFormula, itemType, itemValue } from '../contact-item-checks.ts';
import { PRINT_SETUP, type PlanCell, type PlanColumn, type PlanMark, type PlanSheet } from '../plan.ts';

export const AUDIT_SHEET = 'Audit';
export const AUDIT_SUMMARY_SHEET = 'Audit Summary';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const AUDIT_ITEM_WIDTHS: Partial<Record<ContactItem, number>> = { email: 26, address1: 22, town: 14, postcode: 11, mobile: 14, homePhone: 14, workPhone: 14, dateOfBirth: 14 };

/** Staff, Code, Name, then one column per required item, then how many are missing and why. */
export function auditColumns(items: readonly ContactItem[]): PlanColumn[] {
  return [
    col('staff', 'Staff', 'text', { width: 16, maxWidth: 18 }),
    col('code', 'Code', 'text', { width: 10 }),
    col('name', 'Name', 'text', { width: 22, maxWidth: 22 }),
    // Kept narrow enough to print one page wide at 7 pt or more: long values wrap.
    ...items.map((item) => col(item, AUDIT_ITEM_LABELS[item], itemType(item), { width: AUDIT_ITEM_WIDTHS[item], maxWidth: AUDIT_ITEM_WIDTHS[item] })),
    col('missing', 'Missing', 'integer', { width: 10 }),
    // The import's reasons cannot follow an edit: labelled as they stood at the build.
    col('why', 'Why (at build)', 'text', { width: 40 }),
  ];
}

/**
 * Missing as a formula: one for each item whose highlight is on, so typing a good email drops the
 * count as it clears the yellow. A gap only the import could see (a value flagged although it
 * looks right) is not counted by the formula; the build's count is its result, and Why names it.
 */
function withMissingFormula(columns: PlanColumn[], items: readonly ContactItem[]): PlanColumn[] {
  const ref = refs(columns);
  const formula = items.map((item) => `(${itemHighlightFormula(item, ref(item), true) ?? 'FALSE'})`).join('+');
  return columns.map((c) => (c.key === 'missing' && items.length > 0 ? { ...c, formula } : c));
}

export const AUDIT_SUMMARY_COLUMNS = [
  col('period', 'Period', 'text', { width: 26 }),
  col('staff', 'Staff Member', 'text', { width: 18 }),
  col('customers', 'Customers', 'integer', { width: 11 }),
  // As at the build: an edit on the Audit sheet is not counted here until the DMS has it.
  col('completePct', 'Complete % (at build)', 'percent', { width: 13 }),
  col('previousPct', 'Previous %', 'percent', { width: 13 }),
  col('change', 'Change', 'percent', { numFmt: '+0.0%;-0.0%;0.0%', width: 10 }),
];

const fraction = (pct: number | null): number | null => (pct === null ? null : Math.round(pct * 10) / 1000);

function monthName(date: string): string {
  const { year, month } = parts(date);
  return `${MONTHS[month - 1]} ${year}`;
}

function summaryRows(audit: AuditReport, monthly: MonthlyPerformance | null): PlanCell[][] {
  const week = `Week ${ukDate(audit.from)} – ${ukDate(audit.to)}`;
  const rows: PlanCell[][] = audit.staff.map((s) => [
    week,
    s.name,
    s.customers,
    fraction(s.completePct),
    fraction(s.previousPct),
    s.previousPct === null ? null : fraction(s.completePct - s.previousPct),
  ]);
  if (monthly) {
    const month = monthName(monthly.month.from);
    for (const s of monthly.staff) rows.push([month, s.name, s.customers, fraction(s.completePct), fraction(s.previousPct), fraction(s.change)]);
  }
  return rows;
}

export function auditSheet(audit: AuditReport, monthly: MonthlyPerformance | null, garage: GarageIndex): PlanSheet {
  const columns = withMissingFormula(auditColumns(audit.items), audit.items);
  const ref = refs(columns);
  const rows: PlanCell[][] = [];
  const marks: PlanMark[] = [];
  for (const r of audit.rows) {
    const customer = garage.customerByCode.get(r.code);
    const values = audit.items.map((item) => (customer ? itemValue(customer, item) : null));
    const why: string[] = [];
    audit.items.forEach((item, i) => {
      const gap = r.gaps[item];
      if (!gap) return;
      why.push(`${AUDIT_ITEM_LABELS[item]}: ${gap}`);
      if (!formulaSeesGap(item, values[i] ?? null, true)) marks.push({ row: rows.length, column: item, fill: 'yellow' });
    });
    rows.push([r.staff, r.code, r.name, ...values, r.missingItems, why.join('; ') || null]);
  }
  const main = table('Audit', columns, rows, {
    highlights: audit.items.map((item) => ({
      columns: [item],
      formula: itemHighlightFormula(item, ref(item), true) ?? 'FALSE',
      fill: 'yellow' as const,
      meaning: `${AUDIT_ITEM_LABELS[item]} missing or invalid`,
    })),
    marks,
  });
  return { name: AUDIT_SHEET, kind: 'data', table: main, frozenRows: 1, print: PRINT_SETUP };
}

export function auditSummarySheet(audit: AuditReport, monthly: MonthlyPerformance | null): PlanSheet {
  const summary = table('AuditSummary', AUDIT_SUMMARY_COLUMNS, summaryRows(audit, monthly), {
    dataBars: [{ column: 'completePct', min: 0, max: 1, argb: 'FF5B9BD5' }],
  });
  return { name: AUDIT_SUMMARY_SHEET, kind: 'data', table: summary, frozenRows: 1, print: PRINT_SETUP };
}
