/**
 * The Schedule sheet back into rules. A row whose Rule ID is a built-in rule's changes that
 * rule's settings (a cell that cannot be used is reported and the rule keeps its own value); any
 * other row is a custom rule, built with buildCustomRule. A custom row that cannot be built is
 * reported with every reason and skipped — the other rules still run.
 *
 * @example
 * const schedule = scheduleFromRows(workbook.sheets.get('Schedule'), settings);
 * computeRetention({ …, rules: schedule.rules });
 * workbookPlan({ …, schedule });
 */
import { placeOf, type Problem, type Result } from '../../problems.ts';
import { applyRuleOverrides, buildCustomRule, type CustomRuleDefinition, type RuleOverride } from '../../schedule/custom-rule.ts';
import { defaultRules } from '../../schedule/default-rules.ts';
import type { ContactRule } from '../../schedule/rule.ts';
import {
  readCentre,
  readChannelOrder,
  readFlag,
  readPurpose,
  readWholeNumber,
  type Cell,
  type RuleRead,
} from '../../schedule/rule-settings-check.ts';
import type { GarageSettings } from '../../settings.ts';
import { BUILT_IN_RULE_IDS, SCHEDULE_COLUMNS, type ScheduleInput } from '../sheets/schedule.ts';
import { cellText, isBlankCell, isBlankRow, SheetReader, type SheetCell, type SheetTable } from '../sheet-table.ts';

type Field = keyof CustomRuleDefinition;

const HEADER: Record<string, string> = Object.fromEntries(SCHEDULE_COLUMNS.map((c) => [c.key, c.header]));
const FIELDS: readonly Field[] = ['id', 'contactDue', 'type', 'centre', 'trigger', 'years', 'offsetDays', 'windowDays', 'purpose', 'channelOrder', 'template', 'conditions', 'blockDays', 'enabled'];
const BUILT_IN_BY_LOWER = new Map([...BUILT_IN_RULE_IDS].map((id) => [id.toLowerCase(), id]));

export interface ScheduleDefinitions {
  /** Changes to built-in rules, one per built-in row. */
  overrides: RuleOverride[];
  /** Custom rows, as written. */
  custom: CustomRuleDefinition[];
  /** The sheet row index of each custom definition, for addressing its problems. */
  customRows: number[];
}

function toCell(cell: SheetCell): Cell {
  return typeof cell === 'string' ? cell.trim() : cell;
}

/** Reads the sheet's rows into built-in overrides and custom definitions; builds nothing yet. Problems: cells of built-in rows that could not be used. */
export function scheduleDefinitionsFromRows(table: SheetTable): Result<ScheduleDefinitions> {
  const reader = new SheetReader(table, 'rule');
  const result: ScheduleDefinitions = { overrides: [], custom: [], customRows: [] };
  const problems = [...reader.unwritable, ...reader.missingHeaders([HEADER.id!])];
  if (problems.some((p) => p.code === 'header_missing')) return { value: result, problems };
  const colOf = Object.fromEntries(FIELDS.map((f) => [f, reader.column(HEADER[f]!)])) as Record<Field, number>;
  const seenBuiltIn = new Set<string>();

  table.rows.forEach((row, r) => {
    if (isBlankRow(row)) return;
    const get = (field: Field): SheetCell => reader.cell(r, colOf[field]);
    const builtIn = BUILT_IN_BY_LOWER.get(cellText(get('id')).toLowerCase());
    if (!builtIn) {
      const def: CustomRuleDefinition = { id: toCell(get('id')), contactDue: toCell(get('contactDue')), trigger: toCell(get('trigger')), offsetDays: toCell(get('offsetDays')), windowDays: toCell(get('windowDays')), purpose: toCell(get('purpose')) };
      for (const f of ['type', 'centre', 'years', 'channelOrder', 'template', 'conditions', 'blockDays', 'enabled'] as const) {
        if (colOf[f] >= 0) def[f] = toCell(get(f));
      }
      result.custom.push(def);
      result.customRows.push(r);
      return;
    }
    const problem = (field: Field, code: Problem['code'], message: string, action: string) => {
      const found = reader.problem(r, colOf[field], code, message, action);
      problems.push({ ...found, where: { ...found.where, rule: builtIn, field } });
    };
    if (seenBuiltIn.has(builtIn)) {
      problem('id', 'rule_listed_twice', `${builtIn} is listed twice; this row was ignored.`, 'row ignored');
      return;
    }
    seenBuiltIn.add(builtIn);
    if (!isBlankCell(get('conditions'))) {
      problem('conditions', 'condition_invalid', `Built-in rules take no conditions; add a custom rule with its own Rule ID instead. ${builtIn} runs without them.`, 'conditions ignored');
    }
    const override: RuleOverride = { id: builtIn };
    const take = <K extends keyof RuleOverride>(field: K & Field, read: (cell: Cell) => RuleRead<RuleOverride[K]>) => {
      const cell = get(field);
      if (isBlankCell(cell)) return;
      const value = read(toCell(cell));
      if ('problem' in value) problem(field, value.problem.code, `${value.problem.message} ${builtIn} keeps its own setting.`, 'rule’s own setting kept');
      else override[field] = value.value;
    };
    const text = (cell: Cell): RuleRead<string> => ({ value: String(cell) });
    take('contactDue', text);
    take('type', text);
    take('template', text);
    take('centre', (c) => readCentre(c));
    take('offsetDays', (c) => readWholeNumber(c, 'offsetDays', 'Offset'));
    take('windowDays', (c) => readWholeNumber(c, 'windowDays', 'Window', 0));
    take('purpose', (c) => readPurpose(c));
    take('channelOrder', (c) => readChannelOrder(c));
    take('blockDays', (c) => readWholeNumber(c, 'blockDays', 'Block days', 0));
    take('enabled', (c) => readFlag(c, 'enabled', 'Enabled'));
    result.overrides.push(override);
  });
  return { value: result, problems };
}

/**
 * The rules in force from the Schedule sheet: the built-in rules for these settings with the
 * sheet's changes, then every custom rule that could be built; plus every problem, by row (also
 * on the ScheduleInput, which shows each beside its rule).
 */
export function scheduleFromRows(table: SheetTable, settings: GarageSettings): Result<ScheduleInput> {
  const { value: defs, problems } = scheduleDefinitionsFromRows(table);
  // Only for addresses: the definitions were read (and their text made writable) above.
  const reader = new SheetReader(table, 'rule');
  const { value: withOverrides, problems: overrideProblems } = applyRuleOverrides(defaultRules(settings), defs.overrides);
  // Overrides were read cell by cell above, so only a programming slip could get here.
  for (const p of overrideProblems) problems.push({ ...p, where: { ...p.where, sheet: table.sheet } });

  const rules: ContactRule[] = [...withOverrides];
  const taken = rules.map((r) => r.id);
  defs.custom.forEach((def, i) => {
    const built = buildCustomRule(def, taken);
    const r = defs.customRows[i]!;
    if (built.value) {
      rules.push(built.value);
      taken.push(built.value.id);
      return;
    }
    const ruleId = cellText(def.id as SheetCell);
    for (const p of built.problems) {
      const field = p.where.field ?? 'id';
      const found = reader.problem(r, reader.column(HEADER[field] ?? HEADER.id!), p.code, `${p.message} The rule ${ruleId ? `"${ruleId}" ` : ''}was skipped.`, p.action);
      problems.push({ ...found, where: placeOf({ ...found.where, rule: ruleId, customRule: i, field }) });
    }
  });
  return { value: { rules, custom: defs.custom, problems }, problems };
}
