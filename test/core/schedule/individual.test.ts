import assert from 'node:assert/strict';
import { individualAction, individualContactDues, individualMethods, type IndividualProcess } from '../../../core/index.ts';
import type { Customer, Unit } from '../../../core/records.ts';
import { DEFAULT_RULES } from '../../../core/schedule/default-rules.ts';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import { customer, garage, job, unit } from './garage-builder.ts';
import { dueFor } from './run-schedule.ts';

const AS_OF = '2026-11-16';

function process(who: Partial<Customer> = {}, options: { units?: Unit[]; lapsed?: string[]; rules?: IndividualProcess['rules'] } = {}): IndividualProcess {
  return {
    garage: garage({ customers: [customer(who)], units: options.units ?? [unit({ motDue: '2026-12-12' })], jobs: [job({ jobNo: 'J7', completedDate: '2026-11-10', status: 'Complete' })] }),
    rules: options.rules ?? DEFAULT_RULES,
    settings: DEFAULT_SETTINGS,
    lapsed: new Set(options.lapsed ?? []),
    asOf: AS_OF,
  };
}

describe('the individual process: one contact chosen by hand', () => {
  it('makes the same action the schedule makes for the same occasion, so sending it settles the regular one', () => {
    const chosen = individualAction(process(), { customerCode: 'C1', contactDue: 'MOT Reminder', method: 'Email' });
    assert.ok('action' in chosen, JSON.stringify(chosen));
    const [scheduled] = dueFor('mot-1', process().garage, AS_OF);
    assert.ok(scheduled);
    assert.equal(chosen.action.actionId, scheduled.actionId);
    assert.deepEqual({ ...chosen.action, date: scheduled.date }, scheduled);
  });

  it('is dated today, with the occasion’s own trigger date, even outside the rule’s window', () => {
    const chosen = individualAction(process({}, { units: [unit({ motDue: '2027-03-01' })] }), { customerCode: 'C1', contactDue: 'MOT Reminder', method: 'SMS' });
    assert.ok('action' in chosen);
    assert.deepEqual(
      { actionId: chosen.action.actionId, date: chosen.action.date, method: chosen.action.method, to: chosen.action.to, unit: chosen.action.unit, reason: chosen.action.reason },
      { actionId: 'mot-1/C1/AB12CDE/2027-03-01', date: AS_OF, method: 'SMS', to: '+447700900123', unit: 'AB12 CDE', reason: 'MOT due 01/03/2027' },
    );
  });

  it('is about the vehicle asked for when the customer has several', () => {
    const p = process({}, { units: [unit({ motDue: '2026-12-12' }), unit({ registration: 'XY66ZZZ', motDue: '2027-06-01' })] });
    const chosen = individualAction(p, { customerCode: 'C1', contactDue: 'MOT Reminder', method: 'Email', subject: 'XY66ZZZ' });
    assert.ok('action' in chosen);
    assert.equal(chosen.action.actionId, 'mot-1/C1/XY66ZZZ/2027-06-01');
  });

  it('is about a job for a job’s contact due', () => {
    const chosen = individualAction(process(), { customerCode: 'C1', contactDue: 'Workshop Thank You', method: 'Letter' });
    assert.ok('action' in chosen);
    assert.deepEqual([chosen.action.actionId, chosen.action.job, chosen.action.to], ['job-thanks/C1/J7/2026-11-10', 'J7', '12 High Street, Macclesfield, SK10 4AB']);
  });

  const refusals: { description: string; who?: Partial<Customer>; lapsed?: string[]; units?: Unit[]; contactDue: string; method: 'Email' | 'SMS' | 'Letter'; said: RegExp }[] = [
    { description: 'by email to a customer who opted out of email', who: { noEmail: true }, contactDue: 'MOT Reminder', method: 'Email', said: /Not sent by Email: Mrs Jane Smith opted out of email/ },
    { description: 'a marketing text without text-message marketing consent', who: { smsMarketing: false }, contactDue: 'Christmas Greetings', method: 'SMS', said: /gave no consent to marketing by text message, and the Christmas Greetings is marketing/ },
    { description: 'by email with no valid email address', who: { email: '' }, contactDue: 'MOT Reminder', method: 'Email', said: /has no valid email address on record/ },
    { description: 'anything to a customer marked do not contact', who: { doNotContact: true }, contactDue: 'MOT Reminder', method: 'Letter', said: /is marked do not contact: nobody contacts them/ },
    { description: 'anything to a customer marked lapsed', lapsed: ['C1'], contactDue: 'MOT Reminder', method: 'Letter', said: /is marked lapsed/ },
    { description: 'a vehicle reminder to a customer with no vehicle', units: [], contactDue: 'MOT Reminder', method: 'Email', said: /has no vehicle in the exports that a MOT Reminder could be about/ },
    { description: 'an MOT reminder for a vehicle with no MOT date', units: [unit({ motDue: null })], contactDue: 'MOT Reminder', method: 'Email', said: /AB12 CDE has no unit MOT due date in the exports/ },
    { description: 'a contact due the schedule does not have', contactDue: 'Anniversary Card', method: 'Email', said: /The schedule has no Anniversary Card switched on/ },
  ];
  for (const c of refusals) {
    it(`refuses, in words, ${c.description}`, () => {
      const chosen = individualAction(process(c.who, { lapsed: c.lapsed, units: c.units }), { customerCode: 'C1', contactDue: c.contactDue, method: c.method });
      assert.ok('refused' in chosen, JSON.stringify(chosen));
      assert.match(chosen.refused, c.said);
    });
  }

  it('refuses a customer the exports do not hold', () => {
    const chosen = individualAction(process(), { customerCode: 'C404', contactDue: 'MOT Reminder', method: 'Email' });
    assert.ok('refused' in chosen);
    assert.match(chosen.refused, /no customer C404 in the exports loaded/);
  });

  it('refuses a method the rule is not set to use', () => {
    const rules = DEFAULT_RULES.map((r) => (r.id === 'mot-1' ? { ...r, channelOrder: ['Letter' as const] } : r));
    const chosen = individualAction(process({}, { rules }), { customerCode: 'C1', contactDue: 'MOT Reminder', method: 'Email' });
    assert.ok('refused' in chosen);
    assert.match(chosen.refused, /goes only by Letter \(Schedule sheet\)/);
  });
});

