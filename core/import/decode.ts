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

/**
 * How an export's bytes are to be decoded, told from its first bytes (8 KB is enough): a byte-order
 * mark, UTF-16 without one, or binary junk. 'utf-8 else windows-1252' leaves the last choice to
 * whether the whole file is valid UTF-8, which only a pass over all of it can say.
 */
export type ExportDecoding =
  | { label: 'utf-8' | 'utf-16le' | 'utf-16be'; skipBytes: number; encoding: 'UTF-8 with BOM' | 'UTF-16' }
  | { label: 'utf-8 else windows-1252' }
  | { error: string };

export function exportDecoding(head: Uint8Array): ExportDecoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { label: 'utf-8', skipBytes: 3, encoding: 'UTF-8 with BOM' };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return { label: head[0] === 0xff ? 'utf-16le' : 'utf-16be', skipBytes: 2, encoding: 'UTF-16' };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { label: utf16, skipBytes: 0, encoding: 'UTF-16' };
  if (looksBinary(head)) return { error: 'it holds binary data, not text: it is not a CSV export' };
  return { label: 'utf-8 else windows-1252' };
}

export function decodeExport(bytes: Uint8Array): DecodedText {
  const how = exportDecoding(bytes);
  if ('error' in how) return how;
  if (how.label !== 'utf-8 else windows-1252') return { text: new TextDecoder(how.label).decode(bytes.subarray(how.skipBytes)), encoding: how.encoding };
  try {
    return { text: utf8.decode(bytes), encoding: 'UTF-8' };
  } catch {
    // Not valid UTF-8: the other encoding UK systems write is Windows-1252 (é as 0xE9, ’ as 0x92).
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}

/**
 * The same decoding as decodeExport, chunk by chunk, for a file read as a stream; `wholeIsUtf8`
 * settles 'utf-8 else windows-1252' (the caller has checked the whole file). A character split
 * between chunks is put together again.
 */
export async function* decodeExportChunks(chunks: AsyncIterable<Uint8Array>, how: Exclude<ExportDecoding, { error: string }>, wholeIsUtf8: boolean): AsyncGenerator<string> {
  const windows1252 = how.label === 'utf-8 else windows-1252' && !wholeIsUtf8;
  const decoder = windows1252 ? null : new TextDecoder(how.label === 'utf-8 else windows-1252' ? 'utf-8' : how.label);
  let skip = 'skipBytes' in how ? how.skipBytes : 0;
  for await (let chunk of chunks) {
    if (skip > 0) {
      const skipped = Math.min(skip, chunk.length);
      chunk = chunk.subarray(skipped);
      skip -= skipped;
    }
    const text = decoder ? decoder.decode(chunk, { stream: true }) : decodeWindows1252(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder?.decode() ?? '';
  if (rest !== '') yield rest;
}
