/**
 * An in-memory Excel with the part of the Office.js object model the add-in's workbook store uses,
 * and Office.js's rules: proxies queue their operations, `load` and `context.sync()` are needed
 * before a property can be read (reading one earlier throws, as Office.js does, so a forgotten sync
 * fails the test), and a proxy outlives neither a failed sync's queue nor its Excel.run.
 *
 * Every sync is recorded with the JSON size of its request and its response; one over 5 MB is
 * refused as Excel on the web refuses it (RequestPayloadSizeLimitExceeded, and nothing of it is
 * done; ResponsePayloadSizeLimitExceeded).
 *
 * Cells take what is written as Excel takes typing: in a cell not formatted as text ('@'), a string
 * starting with = + - or @ becomes a formula, "00123" the number 123, "TRUE" a boolean and
 * "2026-11-16" a date serial; in a text cell, it stays as written. A number written into a text
 * cell is kept as a number (what real Excel does there is not pinned down here). Formulas are kept,
 * not calculated: a formula cell shows the value written under it.
 *
 * Plain TypeScript with no Node API, so the pane's browser tests can inject it as their host.
 */
/// <reference types="office-js" />

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
  /** The error code when Excel refused the request. */
  refused?: string;
}

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

type Value = string | number | boolean;

interface Interval {
  from: number;
  to: number;
  format: string;
}

/** Rows and columns, 0-based and inclusive; `whole` ranges (columns, rows, the sheet) cannot take cell values. */
export interface Area {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  unbounded: boolean;
}

export interface FakeConditionalFormat {
  type: string;
  areas: string[];
  formula: string;
  fill: string;
  dataBar: { lower?: unknown; upper?: unknown; fillColor?: string };
}

export interface FakeValidation {
  address: string;
  rule: unknown;
  ignoreBlanks?: boolean;
  errorAlert?: unknown;
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  address: string;
  style: string;
}

// ——— addresses ———

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnName(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A1", "A1:C3", "B:B", "A:C", "1:1", "$1:$1" as an area. */
export function parseAddress(address: string): Area {
  const text = address.replace(/\$/g, '').replace(/^.*!/, '').trim();
  const [a, b = a] = text.split(':') as [string, string?];
  const cell = /^([A-Z]{1,3})(\d+)$/i;
  const col = /^([A-Z]{1,3})$/i;
  const row = /^(\d+)$/;
  const ca = cell.exec(a);
  const cb = cell.exec(b!);
  if (ca && cb) {
    return { r0: Number(ca[2]) - 1, c0: columnIndex(ca[1]!), r1: Number(cb[2]) - 1, c1: columnIndex(cb[1]!), unbounded: false };
  }
  if (col.test(a) && col.test(b!)) return { r0: 0, c0: columnIndex(a), r1: MAX_ROWS - 1, c1: columnIndex(b!), unbounded: true };
  if (row.test(a) && row.test(b!)) return { r0: Number(a) - 1, c0: 0, r1: Number(b) - 1, c1: MAX_COLUMNS - 1, unbounded: true };
  throw new FakeExcelError('InvalidArgument', `The address "${address}" is not valid.`);
}

export function areaAddress(area: Area): string {
  return `${columnName(area.c0)}${area.r0 + 1}:${columnName(area.c1)}${area.r1 + 1}`;
}

const overlaps = (a: Area, b: Area) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
const within = (inner: Area, outer: Area) => inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;

// ——— what typing does to a value ———

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function dateSerial(year: number, month: number, day: number): number | null {
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || year < 1900) return null;
  return time / 86_400_000 + 25_569;
}

/** A string typed into a cell that is not text: what Excel makes of it. */
function typed(text: string): { value?: Value; formula?: string } {
  if (/^[=+\-@]./.test(text) && !NUMBER.test(text)) return { formula: text.startsWith('=') ? text : `=${text}` };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (NUMBER.test(text.trim())) return { value: Number(text.trim()) };
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true' };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const serial = iso ? dateSerial(Number(iso[1]), Number(iso[2]), Number(iso[3])) : uk ? dateSerial(Number(uk[3]), Number(uk[2]), Number(uk[1])) : null;
  return { value: serial ?? text };
}

// ——— the workbook ———

