/**
 * The deliberate data-quality quirks of the demo exports: what real DMS exports get wrong, each at
 * a fixed place so the import's problem report can be checked against this list (README.md).
 *
 * `applyQuirks` is pure and deterministic: it copies the tables, changes the copies and says what
 * it changed. Rows are picked in proportion to the garage's size (at 300 customers, customer
 * quirk k lands on customer row k), so any garage gets the same kinds of quirk.
 */
import { Faker, en_GB, en, base } from '@faker-js/faker';
import type { ExportTable, GarageExports } from './generator.ts';
import { PHONE_STYLES, phoneDigits, spellPhone } from './phones.ts';

export type ExportKind = 'customers' | 'units' | 'jobs' | 'advisories' | 'bookings';

export interface QuirkNote {
  kind: ExportKind;
  /** Row as a spreadsheet shows it: the header is row 1, the first record row 2. */
  row: number;
  /** The row's key: Cust No, Reg No, WIP No, Job Number or Request No (as exported). */
  key: string;
  column: string;
  value: string;
  what: string;
}

interface PendingNote {
  kind: ExportKind;
  rowRef: string[];
  column: string;
  what: string;
}

const DEMO_CUSTOMERS = 300;

function copy(table: ExportTable): ExportTable {
  return { headers: table.headers, rows: table.rows.map((r) => [...r]) };
}

function columnIndex(table: ExportTable, name: string): number {
  const i = table.headers.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
}

