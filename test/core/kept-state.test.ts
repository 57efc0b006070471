import assert from 'node:assert/strict';
import { freshState, keptStateFromSheets, skippedEntries, withLapsedMarks } from '../../core/kept-state.ts';
import type { DueAction } from '../../core/results.ts';
import type { DueEdit, SheetTable } from '../../core/workbook/index.ts';

function action(actionId: string): DueAction {
  return {
    actionId, ruleId: 'mot-1', date: '2026-11-10', triggerDate: '2026-12-08', code: 'C1', name: 'Mrs Jane Smith', type: 'MOT Due',
    contactDue: 'MOT Reminder', purpose: 'service', method: 'Email', to: 'jane@example.com', allowedMethods: ['Email', 'SMS', 'Letter'],
    addresses: { Email: 'jane@example.com', SMS: '+447700900123' },
    unit: 'AB12 CDE', job: '', reason: '', template: 'mot-1',
  };
}

const edit = (approve: DueEdit['approve'], method: DueEdit['method'] = null): DueEdit => ({ approve, method, status: '', sentAt: null, reference: '' });

function sheet(name: string, headers: string[], rows: (string | number | null)[][] = []): SheetTable {
  return { sheet: name, headers, rows };
}

describe('the state a garage keeps in its workbook', () => {
  it('logs a Skip as skipped, by the person building, with the method they chose and its address', () => {
    const edits = new Map([['a1', edit('Skip', 'SMS')], ['a2', edit('Hold')], ['a3', edit('Yes')]]);
    const entries = skippedEntries([action('a1'), action('a2'), action('a3')], edits, '2026-11-16', 'Sarah Whitfield');
    assert.deepEqual(entries.map((e) => [e.actionId, e.status, e.method, e.to, e.sentAt, e.by]), [['a1', 'skipped', 'SMS', '+447700900123', '2026-11-16', 'Sarah Whitfield']]);
  });

  it('logs a Skip whose chosen method has no address with the method and address the row went by', () => {
    // Jane has no postal address on file: Letter cannot stand.
    const entries = skippedEntries([action('a1')], new Map([['a1', edit('Skip', 'Letter')]]), '2026-11-16', 'Sarah Whitfield');
    assert.deepEqual(entries.map((e) => [e.method, e.to]), [['Email', 'jane@example.com']]);
  });

  const marksCases: { description: string; more: string; expected: string[] }[] = [
    { description: 'keeps a customer’s mark when they are marked again on the same day', more: '2025-03-01', expected: ['2025-03-01'] },
    { description: 'keeps a customer’s mark and adds none dated before it', more: '2025-01-01', expected: ['2025-03-01'] },
    { description: 'adds a later mark beside the first (lapsed again after coming back), keeping the first as history', more: '2026-11-16', expected: ['2025-03-01', '2026-11-16'] },
  ];
  for (const c of marksCases) {
    it(c.description, () => {
      const marks = withLapsedMarks([{ customerCode: 'C1', markedAt: '2025-03-01', by: 'Sam' }], [{ customerCode: 'C1', markedAt: c.more, by: 'Ann' }]);
      assert.deepEqual(marks.map((m) => m.markedAt), c.expected);
    });
  }

  it('starts a new workbook with nothing sent and nobody lapsed', () => {
    const state = freshState();
    assert.deepEqual([state.contactLog.length, state.lapsedMarks.length, state.schedule.rules.length > 0], [0, 0, true]);
  });

  it('says which kept sheet is missing instead of reading on', () => {
    const read = keptStateFromSheets(new Map([['Settings', sheet('Settings', ['Setting', 'Value'])]]), '2026-11-16', '');
    assert.ok('damage' in read);
    assert.ok(read.damage.some((d) => d.includes('"Contact Log"')));
    assert.ok(read.damage.some((d) => d.includes('"Lapsed"')));
  });
});