export class FakeSheet {
  tabColor = '';
  frozenRows = 0;
  readonly cells: (Value | undefined)[][] = [];
  readonly formulas = new Map<number, string>();
  /** Per column, number formats by row interval; the last interval holding a row wins. */
  readonly formats: Interval[][] = [];
  readonly fills = new Map<number, string>();
  readonly bold: Area[] = [];
  readonly wrapped: { area: Area; verticalAlignment?: string }[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  conditionalFormats: FakeConditionalFormat[] = [];
  validations: FakeValidation[] = [];
  readonly page: Record<string, unknown> = {};
  readonly headersFooters: Record<string, string> = {};
  printTitleRows = '';
  printArea = '';

  constructor(public name: string) {}

  private key(r: number, c: number): number {
    return r * MAX_COLUMNS + c;
  }

  value(r: number, c: number): Value | undefined {
    return this.cells[r]?.[c];
  }

  formula(r: number, c: number): string | undefined {
    return this.formulas.get(this.key(r, c));
  }

  numberFormat(r: number, c: number): string {
    const intervals = this.formats[c];
    if (intervals) {
      for (let i = intervals.length - 1; i >= 0; i--) {
        const it = intervals[i]!;
        if (r >= it.from && r <= it.to) return it.format;
      }
    }
    return 'General';
  }

  fill(r: number, c: number): string | undefined {
    return this.fills.get(this.key(r, c));
  }

  isBold(r: number, c: number): boolean {
    return this.bold.some((a) => r >= a.r0 && r <= a.r1 && c >= a.c0 && c <= a.c1);
  }

  setFormat(area: Area, c: number, format: string): void {
    const intervals = (this.formats[c] ??= []);
    // An interval the new one covers can never be found again: drop it, so lookups stay short.
    const kept = intervals.filter((it) => it.from < area.r0 || it.to > area.r1);
    kept.push({ from: area.r0, to: area.r1, format });
    this.formats[c] = kept;
  }

  write(r: number, c: number, value: Value): void {
    const key = this.key(r, c);
    if (value === '') {
      if (this.cells[r]) this.cells[r]![c] = undefined;
      this.formulas.delete(key);
      return;
    }
    const entered = typeof value === 'string' && this.numberFormat(r, c) !== '@' ? typed(value) : { value };
    const row = (this.cells[r] ??= []);
    row[c] = entered.value;
    if (entered.formula) this.formulas.set(key, entered.formula);
    else this.formulas.delete(key);
  }

  writeFormula(r: number, c: number, formula: Value): void {
    if (typeof formula === 'string' && formula.startsWith('=') && this.numberFormat(r, c) !== '@') this.formulas.set(this.key(r, c), formula);
    else this.write(r, c, formula);
  }

  clear(area: Area): void {
    for (let r = area.r0; r <= Math.min(area.r1, this.cells.length - 1); r++) {
      const row = this.cells[r];
      if (!row) continue;
      for (let c = area.c0; c <= Math.min(area.c1, row.length - 1); c++) row[c] = undefined;
    }
    for (const key of [...this.formulas.keys(), ...this.fills.keys()]) {
      const r = Math.floor(key / MAX_COLUMNS);
      const c = key % MAX_COLUMNS;
      if (r >= area.r0 && r <= area.r1 && c >= area.c0 && c <= area.c1) {
        this.formulas.delete(key);
        this.fills.delete(key);
      }
    }
    for (let c = area.c0; c <= Math.min(area.c1, this.formats.length - 1); c++) {
      if (this.formats[c]) this.setFormat(area, c, 'General');
    }
    const keep = <T>(list: T[], areaOf: (t: T) => Area) => list.filter((t) => !within(areaOf(t), area));
    this.bold.splice(0, this.bold.length, ...keep(this.bold, (a) => a));
    this.wrapped.splice(0, this.wrapped.length, ...keep(this.wrapped, (w) => w.area));
  }

  /** The used range's area (values and formulas only, or formats too), or null for an empty sheet. */
  used(valuesOnly: boolean): Area | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    const take = (r: number, c: number) => {
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    };
    this.cells.forEach((row, r) => row.forEach((v, c) => v !== undefined && take(r, c)));
    for (const key of this.formulas.keys()) take(Math.floor(key / MAX_COLUMNS), key % MAX_COLUMNS);
    if (!valuesOnly) this.formats.forEach((intervals, c) => intervals?.forEach((it) => it.format !== 'General' && (take(it.from, c), take(it.to, c))));
    return r1 < 0 ? null : { r0, c0, r1, c1, unbounded: false };
  }
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  /** The add-in's settings saved in the workbook (workbook.settings, ExcelApi 1.4). */
  readonly settings = new Map<string, unknown>();
  /** What the user has selected: a sheet and an address on it (one area), as FakeExcel.select sets it. */
  selection: { sheet: string; address: string } | null = null;

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): FakeSheet {
    if (this.sheet(name)) throw new FakeExcelError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  tablesOn(sheet: FakeSheet): FakeTable[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }
}

// ——— the request context and its proxies ———

interface Operation {
  json: unknown;
  apply: () => void;
}

