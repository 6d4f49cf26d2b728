/** China Standard Time is UTC+8 all year (no daylight saving), so a fixed offset gives the local calendar day. */
const CHINA_OFFSET_MS = 8 * 3600_000;

const chinaDay = (at: Date): Date => new Date(at.getTime() + CHINA_OFFSET_MS);
const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO-8601 week of the China-time day of `at`, e.g. `2026-W48` (weeks start on Monday; week 1 holds 4 January). */
export function isoWeekLabel(at: Date): string {
  const d = chinaDay(at);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the week's year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${pad(week)}`;
}

/** The month or quarter that ended last before `at` (China time): `2026-11`, `2026-Q3`. */
export function previousPeriodLabel(period: 'monthly' | 'quarterly', at: Date): string {
  const d = chinaDay(at);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth(); // 0-based: the number of the month before, 1-based
  if (period === 'monthly') return month === 0 ? `${year - 1}-12` : `${year}-${pad(month)}`;
  const quarter = Math.floor(month / 3); // the quarter before, 1-based
  return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
}

/** A label for one instant (schedules that run every few seconds in tests and demos): `2026-11-27T10:15:04Z`. */
export function instantLabel(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
