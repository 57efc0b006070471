/**
 * The data rows of a plan's sheet, written as sheet XML straight into exceljs's streaming writer,
 * with backpressure. exceljs builds a Row and a Cell object and an XML model per cell, and its
 * sheet stream buffers without limit, so a 100,000-customer workbook spent most of its 17 s and a
 * gigabyte there. Here each row is one string, in exactly the XML exceljs writes for the same
 * values and styles (`<c r s t="str"><v>…</v></c>`, styles looked up once per column and fill),
 * and the sheet part is a stream the zip pulls from: a full buffer makes the writer wait.
 *
 * Like stream-tables.ts, this leans on exceljs 4.4.0's internals (WorkbookWriter._openStream,
 * .styles.addStyleModel, WorksheetWriter.stream); the round-trip and second-reader tests fail
 * loudly if an upgrade moves them.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';

interface WorkbookInternals {
  _openStream(path: string): unknown;
  zip: { append(source: unknown, data: { name: string }): unknown };
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number };
}

/** exceljs's ValueType numbers, as addStyleModel takes them. */
export const CELL_TYPE = { null: 0, number: 2, string: 3, boolean: 9 } as const;

/**
 * What is buffered for a sheet part before the writer waits for the zip to take it. Small on
 * purpose: a Buffer that waits in a queue long enough to be promoted counts as external memory
 * until a full collection, and every 64 MB of it starts one, marking the whole heap (the garage's
 * records, half a gigabyte at 100,000 customers). With 4 MB here a 100k write ran 6-7 of those
 * (~2.5 s); with 256 KB, one.
 */
const SHEET_BUFFER_BYTES = 256 * 1024;
/** Rows are handed over in strings of about this many characters (well under the buffer, for the same reason). */
const BATCH_CHARS = 64 * 1024;

/** A sheet part that takes exceljs's StringBufs as well as strings and Buffers, and says when it is full. */
class SheetPart extends PassThrough {
  override write(chunk: unknown, ...rest: never[]): boolean {
    // exceljs reuses one StringBuf for every write: copy what it holds now.
    const data = typeof chunk === 'string' || Buffer.isBuffer(chunk) ? chunk : Buffer.from((chunk as { toBuffer(): Buffer }).toBuffer());
    return super.write(data, ...rest);
  }
}

/** Gives every worksheet of the streaming workbook a sheet part with backpressure; call before adding sheets. */
export function sheetPartsWithBackpressure(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const book = workbook as unknown as WorkbookInternals;
  const open = book._openStream.bind(book);
  book._openStream = (path: string) => {
    if (!/^\/?xl\/worksheets\/sheet\d+\.xml$/.test(path)) return open(path);
    const part = new SheetPart({ highWaterMark: SHEET_BUFFER_BYTES });
    book.zip.append(part, { name: path });
    // exceljs waits for 'zipped' on a sheet it commits itself.
    part.on('finish', () => part.emit('zipped'));
    return part;
  };
}

/** The style id exceljs would give a cell of this style and type (the first type seen wins, as in exceljs). */
export function styleIds(workbook: ExcelJS.stream.xlsx.WorkbookWriter): (style: Partial<ExcelJS.Style>, cellType: number) => number {
  const { styles } = workbook as unknown as WorkbookInternals;
  const ids = new Map<Partial<ExcelJS.Style>, number>();
  return (style, cellType) => {
    let id = ids.get(style);
    if (id === undefined) {
      id = styles.addStyleModel(style, cellType);
      ids.set(style, id);
    }
    return id;
  };
}

/** A cell's XML, as exceljs writes it: `value` null for a styled blank, a formula with its result. */
export function cellXml(ref: string, styleId: number, value: string | number | boolean | null, formula?: string): string {
  const s = styleId ? ` s="${styleId}"` : '';
  if (formula !== undefined) {
    const f = `<f>${xmlText(formula)}</f>`;
    if (value === null) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof value === 'string') return `<c r="${ref}"${s} t="str">${f}<v>${xmlText(value)}</v></c>`;
    if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s}>${f}<v>${value}</v></c>`;
  }
  if (value === null) return `<c r="${ref}"${s}/>`;
  if (typeof value === 'string') return `<c r="${ref}"${s} t="str"><v>${xmlText(value)}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? '1' : '0'}</v></c>`;
  return `<c r="${ref}"${s}><v>${value}</v></c>`;
}

/** A row's XML: `first` and `last` are the 1-based columns of its first and last cell. */
export function rowXml(row: number, first: number, last: number, cells: string): string {
  return `<row r="${row}" spans="${first}:${last}" x14ac:dyDescent="0.25">${cells}</row>`;
}

// eslint-disable-next-line no-control-regex -- the control characters exceljs leaves out are what this finds
const NEEDS_ESCAPE = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** Text as exceljs's xmlEncode writes it: the five entities, and the control characters XML cannot hold left out. */
export function xmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 34) out += '&quot;';
    else if (code === 38) out += '&amp;';
    else if (code === 39) out += '&apos;';
    else if (code === 60) out += '&lt;';
    else if (code === 62) out += '&gt;';
    else if (code === 127 || (code <= 31 && (code <= 8 || (code >= 11 && code !== 13)))) continue;
    else out += text[i];
  }
  return out;
}

/** Writes row XML into the worksheet's sheet part in batches, waiting whenever the part is full. */
export class RowStream {
  private batch = '';
  private readonly part: PassThrough;

  constructor(worksheet: ExcelJS.Worksheet) {
    const sheet = worksheet as unknown as { stream: PassThrough; startedData: boolean };
    // The header row, committed through exceljs, opened <sheetData> after the columns.
    if (!sheet.startedData) throw new Error('rows before the header row (program error)');
    this.part = sheet.stream;
  }

  async add(xml: string): Promise<void> {
    this.batch += xml;
    if (this.batch.length >= BATCH_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch === '') return;
    const full = !this.part.write(this.batch);
    this.batch = '';
    if (full) await once(this.part, 'drain');
  }
}
