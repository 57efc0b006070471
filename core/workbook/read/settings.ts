/**
 * The Settings sheet back into GarageSettings. Each row names a setting (its label, or its key)
 * and gives a value. A value that cannot be used is reported with its cell and the setting keeps
 * its current value; a setting left off the sheet keeps its current value too.
 *
 * @example settingsFromRows({ sheet: 'Settings', headers: ['Setting', 'Value'], rows: [['Block days', 'abc']] })
 * // .problems[0].message: "Settings!B2: 'abc' is not a whole number of days; 120 kept."
 */
import { DEFAULT_SETTINGS, type GarageSettings } from '../../settings.ts';
import { SETTING_FIELDS, type SettingField } from '../settings-fields.ts';
import type { Result } from '../../problems.ts';
import { cellText, isBlankRow, SheetReader, type SheetTable } from '../sheet-table.ts';

const FIELD_BY_NAME = new Map<string, SettingField>(
  SETTING_FIELDS.flatMap((f) => [
    [normal(f.label), f],
    [normal(f.key), f],
  ]),
);

function normal(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function settingsFromRows(table: SheetTable, base: GarageSettings = DEFAULT_SETTINGS): Result<GarageSettings> {
  const reader = new SheetReader(table, 'setting');
  const problems = [...reader.unwritable, ...reader.missingHeaders(['Setting', 'Value'])];
  if (problems.some((p) => p.code === 'header_missing')) return { value: base, problems };
  const settingCol = reader.column('Setting');
  const valueCol = reader.column('Value');
  const settings: GarageSettings = { ...base };
  const seen = new Map<keyof GarageSettings, string>();
  const where = new Map<keyof GarageSettings, number>();

  table.rows.forEach((row, r) => {
    if (isBlankRow(row)) return;
    const name = cellText(reader.cell(r, settingCol));
    const field = FIELD_BY_NAME.get(normal(name));
    if (!field) {
      problems.push(reader.problem(r, settingCol, 'setting_unknown', `'${name}' is not a setting; the row was ignored.`, 'row ignored'));
      return;
    }
    const first = seen.get(field.key);
    if (first) {
      problems.push(reader.problem(r, settingCol, 'setting_duplicate', `${field.label} is already set at ${first}; this row was ignored.`, 'first kept'));
      return;
    }
    seen.set(field.key, `${table.sheet}!${reader.address(r, valueCol)}`);
    where.set(field.key, r);
    const read = field.read(reader.cell(r, valueCol));
    if ('reason' in read) {
      const kept = field.write(base[field.key] as never) || '(blank)';
      problems.push(reader.problem(r, valueCol, read.code, `${read.reason}; ${kept} kept.`, 'current value kept'));
      return;
    }
    (settings as unknown as Record<string, unknown>)[field.key] = read.value;
  });

  // Thresholds that only make sense in order.
  const order = (low: keyof GarageSettings, high: keyof GarageSettings, what: string) => {
    if ((settings[high] as number) > (settings[low] as number)) return;
    const r = where.get(high) ?? where.get(low);
    const message = `${what} (${String(settings[high])}) must be more than ${String(settings[low])}; ${String(base[low])} and ${String(base[high])} kept.`;
    if (r !== undefined) problems.push(reader.problem(r, valueCol, 'number_out_of_range', message, 'current values kept'));
    settings[low] = base[low] as never;
    settings[high] = base[high] as never;
  };
  order('driftingMonths', 'lapsingMonths', 'Lapsing after (months)');
  order('bookingAmberDays', 'bookingOverdueDays', 'Bookings overdue after (days)');
  return { value: settings, problems };
}
