/**
 * Excel on the web refuses a request or a response over 5 MB (RichApi.Error), so everything sent
 * through `context.sync()` is measured as the JSON it travels as, and a batch is synced before the
 * next operation would take it past a budget well under the limit. The margin covers what Office.js
 * wraps around each operation (object paths, ids), which is not ours to measure.
 */
/// <reference types="office-js" />

/** Excel on the web's limit on one request, and on one response. */
export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** What one sync may carry by our own count: 4 MB, a fifth under the limit. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;

/** An operation's own wrapping in the request (its object path and ids), beside the data it carries. */
export const OPERATION_BYTES = 256;

const encoder = new TextEncoder();

/** UTF-8 bytes of a text: ASCII, by far the usual, is counted without encoding it. */
export function utf8Bytes(text: string): number {
  return /[\u0080-\uffff]/.test(text) ? encoder.encode(text).length : text.length;
}

/** The bytes a value takes as JSON on the wire. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? '');
}

/**
 * Operations queued on one request context, synced whenever the next would take the request past
 * the budget — so syncs follow the bytes written, never the rows.
 */
export class RequestBatches {
  private used = 0;
  /** What was queued in all, the largest single addition, and the syncs made: the sync bound's terms. */
  readonly counts = { bytes: 0, largest: 0, syncs: 0 };

  constructor(
    private readonly context: { sync(): Promise<unknown> },
    readonly budget: number = REQUEST_BUDGET,
  ) {}

  /** Bytes the current request can still take. */
  get room(): number {
    return this.budget - this.used;
  }

  get isEmpty(): boolean {
    return this.used === 0;
  }

  /** Queues operations of about `bytes` (queue() does the queuing), syncing first if they would not fit. */
  async add(bytes: number, queue: () => void): Promise<void> {
    this.noteLargest(bytes);
    if (!this.isEmpty && bytes > this.room) await this.sync();
    queue();
    this.took(bytes);
  }

  /** Counts bytes already queued by the caller (rows gathered to fit the room). */
  took(bytes: number): void {
    this.used += bytes;
    this.counts.bytes += bytes;
  }

  /** Notes an addition's size that was queued in parts (a row, among a chunk's). */
  noteLargest(bytes: number): void {
    this.counts.largest = Math.max(this.counts.largest, bytes);
  }

  async sync(): Promise<void> {
    if (this.isEmpty) return;
    await this.context.sync();
    this.counts.syncs++;
    this.used = 0;
  }
}
