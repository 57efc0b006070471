import assert from 'node:assert/strict';
import type { RawCell } from '../../../core/import/raw-table.ts';
import { readYesNo } from '../../../core/values/yes-no.ts';

function outcome(cell: RawCell): boolean | 'blank' | 'refused' {
  const read = readYesNo(cell);
  return read === null ? 'blank' : 'value' in read ? read.value : 'refused';
}

const CASES: { description: string; input: RawCell; expected: boolean | 'blank' | 'refused' }[] = [
  ...['Y', 'y', 'Yes', 'YES', 'true', 'TRUE', 't', 'T', '1', 'x', 'X', 'on', 'Enabled', '✓', '✔'].map((input) => ({ description: `reads "${input}" as yes`, input, expected: true as const })),
  { description: 'reads a spreadsheet TRUE as yes', input: true, expected: true },
  ...['N', 'n', 'No', 'false', 'F', 'f', '0', 'off', 'Disabled', '-'].map((input) => ({ description: `reads "${input}" as no`, input, expected: false as const })),
  { description: 'reads a spreadsheet FALSE as no', input: false, expected: false },
  { description: 'reads a number 1 as yes', input: 1, expected: true },
  { description: 'reads a number 0 as no', input: 0, expected: false },
  { description: 'reads " Yes " with spaces around it as yes', input: ' Yes ', expected: true },
  { description: 'leaves an empty cell blank for the caller to read as "no consent" or "not chosen"', input: '', expected: 'blank' },
  { description: 'leaves a cell of one space blank', input: ' ', expected: 'blank' },
  { description: 'leaves a missing cell blank', input: null, expected: 'blank' },
  ...['maybe', '2', 'z', 'Z', '9', '?', 'yes please'].map((input) => ({ description: `refuses "${input}"`, input, expected: 'refused' as const })),
];

describe('the one yes/no reader', () => {
  for (const c of CASES) {
    it(c.description, () => assert.equal(outcome(c.input), c.expected));
  }

  it('says what it could not read', () => {
    assert.deepEqual(readYesNo('maybe'), { reason: '"maybe" is not yes or no' });
  });
});