/** The demo exports' quirks applied to a copy of `exports`, with a note for each. */
export function applyQuirks(source: GarageExports): { exports: GarageExports; notes: QuirkNote[] } {
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(source.seed ^ 0x5eed);
  const exports: GarageExports = {
    ...source,
    customers: copy(source.customers),
    units: copy(source.units),
    jobs: copy(source.jobs),
    advisories: copy(source.advisories),
    bookings: copy(source.bookings),
  };
  const pending: PendingNote[] = [];
  const scale = source.customerCount / DEMO_CUSTOMERS;

  /** Set a cell and remember why; quietly does nothing when the garage is too small for the row. */
  function set(kind: ExportKind, index: number, column: string, value: string, what: string): string[] | undefined {
    const table = exports[kind];
    const row = table.rows[index];
    if (!row) return undefined;
    row[columnIndex(table, column)] = value;
    pending.push({ kind, rowRef: row, column, what });
    return row;
  }
  const get = (kind: ExportKind, row: string[], column: string): string => row[columnIndex(exports[kind], column)] ?? '';
  /** Row k of the 300-customer demo, scaled to this garage; the other tables scale the same way. */
  const at = (k: number, length: number): number => Math.min(length - 1, Math.floor(k * scale));

  // -- customers.csv ----------------------------------------------------------------------------
  const C = exports.customers;
  const c = (k: number) => at(k, C.rows.length);
  const cust = (k: number) => C.rows[c(k)];

  // Every phone in every common UK spelling.
  const phoneColumns = ['Home Tel', 'Work Tel', 'Mobile No'].map((name) => columnIndex(C, name));
  const styleFor = (): number => faker.number.int(PHONE_STYLES - 1);
  for (const row of C.rows) {
    for (const col of phoneColumns) {
      const digits = phoneDigits(row[col] ?? '');
      if (digits) row[col] = spellPhone(digits, styleFor());
    }
  }
  // Make sure each spelling appears at least once, on the first rows with a mobile or home phone.
  const mobileCol = columnIndex(C, 'Mobile No');
  const homeCol = columnIndex(C, 'Home Tel');
  let style = 0;
  for (const row of C.rows) {
    if (style >= PHONE_STYLES) break;
    const col = row[homeCol] ? homeCol : row[mobileCol] ? mobileCol : -1;
    if (col < 0) continue;
    const digits = phoneDigits(row[col] ?? '');
    if (!digits) continue;
    row[col] = spellPhone(digits, style);
    pending.push({ kind: 'customers', rowRef: row, column: C.headers[col] ?? '', what: `phone spelling ${style + 1} of ${PHONE_STYLES}` });
    style += 1;
  }

  const original = (k: number, column: string) => {
    const row = cust(k);
    return row ? get('customers', row, column) : '';
  };
  const nameOf = (k: number): [string, string] => [original(k, 'Forename') || 'Info', original(k, 'Surname') || 'Office'];
  const emailOf = (k: number, domain = 'example.com') => {
    const [f, l] = nameOf(k);
    return `${f.replace(/[^A-Za-z]/g, '')}.${l.replace(/[^A-Za-z]/g, '')}@${domain}`;
  };

  {
    const a1 = original(3, 'Addr1');
    set('customers', c(3), 'Addr1', 'Flat 2, The Old Mill', 'comma inside a quoted field');
    set('customers', c(3), 'Addr2', a1, 'address moved down a line');
  }
  for (const k of [5, 33, 71, 140]) {
    set('customers', c(k), 'Post Code', original(k, 'Post Code').replace(/\s+/g, '').toLowerCase() || 'sk104ab', 'lower-case postcode without a space');
  }
  set('customers', c(8), 'Forename', 'Renée', 'Windows-1252 é');
  set('customers', c(8), 'Surname', 'O’Connell', 'Windows-1252 ’ (right single quotation mark, byte 0x92)');
  set('customers', c(8), 'E-mail', 'renee.oconnell@example.com', 'email for the renamed customer');
  set('customers', c(9), 'E-mail', `  ${emailOf(9, 'Example.COM')} `, 'email with stray spaces and capitals');
  set('customers', c(45), 'E-mail', ` ${emailOf(45, 'EXAMPLE.ORG').toUpperCase()}`, 'email in capitals with a leading space');
  set('customers', c(120), 'E-mail', `${emailOf(120, 'Example.Net')}  `, 'email with trailing spaces and capitals');
  set('customers', c(12), 'Company', '=HYPERLINK("http://example.com","x")', 'formula-like value starting with = (quotes doubled in CSV)');
  for (const column of ['Forename', 'Addr1', 'Town', 'Post Code']) set('customers', c(14), column, '', 'blank field');
  set('customers', c(19), 'Post Code', 'SK10 4A', 'invalid postcode (incomplete)');
  set('customers', c(88), 'Post Code', '12345', 'invalid postcode');
  set('customers', c(160), 'Post Code', 'N/A', 'invalid postcode');
  set('customers', c(23), 'DOB', '01/01/1900', 'placeholder date for unknown');
  set('customers', c(101), 'DOB', '01/01/1900', 'placeholder date for unknown');
  set('customers', c(57), 'DOB', '00/00/0000', 'placeholder date for unknown');
  set('customers', c(25), 'Forename', 'Zoë', 'Windows-1252 ë');
  set('customers', c(90), 'Surname', 'D’Souza', 'Windows-1252 ’');
  set('customers', c(111), 'Forename', 'Siân', 'Windows-1252 â');
  set('customers', c(170), 'Company', 'Café Crème Ltd', 'Windows-1252 é and è');
  set('customers', c(230), 'Forename', 'Łucja', 'Ł is not in Windows-1252: the file holds ?ucja, as a real export would');
  set('customers', c(27), 'E-mail', emailOf(27).replace(/@.*/, '@').toLowerCase(), 'invalid email (no domain)');
  set('customers', c(66), 'E-mail', 'nobody', 'invalid email');
  set('customers', c(150), 'E-mail', emailOf(150).replace('@', '@@').toLowerCase(), 'invalid email (two @)');
  set('customers', c(52), 'Home Tel', emailOf(52, 'example.net').toLowerCase(), 'email typed into a phone column');
  set('customers', c(60), 'Last Visit', '31/02/2025', 'impossible date');
  {
    const row = cust(77);
    if (row) {
      const keep = new Set([columnIndex(C, 'Cust No'), columnIndex(C, 'Surname')]);
      row.forEach((_, i) => {
        if (!keep.has(i)) row[i] = '';
      });
      pending.push({ kind: 'customers', rowRef: row, column: '(all but Cust No and Surname)', what: 'almost every field blank' });
    }
  }
  set('customers', c(130), 'Company', 'Hulme & Sons "Classic" Cars, Ltd', 'quotes and a comma inside a quoted field');
  set('customers', c(180), 'Addr1', 'Unit 4\nRiverside Works', 'line break inside a quoted field');
  set('customers', c(200), 'Forename', '=1+2', 'formula-like value starting with =');

  // -- vehicles.csv -----------------------------------------------------------------------------
  const U = exports.units;
  const u = (k: number) => at(k, U.rows.length);
  const regCol = columnIndex(U, 'Reg No');
  const accountCol = columnIndex(U, 'Account');

  // Orphans: units (and their jobs, advisories, requests) on customer codes that do not exist.
  const codeWidth = (C.rows[0]?.[0] ?? 'C00001').length - 1;
  [15, 95, 250].forEach((k, j) => {
    const row = U.rows[u(k)];
    if (!row) return;
    const orphan = `C${String(source.customerCount + 500 + j).padStart(codeWidth, '0')}`;
    const reg = row[regCol] ?? '';
    set('units', u(k), 'Account', orphan, 'orphan: no customer has this code (its jobs and advisories carry it too)');
    for (const [kind, regName, codeName] of [['jobs', 'Registration', 'Customer Code'], ['advisories', 'Reg', 'Cust Code'], ['bookings', 'VRM', 'Customer Code']] as const) {
      const t = exports[kind];
      const rc = columnIndex(t, regName);
      const cc = columnIndex(t, codeName);
      for (const r of t.rows) if ((r[rc] ?? '').replace(/\s/g, '') === reg.replace(/\s/g, '') && r[cc]) r[cc] = orphan;
    }
  });
  set('units', u(40), 'MOT Expiry', '01/01/1900', 'placeholder date for unknown');
  set('units', u(140), 'MOT Expiry', '00/00/0000', 'placeholder date for unknown');
  set('units', u(30), 'Last Service Date', '31/02/2025', 'impossible date');
  {
    const reg = (k: number) => U.rows[u(k)]?.[regCol] ?? '';
    set('units', u(10), 'Reg No', reg(10).replace(/\s/g, '').toLowerCase(), 'registration in lower case without a space (jobs spell it AB12 CDE)');
    set('units', u(60), 'Reg No', reg(60).replace(/\s/g, ''), 'registration without a space');
    set('units', u(70), 'Reg No', ` ${reg(70)} `, 'registration with stray spaces');
  }

  // -- jobs -------------------------------------------------------------------------------------
  const J = exports.jobs;
  const jn = (k: number) => at(k, J.rows.length);
  const descCol = columnIndex(J, 'Description');
  const lines = [
    'Front pads replaced at customer request',
    'Advised: rear tyres at 3mm',
    'Customer waiting - collect by 5pm',
    'Courtesy car issued',
  ];
  for (const k of [5, 200, 600]) {
    const row = J.rows[jn(k)];
    if (!row) continue;
    const extra = [faker.helpers.arrayElement(lines), faker.helpers.arrayElement(lines)];
    set('jobs', jn(k), 'Description', [row[descCol] ?? '', ...new Set(extra)].join('\n'), 'multi-line description');
  }
  set('jobs', jn(50), 'Customer Code', '', 'blank customer code (the unit’s owner is meant)');
  set('jobs', jn(450), 'Customer Code', '', 'blank customer code (the unit’s owner is meant)');
  set('jobs', jn(300), 'Service Advisor', '', 'blank service advisor');

  // -- advisories.csv ---------------------------------------------------------------------------
  const A = exports.advisories;
  const an = (k: number) => at(k, A.rows.length);
  set('advisories', an(3), 'RAG', (A.rows[an(3)]?.[columnIndex(A, 'RAG')] ?? 'Amber').toLowerCase(), 'severity in lower case');
  set('advisories', an(20), 'Estimate', `£${A.rows[an(20)]?.[columnIndex(A, 'Estimate')] || '85.00'}`, 'estimate with a £ sign');

  // -- booking-requests.csv ---------------------------------------------------------------------
  const B = exports.bookings;
  const bn = (k: number) => at(k, B.rows.length);
  const phoneCol = columnIndex(B, 'Phone');
  for (const row of B.rows) {
    const digits = phoneDigits(row[phoneCol] ?? '');
    if (digits) row[phoneCol] = spellPhone(digits, styleFor());
  }
  {
    const reasonCol = columnIndex(B, 'Dissatisfaction Reason');
    // A later "Price too high" spelled another way (an earlier one keeps the proper spelling), else any reason.
    const same = B.rows.flatMap((r, i) => (r[reasonCol] === 'Price too high' ? [i] : []));
    const index = same.length >= 2 ? (same[1] as number) : B.rows.findIndex((r, i) => i >= bn(10) && (r[reasonCol] ?? '') !== '');
    if (index >= 0) set('bookings', index, 'Dissatisfaction Reason', 'price too high ', 'reason in another spelling (lower case, trailing space)');
  }
  {
    const emailCol = columnIndex(B, 'Email');
    const index = B.rows.findIndex((r, i) => i >= bn(15) && (r[emailCol] ?? '') !== '');
    if (index >= 0) set('bookings', index, 'Email', `  ${(B.rows[index]?.[emailCol] ?? '').toUpperCase()} `, 'email with stray spaces and capitals');
  }
  set('bookings', bn(25), 'Date Received', '', 'blank received date (no age can be given)');

  // -- the duplicate customer code: a second, different person on an existing code -------------
  {
    const index = c(41);
    const first = C.rows[index];
    if (first) {
      const dupCode = first[0] ?? '';
      const values: Record<string, string> = {
        'Cust No': dupCode, Title: 'Mr', Forename: 'Daniel', Surname: 'Hartley-Nolan', Addr1: '7 Byron Close', Town: 'Macclesfield',
        County: 'Cheshire', 'Post Code': 'SK11 8QT', 'Mobile No': '07456 210384', 'E-mail': 'dan.hartleynolan@example.net',
        'Preferred Contact': 'SMS', 'Email Opt In': 'Y', 'SMS Opt In': 'Y', 'Last Visit': '',
      };
      const row = C.headers.map((h) => values[h] ?? '');
      C.rows.splice(index + 1, 0, row);
      pending.push({ kind: 'customers', rowRef: row, column: 'Cust No', what: `duplicate customer code: a different person from the row above` });
      pending.push({ kind: 'customers', rowRef: first, column: 'Cust No', what: `duplicate customer code: first of two rows` });

      // His car, on the same code, after that code's other units.
      let after = -1;
      U.rows.forEach((r, i) => {
        if (r[accountCol] === dupCode) after = i;
      });
      const taken = new Set(U.rows.map((r) => (r[regCol] ?? '').replace(/\s/g, '').toUpperCase()));
      let reg = 'MA21 DHN';
      for (let n = 0; taken.has(reg.replace(/\s/g, '')); n++) reg = `MA21 D${'ABCDEFGHJKLMNPRSTUVWXYZ'[n % 23]}N`;
      const unitValues: Record<string, string> = {
        'Reg No': reg, Account: dupCode, Make: 'Skoda', Model: 'Octavia', 'Chassis No': 'TMBJR7NX4MY012345',
        'Date Registered': '14-Apr-2021', 'MOT Expiry': '13/04/2027', 'Next Service Due': '20/04/2027', Mileage: '48210',
      };
      const unitRow = U.headers.map((h) => unitValues[h] ?? '');
      U.rows.splice(after + 1, 0, unitRow);
      pending.push({ kind: 'units', rowRef: unitRow, column: 'Account', what: 'a unit of the second person on the duplicate code' });
    }
  }

  // Row numbers once every row is in place.
  const notes: QuirkNote[] = [];
  const keyColumn: Record<ExportKind, string> = {
    customers: 'Cust No', units: 'Reg No', jobs: 'WIP No', advisories: 'Job Number', bookings: 'Request No',
  };
  const positions = new Map<ExportKind, Map<string[], number>>();
  for (const note of pending) {
    let index = positions.get(note.kind);
    if (!index) {
      index = new Map(exports[note.kind].rows.map((r, i) => [r, i]));
      positions.set(note.kind, index);
    }
    const i = index.get(note.rowRef);
    if (i === undefined) continue;
    const table = exports[note.kind];
    const col = table.headers.indexOf(note.column);
    notes.push({
      kind: note.kind,
      row: i + 2,
      key: get(note.kind, note.rowRef, keyColumn[note.kind]),
      column: note.column,
      value: col >= 0 ? (note.rowRef[col] ?? '') : '',
      what: note.what,
    });
  }
  const order: ExportKind[] = ['customers', 'units', 'jobs', 'advisories', 'bookings'];
  notes.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.row - b.row);
  return { exports, notes };
}
