// Dates (days since 1970-01-01, proleptic Gregorian; H. Hinnant's algorithms).
// Local copies: global lookups are slow inside vm contexts such as jest's.
const { floor } = Math;

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = floor(y / 400);
  const yoe = y - era * 400;
  const doy = floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const d = doy - floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export const LAST_JOIN_DAY = daysFromCivil(2026, 6, 30);
export const FIRST_DAY = daysFromCivil(1940, 1, 1);
export const BIRTH_DAYS = daysFromCivil(2005, 1, 1) - FIRST_DAY;
const isoCache = new Array<string>(LAST_JOIN_DAY - FIRST_DAY + 1).fill('');
const compactCache = new Array<string>(LAST_JOIN_DAY - FIRST_DAY + 1).fill('');

/** YYYY-MM-DD; cached per day, so 167,000 members share some 30,000 date strings. */
export function isoDate(days: number): string {
  const k = days - FIRST_DAY;
  if (isoCache[k] === '') {
    const [y, m, d] = civilFromDays(days);
    isoCache[k] = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
    compactCache[k] = `${y}${pad(m, 2)}${pad(d, 2)}`;
  }
  return isoCache[k]!;
}

/** YYYYMMDD, as in an ID number. */
export function compactDate(days: number): string {
  isoDate(days);
  return compactCache[days - FIRST_DAY]!;
}

export function pad(n: number, width: number): string {
  return `${n}`.padStart(width, '0');
}
