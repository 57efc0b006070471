import assert from 'node:assert/strict';
import { CONTACT_LOG_HEADERS } from '../../../core/contact-log.ts';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import { NO_ACTIONS_REQUIRED, SHEET_ORDER, workbookPlan, type WorkbookPlan } from '../../../core/workbook/index.ts';
import type { PlanSheet, PlanTable } from '../../../core/workbook/plan.ts';
import { AS_OF, sampleInput, samplePlan, sampleRetention } from './sample-garage.ts';

function sheet(plan: WorkbookPlan, name: string): PlanSheet {
  const found = plan.sheets.find((s) => s.name === name);
  if (!found) assert.fail(`no sheet ${name}`);
  return found;
}

const headers = (t: PlanTable) => t.columns.map((c) => c.header);
const column = (t: PlanTable, key: string) => t.rows.map((r) => r[t.columns.findIndex((c) => c.key === key)]);

describe('the workbook plan', () => {
  const plan = samplePlan();

  it("has the SPEC's sheets in the SPEC's order, with the kept Lapsed sheet after Lapsing and each summary after its details", () => {
    assert.deepEqual(
      plan.sheets.map((s) => s.name),
      ['Due Actions', 'Customers', 'Units', 'Jobs', 'Advisories', 'Bookings', 'Audit', 'Audit Summary', 'Drifting', 'Lapsing', 'Lapsed', 'Dissatisfaction', 'Dissatisfaction Summary', 'Contact Log', 'Schedule', 'Settings', 'Import Problems'],
    );
    assert.deepEqual(plan.sheets.map((s) => s.name), [...SHEET_ORDER]);
  });

  const expectedHeaders: { sheet: string; headers: string[] }[] = [
    { sheet: 'Due Actions', headers: ['Approve', 'Date', 'Code', 'Name', 'Type', 'Contact Due', 'Method', 'To', 'Unit', 'Job', 'Reason', 'Status', 'Sent At', 'Reference', 'Action ID'] },
    { sheet: 'Bookings', headers: ['Request ID', 'Received', 'Code', 'Name', 'Unit', 'Requested', 'Status', 'Actioned', 'Staff', 'Age (days)'] },
    { sheet: 'Drifting', headers: ['Code', 'Name', 'Last Visit', 'Last Unit', 'Months'] },
    { sheet: 'Lapsing', headers: ['Code', 'Name', 'Last Visit', 'Last Unit', 'Months', 'Mark Lapsed'] },
    { sheet: 'Lapsed', headers: ['Code', 'Name', 'Marked At', 'By', 'Status'] },
    // Action ID last: it prints off paper.
    { sheet: 'Contact Log', headers: [...CONTACT_LOG_HEADERS.slice(1), CONTACT_LOG_HEADERS[0]] },
    { sheet: 'Settings', headers: ['Setting', 'Value', 'About'] },
    { sheet: 'Import Problems', headers: ['File', 'Row', 'Column', 'Value', 'Problem', 'What Was Done'] },
    { sheet: 'Audit', headers: ['Staff', 'Code', 'Name', 'Mobile', 'Home Phone', 'Email', 'Address Line 1', 'Postcode', 'Missing', 'Why (at build)'] },
    { sheet: 'Dissatisfaction', headers: ['Reason', 'Request ID', 'Received', 'Code', 'Name', 'Outcome', 'Staff'] },
  ];
  for (const c of expectedHeaders) {
    it(`gives ${c.sheet} exactly its headers`, () => {
      assert.deepEqual(headers(sheet(plan, c.sheet).table), c.headers);
    });
  }

  it('puts the per-staff audit summary on its own sheet after Audit, where filtering the audit cannot hide it', () => {
    const names = plan.sheets.map((s) => s.name);
    assert.equal(names.indexOf('Audit Summary'), names.indexOf('Audit') + 1);
    assert.equal(sheet(plan, 'Audit').side ?? null, null);
    const summary = sheet(plan, 'Audit Summary').table;
    assert.deepEqual(headers(summary), ['Period', 'Staff Member', 'Customers', 'Complete % (at build)', 'Previous %', 'Change']);
    assert.deepEqual(summary.dataBars, [{ column: 'completePct', min: 0, max: 1, argb: 'FF5B9BD5' }]);
    // Ann's one customer has 1 of 5 items: 20% as a fraction for a percent column.
    assert.deepEqual(summary.rows[0], ['Week 10/11/2026 – 16/11/2026', 'Ann', 1, 0.2, null, null]);
  });

  it('counts the dissatisfaction reasons on their own sheet after the rows', () => {
    const names = plan.sheets.map((s) => s.name);
    assert.equal(names.indexOf('Dissatisfaction Summary'), names.indexOf('Dissatisfaction') + 1);
    assert.equal(sheet(plan, 'Dissatisfaction').side ?? null, null);
    assert.deepEqual(sheet(plan, 'Dissatisfaction Summary').table.rows, [['Price too high', 1]]);
  });

  it('says on every data sheet built from the records that it is rebuilt from the exports and the fix belongs in the DMS', () => {
    for (const name of ['Customers', 'Units', 'Jobs', 'Advisories', 'Bookings', 'Audit', 'Dissatisfaction']) {
      const s = sheet(plan, name);
      assert.match(s.note ?? '', /Rebuilt from the DMS exports at every build.*Fix details in the DMS/, name);
      assert.ok(s.print.header.includes('Rebuilt from the DMS exports'), `${name} says so on paper`);
    }
    for (const s of plan.sheets.filter((k) => k.kind === 'kept')) assert.equal(s.note ?? null, null, s.name);
  });

  it('counts the Audit’s Missing with a formula over the row, so a fixed item drops the count', () => {
    const audit = sheet(plan, 'Audit').table;
    const missing = audit.columns.find((c) => c.key === 'missing');
    const item = (key: string) => audit.highlights.find((h) => h.columns !== 'row' && h.columns[0] === key)!.formula;
    assert.equal(missing?.formula, ['mobile', 'homePhone', 'email', 'address1', 'postcode'].map((k) => `(${item(k)})`).join('+'));
  });

  it('marks Contact Log, Schedule, Settings and Lapsed as kept and every other sheet as data', () => {
    const kept = plan.sheets.filter((s) => s.kind === 'kept').map((s) => s.name);
    assert.deepEqual(kept, ['Lapsed', 'Contact Log', 'Schedule', 'Settings']);
  });

  it('gives every table a name Excel accepts, unique in the workbook', () => {
    const names = plan.sheets.map((s) => s.table.name);
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
    for (const name of names) assert.match(name, /^[A-Za-z][A-Za-z0-9]*$/);
  });

  it('freezes the header on every sheet (print layout: print.test.ts)', () => {
    for (const s of plan.sheets) assert.equal(s.frozenRows, 1, s.name);
  });

  it('keeps a value starting with = as text: the cell is the string, in a text column', () => {
    const customers = sheet(plan, 'Customers').table;
    const nameCol = customers.columns.find((c) => c.key === 'name');
    assert.equal(nameCol?.type, 'text');
    assert.equal(nameCol?.numFmt, '@');
    assert.ok(column(customers, 'name').includes('=HYPERLINK("http://evil.example","click")'));
  });

  it('writes dates as IsoDate strings in date columns formatted dd/mm/yyyy', () => {
    const due = sheet(plan, 'Due Actions').table;
    const date = due.columns.find((c) => c.key === 'date');
    assert.deepEqual([date?.type, date?.numFmt], ['date', 'dd/mm/yyyy']);
    assert.ok(column(due, 'date').every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)));
  });

  it('shows the lifecycle status of each customer on Customers', () => {
    const customers = sheet(plan, 'Customers').table;
    assert.deepEqual(column(customers, 'code'), ['C1', 'C2', 'C3', 'C4']);
    assert.deepEqual(column(customers, 'status'), ['Active', 'Lapsing', 'Active', 'No visits']);
  });
});

