import assert from 'node:assert/strict';
import { applyRuleOverrides, buildCustomRule, type CustomRuleDefinition } from '../../../core/schedule/custom-rule.ts';
import { DEFAULT_RULES } from '../../../core/schedule/default-rules.ts';
import type { ContactRule } from '../../../core/schedule/rule.ts';
import { customer, garage, job, unit } from './garage-builder.ts';
import { due, dueFor } from './run-schedule.ts';

const FIRST_MOT: CustomRuleDefinition = {
  id: 'first-mot',
  contactDue: 'First MOT Reminder',
  type: 'MOT Due',
  trigger: 'unit.firstRegistered',
  years: 3,
  offsetDays: -30,
  windowDays: 21,
  purpose: 'service',
  conditions: 'unit.make = Honda',
};

function build(def: CustomRuleDefinition): ContactRule {
  const built = buildCustomRule(def);
  if (!built.value) assert.fail(JSON.stringify(built.problems));
  return built.value;
}

describe('a custom rule', () => {
  const hondaAndFord = garage({
    units: [
      unit({ make: 'Honda', firstRegistered: '2024-01-10', mileage: 72_000 }),
      unit({ registration: 'XY99ZZZ', make: 'Ford', firstRegistered: '2024-01-10', mileage: 12_000 }),
    ],
  });

  it('fires for the units its conditions select, in its window', () => {
    const rules = [build(FIRST_MOT)];
    assert.deepEqual(due(hondaAndFord, '2026-12-10', { rules }), []);
    const [action, ...others] = due(hondaAndFord, '2026-12-11', { rules });
    assert.deepEqual(others, []);
    assert.equal(action?.actionId, 'first-mot/C1/AB12CDE/2027-01-10');
    assert.equal(action?.contactDue, 'First MOT Reminder');
    assert.equal(action?.type, 'MOT Due');
    assert.equal(action?.reason, 'First registered 10/01/2024 + 3 years');
    assert.equal(action?.template, 'first-mot');
    assert.deepEqual(due(hondaAndFord, '2027-01-02', { rules }).length, 0);
  });

  const conditionCases = [
    { description: 'compares numbers as numbers', conditions: 'unit.mileage > 60,000', expected: ['AB12 CDE'] },
    { description: 'compares text without regard to case', conditions: 'unit.make = ford', expected: ['XY99 ZZZ'] },
    { description: 'excludes with !=', conditions: 'unit.make != Honda', expected: ['XY99 ZZZ'] },
    { description: 'finds words with contains', conditions: ['unit.model contains OCU'], expected: ['AB12 CDE', 'XY99 ZZZ'] },
    { description: 'needs every condition to hold', conditions: 'unit.mileage >= 12000; unit.make = Honda', expected: ['AB12 CDE'] },
    { description: 'compares dates written the UK way', conditions: 'unit.firstRegistered < 01/02/2024', expected: ['AB12 CDE', 'XY99 ZZZ'] },
  ];
  for (const c of conditionCases) {
    it(c.description, () => {
      const rules = [build({ ...FIRST_MOT, conditions: c.conditions })];
      assert.deepEqual(due(hondaAndFord, '2026-12-11', { rules }).map((a) => a.unit), c.expected);
    });
  }

  it('can fire on a job date, once per job', () => {
    const rules = [build({ id: 'tyre-check', contactDue: 'Tyre Check', trigger: 'job.completedDate', offsetDays: 180, windowDays: 14, purpose: 'service', conditions: 'job.description contains tyre' })];
    const g = garage({ units: [unit()], jobs: [job({ completedDate: '2026-05-01', description: 'Four tyres' }), job({ jobNo: 'J2', completedDate: '2026-05-01' })] });
    assert.deepEqual(due(g, '2026-10-28', { rules }).map((a) => a.actionId), ['tyre-check/C1/J1/2026-05-01']);
    assert.equal(rules[0]?.blockDays, 0, 'job-triggered rules do not block');
  });

  it('can fire on every birthday, or on one birthday with years', () => {
    const g = garage({ customers: [customer({ dateOfBirth: '2009-11-20' })] });
    const yearly = build({ id: 'birthday-card', contactDue: 'Card', trigger: 'customer.dateOfBirth', offsetDays: -7, windowDays: 7, purpose: 'marketing' });
    const seventeenth = build({ id: 'learner', contactDue: 'Learner Offer', trigger: 'customer.dateOfBirth', years: 17, offsetDays: -7, windowDays: 7, purpose: 'marketing' });
    assert.deepEqual(due(g, '2026-11-13', { rules: [yearly, seventeenth] }).map((a) => a.actionId), ['birthday-card/C1/-/2026-11-20', 'learner/C1/-/2026-11-20']);
    assert.deepEqual(due(g, '2027-11-13', { rules: [yearly, seventeenth] }).map((a) => a.actionId), ['birthday-card/C1/-/2027-11-20']);
  });

  it('is triggered by the kind of record its column belongs to, named by code or in words, and worded as the built-in rows are', () => {
    const table = [
      { trigger: 'unit.firstRegistered', years: 3, kind: 'unit', wording: 'unit first registered date + 3 years' },
      { trigger: 'job.completedDate', years: 1, kind: 'job', wording: 'job completed date + 1 year' },
      { trigger: 'customer.dateOfBirth', years: 0, kind: 'own', wording: 'customer date of birth' },
      { trigger: 'customer.lastVisit', years: 0, kind: 'own', wording: 'customer last visit' },
      { trigger: 'Unit  MOT due date', years: 0, kind: 'unit', wording: 'unit MOT due date' },
      { trigger: 'unit sale date + 3 years', years: undefined, kind: 'unit', wording: 'unit sale date + 3 years' },
      { trigger: 'job booked date, appointment in the future', years: undefined, kind: 'job', wording: 'job booked date' },
    ];
    for (const c of table) {
      const rule = build({ ...FIRST_MOT, conditions: undefined, trigger: c.trigger, years: c.years });
      assert.deepEqual([rule.trigger.kind, rule.trigger.wording], [c.kind, c.wording], c.trigger);
    }
  });

  it('reads its cells as a sheet gives them: numbers as text, a typographic minus, a channel list', () => {
    const rule = build({ ...FIRST_MOT, offsetDays: '−30', windowDays: '21', years: '3', channelOrder: 'Letter, email', enabled: 'yes', blockDays: '60' });
    assert.deepEqual([rule.offsetDays, rule.windowDays, rule.channelOrder, rule.enabled, rule.blockDays, rule.centre], [-30, 21, ['Letter', 'Email'], true, 60, 'workshop']);
  });

  const invalid: { description: string; def: Partial<CustomRuleDefinition>; expected: { field: string; code: string }[] }[] = [
    { description: 'an unknown trigger column', def: { trigger: 'unit.colour' }, expected: [{ field: 'trigger', code: 'trigger_unknown' }] },
    { description: 'an offset that is not a number', def: { offsetDays: 'soon' }, expected: [{ field: 'offsetDays', code: 'number_invalid' }] },
    { description: 'a negative window', def: { windowDays: -1 }, expected: [{ field: 'windowDays', code: 'number_negative' }] },
    { description: 'an unknown purpose', def: { purpose: 'sales' }, expected: [{ field: 'purpose', code: 'purpose_unknown' }] },
    { description: 'an unknown channel', def: { channelOrder: 'Email, Fax' }, expected: [{ field: 'channelOrder', code: 'channel_unknown' }] },
    { description: 'the id of a default rule', def: { id: 'MOT-1' }, expected: [{ field: 'id', code: 'rule_id_duplicate' }] },
    { description: 'an id with a "/" (it would break the Action ID)', def: { id: 'first/mot' }, expected: [{ field: 'id', code: 'rule_id_invalid' }] },
    { description: 'a condition on an unknown field', def: { conditions: 'unit.colour = red' }, expected: [{ field: 'conditions', code: 'condition_invalid' }] },
    { description: 'a condition comparing a number with words', def: { conditions: 'unit.mileage > lots' }, expected: [{ field: 'conditions', code: 'condition_invalid' }] },
    { description: 'a condition with no operator', def: { conditions: 'Honda only' }, expected: [{ field: 'conditions', code: 'condition_invalid' }] },
    { description: 'a job condition on a unit trigger', def: { conditions: 'job.status = Done' }, expected: [{ field: 'conditions', code: 'condition_invalid' }] },
    {
      description: 'several faults at once, each with its reason',
      def: { id: '', contactDue: '', offsetDays: '', windowDays: 'x' },
      expected: [
        { field: 'id', code: 'rule_id_missing' },
        { field: 'contactDue', code: 'text_missing' },
        { field: 'offsetDays', code: 'number_invalid' },
        { field: 'windowDays', code: 'number_invalid' },
      ],
    },
  ];
  for (const c of invalid) {
    it(`is refused, with its reason, for ${c.description}`, () => {
      const built = buildCustomRule({ ...FIRST_MOT, ...c.def });
      assert.equal(built.value, null, 'expected problems');
      assert.deepEqual(built.problems.map(({ where, code }) => ({ field: where.field, code })), c.expected);
      for (const p of built.problems) assert.ok(p.message.length > 20, p.message);
    });
  }

  it('never throws, even on an empty row', () => {
    const built = buildCustomRule({ id: undefined, contactDue: null, trigger: undefined, offsetDays: undefined, windowDays: undefined, purpose: undefined });
    assert.ok('problems' in built && built.problems.length >= 5);
  });
});

