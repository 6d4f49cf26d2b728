/** Beijing time is UTC+8 all year (no daylight saving). */
const OFFSET_MS = 8 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * An instant as a person in China reads it: "2026年11月29日 21:47" (Beijing time), with seconds when asked.
 * Pure arithmetic (no Intl, no clock), so workflow code may use it.
 */
export function beijingTime(at: Date | string | number, withSeconds = false): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) return String(at);
  const d = new Date(ms + OFFSET_MS);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}`;
}

/** "10 秒", "3 个工作日", "5 天": an amount of a deadline unit as a person reads it. */
export function amountOf(n: number, unit: string): string {
  if (unit === 'second') return `${n} 秒`;
  if (unit === 'working_day') return `${n} 个工作日`;
  return `${n} 天`;
}