describe('Due Actions in the plan', () => {
  it('says "No actions required" when nothing is due', () => {
    const retention = { ...sampleRetention(), dueActions: [] };
    const due = workbookPlan(sampleInput({ retention })).sheets[0]!.table;
    assert.equal(due.rows.length, 0);
    assert.equal(due.emptyMessage, NO_ACTIONS_REQUIRED);
    assert.equal(NO_ACTIONS_REQUIRED, 'No actions required');
  });

  it('offers Approve as Yes / Hold / Skip and Method as Email / SMS / Letter', () => {
    const due = samplePlan().sheets[0]!.table;
    assert.deepEqual(
      due.validations.map((v) => [v.column, v.list]),
      [
        ['approve', ['Yes', 'Hold', 'Skip']],
        ['method', ['Email', 'SMS', 'Letter']],
      ],
    );
  });

  it('carries the user’s Approve and Method over by Action ID', () => {
    const actionId = 'mot-1/C1/AB12CDE/2026-12-10';
    const due = samplePlan({ dueEdits: new Map([[actionId, { approve: 'Yes', method: 'SMS', status: '', sentAt: null, reference: '' }]]) }).sheets[0]!.table;
    const row = due.rows.find((r) => r[14] === actionId);
    assert.equal(row?.[0], 'Yes');
    assert.equal(row?.[6], 'SMS');
  });

  it('does not carry over a method the customer may no longer be sent', () => {
    // Since the last build C2 opted out of email: only SMS is allowed now.
    const actionId = 'mot-1/C2/XY99ZZZ/2026-12-01';
    const retention = sampleRetention();
    const dueActions = retention.dueActions.map((a) => (a.actionId === actionId ? { ...a, allowedMethods: ['SMS' as const] } : a));
    const edits = new Map([[actionId, { approve: 'Hold' as const, method: 'Email' as const, status: '', sentAt: null, reference: '' }]]);
    const due = workbookPlan(sampleInput({ retention: { ...retention, dueActions }, dueEdits: edits })).sheets[0]!.table;
    const row = due.rows.find((r) => r[14] === actionId);
    assert.deepEqual([row?.[0], row?.[6]], ['Hold', 'SMS']);
  });

  it('leaves Method blank on a row with no usable method, and an amber formula finds it', () => {
    const due = samplePlan().sheets[0]!.table;
    const row = due.rows.find((r) => r[2] === 'C3');
    assert.equal(row?.[6], null);
    const amber = due.highlights.find((h) => h.fill === 'amber');
    assert.deepEqual(amber?.columns, 'row');
    assert.equal(amber?.formula, 'AND(NOT(LEN(TRIM($O2))=0),LEN(TRIM($G2))=0)');
  });

  it('turns a failed send red with a formula on Status', () => {
    const red = samplePlan().sheets[0]!.table.highlights.find((h) => h.fill === 'red');
    assert.equal(red?.formula, 'LOWER(TRIM($L2))="failed"');
  });
});