class FakeContext {
  readonly workbook: WorkbookProxy;
  queue: Operation[] = [];
  /** Loads done by the sync under way, made visible only if it succeeds. */
  pendingLoads: (() => { json: unknown; commit: () => void })[] = [];
  closed = false;

  constructor(
    readonly excel: FakeExcel,
    readonly data: FakeWorkbook,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(path: string, op: string, args: unknown, apply: () => void): void {
    if (this.closed) throw new FakeExcelError('InvalidObjectPath', `${path}.${op}: this object belongs to an Excel.run that has finished.`);
    this.queue.push({ json: { p: path, o: op, a: args }, apply });
  }

  async sync(): Promise<void> {
    if (this.closed) throw new FakeExcelError('InvalidObjectPath', 'sync on an Excel.run that has finished.');
    // Serialising the request is Office.js's work on the add-in's thread; applying it is the host's.
    const { queue, record } = this.takeRequest();
    if (!this.excel.separateHostTasks) return this.applyRequest(queue, record);
    const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    await nextTask();
    const start = performance.now();
    try {
      this.applyRequest(queue, record);
    } finally {
      this.excel.hostSpans.push({ start, end: performance.now() });
      await nextTask();
    }
  }

  /** The queued operations as one request: sized, and refused over the limit (nothing of it is done). */
  private takeRequest(): { queue: Operation[]; record: SyncRecord } {
    const queue = this.queue;
    this.queue = [];
    const requestBytes = utf8Length(JSON.stringify(queue.map((o) => o.json)));
    const record: SyncRecord = { requestBytes, responseBytes: 0, operations: queue.length };
    this.excel.syncs.push(record);
    if (requestBytes > this.excel.payloadLimit) {
      record.refused = 'RequestPayloadSizeLimitExceeded';
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${requestBytes} bytes).`);
    }
    return { queue, record };
  }

  /** The host applies the request and answers its loads. */
  private applyRequest(queue: Operation[], record: SyncRecord): void {
    const loads: { json: unknown; commit: () => void }[] = [];
    for (const operation of queue) {
      this.pendingLoads = [];
      operation.apply();
      for (const load of this.pendingLoads) loads.push(load());
    }
    record.responseBytes = utf8Length(JSON.stringify(loads.map((l) => l.json)));
    if (record.responseBytes > this.excel.payloadLimit) {
      record.refused = 'ResponsePayloadSizeLimitExceeded';
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${record.responseBytes} bytes).`);
    }
    // Loaded values become readable only once the whole request has come back.
    for (const load of loads) load.commit();
  }
}

const encoder = new TextEncoder();
function utf8Length(text: string): number {
  return /[\u0080-\uffff]/.test(text) ? encoder.encode(text).length : text.length;
}

function notLoaded(property: string): never {
  throw new FakeExcelError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** A proxy: a path for the request, a way to find its object when the request runs, and what was loaded. */
abstract class ClientObject<T> {
  protected loaded = new Map<string, unknown>();
  protected synced = false;
  protected found: T | null = null;

  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
    protected readonly resolve: () => T | null,
  ) {}

  /** The object, or ItemNotFound when the request runs. */
  protected target(): T {
    const target = this.resolve();
    if (target === null) throw new FakeExcelError('ItemNotFound', `${this.path}: the requested resource doesn't exist.`);
    return target;
  }

  protected set(property: string, value: unknown, apply: (target: T) => void): void {
    this.ctx.enqueue(this.path, `set ${property}`, value, () => apply(this.target()));
  }

  call(method: string, args: unknown, apply: (target: T) => void): void {
    this.ctx.enqueue(this.path, method, args, () => apply(this.target()));
  }

  protected get<V>(property: string): V {
    if (!this.loaded.has(property)) notLoaded(property);
    return this.loaded.get(property) as V;
  }

  get isNullObject(): boolean {
    if (!this.synced) notLoaded('isNullObject');
    return this.found === null;
  }

  /** For an *OrNullObject proxy: the sync tells whether the object exists, with no load needed. */
  trackExistence(): this {
    this.ctx.enqueue(this.path, 'exists', null, () => {
      this.ctx.pendingLoads.push(() => {
        const target = this.resolve();
        return {
          json: target !== null,
          commit: () => {
            this.found = target;
            this.synced = true;
          },
        };
      });
    });
    return this;
  }

  /** What each loadable property reads as. */
  protected abstract read(target: T, property: string): unknown;

  load(properties?: string | string[]): this {
    const names = (Array.isArray(properties) ? properties : (properties ?? '').split(','))
      .map((p) => p.trim())
      .filter((p) => p !== '');
    this.ctx.enqueue(this.path, 'load', names, () => {
      this.ctx.pendingLoads.push(() => {
        const target = this.resolve();
        const values = new Map<string, unknown>();
        if (target !== null) for (const name of names) values.set(name, this.read(target, name));
        return {
          json: target === null ? null : Object.fromEntries(values),
          commit: () => {
            this.found = target;
            this.synced = true;
            for (const [k, v] of values) this.loaded.set(k, v);
          },
        };
      });
    });
    return this;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetsProxy;
  readonly tables: TablesProxy;
  readonly settings: SettingsProxy;

  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new WorksheetsProxy(ctx);
    this.tables = new TablesProxy(ctx);
    this.settings = new SettingsProxy(ctx);
  }

  /** The selection as the request finds it; with none, ItemNotFound, as Excel gives when nothing usable is selected. */
  getSelectedRange(): RangeProxy {
    const ctx = this.ctx;
    const selection = () => ctx.data.selection;
    return new RangeProxy(ctx, 'selectedRange', () => ctx.data.sheet(selection()?.sheet ?? '') ?? null, () => {
      const chosen = selection();
      return chosen ? parseAddress(chosen.address) : null;
    });
  }
}

