import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { computerUser, main } from '../../worker/cli.ts';
import type { BuildSummary } from '../../core/summary.ts';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const SAMPLES_AS_OF = '2026-11-16';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), now: () => new Date('2026-11-16T12:00:00Z') });
  return { code, out, err };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'retention-cli-'));
}

describe('retention build', () => {
  it('prints exactly one JSON document with every part of the summary for the sample garage', async () => {
    const { out, code } = await run(['build', SAMPLES, '--as-of', SAMPLES_AS_OF, '--json']);
    const summary = JSON.parse(out) as BuildSummary;
    assert.equal(summary.asOf, SAMPLES_AS_OF);
    assert.ok(summary.imported.customers >= 290, `customers: ${summary.imported.customers}`);
    assert.ok(summary.imported.units > 300 && summary.imported.jobs > 900);
    assert.ok(summary.imported.advisories > 0 && summary.imported.bookings > 0);
    assert.ok(summary.problems > 0, 'the samples carry deliberate quirks');
    assert.equal(code, 1, 'finished with import problems');
    assert.ok(summary.dueActions.total > 0);
    const total = Object.values(summary.dueActions.byMethod).reduce((a, b) => a + b, 0);
    assert.equal(total, summary.dueActions.total);
    assert.equal(summary.dueActions.unreachable, summary.dueActions.byMethod.None, 'unreachable: the due rows with no usable method');
    assert.ok(summary.audit.staff.length >= 2);
    assert.ok(Object.keys(summary.dissatisfaction).length > 0);
  });

  it('shows every default contact due for the sample garage on its as-of date', async () => {
    const { out } = await run(['build', SAMPLES, '--as-of', SAMPLES_AS_OF, '--json']);
    const summary = JSON.parse(out) as BuildSummary;
    const expected = [
      'MOT Reminder', '2nd MOT Reminder', '1st Service Reminder', '2nd Service Reminder', 'MOT & Service Reminder',
      'Job Confirmation', 'Appointment Reminder', 'Workshop Thank You', 'Advisory Work Reminder', 'Thank You for Buying',
      'Warranty Expiry Reminder', 'Finance End Contact', 'Birthday Wishes', 'Drifting Customer Letter',
    ];
    for (const contactDue of expected) assert.ok((summary.dueActions.byContactDue[contactDue] ?? 0) > 0, `no ${contactDue}`);
  });

  it('exits 0 when every file imports cleanly', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'customers.csv'), 'Customer Code,Surname,Email,Postcode\r\nC1,Smith,jo@example.com,sk10 4ab\r\n');
    const { code, out } = await run(['build', dir, '--as-of', '2026-11-16', '--json']);
    assert.equal(code, 0);
    assert.equal((JSON.parse(out) as BuildSummary).imported.customers, 1);
  });

  it('still imports the other files when one cannot be recognised, and says why on stderr', async () => {
    const dir = tempDir();
    for (const f of readdirSync(SAMPLES).filter((f) => /\.(csv|xlsx)$/.test(f))) copyFileSync(join(SAMPLES, f), join(dir, f));
    writeFileSync(join(dir, 'mystery.csv'), 'Colour,Flavour\nred,sweet\n');
    const { code, out, err } = await run(['build', dir, '--as-of', SAMPLES_AS_OF, '--json']);
    const summary = JSON.parse(out) as BuildSummary;
    assert.equal(code, 1);
    assert.ok(summary.imported.customers > 0 && summary.imported.units > 0);
    assert.match(err + out, /mystery\.csv/);
  });

  it('does not list again an action the contact log says was sent', async () => {
    const first = JSON.parse((await run(['build', SAMPLES, '--as-of', SAMPLES_AS_OF, '--json'])).out) as BuildSummary;
    const { retentionActionIds } = await import('./support/action-ids.ts');
    const ids = await retentionActionIds(SAMPLES, SAMPLES_AS_OF);
    const dir = tempDir();
    const log = join(dir, 'log.csv');
    writeFileSync(log, `Action ID,Sent At,Status\n${ids.slice(0, 5).map((id) => `${id},${SAMPLES_AS_OF},sent`).join('\n')}\n`);
    const second = JSON.parse((await run(['build', SAMPLES, '--as-of', SAMPLES_AS_OF, '--json', '--contact-log', log])).out) as BuildSummary;
    assert.equal(second.dueActions.total, first.dueActions.total - 5);
  });

  it('lists a contact log file’s unreadable rows on the Import Problems sheet, with the file and row', async () => {
    const dir = tempDir();
    const log = join(dir, 'log.csv');
    writeFileSync(log, 'Action ID,Sent At,Status\nmot-1/C00001/MX73VCW/2026-12-12,last Tuesday,sent\n');
    const workbook = join(dir, 'retention.xlsx');
    await run(['build', SAMPLES, '--as-of', SAMPLES_AS_OF, '--out', workbook, '--contact-log', log]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const rows: string[] = [];
    book.getWorksheet('Import Problems')!.eachRow((row) => rows.push((row.values as unknown[]).join('|')));
    assert.ok(rows.some((r) => r.includes('log.csv') && r.includes('last Tuesday')), 'the log file’s problem is on the sheet');
  });

  it('gives a new workbook the garage’s details from --settings, and leaves an existing workbook’s Settings as they are', async () => {
    const dir = tempDir();
    const settings = join(dir, 'garage.csv');
    writeFileSync(settings, 'Setting,Value\nGarage name,Whitfield Motors\nGarage phone,01565 496000\n');
    const workbook = join(dir, 'retention.xlsx');
    await run(['build', SAMPLES, '--as-of', SAMPLES_AS_OF, '--out', workbook, '--settings', settings]);
    const valueOf = async (label: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(workbook);
      let value: unknown = null;
      book.getWorksheet('Settings')!.eachRow((row) => {
        if (row.getCell(1).value === label) value = row.getCell(2).value;
      });
      return value;
    };
    assert.equal(await valueOf('Garage name'), 'Whitfield Motors');
    writeFileSync(settings, 'Setting,Value\nGarage name,Someone Else\n');
    await run(['build', SAMPLES, '--as-of', SAMPLES_AS_OF, '--into', workbook, '--settings', settings]);
    assert.equal(await valueOf('Garage name'), 'Whitfield Motors', 'the workbook’s own Settings sheet wins');
  });

  it('answers bad usage with exit 2 and the usage text', async () => {
    for (const argv of [['build'], ['build', SAMPLES, '--as-of', '2026-02-30'], ['frobnicate'], ['build', SAMPLES, '--kind', 'widgets=x.csv']]) {
      const { code, err } = await run(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, /Usage:/);
    }
  });

  it('leaves out the workbook it builds when that sits in the exports folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'customers.csv'), 'Customer Code,Surname,Email,Postcode\r\nC1,Smith,jo@example.com,sk10 4ab\r\n');
    const out = join(dir, 'retention.xlsx');
    assert.equal((await run(['build', dir, '--as-of', '2026-11-16', '--out', out])).code, 0);
    const again = await run(['build', dir, '--as-of', '2026-11-16', '--out', out]);
    assert.equal(again.code, 0, again.out + again.err);
    const other = await run(['build', dir, '--as-of', '2026-11-16', '--json']);
    assert.equal(other.code, 1, 'a Retention Desk workbook in the folder is named when it is not the one being built');
    assert.match(other.err, /retention\.xlsx is a Retention Desk workbook/);
  });

  it('imports every customer of a CRLF export with a bare LF and a stray quote, and names the stray quote\'s row', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 3000 }, (_, i) => `C${i + 1},Smith${i + 1}`);
    rows[1000] = 'C1001,"Smith1001';
    writeFileSync(join(dir, 'customers.csv'), `Customer Code,Surname\r\n${rows.slice(0, 2000).join('\r\n')}\n${rows.slice(2000).join('\r\n')}\r\n`);
    const { out, err } = await run(['build', dir, '--as-of', '2026-11-16', '--json']);
    assert.equal((JSON.parse(out) as BuildSummary).imported.customers, 3000);
    assert.match(err, /1 rows that could not be fully read — e\.g\. customers\.csv row 1002: .*a quote mark/);
  });

  describe('a path given on the command line that cannot be used', () => {
    const dir = tempDir();
    const aFile = join(dir, 'customers.csv');
    writeFileSync(aFile, 'Customer Code,Surname\r\nC1,Smith\r\n');
    const cases: { description: string; input: string[]; expected: RegExp }[] = [
      { description: '--contact-log naming no file', input: ['--contact-log', join(dir, 'no-such-log.csv')], expected: /--contact-log .*no such file/ },
      { description: '--contact-log naming a folder', input: ['--contact-log', dir], expected: /--contact-log .*is a folder/ },
      { description: '--out under a file', input: ['--out', join(aFile, 'retention.xlsx')], expected: /--out .*customers\.csv is a file, not a folder/ },
      { description: '--out naming a folder', input: ['--out', dir], expected: /--out .*is a folder, not a workbook; name the workbook file/ },
      { description: '--into naming a folder', input: ['--into', dir], expected: /--into .*is a folder/ },
    ];
    for (const { description, input, expected } of cases) {
      it(`answers ${description} with a message and exit 2, not a stack trace`, async () => {
        const { code, err } = await run(['build', aFile, '--as-of', '2026-11-16', ...input]);
        assert.equal(code, 2);
        assert.match(err, expected);
        assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
      });
    }
  });
});

describe('who is building', () => {
  it('is the computer’s signed-in user when --by is not given, even where $USER is not set (Windows, a scheduled task)', () => {
    const saved = { USER: process.env.USER, USERNAME: process.env.USERNAME };
    delete process.env.USER;
    delete process.env.USERNAME;
    try {
      assert.equal(computerUser(), userInfo().username);
      assert.notEqual(computerUser(), '');
    } finally {
      if (saved.USER !== undefined) process.env.USER = saved.USER;
      if (saved.USERNAME !== undefined) process.env.USERNAME = saved.USERNAME;
    }
  });
});