describe('highlights as formulas', () => {
  const plan = samplePlan();

  it('yellows each audit item cell while it is blank or invalid', () => {
    const audit = sheet(plan, 'Audit').table;
    const byColumn = Object.fromEntries(audit.highlights.map((h) => [(h.columns as string[])[0], h.formula]));
    assert.equal(byColumn.email, 'OR(LEN(TRIM($F2))=0,ISERROR(SEARCH("@",$F2)))');
    assert.equal(byColumn.homePhone, 'LEN(TRIM($E2))=0');
    assert.match(byColumn.mobile ?? '', /"07"/);
    assert.match(byColumn.postcode ?? '', /^OR\(LEN\(TRIM\(\$H2\)\)=0,/);
    assert.ok(audit.highlights.every((h) => h.fill === 'yellow'));
  });

  it('yellows a required contact item on Customers while it is blank or invalid, and an optional one only when invalid', () => {
    const customers = sheet(plan, 'Customers').table;
    const email = customers.highlights.find((h) => h.columns !== 'row' && h.columns[0] === 'email');
    assert.equal(email?.formula, 'OR(LEN(TRIM($I2))=0,ISERROR(SEARCH("@",$I2)))');
    const town = customers.highlights.find((h) => h.columns !== 'row' && h.columns[0] === 'town');
    assert.equal(town?.formula, 'AND(LEN(TRIM($E2))=0,ISNUMBER(SEARCH("Town:",$P2)))', 'town is not required: yellow only when the import could not use it');
  });

  it('yellows a value the import could not use with a formula over the row, so typing one in clears it: no static fills', () => {
    const customers = sheet(plan, 'Customers').table;
    const c4 = column(customers, 'code').indexOf('C4');
    assert.deepEqual(customers.marks, []);
    assert.equal(column(customers, 'problems')[c4], 'Work Phone: not a phone number');
    assert.equal(column(customers, 'workPhone')[c4], '');
    const workPhone = customers.highlights.find((h) => h.columns !== 'row' && h.columns[0] === 'workPhone');
    assert.equal(workPhone?.formula, 'AND(LEN(TRIM($X2))=0,ISNUMBER(SEARCH("Work Phone:",$P2)))');
  });

  it('turns unactioned booking requests amber after the amber days and red after the overdue days (Settings)', () => {
    const settings = { ...DEFAULT_SETTINGS, bookingAmberDays: 3, bookingOverdueDays: 5 };
    const bookings = sheet(samplePlan({ settings }), 'Bookings').table;
    const [red, amber] = bookings.highlights;
    assert.equal(red?.fill, 'red');
    assert.match(red?.formula ?? '', /\$J2>5\)$/);
    assert.equal(amber?.fill, 'amber');
    assert.match(amber?.formula ?? '', /\$J2>3\)$/);
    assert.match(amber?.formula ?? '', /LEN\(TRIM\(\$H2\)\)=0/, 'no Actioned date');
    assert.match(amber?.formula ?? '', /LOWER\(TRIM\(\$G2\)\)<>"booked"/, 'status not Booked');
  });

  it('reds a Schedule row with a problem', () => {
    const schedule = sheet(plan, 'Schedule').table;
    assert.deepEqual(schedule.highlights.map((h) => [h.columns, h.formula, h.fill]), [['row', 'NOT(LEN(TRIM($P2))=0)', 'red']]);
  });

  it('names only columns the table has, in every highlight, dropdown, data bar and mark', () => {
    for (const s of plan.sheets) {
      for (const t of [s.table]) {
        const keys = new Set(t.columns.map((c) => c.key));
        const named = [
          ...t.highlights.flatMap((h) => (h.columns === 'row' ? [] : h.columns)),
          ...t.validations.map((v) => v.column),
          ...t.dataBars.map((d) => d.column),
          ...t.marks.map((m) => m.column),
        ];
        for (const key of named) assert.ok(keys.has(key), `${t.name} has no column ${key}`);
      }
    }
  });
});

