/**
 * Export bytes → text. DMS exports come as UTF-8 (with or without a byte-order mark) or as
 * Windows-1252 from older systems; a file that is neither UTF-8 nor text at all is told apart
 * from both, so binary junk gets a clear message instead of a table of mojibake.
 */

export type DecodedText = { text: string; encoding: 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16' | 'Windows-1252' } | { error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/**
 * Windows-1252's 0x80–0x9F (’ “ ” – € …). Node 20 decodes the label "windows-1252" as Latin-1,
 * leaving these as C1 control characters, so they are put right here.
 */
const CP1252_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š',
  0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
  0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeWindows1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0)] ?? c);
}

/**
 * UTF-16 written without a byte-order mark (some Windows tools do): text in the Latin range has a
 * zero in every other byte. Little-endian when the zeros are the odd bytes, big-endian when even.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192) & ~1);
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  const pairs = sample.length / 2;
  // Nearly every character in one half zero, hardly any in the other: text, not binary with NULs.
  if (oddZeros > pairs * 0.7 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.7 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Bytes that never appear in a text export: NUL and the C0 controls other than tab, CR, LF, FF. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) controls += 1;
  }
  return controls > sample.length / 100;
}

export function decodeExport(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 with BOM' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: new TextDecoder(label).decode(bytes.subarray(2)), encoding: 'UTF-16' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: 'UTF-16' };
  if (looksBinary(bytes)) return { error: 'it holds binary data, not text: it is not a CSV export' };
  try {
    return { text: utf8.decode(bytes), encoding: 'UTF-8' };
  } catch {
    // Not valid UTF-8: the other encoding UK systems write is Windows-1252 (é as 0xE9, ’ as 0x92).
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}