class WorksheetsProxy extends ClientObject<FakeWorkbook> {
  constructor(ctx: FakeContext) {
    super(ctx, 'worksheets', () => ctx.data);
  }

  protected read(workbook: FakeWorkbook, property: string): unknown {
    if (property !== 'items/name') throw new FakeExcelError('InvalidArgument', `worksheets cannot load ${property} here`);
    return workbook.sheets.map((s) => s.name);
  }

  get items(): WorksheetProxy[] {
    const names = this.get<string[]>('items/name');
    return names.map((name) => {
      const sheet = new WorksheetProxy(this.ctx, name, () => this.ctx.data.sheet(name) ?? null);
      sheet.markLoaded(name);
      return sheet;
    });
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, name, () => this.ctx.data.sheet(name) ?? null).trackExistence();
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, name, () => this.ctx.data.sheet(name) ?? null);
  }

  add(name: string): WorksheetProxy {
    this.call('add', name, (workbook) => workbook.addSheet(name));
    return this.getItem(name);
  }
}

class SettingsProxy extends ClientObject<FakeWorkbook> {
  constructor(ctx: FakeContext) {
    super(ctx, 'settings', () => ctx.data);
  }

  protected read(_workbook: FakeWorkbook, property: string): unknown {
    throw new FakeExcelError('InvalidArgument', `settings cannot load ${property} here`);
  }

  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key, () => (this.ctx.data.settings.has(key) ? this.ctx.data : null)).trackExistence();
  }

  add(key: string, value: unknown): SettingProxy {
    this.call('add', { key, value }, (workbook) => workbook.settings.set(key, value));
    return new SettingProxy(this.ctx, key, () => (this.ctx.data.settings.has(key) ? this.ctx.data : null));
  }
}

class SettingProxy extends ClientObject<FakeWorkbook> {
  constructor(
    ctx: FakeContext,
    readonly key: string,
    resolve: () => FakeWorkbook | null,
  ) {
    super(ctx, `settings/${key}`, resolve);
  }

  protected read(workbook: FakeWorkbook, property: string): unknown {
    if (property !== 'value') throw new FakeExcelError('InvalidArgument', `a setting cannot load ${property}`);
    return workbook.settings.get(this.key);
  }

  get value(): unknown {
    return this.get('value');
  }
}

class TablesProxy extends ClientObject<FakeWorkbook> {
  constructor(ctx: FakeContext) {
    super(ctx, 'tables', () => ctx.data);
  }

  protected read(workbook: FakeWorkbook, property: string): unknown {
    if (property === 'items/name') return workbook.tables.map((t) => t.name);
    if (property === 'items/worksheet/name') return workbook.tables.map((t) => t.sheet.name);
    throw new FakeExcelError('InvalidArgument', `tables cannot load ${property} here`);
  }

  get items(): TableProxy[] {
    const names = this.get<string[]>('items/name');
    const sheets = this.get<string[]>('items/worksheet/name');
    return names.map((name, i) => new TableProxy(this.ctx, name, () => this.ctx.data.tables.find((t) => t.name === name) ?? null, sheets[i]!));
  }
}

class TableProxy extends ClientObject<FakeTable> {
  constructor(
    ctx: FakeContext,
    private readonly tableName: string,
    resolve: () => FakeTable | null,
    private readonly sheetName: string | null = null,
  ) {
    super(ctx, `table(${tableName})`, resolve);
  }

  protected read(table: FakeTable, property: string): unknown {
    return (table as unknown as Record<string, unknown>)[property];
  }

  get name(): string {
    return this.tableName;
  }

