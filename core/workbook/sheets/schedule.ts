/**
 * Schedule (kept): the contact schedule, one row per rule. Built-in rules show their settings —
 * offset, window, purpose, channel order, template, block days, enabled — which the garage may
 * change; their trigger is described in the rule's own words (rule.trigger.wording), not
 * editable. Rows the garage adds are custom rules, with the columns of a CustomRuleDefinition; a
 * custom rule takes its trigger in the same words ("unit MOT due date"), so a built-in row copied
 * under a Rule ID of its own is a working rule (readTrigger). A row that cannot be used is red
 * with its reason in Problem; the rest of the schedule still runs.
 *
 * Custom rows are written back exactly as the user gave them, valid or not, so a rebuild never
 * loses a rule someone is halfway through writing.
 */
import type { Problem } from '../../problems.ts';
import type { CustomRuleDefinition } from '../../schedule/custom-rule.ts';
import { DEFAULT_RULES, defaultRules } from '../../schedule/default-rules.ts';
import type { ContactRule } from '../../schedule/rule.ts';
import type { Cell } from '../../schedule/rule-settings-check.ts';
import type { GarageSettings } from '../../settings.ts';
import { blankTest, col, refs, table } from '../columns.ts';
import { PRINT_SETUP, type PlanCell, type PlanSheet } from '../plan.ts';

export const SCHEDULE_SHEET = 'Schedule';

/**
 * What the Schedule sheet shows: the rules in force, the custom rows as written, their problems
 * (each beside its rule: a built-in one by where.rule, a custom row by where.customRule).
 */
export interface ScheduleInput {
  rules: readonly ContactRule[];
  custom: readonly CustomRuleDefinition[];
  problems: readonly Problem[];
}

/** The schedule of a new workbook: the built-in rules for the garage's settings. */
export function defaultSchedule(settings: GarageSettings): ScheduleInput {
  return { rules: defaultRules(settings), custom: [], problems: [] };
}

export const BUILT_IN_RULE_IDS: ReadonlySet<string> = new Set(DEFAULT_RULES.map((r) => r.id));

/** The Schedule sheet's columns; `field` is the CustomRuleDefinition field each one reads into. */
export const SCHEDULE_COLUMNS = [
  col('id', 'Rule ID', 'text', { width: 18 }),
  col('contactDue', 'Contact Due', 'text', { width: 26 }),
  col('type', 'Type', 'text', { width: 18 }),
  col('centre', 'Centre', 'text', { width: 11 }),
  col('trigger', 'Trigger', 'text', { width: 34 }),
  col('years', 'Years', 'integer', { width: 8 }),
  col('offsetDays', 'Offset (days)', 'integer', { width: 14 }),
  col('windowDays', 'Window (days)', 'integer', { width: 15 }),
  col('purpose', 'Purpose', 'text', { width: 11 }),
  col('channelOrder', 'Channel Order', 'text', { width: 20 }),
  col('template', 'Template', 'text', { width: 18 }),
  col('conditions', 'Conditions', 'text', { width: 30 }),
  col('blockDays', 'Block Days', 'integer', { width: 12 }),
  col('enabled', 'Enabled', 'text', { width: 10 }),
  col('builtIn', 'Built In', 'text', { width: 10 }),
  col('problem', 'Problem', 'text', { width: 50 }),
];

function cell(value: Cell | readonly Cell[] | undefined, joiner: string): PlanCell {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => String(v ?? '').trim()).filter((v) => v !== '').join(joiner) || null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return value as string | number;
}

function builtInRow(rule: ContactRule, problems: string): PlanCell[] {
  return [
    rule.id,
    rule.contactDue,
    rule.type,
    rule.centre,
    rule.trigger.wording,
    null,
    rule.offsetDays,
    rule.windowDays,
    rule.purpose,
    rule.channelOrder?.join(', ') ?? null,
    rule.template,
    null,
    rule.blockDays,
    rule.enabled ? 'Yes' : 'No',
    'Yes',
    problems || null,
  ];
}

function customRow(def: CustomRuleDefinition, problems: string): PlanCell[] {
  return [
    cell(def.id, ''),
    cell(def.contactDue, ''),
    cell(def.type, ''),
    cell(def.centre, ''),
    cell(def.trigger, ''),
    cell(def.years, ''),
    cell(def.offsetDays, ''),
    cell(def.windowDays, ''),
    cell(def.purpose, ''),
    cell(def.channelOrder, ', '),
    cell(def.template, ''),
    cell(def.conditions, '; '),
    cell(def.blockDays, ''),
    cell(def.enabled, ''),
    'No',
    problems || null,
  ];
}

const messages = (found: readonly Problem[]) => found.map((p) => p.message).join(' ');

export function scheduleSheet(schedule: ScheduleInput): PlanSheet {
  const builtIn = schedule.rules.filter((r) => BUILT_IN_RULE_IDS.has(r.id));
  const rows = [
    ...builtIn.map((r) => builtInRow(r, messages(schedule.problems.filter((p) => p.where.customRule === undefined && p.where.rule === r.id)))),
    ...schedule.custom.map((d, i) => customRow(d, messages(schedule.problems.filter((p) => p.where.customRule === i)))),
  ];
  const ref = refs(SCHEDULE_COLUMNS);
  const sheet = table('Schedule', SCHEDULE_COLUMNS, rows, {
    highlights: [{ columns: 'row', formula: `NOT(${blankTest(ref('problem'))})`, fill: 'red', meaning: 'this rule cannot be used as written; see Problem' }],
    validations: [
      { column: 'purpose', list: ['service', 'marketing'], error: 'Purpose is service or marketing.' },
      { column: 'centre', list: ['workshop', 'unit sales', 'customer'], error: 'Centre is workshop, unit sales or customer.' },
      { column: 'enabled', list: ['Yes', 'No'], error: 'Enabled is Yes or No.' },
    ],
  });
  return { name: SCHEDULE_SHEET, kind: 'kept', table: sheet, side: null, frozenRows: 1, print: PRINT_SETUP };
}
