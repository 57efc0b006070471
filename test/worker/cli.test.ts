import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
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

  it('answers bad usage with exit 2 and the usage text', async () => {
    for (const argv of [['build'], ['build', SAMPLES, '--as-of', '2026-02-30'], ['frobnicate'], ['build', SAMPLES, '--kind', 'widgets=x.csv']]) {
      const { code, err } = await run(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, /Usage:/);
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
