/** Runs the engine the way the build does, with defaults a test can override. */
import { addDays, type IsoDate } from '../../../core/calendar.ts';
import type { GarageIndex } from '../../../core/garage-index.ts';
import type { ContactLogEntry, LapsedMark } from '../../../core/records.ts';
import type { DueAction } from '../../../core/results.ts';
import { DEFAULT_RULES } from '../../../core/schedule/default-rules.ts';
import { dueActions } from '../../../core/schedule/engine.ts';
import type { ContactRule } from '../../../core/schedule/rule.ts';
import { DEFAULT_SETTINGS, type GarageSettings } from '../../../core/settings.ts';

export interface RunOptions {
  rules?: ContactRule[];
  contactLog?: ContactLogEntry[];
  lapsedMarks?: LapsedMark[];
  settings?: Partial<GarageSettings>;
}

export function due(garage: GarageIndex, asOf: IsoDate, options: RunOptions = {}): DueAction[] {
  return dueActions(garage, options.rules ?? DEFAULT_RULES, {
    asOf,
    contactLog: options.contactLog ?? [],
    lapsedMarks: options.lapsedMarks ?? [],
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  });
}

/** The due actions of one rule. */
export function dueFor(ruleId: string, garage: GarageIndex, asOf: IsoDate, options: RunOptions = {}): DueAction[] {
  return due(garage, asOf, options).filter((a) => a.ruleId === ruleId);
}

export function logEntry(actionId: string, sentAt: IsoDate, status: ContactLogEntry['status'] = 'sent'): ContactLogEntry {
  const [, customerCode = ''] = actionId.split('/');
  return { actionId, sentAt, customerCode, contactDue: '', method: 'Email', to: '', status, reference: '', by: 'test' };
}

/** Every date from `from` to `to`, inclusive. */
export function days(from: IsoDate, to: IsoDate): IsoDate[] {
  const list: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) list.push(d);
  return list;
}