describe('what the individual process offers for a customer', () => {
  it('lists each method, with the reason beside a method the customer cannot be sent', () => {
    assert.deepEqual(individualMethods(process({ noSms: true }), 'C1', 'MOT Reminder'), [
      { method: 'Email', to: 'jane@example.com', refusal: null },
      { method: 'SMS', to: '', refusal: 'Mrs Jane Smith opted out of text messages' },
      { method: 'Letter', to: '12 High Street, Macclesfield, SK10 4AB', refusal: null },
    ]);
  });

  it('lists every contact due of the schedule once, each with what it could be about', () => {
    const dues = individualContactDues(process(), 'C1');
    assert.equal(dues.length, new Set(DEFAULT_RULES.map((r) => r.contactDue)).size);
    const mot = dues.find((d) => d.contactDue === 'MOT Reminder');
    assert.deepEqual(mot?.subjects, [{ subject: 'AB12CDE', label: 'AB12 CDE — MOT due 12/12/2026', refusal: null }]);
    const christmas = dues.find((d) => d.contactDue === 'Christmas Greetings');
    assert.deepEqual(christmas?.subjects.map((s) => s.label), ['Christmas 2026']);
    const advisory = dues.find((d) => d.contactDue === 'Advisory Work Reminder');
    assert.deepEqual([advisory?.subjects, advisory?.refusal], [[], 'Mrs Jane Smith has no occasion in the exports that a Advisory Work Reminder could be about']);
  });

  it('offers nothing for a customer the exports do not hold', () => assert.deepEqual(individualContactDues(process(), 'C404'), []));
});