  set name(name: string) {
    this.set('name', name, (table) => {
      if (this.ctx.data.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase())) {
        throw new FakeExcelError('InvalidArgument', `A table named "${name}" already exists.`);
      }
      table.name = name;
    });
  }

  set style(style: string) {
    this.set('style', style, (table) => (table.style = style));
  }

  get worksheet(): { name: string } {
    if (this.sheetName === null) notLoaded('worksheet');
    return { name: this.sheetName };
  }

  delete(): void {
    this.call('delete', null, (table) => this.ctx.data.tables.splice(this.ctx.data.tables.indexOf(table), 1));
  }
}

class WorksheetProxy extends ClientObject<FakeSheet> {
  constructor(ctx: FakeContext, name: string, resolve: () => FakeSheet | null) {
    super(ctx, `sheet(${name})`, resolve);
  }

  markLoaded(name: string): void {
    this.loaded.set('name', name);
    this.synced = true;
    this.found = this.resolve();
  }

  protected read(sheet: FakeSheet, property: string): unknown {
    if (property === 'name') return sheet.name;
    if (property === 'position') return this.ctx.data.sheets.indexOf(sheet);
    throw new FakeExcelError('InvalidArgument', `a worksheet cannot load ${property} here`);
  }

  get name(): string {
    return this.get('name');
  }

  set position(position: number) {
    this.set('position', position, (sheet) => {
      const sheets = this.ctx.data.sheets;
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(Math.min(position, sheets.length), 0, sheet);
    });
  }

  set tabColor(colour: string) {
    this.set('tabColor', colour, (sheet) => (sheet.tabColor = colour));
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, `${this.path}.range(${address ?? ''})`, () => this.resolve(), () => (address === undefined ? { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1, unbounded: true } : parseAddress(address)));
  }

  getRanges(address: string): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, `${this.path}.ranges(${address})`, () => this.resolve(), address.split(',').map((a) => a.trim()));
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    const area = { r0: row, c0: column, r1: row + rows - 1, c1: column + columns - 1, unbounded: false };
    return new RangeProxy(this.ctx, `${this.path}.range(${areaAddress(area)})`, () => this.resolve(), () => area);
  }

  getCell(row: number, column: number): RangeProxy {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.ctx,
      `${this.path}.usedRange(${valuesOnly === true})`,
      () => this.resolve(),
      () => {
        const sheet = this.resolve();
        return sheet && sheet.used(valuesOnly === true);
      },
    ).trackExistence();
  }

  get tables(): { add(address: string, hasHeaders: boolean): TableProxy } {
    return {
      add: (address: string, hasHeaders: boolean) => {
        let created: FakeTable | null = null;
        this.call('tables.add', [address, hasHeaders], (sheet) => {
          const area = parseAddress(address);
          for (const other of this.ctx.data.tablesOn(sheet)) {
            if (overlaps(parseAddress(other.address), area)) throw new FakeExcelError('InvalidOperation', `A table cannot overlap another table (${other.name}).`);
          }
          created = { name: `Table${this.ctx.data.tables.length + 1}`, sheet, address: areaAddress(area), style: 'TableStyleMedium2' };
          this.ctx.data.tables.push(created);
        });
        return new TableProxy(this.ctx, 'new', () => created);
      },
    };
  }

  get freezePanes(): { freezeRows(count: number): void } {
    return { freezeRows: (count: number) => this.call('freezePanes.freezeRows', count, (sheet) => (sheet.frozenRows = count)) };
  }

  get pageLayout(): Record<string, unknown> {
    const headersFooters = { defaultForAllPages: recordSetter(this, 'pageLayout.headersFooters.defaultForAllPages', (sheet) => sheet.headersFooters) };
    return recordSetter(this, 'pageLayout', (sheet) => sheet.page, {
      setPrintTitleRows: (rows: string) => this.call('pageLayout.setPrintTitleRows', rows, (sheet) => (sheet.printTitleRows = rows)),
      setPrintArea: (area: string) => this.call('pageLayout.setPrintArea', area, (sheet) => (sheet.printArea = area)),
      headersFooters,
    });
  }
}

/** An object whose property writes are queued onto a record of the sheet (page layout, its headers and footers). */
function recordSetter(owner: WorksheetProxy, path: string, record: (sheet: FakeSheet) => Record<string, unknown>, members: Record<string, unknown> = {}): Record<string, unknown> {
  return new Proxy(members, {
    set(_, property, value) {
      owner.call(`${path}.${String(property)}`, value, (sheet) => {
        record(sheet)[String(property)] = value;
      });
      return true;
    },
    get(target, property) {
      return property in target ? target[property as string] : notLoaded(`${path}.${String(property)}`);
    },
  });
}

class RangeProxy extends ClientObject<FakeSheet> {
  private readonly areaOf: () => Area | null;

