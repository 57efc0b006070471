/**
 * Reading a Schedule sheet's cells into rule settings: numbers, purposes, channel orders, flags.
 * Every reader returns a value or a problem in plain words; nothing here throws.
 */
import { ruleProblem, type Problem, type ProblemCode } from '../problems.ts';
import { METHODS, type Method } from '../records.ts';
import { readMethod } from '../values/methods.ts';
import { readYesNo } from '../values/yes-no.ts';
import type { Centre, Purpose } from './rule.ts';

/** A cell as the Schedule sheet gives it. */
export type Cell = string | number | boolean | null | undefined;

/** A setting read from a cell, or the problem with it (its field named; the caller places it on the sheet). */
export type RuleRead<T> = { value: T } | { problem: Problem };

function problem(field: string, code: ProblemCode, message: string): { problem: Problem } {
  return { problem: ruleProblem(field, code, message) };
}

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A whole number of days or years; `min` when the setting cannot be negative. "−28" (a typographic minus) reads as −28. */
export function readWholeNumber(cell: Cell, field: string, label: string, min?: number): RuleRead<number> {
  const text = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? cell.trim().replace(/^[\u2212\u2013]/, '-') : '';
  const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    return problem(field, 'number_invalid', `${label} must be a whole number of days or years, not "${String(cell ?? '')}".`);
  }
  if (min !== undefined && value < min) {
    return problem(field, 'number_negative', `${label} cannot be less than ${min} (it is ${value}).`);
  }
  return { value };
}

export function readPurpose(cell: Cell, field = 'purpose'): RuleRead<Purpose> {
  const text = String(cell ?? '').trim().toLowerCase();
  if (text === 'service' || text === 'marketing') return { value: text };
  return problem(field, 'purpose_unknown', `Purpose must be "service" or "marketing", not "${String(cell ?? '')}".`);
}

const CENTRES: readonly Centre[] = ['workshop', 'unit sales', 'customer'];

export function readCentre(cell: Cell, field = 'centre'): RuleRead<Centre> {
  const text = String(cell ?? '').trim().toLowerCase();
  const centre = CENTRES.find((c) => c === text);
  if (centre) return { value: centre };
  return problem(field, 'centre_unknown', `Centre must be one of ${CENTRES.join(', ')}, not "${String(cell ?? '')}".`);
}

/** "Letter, Email, SMS" (or "Letter → Email → SMS", or a list) → ['Letter', 'Email', 'SMS']. */
export function readChannelOrder(cell: Cell | readonly Cell[], field = 'channelOrder'): RuleRead<Method[]> {
  const words = Array.isArray(cell) ? cell.map((c) => String(c ?? '').trim()) : String(cell ?? '').split(/\s*(?:,|;|\/|→|->|>|\s)\s*/);
  const order: Method[] = [];
  for (const word of words) {
    if (!word) continue;
    const read = readMethod(word);
    if (read === null) continue;
    if ('reason' in read) return problem(field, 'channel_unknown', `${read.reason}.`);
    const method = read.value;
    if (order.includes(method)) {
      return problem(field, 'channel_duplicate', `${method} is listed twice in the channel order.`);
    }
    order.push(method);
  }
  if (order.length === 0) {
    return problem(field, 'channel_unknown', `The channel order names no channel; use ${METHODS.join(', ')}.`);
  }
  return { value: order };
}

export function readFlag(cell: Cell, field: string, label: string): RuleRead<boolean> {
  const read = readYesNo(cell ?? null);
  if (read !== null && 'value' in read) return read;
  return problem(field, 'flag_invalid', `${label} must be yes or no, not "${String(cell ?? '')}".`);
}
