import assert from 'node:assert/strict';
import { importProblem, type Problem } from '../../core/problems.ts';
import { problemDigest } from '../../worker/problem-digest.ts';
import { terminalLine } from '../../worker/terminal-text.ts';

describe('the import problems printed on the terminal', () => {
  const cases: { description: string; input: string; expected: string }[] = [
    { description: 'an escape sequence that would recolour the screen', input: 'Smith\u001b[31mRED', expected: 'Smith\\e[31mRED' },
    { description: 'a carriage return that would hide the start of the line', input: 'ok\rHIDDEN', expected: 'ok\\rHIDDEN' },
    { description: 'a line feed inside a value', input: 'Flat 1\nHigh St', expected: 'Flat 1\\nHigh St' },
    { description: 'a bell and a NUL', input: 'a\u0007b\u0000c', expected: 'a\\x07b\\x00c' },
    { description: 'a C1 control left by a wrong decoding', input: 'x\u009by', expected: 'x\\x9by' },
    { description: 'a right-to-left override that reorders the text shown', input: 'abc\u202edef', expected: 'abc\\u202edef' },
    { description: 'plain text with accents and a pound sign', input: 'Renée £12 O’Connell', expected: 'Renée £12 O’Connell' },
  ];
  for (const { description, input, expected } of cases) {
    it(`shows ${description} as visible characters`, () => {
      assert.equal(terminalLine(input), expected);
    });
  }

  it('prints a 2 MB header echoed in a problem as one short line', () => {
    const header = ','.repeat(2_000_000) + '\u001b[2J';
    const problem: Problem = importProblem('big.csv', 1, '', 'file_unrecognised', `big.csv was not recognised. Its headers: ${header}. Rename its headers.`, 'file skipped', header);
    const lines = problemDigest([problem]);
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.length < 2_000, `printed ${lines[0]!.length} characters`);
    assert.match(lines[0]!, /^big\.csv was not recognised/);
    assert.match(lines[0]!, /Rename its headers/, 'what to do is kept');
    assert.ok(!lines[0]!.includes('\u001b'));
  });

  it('keeps at most one Excel cell of the value a problem is about', () => {
    const problem = importProblem('big.csv', 1, '', 'file_unrecognised', 'x', 'file skipped', 'v'.repeat(100_000));
    assert.equal(problem.value.length, 32_767);
  });

  it('escapes control characters in the counted problems too', () => {
    const problem = importProblem('c.csv', 2, 'Email', 'email_invalid', 'Email: "a\u001b]0;pwned\u0007" is not an email address.', 'left blank');
    const lines = problemDigest([problem]);
    assert.ok(lines.every((l) => [...l].every((c) => c.charCodeAt(0) >= 0x20)), JSON.stringify(lines));
  });

  it('prints a sheet not read in full, as it does a file not read', () => {
    const problem = importProblem('jobs.xlsx (sheet "Notes")', 1, '', 'sheet_not_read', 'jobs.xlsx (sheet "Notes"): the sheet "Notes" was not read.', 'sheet skipped');
    assert.deepEqual(problemDigest([problem]), ['jobs.xlsx (sheet "Notes"): the sheet "Notes" was not read. (sheet skipped)']);
  });
});