  constructor(ctx: FakeContext, path: string, sheetOf: () => FakeSheet | null, areaOf: () => Area | null) {
    // A range exists when its sheet does and, for a used range, when the sheet has one.
    super(ctx, path, () => (sheetOf() !== null && areaOf() !== null ? sheetOf() : null));
    this.areaOf = areaOf;
  }

  private area(): Area {
    return this.areaOf()!;
  }

  protected read(sheet: FakeSheet, property: string): unknown {
    const area = this.area();
    const cells = (f: (r: number, c: number) => unknown) => {
      if (area.unbounded) throw new FakeExcelError('InvalidArgument', `${this.path}: cell properties of a whole row or column cannot be loaded.`);
      const out: unknown[][] = [];
      for (let r = area.r0; r <= area.r1; r++) {
        const row: unknown[] = [];
        for (let c = area.c0; c <= area.c1; c++) row.push(f(r, c));
        out.push(row);
      }
      return out;
    };
    switch (property) {
      case 'values':
        return cells((r, c) => sheet.value(r, c) ?? '');
      case 'numberFormat':
        return cells((r, c) => sheet.numberFormat(r, c));
      case 'formulas':
        return cells((r, c) => sheet.formula(r, c) ?? sheet.value(r, c) ?? '');
      case 'rowIndex':
        return area.r0;
      case 'columnIndex':
        return area.c0;
      case 'rowCount':
        return area.r1 - area.r0 + 1;
      case 'columnCount':
        return area.c1 - area.c0 + 1;
      case 'address':
        return `${sheet.name}!${areaAddress(area)}`;
      default:
        throw new FakeExcelError('InvalidArgument', `a range cannot load ${property} here`);
    }
  }

  /** The range's sheet; its name can be loaded. */
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, `${this.path}.worksheet`, () => this.resolve());
  }

  get values(): unknown[][] {
    return this.get('values');
  }
  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get address(): string {
    return this.get('address');
  }

  /** Sets a cell property from a 2D array as Excel does: the range's shape, or one value for every cell. */
  private setCells(property: string, input: unknown, each: (sheet: FakeSheet, r: number, c: number, value: Value) => void): void {
    this.set(property, input, (sheet) => {
      const area = this.area();
      if (area.unbounded) throw new FakeExcelError('InvalidArgument', `${this.path}: ${property} cannot be set on a whole row, column or sheet.`);
      if (!Array.isArray(input) || !input.every((row) => Array.isArray(row))) throw new FakeExcelError('InvalidArgument', `${this.path}: ${property} takes a 2D array.`);
      const rows = input as unknown[][];
      const single = rows.length === 1 && rows[0]!.length === 1;
      if (!single && (rows.length !== area.r1 - area.r0 + 1 || rows.some((row) => row.length !== area.c1 - area.c0 + 1))) {
        throw new FakeExcelError('InvalidArgument', `${this.path}: the number of rows or columns in the input array doesn't match the size or dimensions of the range.`);
      }
      for (let r = area.r0; r <= area.r1; r++) {
        for (let c = area.c0; c <= area.c1; c++) {
          const value = single ? rows[0]![0] : rows[r - area.r0]![c - area.c0];
          if (value === null) continue; // null leaves a cell as it is
          if (!(typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) {
            throw new FakeExcelError('InvalidArgument', `${this.path}: ${String(value)} (${typeof value}) cannot be put in a cell.`);
          }
          each(sheet, r, c, value);
        }
      }
    });
  }

  set values(values: unknown[][]) {
    this.setCells('values', values, (sheet, r, c, value) => sheet.write(r, c, value));
  }

  set formulas(formulas: unknown[][]) {
    this.setCells('formulas', formulas, (sheet, r, c, value) => sheet.writeFormula(r, c, value));
  }

  set numberFormat(formats: unknown[][]) {
    this.set('numberFormat', formats, (sheet) => {
      const area = this.area();
      if (area.unbounded) throw new FakeExcelError('InvalidArgument', `${this.path}: numberFormat cannot be set on a whole row, column or sheet.`);
      const rows = formats as unknown[][];
      if (rows.length === 1 && rows[0]!.length === 1) {
        for (let c = area.c0; c <= area.c1; c++) sheet.setFormat(area, c, String(rows[0]![0]));
        return;
      }
      if (rows.length !== area.r1 - area.r0 + 1 || rows.some((row) => row.length !== area.c1 - area.c0 + 1)) {
        throw new FakeExcelError('InvalidArgument', `${this.path}: the number of rows or columns in the input array doesn't match the size or dimensions of the range.`);
      }
      rows.forEach((row, i) => row.forEach((format, j) => sheet.setFormat({ ...area, r0: area.r0 + i, r1: area.r0 + i }, area.c0 + j, String(format))));
    });
  }

  set columnHidden(hidden: boolean) {
    this.set('columnHidden', hidden, (sheet) => {
      const area = this.area();
      if (!hidden && area.c1 - area.c0 >= MAX_COLUMNS - 1) sheet.hiddenColumns.clear();
      else {
        for (let c = area.c0; c <= area.c1; c++) {
          if (hidden) sheet.hiddenColumns.add(c);
          else sheet.hiddenColumns.delete(c);
        }
      }
    });
  }

  clear(applyTo?: string): void {
    this.call('clear', applyTo ?? 'All', (sheet) => {
      if (applyTo !== undefined && applyTo !== 'All') throw new FakeExcelError('InvalidArgument', `clear(${applyTo}) is not in this fake`);
      sheet.clear(this.area());
    });
  }

  get format(): RangeFormatProxy {
    return new RangeFormatProxy(this, (f) => this.call(...f));
  }

  get conditionalFormats(): ConditionalFormatsProxy {
    return new ConditionalFormatsProxy(this.ctx, this.path, () => this.resolve(), () => [areaAddress(this.area())], (f) => this.call(...f));
  }

  get dataValidation(): Record<string, unknown> {
    const path = `${this.path}.dataValidation`;
    const base = {
      clear: () =>
        this.call('dataValidation.clear', null, (sheet) => {
          const area = this.area();
          sheet.validations = sheet.validations.filter((v) => !overlaps(parseAddress(v.address), area));
        }),
    };
    return new Proxy(base as Record<string, unknown>, {
      set: (_, property, value) => {
        this.call(`dataValidation.${String(property)}`, value, (sheet) => {
          const address = areaAddress(this.area());
          let validation = sheet.validations.find((v) => v.address === address);
          if (!validation) sheet.validations.push((validation = { address, rule: null }));
          (validation as unknown as Record<string, unknown>)[String(property)] = value;
        });
        return true;
      },
      get: (target, property) => (property in target ? target[property as string] : notLoaded(`${path}.${String(property)}`)),
    });
  }
}

