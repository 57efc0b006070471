import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import {
  contactLogFromSheet,
  dueEditsFromRows,
  lapsedMarksFromRows,
  lapsingMarksFromRows,
  scheduleDefinitionsFromRows,
  scheduleFromRows,
  settingsFromRows,
  type SheetTable,
} from '../../../core/workbook/index.ts';
import { contactLogSheet } from '../../../core/workbook/sheets/contact-log.ts';
import { scheduleSheet } from '../../../core/workbook/sheets/schedule.ts';
import { settingsSheet } from '../../../core/workbook/sheets/settings.ts';
import type { PlanSheet } from '../../../core/workbook/plan.ts';
import { AS_OF } from './sample-garage.ts';

/** A plan sheet as a workbook would give it back: header row, then the rows. */
function asRead(sheet: PlanSheet): SheetTable {
  return { sheet: sheet.name, headers: sheet.table.columns.map((c) => c.header), rows: sheet.table.rows };
}

function settingsTable(rows: (string | number | null)[][]): SheetTable {
  return { sheet: 'Settings', headers: ['Setting', 'Value', 'About'], rows };
}

describe('reading the Settings sheet', () => {
  it('reads back exactly the settings it was written from', () => {
    const settings = { ...DEFAULT_SETTINGS, garageName: 'Hilltop Motors', lapsingMonths: 18, requiredAuditItems: ['email' as const, 'postcode' as const], channelOrder: ['Letter' as const, 'SMS' as const], headerMappings: { 'Acct Ref': 'code' } };
    const read = settingsFromRows(asRead(settingsSheet(settings)));
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.value, settings);
  });

  it('reports a value that is not a whole number with its cell, and keeps the current value', () => {
    const rows = settingsSheet(DEFAULT_SETTINGS).table.rows.map((r) => [...r] as (string | number | null)[]);
    const blockDays = rows.findIndex((r) => r[0] === 'Block days');
    rows[blockDays]![1] = 'abc';
    const read = settingsFromRows(settingsTable(rows));
    assert.equal(read.value.blockDays, DEFAULT_SETTINGS.blockDays);
    assert.equal(read.problems.length, 1);
    const [problem] = read.problems;
    assert.equal(problem?.where.address, `B${blockDays + 2}`);
    assert.equal(problem?.message, `Settings!B${blockDays + 2}: 'abc' is not a whole number of days; 120 kept.`);
    assert.equal(problem?.code, 'number_invalid');
  });

  it('takes a number Excel stored as a number, and a label in any case', () => {
    const read = settingsFromRows(settingsTable([['DRIFTING AFTER (MONTHS)', 14, null]]));
    assert.deepEqual(read.problems, []);
    assert.equal(read.value.driftingMonths, 14);
  });

  it('reports a setting it does not know, and an unknown audit item, each at its own cell', () => {
    const read = settingsFromRows(settingsTable([['Favourite colour', 'blue', null], ['Required audit items', 'Email, Shoe size', null]]));
    assert.deepEqual(
      read.problems.map((p) => [p.where.address, p.code]),
      [
        ['A2', 'setting_unknown'],
        ['B3', 'list_item_unknown'],
      ],
    );
    assert.deepEqual(read.value.requiredAuditItems, DEFAULT_SETTINGS.requiredAuditItems);
  });

  it('refuses a lapsing threshold that is not after the drifting one', () => {
    const read = settingsFromRows(settingsTable([['Drifting after (months)', 15, null], ['Lapsing after (months)', 12, null]]));
    assert.equal(read.value.lapsingMonths, 16);
    assert.equal(read.value.driftingMonths, 15);
    assert.match(read.problems[0]?.message ?? '', /^Settings!B3: Lapsing after \(months\) \(12\) must be more than 15/);
  });

  it('reports a sheet without a Value column instead of throwing', () => {
    const read = settingsFromRows({ sheet: 'Settings', headers: ['Setting'], rows: [['Block days']] });
    assert.equal(read.problems[0]?.code, 'header_missing');
    assert.deepEqual(read.value, DEFAULT_SETTINGS);
  });

  it('uses the addresses the workbook reader gives when rows were skipped', () => {
    const read = settingsFromRows({ ...settingsTable([['Block days', 'lots', null]]), cellAddress: (r, c) => `${'ABC'[c]}${r + 9}` });
    assert.match(read.problems[0]?.message ?? '', /^Settings!B9: /);
  });
});

