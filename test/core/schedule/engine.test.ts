import assert from 'node:assert/strict';
import type { GarageIndex } from '../../../core/garage-index.ts';
import { blockKeyOf } from '../../../core/schedule/contact-log-index.ts';
import { DEFAULT_RULES } from '../../../core/schedule/default-rules.ts';
import { occasion } from '../../../core/schedule/occasions.ts';
import type { ContactRule, Occasion } from '../../../core/schedule/rule.ts';
import type { DueAction } from '../../../core/results.ts';
import { customer, garage, unit } from './garage-builder.ts';
import { largeGarage } from './large-garage.ts';
import { due } from './run-schedule.ts';

/** A rule the engine has never heard of: one occasion per customer on a fixed trigger date. */
function fixedRule(overrides: Omit<Partial<ContactRule>, 'trigger'> & { on: string }): ContactRule {
  const { on, ...rest } = overrides;
  return {
    id: 'visit-us',
    contactDue: 'Visit Us',
    type: 'Invitation',
    centre: 'customer',
    offsetDays: 0,
    windowDays: 5,
    purpose: 'service',
    channelOrder: null,
    blockDays: null,
    template: 'visit-us',
    enabled: true,
    trigger: { kind: 'own', wording: 'a fixed date', occasions: (g: GarageIndex): Occasion[] => g.customers.map((c) => occasion(c, null, null, '-', on, () => 'Come and see us')) },
    ...rest,
  };
}

describe('the engine', () => {
  it('lists the default rules in the SPEC’s order, with its names', () => {
    assert.deepEqual(
      DEFAULT_RULES.map((r) => r.id),
      ['mot-1', 'mot-2', 'service-1', 'service-2', 'combined', 'job-confirmation', 'appointment', 'job-thanks', 'advisory', 'sale-thanks', 'sale-year-1', 'sale-year-2', 'sale-year-3', 'sale-year-4', 'warranty', 'finance-end', 'birthday', 'christmas', 'drifting'],
    );
    assert.deepEqual(
      DEFAULT_RULES.filter((r) => r.blockDays === 0).map((r) => r.id),
      ['job-confirmation', 'appointment', 'job-thanks'],
    );
  });

  it('runs any rule it is given, the same way', () => {
    const rules = [fixedRule({ on: '2026-11-10' })];
    assert.deepEqual(due(garage(), '2026-11-15', { rules }).map((a) => [a.actionId, a.reason, a.method]), [['visit-us/C1/-/2026-11-10', 'Come and see us', 'Email']]);
    assert.deepEqual(due(garage(), '2026-11-16', { rules }), []);
  });

  it('skips a disabled rule', () => {
    assert.deepEqual(due(garage(), '2026-11-10', { rules: [fixedRule({ on: '2026-11-10', enabled: false })] }), []);
  });

  it('skips a rule whose window is negative rather than failing', () => {
    assert.deepEqual(due(garage(), '2026-11-10', { rules: [fixedRule({ on: '2026-11-10', windowDays: -1 })] }), []);
  });

  it('asks a rule’s condition only about occasions inside their window', () => {
    const asked: string[] = [];
    const rule: ContactRule = {
      ...fixedRule({ on: '' }),
      trigger: { kind: 'own', wording: 'three dates', occasions: (g) => ['2026-01-01', '2026-11-10', '2027-06-01'].map((d) => occasion(g.customers[0]!, null, null, d, d, () => '')) },
      holds: (o) => {
        asked.push(o.triggerDate);
        return true;
      },
    };
    assert.equal(due(garage(), '2026-11-12', { rules: [rule] }).length, 1);
    assert.deepEqual(asked, ['2026-11-10']);
  });

  it('sorts by contact date, then customer code, then contact due', () => {
    const g = garage({
      customers: [customer({ code: 'C2' }), customer({ code: 'C1' })],
      units: [
        unit({ registration: 'AA11AAA', customerCode: 'C2', motDue: '2027-01-10', saleDate: '2026-12-10' }),
        unit({ registration: 'BB22BBB', customerCode: 'C1', motDue: '2027-01-11', warrantyEnd: '2027-01-13', financeEnd: '2027-03-14' }),
      ],
    });
    assert.deepEqual(
      due(g, '2026-12-14').map((a) => [a.date, a.code, a.contactDue]),
      [
        ['2026-11-14', 'C1', 'Warranty Expiry Reminder'],
        ['2026-12-04', 'C1', 'Christmas Greetings'],
        ['2026-12-04', 'C2', 'Christmas Greetings'],
        ['2026-12-12', 'C2', 'Thank You for Buying'],
        ['2026-12-13', 'C2', 'MOT Reminder'],
        ['2026-12-14', 'C1', 'Finance End Contact'],
        ['2026-12-14', 'C1', 'MOT Reminder'],
      ],
    );
  });
});

describe('the engine with every rule at once', function () {
  this.timeout(20_000);

  it('finds for each rule exactly what that rule finds run alone, in the same order, less the earlier stages a later one replaced', () => {
    // The per-unit and per-job rules share one pass over the units and one over the jobs.
    const g = largeGarage('2026-11-16', { customers: 4_000, units: 5_600, jobs: 14_000, advisories: 2_400 });
    let replacedSeen = 0;
    for (const asOf of ['2026-11-16', '2026-12-10', '2027-02-27']) {
      const together = due(g, asOf);
      assert.ok(together.length > 500, `${together.length} actions on ${asOf}`);
      const alone = DEFAULT_RULES.flatMap((rule) => due(g, asOf, { rules: [rule] }));
      // rule/customer/subject of each earlier stage whose later stage is due the same day.
      const replaced = new Set(
        alone.flatMap((a) => {
          const subject = blockKeyOf(a.actionId)!.slice(a.ruleId.length + 1);
          return (DEFAULT_RULES.find((r) => r.id === a.ruleId)?.supersedes ?? []).map((earlier) => `${earlier}/${subject}`);
        }),
      );
      const kept = (actions: DueAction[]) => actions.filter((a) => !replaced.has(blockKeyOf(a.actionId)!));
      replacedSeen += alone.length - kept(alone).length;
      const byId = (actions: DueAction[]) => new Map(actions.map((a) => [a.actionId, a]));
      assert.deepEqual(byId(together), byId(kept(alone)), asOf);
      for (const rule of DEFAULT_RULES) {
        assert.deepEqual(together.filter((a) => a.ruleId === rule.id), kept(due(g, asOf, { rules: [rule] })), `${rule.id} on ${asOf}`);
      }
    }
    assert.ok(replacedSeen > 0, 'some earlier stage was replaced, so the check means something');
  });
});