type Call = [string, unknown, (sheet: FakeSheet) => void];

class RangeFormatProxy {
  constructor(
    private readonly range: RangeProxy,
    private readonly call: (f: Call) => void,
  ) {}

  private get area(): Area {
    return (this.range as unknown as { area(): Area }).area();
  }

  set columnWidth(points: number) {
    this.call(['format.columnWidth', points, (sheet) => { for (let c = this.area.c0; c <= this.area.c1; c++) sheet.columnWidths.set(c, points); }]);
  }

  set wrapText(wrap: boolean) {
    this.call(['format.wrapText', wrap, (sheet) => wrap && sheet.wrapped.push({ area: this.area })]);
  }

  set verticalAlignment(alignment: string) {
    this.call(['format.verticalAlignment', alignment, (sheet) => { const w = sheet.wrapped.find((x) => areaAddress(x.area) === areaAddress(this.area)); if (w) w.verticalAlignment = alignment; }]);
  }

  get font(): { bold: boolean } {
    const call = this.call;
    const area = () => this.area;
    return {
      set bold(bold: boolean) {
        call(['format.font.bold', bold, (sheet) => bold && sheet.bold.push(area())]);
      },
      get bold(): boolean {
        return notLoaded('format.font.bold');
      },
    };
  }

  get fill(): { color: string } {
    const call = this.call;
    const area = () => this.area;
    return {
      set color(colour: string) {
        call(['format.fill.color', colour, (sheet) => { const a = area(); for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) sheet.fills.set(r * MAX_COLUMNS + c, colour); }]);
      },
      get color(): string {
        return notLoaded('format.fill.color');
      },
    };
  }
}

class RangeAreasProxy extends ClientObject<FakeSheet> {
  constructor(
    ctx: FakeContext,
    path: string,
    sheetOf: () => FakeSheet | null,
    private readonly addresses: string[],
  ) {
    super(ctx, path, sheetOf);
  }

  protected read(): unknown {
    throw new FakeExcelError('InvalidArgument', 'range areas load nothing in this fake');
  }

  get conditionalFormats(): ConditionalFormatsProxy {
    return new ConditionalFormatsProxy(this.ctx, this.path, () => this.resolve(), () => this.addresses.map((a) => areaAddress(parseAddress(a))), (f) => this.call(...f));
  }
}

