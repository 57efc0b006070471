/**
 * Simple conditions on a custom rule: `field op value`, e.g. `unit.make = Honda`,
 * `unit.mileage > 60000`, `job.description contains tyre`. Text compares without regard to case;
 * numbers and dates compare as numbers and dates. A blank field meets only `!=`.
 * Each condition is read once, when the rule is built; checking it is a field read and a compare.
 */
import type { IsoDate } from '../calendar.ts';
import { readDate } from '../values/dates.ts';
import type { Customer, Job, Unit } from '../records.ts';
import type { Occasion } from './rule.ts';
import { ruleProblem, type Problem } from '../problems.ts';

export type RecordName = 'customer' | 'unit' | 'job';
type FieldKind = 'text' | 'number' | 'date';
type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'contains';
type FieldValue = string | number | null;

interface FieldSpec {
  record: RecordName;
  name: string;
  kind: FieldKind;
  read(occasion: Occasion): FieldValue;
}

function fields<R>(record: RecordName, kind: FieldKind, names: readonly (keyof R & string)[], of: (o: Occasion) => R | null): FieldSpec[] {
  return names.map((name) => ({
    record,
    name,
    kind,
    read: (o: Occasion) => {
      const value = of(o)?.[name];
      return typeof value === 'string' || typeof value === 'number' ? value : null;
    },
  }));
}

const unitOf = (o: Occasion) => o.unit;
const jobOf = (o: Occasion) => o.job;
const customerOf = (o: Occasion) => o.customer;

const FIELD_LIST: FieldSpec[] = [
  ...fields<Customer>('customer', 'text', ['code', 'title', 'firstName', 'surname', 'name', 'company', 'town', 'county', 'postcode', 'email', 'preferredMethod'], customerOf),
  ...fields<Customer>('customer', 'date', ['dateOfBirth', 'lastVisit'], customerOf),
  ...fields<Unit>('unit', 'text', ['registration', 'make', 'model', 'vin', 'soldBy'], unitOf),
  ...fields<Unit>('unit', 'date', ['firstRegistered', 'motDue', 'nextService', 'lastService', 'saleDate', 'warrantyEnd', 'financeEnd'], unitOf),
  ...fields<Unit>('unit', 'number', ['mileage'], unitOf),
  ...fields<Job>('job', 'text', ['jobNo', 'status', 'staff', 'description'], jobOf),
  ...fields<Job>('job', 'date', ['bookedDate', 'appointmentDate', 'completedDate'], jobOf),
  ...fields<Job>('job', 'number', ['value'], jobOf),
];

/** `unit.make` (any case) → its spec. */
const FIELDS = new Map(FIELD_LIST.map((f) => [`${f.record}.${f.name}`.toLowerCase(), f]));

export const CONDITION_FIELDS: readonly string[] = FIELD_LIST.map((f) => `${f.record}.${f.name}`);

const CONDITION = /^\s*([A-Za-z]+\.[A-Za-z]+)\s*(!=|<=|>=|=|<|>|contains(?=\s))\s*(.*?)\s*$/i;

export type Condition = (occasion: Occasion) => boolean;

function unquote(text: string): string {
  return /^(["'“‘]).*(["'”’])$/.test(text) && text.length >= 2 ? text.slice(1, -1) : text;
}

/** A condition's date, through the one date reader; a time of day has no place in a condition. */
function conditionDate(text: string): IsoDate | null {
  const read = readDate(text);
  return read && 'value' in read && read.value.time === '' ? read.value.date : null;
}

function compare(op: Operator, actual: string | number, expected: string | number): boolean {
  switch (op) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<':
      return actual < expected;
    case '>':
      return actual > expected;
    case '<=':
      return actual <= expected;
    case '>=':
      return actual >= expected;
    case 'contains':
      return String(actual).includes(String(expected));
  }
}

/**
 * Reads one condition for a rule whose occasions carry `available` records (a unit rule has a
 * customer and a unit; a customer rule only a customer). Returns the check, or why it cannot be used.
 */
export function readCondition(text: string, available: readonly RecordName[], field = 'conditions'): { condition: Condition } | { problem: Problem } {
  const bad = (message: string) => ({ problem: ruleProblem(field, 'condition_invalid', message) });
  const match = CONDITION.exec(text);
  if (!match) return bad(`"${text}" is not a condition; write it as field, operator, value, e.g. "unit.make = Honda" (operators: = != < > <= >= contains).`);
  const [, fieldName = '', opText = '', valueText = ''] = match;
  const spec = FIELDS.get(fieldName.toLowerCase());
  if (!spec) return bad(`"${fieldName}" in "${text}" is not a field a condition can use; use one of ${CONDITION_FIELDS.join(', ')}.`);
  if (!available.includes(spec.record)) {
    return bad(`"${text}" needs a ${spec.record}, but this rule's trigger gives only ${available.join(' and ')} details.`);
  }
  const op = opText.toLowerCase() as Operator;
  const raw = unquote(valueText);

  if (spec.kind === 'text') {
    if (op !== '=' && op !== '!=' && op !== 'contains') return bad(`"${text}": ${spec.record}.${spec.name} is text, so use =, != or contains.`);
    const expected = raw.trim().toLowerCase();
    return { condition: (o) => compare(op, String(spec.read(o) ?? '').trim().toLowerCase(), expected) };
  }
  if (op === 'contains') return bad(`"${text}": contains works on text; ${spec.record}.${spec.name} is a ${spec.kind}.`);
  const expected = spec.kind === 'number' ? readNumber(raw) : conditionDate(raw.trim());
  if (expected === null) {
    return bad(`"${text}": "${raw}" is not a ${spec.kind === 'number' ? 'number' : 'date (dd/mm/yyyy)'}.`);
  }
  return {
    condition: (o) => {
      const actual = spec.read(o);
      return actual === null || actual === '' ? op === '!=' : compare(op, actual, expected);
    },
  };
}

function readNumber(text: string): number | null {
  const cleaned = text.trim().replace(/,/g, '');
  if (!/^[+-]?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}