describe('the Settings and Schedule sheets in the plan', () => {
  it('lists every garage setting, lists as comma text', () => {
    const settings = samplePlan().sheets.find((s) => s.name === 'Settings')!.table;
    assert.equal(settings.rows.length, Object.keys(DEFAULT_SETTINGS).length);
    const value = (label: string) => settings.rows.find((r) => r[0] === label)?.[1];
    assert.equal(value('Required audit items'), 'Mobile, Home Phone, Email, Address Line 1, Postcode');
    assert.equal(value('Channel order'), 'Email, SMS, Letter');
    assert.equal(value('Lapsing after (months)'), 16);
  });

  it('lists every built-in rule with its settings, then the garage’s own rows as written, each with its problems', () => {
    const input = sampleInput();
    const custom = [{ id: 'first-mot', contactDue: 'First MOT', trigger: 'unit.firstRegistered', years: 3, offsetDays: 'soon', windowDays: 21, purpose: 'service' }];
    const problems = [
      {
        source: 'rule' as const,
        code: 'number_invalid' as const,
        message: 'Schedule!G21: Offset must be a whole number.',
        where: { sheet: 'Schedule', row: 21, column: 'Offset (days)', address: 'G21', rule: 'first-mot', customRule: 0, field: 'offsetDays' },
        value: 'soon',
        action: 'rule skipped',
      },
    ];
    const plan = workbookPlan({ ...input, schedule: { ...input.schedule, custom, problems } });
    const schedule = plan.sheets.find((s) => s.name === 'Schedule')!.table;
    assert.equal(schedule.rows.length, 20);
    const mot1 = schedule.rows[0]!;
    assert.deepEqual([mot1[0], mot1[6], mot1[7], mot1[13], mot1[14]], ['mot-1', -28, 21, 'Yes', 'Yes']);
    const mine = schedule.rows[19]!;
    assert.deepEqual([mine[0], mine[4], mine[5], mine[6], mine[14], mine[15]], ['first-mot', 'unit.firstRegistered', 3, 'soon', 'No', 'Schedule!G21: Offset must be a whole number.']);
    // The problem is listed on Import Problems too.
    const listed = plan.sheets.find((s) => s.name === 'Import Problems')!.table.rows;
    assert.deepEqual(listed[0]?.slice(0, 3), ['Schedule sheet', 21, 'Offset (days)']);
  });

  it('records the as-of date on the plan', () => {
    assert.equal(samplePlan().asOf, AS_OF);
  });
});
