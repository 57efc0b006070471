import assert from 'node:assert/strict';
import { decodeExport } from '../../../core/import/decode.ts';

const CSV = 'Customer Code,Surname\r\nC1,Renée O’Connell\r\n';

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
  return be;
}

describe('decoding an export file', () => {
  const cases: { description: string; input: Uint8Array; expected: { text?: string; encoding?: string; error?: RegExp } }[] = [
    { description: 'UTF-8 without a byte-order mark', input: Buffer.from(CSV, 'utf8'), expected: { text: CSV, encoding: 'UTF-8' } },
    { description: 'UTF-8 with a byte-order mark', input: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]), expected: { text: CSV, encoding: 'UTF-8 with BOM' } },
    { description: 'UTF-16 little-endian with a byte-order mark', input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]), expected: { text: CSV, encoding: 'UTF-16' } },
    { description: 'UTF-16 little-endian without a byte-order mark', input: Buffer.from(CSV, 'utf16le'), expected: { text: CSV, encoding: 'UTF-16' } },
    { description: 'UTF-16 big-endian without a byte-order mark', input: utf16be(CSV), expected: { text: CSV, encoding: 'UTF-16' } },
    { description: 'binary junk with NULs scattered', input: new Uint8Array(4096).map((_, i) => (i % 7 === 0 ? 0 : (i * 37 + 11) % 256)), expected: { error: /binary/ } },
  ];
  for (const { description, input, expected } of cases) {
    it(`reads ${description}`, () => {
      const decoded = decodeExport(input);
      if (expected.error) {
        assert.ok('error' in decoded);
        assert.match(decoded.error, expected.error);
      } else {
        assert.deepEqual(decoded, { text: expected.text, encoding: expected.encoding });
      }
    });
  }
});
