import assert from 'node:assert/strict';
import { PIECE_CHARS, tableFromCsv, tableFromCsvChunks } from '../../../core/import/csv.ts';
import { IMPORT_LIMITS } from '../../../core/import/limits.ts';
import { wholeTable } from '../../../core/import/raw-table.ts';

/** The text in chunks of an awkward size, as a file stream would hand it over. */
async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

/** A customers export long enough to be read in several pieces, each line made by `line`. */
function longExport(line: (i: number) => string, end = '\n'): string {
  const lines = ['Code,Surname,Town,Note'];
  for (let i = 1, chars = 0; chars < 3 * PIECE_CHARS; i += 1) {
    lines.push(line(i));
    chars += lines[i]!.length + end.length;
  }
  return lines.join(end) + end;
}

async function readBothWays(text: string, chunk = 65_521) {
  const whole = tableFromCsv('c.csv', text);
  const streamed = await tableFromCsvChunks('c.csv', chunksOf(text, chunk));
  const table = streamed.value ? await wholeTable(streamed.value) : null;
  return { whole, streamed: { value: table, problems: streamed.problems } };
}

describe('reading a CSV export in pieces', () => {
  const cases: { description: string; text: string }[] = [
    { description: 'plain rows', text: longExport((i) => `C${i},Smith${i},Leeds,`) },
    { description: 'rows ending CRLF', text: longExport((i) => `C${i},Smith${i},Leeds,`, '\r\n') },
    { description: 'quoted notes with line breaks and commas', text: longExport((i) => (i % 7 === 0 ? `C${i},"Smith, ${i}",Leeds,"call after 5\nask for Jo"` : `C${i},Smith${i},Leeds,`)) },
    { description: 'a stray quote now and then', text: longExport((i) => (i % 5000 === 0 ? `C${i},"Smith${i},Leeds,` : `C${i},Smith${i},Leeds,`)) },
    { description: 'blank lines and ragged rows', text: longExport((i) => (i % 997 === 0 ? '' : i % 1009 === 0 ? `C${i},Smith` : `C${i},Smith${i},Leeds,`)) },
  ];
  for (const { description, text } of cases) {
    it(`reads ${description} as the whole file is read: the same rows, row numbers and problems`, async () => {
      const { whole, streamed } = await readBothWays(text);
      assert.ok(whole.value && streamed.value);
      assert.ok(whole.value.rows.length > 50_000);
      assert.deepEqual(streamed.value.headers, whole.value.headers);
      assert.deepEqual(streamed.value.rowNumbers, whole.value.rowNumbers);
      assert.deepEqual(streamed.value.rows, whole.value.rows);
      assert.deepEqual(streamed.problems, whole.problems);
    });
  }

  it('hands the rows over piece by piece rather than all at once', async () => {
    const streamed = await tableFromCsvChunks('c.csv', chunksOf(longExport((i) => `C${i},Smith${i},Leeds,`), 65_536));
    let batches = 0;
    for await (const batch of streamed.value!.more!) batches += batch.rows.length > 0 ? 1 : 0;
    assert.ok(batches >= 2, `${batches} batches after the first`);
    assert.ok(streamed.value!.rows.length < 50_000);
  });

  it('reads a file that is nothing but blank lines as empty', async () => {
    const { problems, value } = await tableFromCsvChunks('c.csv', chunksOf('\n'.repeat(3 * PIECE_CHARS), 100_000));
    assert.equal(value, null);
    assert.deepEqual(problems.map((p) => p.code), ['file_empty']);
  });

  it('names the line, counted through the whole file, that has more values than Excel has columns', async () => {
    const text = longExport((i) => (i === 60_000 ? ','.repeat(200) : `C${i},Smith${i},Leeds,`));
    const streamed = await tableFromCsvChunks('c.csv', chunksOf(text, 65_536), { ...IMPORT_LIMITS, columns: 100 });
    if (streamed.value) await wholeTable(streamed.value); // read to the end
    const tooWide = streamed.problems.filter((p) => p.code === 'file_too_large');
    assert.equal(tooWide.length, 1);
    assert.match(tooWide[0]!.message, /line 60,001 has more than 100 values/);
  });
});