class ConditionalFormatsProxy {
  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
    readonly sheetOf: () => FakeSheet | null,
    readonly areas: () => string[],
    readonly call: (f: Call) => void,
  ) {}

  add(type: string): Record<string, unknown> {
    if (type !== 'Custom' && type !== 'DataBar') throw new FakeExcelError('InvalidArgument', `conditional format ${type} is not in this fake`);
    const format: FakeConditionalFormat = { type, areas: [], formula: '', fill: '', dataBar: {} };
    this.call([`conditionalFormats.add`, type, (sheet) => {
      format.areas = this.areas();
      sheet.conditionalFormats.push(format);
    }]);
    const set = (path: string, apply: (value: unknown) => void) => (value: unknown) => this.call([`conditionalFormat.${path}`, value, () => apply(value)]);
    const setFormula = set('custom.rule.formula', (v) => (format.formula = String(v)));
    const setFill = set('custom.format.fill.color', (v) => (format.fill = String(v)));
    const setLower = set('dataBar.lowerBoundRule', (v) => (format.dataBar.lower = v));
    const setUpper = set('dataBar.upperBoundRule', (v) => (format.dataBar.upper = v));
    const setBarFill = set('dataBar.positiveFormat.fillColor', (v) => (format.dataBar.fillColor = String(v)));
    const setPriority = (priority: unknown) =>
      this.call(['conditionalFormat.priority', priority, (sheet) => {
        const list = sheet.conditionalFormats;
        list.splice(list.indexOf(format), 1);
        list.splice(Math.min(Number(priority), list.length), 0, format);
      }]);
    return {
      custom: { rule: { set formula(v: string) { setFormula(v); } }, format: { fill: { set color(v: string) { setFill(v); } } } },
      dataBar: {
        set lowerBoundRule(v: unknown) { setLower(v); },
        set upperBoundRule(v: unknown) { setUpper(v); },
        positiveFormat: { set fillColor(v: string) { setBarFill(v); } },
      },
      set priority(v: number) { setPriority(v); },
    };
  }

  clearAll(): void {
    this.call(['conditionalFormats.clearAll', null, (sheet) => {
      const areas = this.areas().map(parseAddress);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !f.areas.some((a) => areas.some((b) => overlaps(parseAddress(a), b))));
    }]);
  }
}

/**
 * The fake host: `run` is its Excel.run; `workbook` holds the sheets for a test to look at or
 * change as a user would; `syncs` records every sync.
 */
export class FakeExcel {
  readonly workbook = new FakeWorkbook();
  readonly syncs: SyncRecord[] = [];
  /** Excel on the web's 5 MB, unless a test wants a smaller host. */
  readonly payloadLimit: number;
  /**
   * Each sync's work done in a task of its own, as real Excel does it in its own process: so a
   * browser's long tasks can be told apart, the add-in's from the host's (`hostSpans`).
   */
  readonly separateHostTasks: boolean;
  /** When the host worked on a sync (performance.now() milliseconds), with separateHostTasks. */
  readonly hostSpans: { start: number; end: number }[] = [];

  constructor(options: { payloadLimit?: number; separateHostTasks?: boolean } = {}) {
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
    this.separateHostTasks = options.separateHostTasks ?? false;
  }

  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this, this.workbook);
    try {
      const result = await batch(context as unknown as Excel.RequestContext);
      // Strict: what the batch queued after its last sync would be left to Excel.run's own; ours sync it themselves.
      if (context.queue.length > 0) throw new Error(`${context.queue.length} operations were queued after the last sync and never sent`);
      return result;
    } finally {
      context.closed = true;
    }
  };

  get largestRequest(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }

  get largestResponse(): number {
    return Math.max(0, ...this.syncs.map((s) => s.responseBytes));
  }

  get totalBytes(): number {
    return this.syncs.reduce((sum, s) => sum + s.requestBytes + s.responseBytes, 0);
  }

  /** A sheet's cells from A1 as values (blank as ''), up to its used range: what a user sees. */
  sheetValues(name: string): Value[][] {
    const sheet = this.workbook.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const used = sheet.used(true);
    if (!used) return [];
    const out: Value[][] = [];
    for (let r = 0; r <= used.r1; r++) {
      const row: Value[] = [];
      for (let c = 0; c <= used.c1; c++) row.push(sheet.value(r, c) ?? '');
      out.push(row);
    }
    return out;
  }

  /** Selects cells as a user would: one area on one sheet ("A3:F5", "4:6"). */
  select(sheetName: string, address: string): void {
    if (!this.workbook.sheet(sheetName)) throw new Error(`no sheet ${sheetName}`);
    this.workbook.selection = { sheet: sheetName, address };
  }

  /** Types a value into a cell as a user would ("B7"): through Excel's own reading of typing. */
  type(sheetName: string, address: string, value: Value): void {
    const sheet = this.workbook.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    const { r0, c0 } = parseAddress(address);
    sheet.write(r0, c0, value);
  }
}
