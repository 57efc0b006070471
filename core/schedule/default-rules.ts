/**
 * The default contact schedule, in the order the SPEC lists it. The Schedule sheet can override
 * any rule's settings (custom-rule.ts) and add the garage's own rules after these.
 */
import type { GarageSettings } from '../settings.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import type { ContactRule } from './rule.ts';
import { mot1, mot2 } from './rules/mot.ts';
import { service1, service2 } from './rules/service.ts';
import { combined } from './rules/combined.ts';
import { jobConfirmation } from './rules/job-confirmation.ts';
import { appointment } from './rules/appointment.ts';
import { jobThanks } from './rules/job-thanks.ts';
import { advisory } from './rules/advisory.ts';
import { saleThanks } from './rules/sale-thanks.ts';
import { saleYearFollowUps } from './rules/sale-follow-up.ts';
import { warranty } from './rules/warranty.ts';
import { financeEnd } from './rules/finance-end.ts';
import { birthday } from './rules/birthday.ts';
import { christmas } from './rules/christmas.ts';
import { driftingRule } from './rules/drifting.ts';

/** The default rules for a garage's settings (the drifting letter follows its drifting months). */
export function defaultRules(settings: Pick<GarageSettings, 'driftingMonths'> = DEFAULT_SETTINGS): ContactRule[] {
  return [
    mot1,
    mot2,
    service1,
    service2,
    combined,
    jobConfirmation,
    appointment,
    jobThanks,
    advisory,
    saleThanks,
    ...saleYearFollowUps,
    warranty,
    financeEnd,
    birthday,
    christmas,
    driftingRule(settings.driftingMonths),
  ];
}

export const DEFAULT_RULES: ContactRule[] = defaultRules(DEFAULT_SETTINGS);
