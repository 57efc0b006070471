import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_LIMITS } from '../../core/import/limits.ts';
import { readContactLogFile } from '../../worker/contact-log-file.ts';

function tempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'retention-log-')), name);
  writeFileSync(path, content);
  return path;
}

const HEADER = 'Action ID,Sent At,Customer,Contact Due,Method,To,Status,Reference,By';

describe('a --contact-log file', () => {
  it('is decoded as Windows-1252 when it is not UTF-8, as exports are', async () => {
    // "Zoë" and "José" as a Windows machine saves them: ë 0xEB, é 0xE9.
    const bytes = Buffer.from(`${HEADER}\r\nmot-1/C1/AB12CDE/2026-12-10,12/11/2026,C1,MOT Reminder,Email,x@example.com,sent,r1,Zo\u00eb Jos\u00e9\r\n`, 'latin1');
    const { value, problems } = await readContactLogFile(tempFile('log.csv', bytes));
    assert.deepEqual(problems, []);
    assert.equal(value[0]?.by, 'Zoë José');
    assert.equal(value[0]?.sentAt, '2026-11-12');
  });

  it('reports what papaparse could not read, with the file and row, and keeps the lines it could', async () => {
    const text = `${HEADER}\nmot-1/C1/AB12CDE/2026-12-10,2026-11-12,C1,MOT Reminder,Email,x@example.com,sent,r1,Sam\nmot-2/C2/XY99ZZZ/2026-12-10,2026-11-12,C2,"MOT Reminder,Email\n`;
    const { value, problems } = await readContactLogFile(tempFile('log.csv', text));
    assert.ok(value.some((e) => e.actionId === 'mot-1/C1/AB12CDE/2026-12-10'));
    const malformed = problems.find((p) => p.code === 'row_malformed');
    assert.ok(malformed, JSON.stringify(problems));
    assert.deepEqual([malformed.source, malformed.where.file, malformed.where.row], ['contact-log', 'log.csv', 3]);
  });

  it('names the file, row and column of a line it cannot use, counting rows as a spreadsheet does across blank lines', async () => {
    const text = `${HEADER}\n\nmot-1/C1/AB12CDE/2026-12-10,last week,C1,MOT Reminder,Email,x@example.com,sent,r1,Sam\n`;
    const { value, problems } = await readContactLogFile(tempFile('log.csv', text));
    assert.equal(value[0]?.sentAtText, 'last week');
    assert.deepEqual(problems.map((p) => [p.source, p.code, p.where]), [['contact-log', 'date_invalid', { file: 'log.csv', row: 3, column: 'Sent At' }]]);
  });

  it('reads a JSON array of entries, counting them from 1', async () => {
    const json = JSON.stringify([{ actionId: 'a/C1/X/2026-12-10', sentAt: '2026-11-12T09:30:00.000Z', status: 'sent' }, { actionId: 'b/C1/X/2026-12-10', sentAt: 'soon', status: 'sent' }]);
    const { value, problems } = await readContactLogFile(tempFile('log.json', json));
    assert.deepEqual(value.map((e) => e.sentAt), ['2026-11-12', null]);
    assert.deepEqual(problems.map((p) => p.where), [{ file: 'log.json', row: 2, column: 'Sent At' }]);
  });

  it('says a file that is not JSON cannot be read, as one problem', async () => {
    const { value, problems } = await readContactLogFile(tempFile('log.json', '{ nope'));
    assert.deepEqual(value, []);
    assert.deepEqual(problems.map((p) => [p.code, p.where.file]), [['file_unreadable', 'log.json']]);
  });

  it('names a pipe instead of waiting on it for ever', async function () {
    this.timeout(5000);
    const path = join(mkdtempSync(join(tmpdir(), 'retention-log-')), 'log.csv');
    execFileSync('mkfifo', [path]);
    const { problems } = await readContactLogFile(path);
    assert.match(problems[0]?.message ?? '', /not a plain file/);
  });

  it('refuses a log over the size limit without reading it', async () => {
    const { value, problems } = await readContactLogFile(tempFile('log.csv', `${HEADER}\n${'x,y\n'.repeat(100)}`), { ...IMPORT_LIMITS, fileBytes: 100 });
    assert.deepEqual(value, []);
    assert.match(problems[0]?.message ?? '', /more than the 100 bytes a contact log may be/);
  });
});
