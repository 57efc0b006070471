/**
 * One computation for an as-of date: from the imported records, the contact log and the lapsed
 * marks to everything the workbook shows. The command line and the add-in both call this.
 */
import type { IsoDate } from './calendar.ts';
import { indexGarage, type GarageIndex } from './garage-index.ts';
import type { ContactLogEntry, GarageRecords, LapsedMark, RecordLookups } from './records.ts';
import type { AuditReport, BookingsReview, DissatisfactionReport, DueAction, LifecycleRow } from './results.ts';
import type { GarageSettings } from './settings.ts';
import type { ContactRule } from './schedule/rule.ts';
import { dueActions } from './schedule/engine.ts';
import { currentLapsedMarks, customerLifecycle, lapsedReturns } from './lifecycle.ts';
import { auditReport, monthlyPerformance, weeklyAuditPeriod } from './audit.ts';
import { bookingsReview } from './bookings.ts';
import { dissatisfactionReport } from './dissatisfaction.ts';

export interface RetentionInput {
  records: GarageRecords;
  /** The import's maps of the same records, if at hand: saves keying them again. */
  lookups?: RecordLookups;
  asOf: IsoDate;
  contactLog: ContactLogEntry[];
  lapsedMarks: LapsedMark[];
  settings: GarageSettings;
  rules: ContactRule[];
}

export interface Retention {
  asOf: IsoDate;
  garage: GarageIndex;
  dueActions: DueAction[];
  lifecycle: LifecycleRow[];
  audit: AuditReport;
  monthlyPerformance: ReturnType<typeof monthlyPerformance>;
  bookings: BookingsReview;
  dissatisfaction: DissatisfactionReport;
  /** Lapsed marks the customer came back from: markKey → the day (the marks stay on the Lapsed sheet as history). */
  lapsedReturns: Map<string, IsoDate>;
}

export function computeRetention(input: RetentionInput): Retention {
  const { asOf, settings } = input;
  const garage = indexGarage(input.records, input.lookups);
  // A lapsed customer who came back is current again: only the other marks side-line anyone.
  const returns = lapsedReturns(garage, input.lapsedMarks);
  const lapsedMarks = currentLapsedMarks(input.lapsedMarks, returns);
  return {
    asOf,
    garage,
    dueActions: dueActions(garage, input.rules, { asOf, contactLog: input.contactLog, lapsedMarks, settings }),
    lifecycle: customerLifecycle(garage, asOf, lapsedMarks, settings),
    audit: auditReport(garage, weeklyAuditPeriod(asOf, settings), settings),
    monthlyPerformance: monthlyPerformance(garage, asOf, settings),
    bookings: bookingsReview(garage.bookings, asOf, settings, garage),
    dissatisfaction: dissatisfactionReport(garage.bookings, garage),
    lapsedReturns: returns,
  };
}
