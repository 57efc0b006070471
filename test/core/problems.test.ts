import assert from 'node:assert/strict';
import type { Problem } from '../../core/problems.ts';
import { DEFAULT_SETTINGS } from '../../core/settings.ts';
import { contactLogFromSheet, lapsedMarksFromRows, scheduleFromRows, settingsFromRows, workbookPlan } from '../../core/workbook/index.ts';
import { importCsv } from './import/support.ts';
import { sampleInput } from './workbook/sample-garage.ts';

const LOG_HEADERS = ['Action ID', 'Sent At', 'Customer', 'Contact Due', 'Method', 'To', 'Status', 'Reference', 'By'];
const SCHEDULE_HEADERS = ['Rule ID', 'Contact Due', 'Trigger', 'Offset (days)', 'Window (days)', 'Purpose'];

/** Every producer of problems, each giving one: all in the one shape, each saying where it is. */
const CASES: { description: string; problem: () => Problem; expected: Pick<Problem, 'source' | 'code' | 'where' | 'value' | 'action'>; line: unknown[] }[] = [
  {
    description: 'an export cell names its file, row and column',
    problem: () => importCsv({ 'c.csv': 'Customer Code,Surname,Postcode\nC1,Lee,12345\n' }).problems[0]!,
    expected: { source: 'import', code: 'postcode_invalid', where: { file: 'c.csv', row: 2, column: 'Postcode' }, value: '12345', action: 'left blank' },
    line: ['c.csv', 2, 'Postcode', '12345'],
  },
  {
    description: 'a whole export file names only its file',
    problem: () => importCsv({ 'm.csv': 'Colour,Flavour\nred,sweet\n' }).problems[0]!,
    expected: { source: 'import', code: 'file_unrecognised', where: { file: 'm.csv', row: 1 }, value: 'Colour, Flavour', action: 'file skipped; the other files were still imported. Rename its headers, map them on the Settings sheet, or name its kind with --kind KIND=FILE' },
    line: ['m.csv', 1, null, 'Colour, Flavour'],
  },
  {
    description: 'a kept sheet cell names its sheet, row, column and address',
    problem: () => lapsedMarksFromRows({ sheet: 'Lapsed', headers: ['Code', 'Name', 'Marked At'], rows: [['C7', null, 'soon']] }, '2026-11-16').problems[0]!,
    expected: { source: 'sheet', code: 'date_invalid', where: { sheet: 'Lapsed', row: 2, column: 'Marked At', address: 'C2' }, value: 'soon', action: 'mark kept' },
    line: ['Lapsed sheet', 2, 'Marked At', 'soon'],
  },
  {
    description: 'a Settings value is a setting problem at its cell',
    problem: () => settingsFromRows({ sheet: 'Settings', headers: ['Setting', 'Value'], rows: [['Block days', 'abc']] }).problems[0]!,
    expected: { source: 'setting', code: 'number_invalid', where: { sheet: 'Settings', row: 2, column: 'Value', address: 'B2' }, value: 'abc', action: 'current value kept' },
    line: ['Settings sheet', 2, 'Value', 'abc'],
  },
  {
    description: 'a custom Schedule rule keeps its own code (not a catch-all), its rule, its field and its cell',
    problem: () =>
      scheduleFromRows({ sheet: 'Schedule', headers: SCHEDULE_HEADERS, rows: [['mine', 'Mine', 'unit.motDue', 'soon', 5, 'service']] }, DEFAULT_SETTINGS).problems[0]!,
    expected: {
      source: 'rule', code: 'number_invalid',
      where: { sheet: 'Schedule', row: 2, column: 'Offset (days)', address: 'D2', rule: 'mine', customRule: 0, field: 'offsetDays' },
      value: 'soon', action: 'rule skipped',
    },
    line: ['Schedule sheet', 2, 'Offset (days)', 'soon'],
  },
  {
    description: 'a built-in Schedule rule names its rule and the setting it keeps',
    problem: () => scheduleFromRows({ sheet: 'Schedule', headers: SCHEDULE_HEADERS, rows: [['mot-2', null, null, null, -1, null]] }, DEFAULT_SETTINGS).problems[0]!,
    expected: { source: 'rule', code: 'number_negative', where: { sheet: 'Schedule', row: 2, column: 'Window (days)', address: 'E2', rule: 'mot-2', field: 'windowDays' }, value: '-1', action: 'rule’s own setting kept' },
    line: ['Schedule sheet', 2, 'Window (days)', '-1'],
  },
  {
    description: 'a Contact Log line is a contact-log problem at its own cell',
    problem: () => contactLogFromSheet({ sheet: 'Contact Log', headers: LOG_HEADERS, rows: [['a/C1/X/2026-12-10', '2026-11-12', 'C1', '', 'Email', '', 'posted', '', '']] }).problems[0]!,
    expected: { source: 'contact-log', code: 'status_invalid', where: { sheet: 'Contact Log', row: 2, column: 'Status', address: 'G2' }, value: 'posted', action: 'treated as sent' },
    line: ['Contact Log sheet', 2, 'Status', 'posted'],
  },
];

describe('one problem shape for every reader', () => {
  for (const c of CASES) {
    it(c.description, () => {
      const { source, code, where, value, action, message } = c.problem();
      assert.deepEqual({ source, code, where, value, action }, c.expected);
      assert.ok(message.length > 20, message);
    });

    it(`lists it on Import Problems with the same columns as ever: ${c.description}`, () => {
      const problem = c.problem();
      const sheet = workbookPlan(sampleInput({ importProblems: [problem] })).sheets.find((s) => s.name === 'Import Problems')!;
      assert.deepEqual(sheet.table.columns.map((col) => col.header), ['File', 'Row', 'Column', 'Value', 'Problem', 'What Was Done']);
      assert.deepEqual(sheet.table.rows[0], [...c.line, problem.message, problem.action]);
    });
  }
});
