import assert from 'node:assert/strict';
import { displayRegistration, displayTo } from '../../../core/workbook/display.ts';
import { samplePlan, sampleRetention } from './sample-garage.ts';

describe('how numbers and plates read on a sheet', () => {
  const cases: { description: string; input: string; expected: string; show: (s: string) => string }[] = [
    { description: 'shows a UK mobile kept as E.164 in UK spelling', input: '+447794194322', expected: '07794 194322', show: displayTo },
    { description: 'shows a UK landline kept as E.164 in UK spelling', input: '+441625431234', expected: '01625 431234', show: displayTo },
    { description: 'leaves an email as it is', input: 'jane@example.com', expected: 'jane@example.com', show: displayTo },
    { description: 'leaves a letter address as it is', input: '12 High Street, Macclesfield, SK10 4AB', expected: '12 High Street, Macclesfield, SK10 4AB', show: displayTo },
    { description: 'spaces a current plate 4 + 3', input: 'MA66RMB', expected: 'MA66 RMB', show: displayRegistration },
    { description: 'spaces a prefix plate before its last three letters', input: 'A123BCD', expected: 'A123 BCD', show: displayRegistration },
    { description: 'spaces a suffix plate after its first three letters', input: 'ABC123D', expected: 'ABC 123D', show: displayRegistration },
    { description: 'spaces a dateless plate between letters and digits', input: 'ABC1234', expected: 'ABC 1234', show: displayRegistration },
    { description: 'leaves a plate already spaced as it is', input: 'MA66 RMB', expected: 'MA66 RMB', show: displayRegistration },
    { description: 'leaves something of no UK style as it is', input: 'TRADE1X2', expected: 'TRADE1X2', show: displayRegistration },
  ];
  for (const c of cases) it(c.description, () => assert.equal(c.show(c.input), c.expected));
});

describe('the sample workbook as the garage reads it', () => {
  const plan = samplePlan();
  const column = (sheet: string, key: string) => {
    const t = plan.sheets.find((s) => s.name === sheet)!.table;
    const i = t.columns.findIndex((c) => c.key === key);
    return t.rows.map((r) => r[i]);
  };

  it('shows a text’s number on Due Actions in UK spelling, while the action keeps its E.164 for the sender', () => {
    const retention = sampleRetention();
    const [first] = retention.dueActions;
    const sms = { ...first!, method: 'SMS' as const, to: '+447794194322', unit: 'MA66RMB' };
    const due = samplePlan({ retention: { ...retention, dueActions: [sms] } }).sheets[0]!.table;
    const row = due.rows[0]!;
    assert.equal(row[due.columns.findIndex((c) => c.key === 'to')], '07794 194322');
    assert.equal(row[due.columns.findIndex((c) => c.key === 'unit')], 'MA66 RMB');
    assert.equal(sms.to, '+447794194322');
  });

  it('shows a number on the Contact Log in UK spelling', () => {
    const entry = { actionId: 'mot-1/C1/AB12CDE/2026-12-10', sentAt: '2026-11-10', customerCode: 'C1', contactDue: 'MOT Reminder', method: 'SMS' as const, to: '+447794194322', status: 'sent' as const, reference: 'r1', by: 'Sam' };
    const log = samplePlan({ contactLog: [entry] }).sheets.find((s) => s.name === 'Contact Log')!.table;
    assert.equal(log.rows[0]![log.columns.findIndex((c) => c.key === 'to')], '07794 194322');
  });

  it('writes the Settings numbers as numbers, not as text', () => {
    const t = plan.sheets.find((s) => s.name === 'Settings')!.table;
    const blockDays = t.rows.find((r) => r[0] === 'Block days')!;
    assert.equal(blockDays[1], 120);
  });

  it('shows a booking’s registration with its space when the units export does not know it', () => {
    assert.ok(column('Bookings', 'unit').every((u) => typeof u !== 'string' || !/^[A-Z]{2}\d{2}[A-Z]{3}$/.test(u)), String(column('Bookings', 'unit')));
  });
});