describe('reading the Schedule sheet', () => {
  const written = asRead(scheduleSheet({ rules: scheduleFromRows({ sheet: 'Schedule', headers: ['Rule ID'], rows: [] }, DEFAULT_SETTINGS).value.rules, custom: [], problems: [] }));
  const headers = written.headers;
  const at = (header: string) => headers.indexOf(header);

  function withRows(...extra: (string | number | null)[][]): SheetTable {
    return { ...written, rows: [...written.rows, ...extra] };
  }

  function customRow(cells: Record<string, string | number>): (string | number | null)[] {
    const row: (string | number | null)[] = headers.map(() => null);
    for (const [h, v] of Object.entries(cells)) row[at(h)] = v;
    return row;
  }

  it('reads back the default schedule unchanged', () => {
    const read = scheduleFromRows(written, DEFAULT_SETTINGS);
    assert.deepEqual(read.problems, []);
    assert.equal(read.value.rules.length, 19);
    assert.deepEqual(read.value.rules.map((r) => [r.id, r.offsetDays, r.windowDays, r.enabled]).slice(0, 2), [
      ['mot-1', -28, 21, true],
      ['mot-2', -7, 7, true],
    ]);
  });

  it("applies the garage's change to a built-in rule: Christmas switched off, MOT reminder 35 days ahead", () => {
    const rows = written.rows.map((r) => [...r]);
    rows.find((r) => r[0] === 'christmas')![at('Enabled')] = 'No';
    rows.find((r) => r[0] === 'mot-1')![at('Offset (days)')] = '-35';
    const read = scheduleFromRows({ ...written, rows }, DEFAULT_SETTINGS);
    assert.deepEqual(read.problems, []);
    assert.equal(read.value.rules.find((r) => r.id === 'christmas')?.enabled, false);
    assert.equal(read.value.rules.find((r) => r.id === 'mot-1')?.offsetDays, -35);
  });

  it('reports a bad value on a built-in rule with its cell, and the rule keeps its own', () => {
    const rows = written.rows.map((r) => [...r]);
    const index = rows.findIndex((r) => r[0] === 'mot-2');
    rows[index]![at('Window (days)')] = 'a week';
    const read = scheduleFromRows({ ...written, rows }, DEFAULT_SETTINGS);
    assert.equal(read.value.rules.find((r) => r.id === 'mot-2')?.windowDays, 7);
    assert.equal(read.problems.length, 1);
    assert.equal(read.problems[0]?.where.address, `H${index + 2}`);
    assert.equal(read.problems[0]?.where.rule, 'mot-2');
    assert.equal(read.problems[0]?.where.customRule, undefined);
    assert.match(read.problems[0]?.message ?? '', /^Schedule!H\d+: Window must be a whole number/);
  });

  // A garage makes its own rule by copying a built-in row and giving it a Rule ID of its own.
  const copies: { from: string; expected: { trigger: string; years: number } | 'refused' }[] = [
    { from: 'mot-1', expected: { trigger: 'unit MOT due date', years: 0 } },
    { from: 'mot-2', expected: { trigger: 'unit MOT due date', years: 0 } },
    { from: 'service-1', expected: { trigger: 'unit next service date', years: 0 } },
    { from: 'job-confirmation', expected: { trigger: 'job booked date', years: 0 } },
    { from: 'job-thanks', expected: { trigger: 'job completed date', years: 0 } },
    { from: 'sale-year-2', expected: { trigger: 'unit sale date + 2 years', years: 2 } },
    { from: 'warranty', expected: { trigger: 'unit warranty end date', years: 0 } },
    { from: 'birthday', expected: { trigger: 'customer date of birth', years: 0 } },
    { from: 'christmas', expected: 'refused' },
    { from: 'combined', expected: 'refused' },
  ];
  for (const c of copies) {
    const what = c.expected === 'refused' ? 'refuses, in a line short enough to read,' : 'builds';
    it(`${what} a custom rule copied from the built-in ${c.from} row as the sheet shows it`, () => {
      const copy = [...written.rows.find((r) => r[0] === c.from)!] as (string | number | null)[];
      copy[at('Rule ID')] = `my-${c.from}`;
      const read = scheduleFromRows(withRows(copy), DEFAULT_SETTINGS);
      const rule = read.value.rules.find((r) => r.id === `my-${c.from}`);
      if (c.expected === 'refused') {
        assert.equal(rule, undefined);
        assert.deepEqual(read.problems.map((p) => [p.code, p.where.field]), [['trigger_unknown', 'trigger']]);
        assert.ok(read.problems[0]!.message.length <= 160, read.problems[0]!.message);
        return;
      }
      assert.deepEqual(read.problems, []);
      assert.equal(rule?.trigger.wording, c.expected.trigger);
      const builtIn = read.value.rules.find((r) => r.id === c.from)!;
      assert.deepEqual([rule?.offsetDays, rule?.windowDays, rule?.purpose, rule?.trigger.kind], [builtIn.offsetDays, builtIn.windowDays, builtIn.purpose, c.from === 'birthday' ? 'own' : builtIn.trigger.kind]);
    });
  }

  it("builds the garage's own rule from a row of its own", () => {
    const read = scheduleFromRows(
      withRows(customRow({ 'Rule ID': 'first-mot', 'Contact Due': 'First MOT', Trigger: 'unit.firstRegistered', Years: 3, 'Offset (days)': -30, 'Window (days)': 21, Purpose: 'service', Conditions: 'unit.make = Honda' })),
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(read.problems, []);
    const rule = read.value.rules.find((r) => r.id === 'first-mot');
    assert.deepEqual([rule?.contactDue, rule?.offsetDays, rule?.windowDays, rule?.purpose], ['First MOT', -30, 21, 'service']);
    assert.equal(read.value.custom.length, 1);
  });

  it('skips a custom row that cannot be built, reports each reason at its cell, and still runs the rest', () => {
    const read = scheduleFromRows(
      withRows(
        customRow({ 'Rule ID': 'broken', 'Contact Due': 'Broken', Trigger: 'unit.colour', 'Offset (days)': 'soon', 'Window (days)': 21, Purpose: 'service' }),
        customRow({ 'Rule ID': 'fine', 'Contact Due': 'Fine', Trigger: 'unit.motDue', 'Offset (days)': -10, 'Window (days)': 5, Purpose: 'marketing' }),
      ),
      DEFAULT_SETTINGS,
    );
    assert.equal(read.value.rules.some((r) => r.id === 'broken'), false);
    assert.equal(read.value.rules.some((r) => r.id === 'fine'), true);
    const row = written.rows.length + 2;
    assert.deepEqual(read.problems.map((p) => [p.where.address, p.where.customRule]).sort(), [
      [`E${row}`, 0],
      [`G${row}`, 0],
    ]);
    // The broken row is still there to be shown again, as written.
    assert.equal(read.value.custom[0]?.offsetDays, 'soon');
  });

  it('sorts rows into built-in changes and custom definitions without building them', () => {
    const defs = scheduleDefinitionsFromRows(withRows(customRow({ 'Rule ID': 'mine', Trigger: 'unit.motDue' })));
    assert.equal(defs.value.overrides.length, 19);
    assert.deepEqual(defs.value.custom.map((d) => d.id), ['mine']);
    assert.deepEqual(defs.value.customRows, [written.rows.length]);
  });
});

describe("reading the user's Due Actions edits", () => {
  const headers = ['Approve', 'Date', 'Code', 'Name', 'Type', 'Contact Due', 'Method', 'To', 'Unit', 'Job', 'Reason', 'Status', 'Sent At', 'Reference', 'Action ID'];
  const row = (approve: string | null, method: string | null, actionId: string | null, status: string | null = null, sentAt: string | null = null) => [approve, '2026-11-12', 'C1', 'Jane', 'MOT Due', 'MOT Reminder', method, 'x', '', '', '', status, sentAt, null, actionId];

  it('reads Approve and Method (and send results) by Action ID', () => {
    const { value: edits, problems } = dueEditsFromRows({ sheet: 'Due Actions', headers, rows: [row('yes', 'sms', 'a/1'), row('Skip', null, 'a/2', 'sent', '2026-11-16')] });
    assert.deepEqual(problems, []);
    assert.deepEqual(edits.get('a/1'), {
      approve: 'Yes',
      method: 'SMS',
      status: '',
      sentAt: null,
      reference: '',
      // Where the Method cell is, should the customer turn out not to be reachable by it.
      methodAt: { sheet: 'Due Actions', row: 2, column: 'Method', address: 'G2' },
    });
    assert.deepEqual(edits.get('a/2'), { approve: 'Skip', method: null, status: 'sent', sentAt: '2026-11-16', reference: '' });
  });

  it('reports an Approve it cannot read with its cell, and does not approve the row', () => {
    const { value: edits, problems } = dueEditsFromRows({ sheet: 'Due Actions', headers, rows: [row('maybe', 'Pigeon', 'a/1')] });
    assert.equal(edits.get('a/1')?.approve, null);
    assert.equal(edits.get('a/1')?.method, null);
    assert.deepEqual(problems.map((p) => p.message.split(':')[0]), ['Due Actions!A2', 'Due Actions!G2']);
  });

  it('reads Approve and Method through the shared vocabularies: X approves, Post is Letter, Mail is refused as ambiguous', () => {
    const { value: edits, problems } = dueEditsFromRows({ sheet: 'Due Actions', headers, rows: [row('X', 'Post', 'a/1'), row('Hold', 'Mail', 'a/2')] });
    assert.deepEqual([edits.get('a/1')?.approve, edits.get('a/1')?.method], ['Yes', 'Letter']);
    assert.deepEqual([edits.get('a/2')?.approve, edits.get('a/2')?.method], ['Hold', null]);
    assert.match(problems[0]?.message ?? '', /^Due Actions!G3: "Mail" could mean email or post/);
  });

  it('skips only on Skip or No: an N, 0 or - is refused with its cell, since a skip never comes back', () => {
    const { value: edits, problems } = dueEditsFromRows({ sheet: 'Due Actions', headers, rows: [row('No', null, 'a/1'), row('n', null, 'a/2'), row('0', null, 'a/3'), row('-', null, 'a/4')] });
    assert.deepEqual(['a/1', 'a/2', 'a/3', 'a/4'].map((id) => edits.get(id)?.approve), ['Skip', null, null, null]);
    assert.deepEqual(problems.map((p) => p.where.address), ['A3', 'A4', 'A5']);
  });

  it('skips the "No actions required" row, which has no Action ID', () => {
    const { value: edits, problems } = dueEditsFromRows({ sheet: 'Due Actions', headers, rows: [['No actions required', ...headers.slice(1).map(() => null)]] });
    assert.equal(edits.size, 0);
    assert.deepEqual(problems, []);
  });
});

describe('reading lapsed marks', () => {
  const headers = ['Code', 'Name', 'Marked At', 'By'];

  it('reads each mark, and dates a mark typed without a date on the as-of date', () => {
    const { value: marks, problems } = lapsedMarksFromRows({ sheet: 'Lapsed', headers, rows: [['C7', 'Ann', '2026-10-01', 'Sam'], ['C9', null, null, null]] }, AS_OF);
    assert.deepEqual(problems, []);
    assert.deepEqual(marks, [
      { customerCode: 'C7', markedAt: '2026-10-01', by: 'Sam' },
      { customerCode: 'C9', markedAt: AS_OF, by: '' },
    ]);
  });

  it('reads each mark of a customer marked again after coming back, and the same mark written twice once', () => {
    const rows = [['C7', 'Ann', '2025-03-01', 'Sam'], ['C7', 'Ann', '2026-10-01', 'Sam'], ['C7', 'Ann', '2026-10-01', 'Sam']];
    const { value: marks } = lapsedMarksFromRows({ sheet: 'Lapsed', headers, rows }, AS_OF);
    assert.deepEqual(marks.map((m) => m.markedAt), ['2025-03-01', '2026-10-01']);
  });

  it('keeps a mark with a date it cannot read, and reports the cell', () => {
    const { value: marks, problems } = lapsedMarksFromRows({ sheet: 'Lapsed', headers, rows: [['C7', null, 'last Tuesday', null]] }, AS_OF);
    assert.deepEqual(marks, [{ customerCode: 'C7', markedAt: AS_OF, by: '' }]);
    assert.match(problems[0]?.message ?? '', /^Lapsed!C2: 'last Tuesday' is not a date/);
  });

  it('reads dd/mm/yyyy as day first', () => {
    const { value: marks } = lapsedMarksFromRows({ sheet: 'Lapsed', headers, rows: [['C7', null, '03/04/2026', null]] }, AS_OF);
    assert.equal(marks[0]?.markedAt, '2026-04-03');
  });

  it('marks the customers chosen under Mark Lapsed on the Lapsing sheet', () => {
    const table = { sheet: 'Lapsing', headers: ['Code', 'Name', 'Last Visit', 'Last Unit', 'Months', 'Mark Lapsed'], rows: [['C2', 'x', null, null, 16, 'Yes'], ['C3', 'y', null, null, 17, null], ['C4', 'z', null, null, 18, 'Perhaps']] };
    const { value: marks, problems } = lapsingMarksFromRows(table, AS_OF, 'Sam');
    assert.deepEqual(marks, [{ customerCode: 'C2', markedAt: AS_OF, by: 'Sam' }]);
    assert.match(problems[0]?.message ?? '', /^Lapsing!F4: 'Perhaps' is not Yes/);
  });

  it('reads Mark Lapsed through the one yes/no vocabulary: X marks, No is a plain answer and not a problem', () => {
    const table = { sheet: 'Lapsing', headers: ['Code', 'Mark Lapsed'], rows: [['C2', 'x'], ['C3', 'No'], ['C4', 'TRUE']] };
    const { value: marks, problems } = lapsingMarksFromRows(table, AS_OF, 'Sam');
    assert.deepEqual(marks.map((m) => m.customerCode), ['C2', 'C4']);
    assert.deepEqual(problems, []);
  });
});

describe('reading the Contact Log sheet', () => {
  it('reads entries and gives a bad row its sheet address', () => {
    const headers = ['Action ID', 'Sent At', 'Customer', 'Contact Due', 'Method', 'To', 'Status', 'Reference', 'By'];
    const { value: entries, problems } = contactLogFromSheet({
      sheet: 'Contact Log',
      headers,
      rows: [
        ['mot-1/C1/AB12CDE/2026-12-10', '2026-11-12', 'C1', 'MOT Reminder', 'Email', 'jane@example.com', 'sent', 'r1', 'Sam'],
        [null, '2026-11-12', 'C1', null, null, null, null, null, null],
      ],
    });
    assert.deepEqual(entries.map((e) => [e.actionId, e.sentAt, e.method]), [['mot-1/C1/AB12CDE/2026-12-10', '2026-11-12', 'Email']]);
    assert.match(problems[0]?.message ?? '', /^Contact Log!A3: Row 3 has no Action ID/);
  });
});

/** Where the Contact Log sheet puts Sent At (the plan orders its columns for paper). */
const sentAtColumn = (sheet: PlanSheet) => sheet.table.columns.findIndex((c) => c.key === 'sentAt');

describe('text in a Contact Log date cell', () => {
  const headers = ['Action ID', 'Sent At', 'Customer', 'Contact Due', 'Method', 'To', 'Status', 'Reference', 'By'];
  const MOT = 'mot-1/C1/AB12CDE/2026-12-10';
  const log = (sentAt: string | null, status = 'sent', method = 'Email'): SheetTable => ({
    sheet: 'Contact Log',
    headers,
    rows: [[MOT, sentAt, 'C1', 'MOT Reminder', method, 'jane@example.com', status, 'r1', 'Sam']],
  });

  it('keeps the text on the entry instead of a made-up date', () => {
    const { value: entries } = contactLogFromSheet(log('last Tuesday'));
    assert.equal(entries[0]?.sentAt, null);
    assert.equal(entries[0]?.sentAtText, 'last Tuesday');
  });

  it('names the Sent At cell, not the Action ID', () => {
    const { problems } = contactLogFromSheet(log('last Tuesday'));
    assert.deepEqual(problems.map((p) => [p.where.address, p.where.column, p.value, p.code]), [['B2', 'Sent At', 'last Tuesday', 'date_invalid']]);
    assert.match(problems[0]?.message ?? '', /^Contact Log!B2: .*"last Tuesday" is not a date/);
  });

  it('names the Status cell for a status it cannot read, and the Method cell for a method', () => {
    const { problems } = contactLogFromSheet(log('2026-11-12', 'posted', 'Pigeon'));
    assert.deepEqual(problems.map((p) => p.where.address), ['G2', 'E2']);
  });

  it('writes the text back as it was, and reports it again on the next build until the cell is fixed', () => {
    const first = contactLogFromSheet(log('last Tuesday'));
    const sheet = contactLogSheet(first.value);
    assert.equal(sheet.table.rows[0]?.[sentAtColumn(sheet)], 'last Tuesday');
    const second = contactLogFromSheet(asRead(sheet));
    assert.equal(second.value[0]?.sentAtText, 'last Tuesday');
    assert.deepEqual(second.problems.map((p) => p.where.column), ['Sent At']);
  });

  it('says a blank Sent At is blank, and writes it back blank', () => {
    const { value: entries, problems } = contactLogFromSheet(log(null));
    assert.match(problems[0]?.message ?? '', /Sent At is blank/);
    const sheet = contactLogSheet(entries);
    assert.equal(sheet.table.rows[0]?.[sentAtColumn(sheet)], null);
  });

  it('writes a readable date back as the date', () => {
    const sheet = contactLogSheet(contactLogFromSheet(log('12/11/2026')).value);
    assert.equal(sheet.table.rows[0]?.[sentAtColumn(sheet)], '2026-11-12');
  });
});

