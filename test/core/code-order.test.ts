import assert from 'node:assert/strict';
import { compareCodes, inCodeOrder } from '../../core/code-order.ts';

describe('customer code order', () => {
  const cases: { a: string; b: string; order: -1 | 0 | 1 }[] = [
    { a: 'C2', b: 'C10', order: -1 },
    { a: '9', b: '10', order: -1 },
    { a: '000123', b: '124', order: -1 },
    { a: 'c1', b: 'C2', order: -1 },
    { a: 'C1', b: 'C1A', order: -1 },
    { a: 'A100', b: 'B1', order: -1 },
    { a: 'SMITH01', b: 'SMITH01', order: 0 },
  ];
  for (const { a, b, order } of cases) {
    it(`puts ${a} ${order < 0 ? 'before' : 'level with'} ${b}`, () => {
      assert.equal(Math.sign(compareCodes(a, b)), order);
      assert.equal(Math.sign(compareCodes(b, a)), -order || 0);
    });
  }

  it('sorts a list by code, keeping codes that differ only in case or leading zeros in a fixed order', () => {
    const sorted = inCodeOrder(['C10', 'c1', 'C01', 'C2', 'B7', 'C1', '42'].map((code) => ({ code })), (c) => c.code);
    assert.deepEqual(sorted.map((c) => c.code), ['42', 'B7', 'C01', 'C1', 'c1', 'C2', 'C10']);
  });

  it('sorts lists already in order, or in text order only, exactly as comparing codes one by one does', () => {
    const lists = [
      ['C000001', 'C000002', 'C000010', 'C000011'],
      ['C09', 'C10', 'c11', 'C12'],
      ['A1', 'A2', 'A10', 'B1'],
      ['A1', 'A10', 'A2'],
      ['AB12', 'AB13', 'ABC1'],
      ['C1', 'C01', 'C001'],
      ['Z9', 'Z10', 'É1', 'E2'],
      ['12345678901234567890123', '12345678901234567890124', '9'],
      ['X', 'X', 'x'],
      ['B1', 'a2'],
      ['SZ', 'ßA'],
    ];
    for (const codes of lists) {
      const expected = [...codes].sort(compareCodes);
      assert.deepEqual(inCodeOrder(codes, (c) => c), expected, codes.join(' '));
      assert.deepEqual(inCodeOrder(expected, (c) => c), expected, expected.join(' '));
    }
  });

  it('returns a copy even when the list is in order already', () => {
    const codes = ['C1', 'C2'];
    const sorted = inCodeOrder(codes, (c) => c);
    assert.deepEqual(sorted, codes);
    assert.notEqual(sorted, codes);
  });
});