describe('changing the default rules from the Schedule sheet', () => {
  const g = garage({ units: [unit({ motDue: '2027-01-10' })] });

  it('can switch a rule off', () => {
    const { value: rules, problems } = applyRuleOverrides(DEFAULT_RULES, [{ id: 'christmas', enabled: false }]);
    assert.deepEqual(problems, []);
    assert.equal(dueFor('christmas', garage(), '2026-12-10', { rules }).length, 0);
    assert.equal(dueFor('christmas', garage(), '2026-12-10').length, 1, 'the defaults themselves are untouched');
  });

  it('can move the offset and change the channel order, keeping what the rule is about', () => {
    const { value: rules } = applyRuleOverrides(DEFAULT_RULES, [{ id: 'mot-1', offsetDays: -40, channelOrder: ['Letter'] }]);
    const [action] = dueFor('mot-1', g, '2026-12-01', { rules });
    assert.equal(action?.date, '2026-12-01');
    assert.equal(action?.method, 'Letter');
    assert.equal(action?.reason, 'MOT due 10/01/2027');
  });

  it('reads the values as a Schedule row writes them', () => {
    const { value: rules, problems } = applyRuleOverrides(DEFAULT_RULES, [{ id: 'mot-1', channelOrder: ['post', 'TEXT'] as never, enabled: 'no' as never }]);
    assert.deepEqual(problems, []);
    const mot1 = rules.find((r) => r.id === 'mot-1');
    assert.deepEqual([mot1?.channelOrder, mot1?.enabled], [['Letter', 'SMS'], false]);
  });

  it('keeps a rule’s own condition', () => {
    const booked = garage({ units: [unit({ motDue: '2027-01-10' })], jobs: [job({ appointmentDate: '2027-01-08' })] });
    const { value: rules } = applyRuleOverrides(DEFAULT_RULES, [{ id: 'mot-2', windowDays: 10 }]);
    assert.equal(dueFor('mot-2', booked, '2027-01-05', { rules }).length, 0);
  });

  it('reports a change it cannot use and leaves that rule as it was', () => {
    const { value: rules, problems } = applyRuleOverrides(DEFAULT_RULES, [
      { id: 'mot-1', windowDays: -3 },
      { id: 'no-such-rule', enabled: false },
      { id: 'birthday', purpose: 'sales' as 'service' },
    ]);
    assert.deepEqual(
      problems.map(({ where, code }) => ({ ruleId: where.rule, field: where.field, code })),
      [
        { ruleId: 'mot-1', field: 'windowDays', code: 'number_negative' },
        { ruleId: 'no-such-rule', field: 'id', code: 'rule_id_unknown' },
        { ruleId: 'birthday', field: 'purpose', code: 'purpose_unknown' },
      ],
    );
    assert.equal(rules.find((r) => r.id === 'mot-1')?.windowDays, 21);
    assert.equal(dueFor('mot-1', g, '2026-12-13', { rules }).length, 1);
  });
});
