/**
 * The table every rule's test feeds its window cases to: due on the first and last day of the
 * window and not the day either side, named the SPEC way, its trigger worded as the Schedule
 * sheet shows it.
 */
import assert from 'node:assert/strict';
import { addDays } from '../../../../core/calendar.ts';
import type { GarageIndex } from '../../../../core/garage-index.ts';
import { DEFAULT_RULES } from '../../../../core/schedule/default-rules.ts';
import { garage, unit } from '../garage-builder.ts';
import { dueFor } from '../run-schedule.ts';

export interface WindowCase {
  description: string;
  ruleId: string;
  /** The rule's trigger as the Schedule sheet words it. */
  wording: string;
  garage: () => GarageIndex;
  /** First and last day the action is due. */
  firstDay: string;
  lastDay: string;
  expected: { triggerDate: string; contactDue: string; type: string; reason: string; unit: string; job: string; purpose: 'service' | 'marketing'; subject?: string };
}

/** A garage of one customer with one unit, as `overrides` describe it. */
export const onlyUnit = (overrides: Parameters<typeof unit>[0]) => () => garage({ units: [unit(overrides)] });

export function windowTable(cases: readonly WindowCase[]): void {
  for (const c of cases) {
    describe(c.description, () => {
      const g = c.garage();
      const checks: [string, string, boolean][] = [
        ['the day before the window', addDays(c.firstDay, -1), false],
        ['the first day of the window', c.firstDay, true],
        ['the last day of the window', c.lastDay, true],
        ['the day after the window', addDays(c.lastDay, 1), false],
      ];
      for (const [when, day, isDue] of checks) {
        it(`${isDue ? 'is' : 'is not'} due on ${when} (${day})`, () => {
          // The rule alone: where a later stage replaces it on its last day, that is the later stage's test.
          const found = dueFor(c.ruleId, g, day, { rules: DEFAULT_RULES.filter((r) => r.id === c.ruleId) });
          assert.equal(found.length, isDue ? 1 : 0, JSON.stringify(found));
        });
      }

      it('words its trigger as the Schedule sheet shows it', () => {
        assert.equal(DEFAULT_RULES.find((r) => r.id === c.ruleId)?.trigger.wording, c.wording);
      });

      it('names the contact, the reason and the action the SPEC way', () => {
        const [action] = dueFor(c.ruleId, g, c.firstDay);
        assert.ok(action);
        const subject = c.expected.subject ?? (c.expected.job || (c.expected.unit && c.ruleId !== 'drifting' ? c.expected.unit.replace(' ', '') : '-'));
        assert.deepEqual(
          {
            actionId: action.actionId,
            date: action.date,
            triggerDate: action.triggerDate,
            contactDue: action.contactDue,
            type: action.type,
            reason: action.reason,
            unit: action.unit,
            job: action.job,
            purpose: action.purpose,
            template: action.template,
            code: action.code,
            name: action.name,
          },
          {
            actionId: `${c.ruleId}/C1/${subject}/${c.expected.triggerDate}`,
            date: c.firstDay,
            triggerDate: c.expected.triggerDate,
            contactDue: c.expected.contactDue,
            type: c.expected.type,
            reason: c.expected.reason,
            unit: c.expected.unit,
            job: c.expected.job,
            purpose: c.expected.purpose,
            template: c.ruleId,
            code: 'C1',
            name: 'Mrs Jane Smith',
          },
        );
      });
    });
  }
}
