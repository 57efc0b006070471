/**
 * Settings (kept): one row per garage setting — Setting, Value, About. The user edits Value; the
 * next build reads it back (read/settings.ts) and reports anything it cannot use.
 */
import type { GarageSettings } from '../../settings.ts';
import { col, table } from '../columns.ts';
import { PRINT_SETUP, type PlanSheet } from '../plan.ts';
import { SETTING_FIELDS } from '../settings-fields.ts';

export const SETTINGS_SHEET = 'Settings';

export const SETTINGS_COLUMNS = [col('setting', 'Setting', 'text', { width: 30 }), col('value', 'Value', 'text', { width: 44 }), col('about', 'About', 'text', { width: 70 })];

export function settingsSheet(settings: GarageSettings): PlanSheet {
  const rows = SETTING_FIELDS.map((f) => [f.label, f.write(settings[f.key] as never), f.about]);
  return { name: SETTINGS_SHEET, kind: 'kept', table: table('Settings', SETTINGS_COLUMNS, rows), frozenRows: 1, print: PRINT_SETUP };
}
