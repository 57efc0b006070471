import assert from 'node:assert/strict';
import { PIECE_CHARS, tableFromCsvChunks } from '../../../core/import/csv.ts';
import { GarageImport } from '../../../core/import/import-tables.ts';
import { computeRetention } from '../../../core/retention.ts';
import { defaultRules } from '../../../core/schedule/default-rules.ts';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import { hasUnwritable } from '../../../core/values/workbook-text.ts';
import { contactLogFromSheet, defaultSchedule, settingsFromRows, workbookPlan } from '../../../core/workbook/index.ts';
import { importCsv } from './support.ts';

const HEADER = 'Customer Code,Title,First Name,Surname,Address 1,Town,Postcode,Email';

/** One customer row whose Surname is `surname`; everything else clean. */
const customers = (surname: string) => `${HEADER}\nC1,Mrs,Jean,${surname},1 High St,Knutsford,WA16 7HX,jean@example.com\n`;

const CASES: { description: string; surname: string; expected: string; named: RegExp }[] = [
  { description: 'a NUL', surname: 'Harri\u0000son', expected: 'Harrison', named: /U\+0000/ },
  { description: 'a vertical tab', surname: 'Harri\u000Bson', expected: 'Harrison', named: /U\+000B/ },
  { description: 'an escape and a form feed', surname: '\u001BHarrison\u000C', expected: 'Harrison', named: /2 characters \(U\+001B, U\+000C\)/ },
  { description: 'U+FFFE', surname: 'Harrison\uFFFE', expected: 'Harrison', named: /U\+FFFE/ },
  { description: 'U+FFFF', surname: 'Harrison\uFFFF', expected: 'Harrison', named: /U\+FFFF/ },
  { description: 'a lone high surrogate', surname: 'Harrison\uD83D', expected: 'Harrison', named: /U\+D83D/ },
  { description: 'a lone low surrogate', surname: '\uDE00Harrison', expected: 'Harrison', named: /U\+DE00/ },
];

describe('characters a workbook cannot hold, in an export', () => {
  for (const c of CASES) {
    it(`removes ${c.description} from a cell, keeps the rest of the row, and reports the file, row and column`, () => {
      const { records, problems } = importCsv({ 'c.csv': customers(c.surname) });
      assert.equal(records.customers[0]?.surname, c.expected);
      assert.equal(records.customers[0]?.email, 'jean@example.com');
      assert.equal(problems.length, 1);
      const [p] = problems;
      assert.deepEqual([p?.where.file, p?.where.row, p?.where.column, p?.code, p?.value], ['c.csv', 2, 'Surname', 'character_unwritable', c.expected]);
      assert.match(p?.message ?? '', c.named);
      assert.match(p?.message ?? '', /a workbook cannot hold/);
    });
  }

  it('removes them from a CSV read in pieces, in the first piece and a later one (each piece is tested whole first)', async () => {
    const lines = [HEADER];
    for (let i = 1, chars = 0; chars < 3 * PIECE_CHARS; i += 1) chars += lines[lines.push(`C${i},Mrs,Jean,Surname${i},1 High St,Knutsford,WA16 7HX,jean@example.com`) - 1]!.length + 1;
    const last = lines.length;
    lines[2] = lines[2]!.replace('Surname2', 'Surname\u00002');
    lines[last - 1] = lines[last - 1]!.replace(`Surname${last - 1}`, `Surname\uFFFF${last - 1}`);
    const text = `${lines.join('\n')}\n`;
    const read = await tableFromCsvChunks('c.csv', (async function* () {
      for (let at = 0; at < text.length; at += 65_521) yield text.slice(at, at + 65_521);
    })());
    const session = new GarageImport({ settings: DEFAULT_SETTINGS, asOf: '2026-11-16' });
    await session.addAll(read.value!);
    const { value, problems } = session.finish();
    assert.equal(value.records.customers[1]?.surname, 'Surname2');
    assert.equal(value.records.customers[last - 2]?.surname, `Surname${last - 1}`);
    assert.deepEqual(problems.filter((p) => p.code === 'character_unwritable').map((p) => [p.where.row, p.where.column]), [[3, 'Surname'], [last, 'Surname']]);
    assert.ok(value.records.customers.every((c) => !hasUnwritable(c.surname)));
  });

  it('keeps tabs, line breaks, accents and emoji, which a workbook holds', () => {
    const { records, problems } = importCsv({ 'c.csv': customers('"Ha\trri\nson é 😀"') });
    assert.deepEqual(problems, []);
    assert.equal(records.customers[0]?.surname, 'Ha\trri\nson é 😀');
  });

  it('removes them from a header too, and still recognises the column', () => {
    const { records, problems } = importCsv({ 'c.csv': `Customer Code,Surname\u0000\nC1,Harrison\n` });
    assert.equal(records.customers[0]?.surname, 'Harrison');
    assert.deepEqual(problems.map((p) => [p.where.row, p.where.column, p.code]), [[1, 'Surname', 'character_unwritable']]);
  });
});

describe('characters a workbook cannot hold, in a kept sheet', () => {
  const headers = ['Action ID', 'Sent At', 'Customer', 'Contact Due', 'Method', 'To', 'Status', 'Reference', 'By'];

  it('removes them from a Contact Log cell and reports the cell', () => {
    const { value: entries, problems } = contactLogFromSheet({
      sheet: 'Contact Log',
      headers,
      rows: [['mot-1/C1/AB12CDE/2026-12-10', '2026-11-12', 'C1', 'MOT Reminder', 'Email', 'j@example.com', 'sent', 'ref\u0007', 'Sam\uFFFF']],
    });
    assert.deepEqual([entries[0]?.reference, entries[0]?.by], ['ref', 'Sam']);
    assert.deepEqual(problems.map((p) => [p.where.address, p.code]), [['H2', 'character_unwritable'], ['I2', 'character_unwritable']]);
  });

  it('leaves nothing a workbook cannot hold anywhere in the plan, whatever the exports and kept sheets held', () => {
    const imported = importCsv({ 'c.csv': customers('Harri\u0000son\uD800') });
    const settings = settingsFromRows({ sheet: 'Settings', headers: ['Setting', 'Value'], rows: [['Garage name', 'Fix\u0001 Motors']] });
    const log = contactLogFromSheet({ sheet: 'Contact Log', headers, rows: [['mot-1/C1/AB12CDE/2026-12-10', 'last\u0002 week', 'C1', 'MOT Reminder', 'Email', '', 'sent', '', '']] });
    const retention = computeRetention({ records: imported.records, asOf: '2026-11-16', contactLog: log.value, lapsedMarks: [], settings: settings.value, rules: defaultRules(settings.value) });
    const plan = workbookPlan({
      retention, settings: settings.value, importProblems: imported.problems, sheetProblems: [...settings.problems, ...log.problems],
      contactLog: log.value, lapsedMarks: [], schedule: defaultSchedule(DEFAULT_SETTINGS),
    });
    const unwritable = plan.sheets.flatMap((s) => s.table.rows.flatMap((row) => row.filter((cell) => typeof cell === 'string' && hasUnwritable(cell)).map((cell) => `${s.name}: ${JSON.stringify(cell)}`)));
    assert.deepEqual(unwritable, []);
    assert.ok(imported.problems.length >= 1 && log.problems.some((p) => p.code === 'character_unwritable'));
    // A cell with such a character is read, not given up on: the rest of its text stands.
    assert.equal(settings.value.garageName, 'Fix Motors');
    assert.deepEqual(settings.problems.map((p) => [p.where.address, p.code]), [['B2', 'character_unwritable']]);
  });
});
