import data from 'chinese-days/dist/chinese-days.json';
import { getSolarDateFromLunar, getSolarTerms } from 'chinese-days';

/**
 * Working days on the Chinese calendar: weekends off, State Council public holidays off, make-up workdays (调休) on.
 * Source: the npm package `chinese-days` 1.5.7 (MIT), which transcribes the State Council's annual notices
 * (国务院办公厅关于部分节假日安排的通知) for 2004–2026. For later years, before their notice is published, the statutory
 * holidays of 《全国年节及纪念日放假办法》 (2024 revision) are off — 元旦, 春节 (除夕 to 初三), 清明, 劳动节 (1–2 May),
 * 端午, 中秋, 国庆 (1–3 Oct) — but the extra days and make-up workdays of the notice are unknown, so results say so
 * (`exact: false`).
 *
 * Deadlines are computed in activities, never in workflow code: a new package version (a new year's notice) must not
 * change the replay of a running workflow.
 */

type DayTable = Record<string, string>;
const table = data as { holidays: DayTable; workdays: DayTable };

const years = Object.keys(table.holidays).map((d) => Number(d.slice(0, 4)));

/** The years whose official arrangement is known. */
export const CALENDAR_COVERAGE = {
  source: 'chinese-days 1.5.7（国务院办公厅节假日安排通知）',
  firstYear: Math.min(...years),
  lastYear: Math.max(...years),
} as const;

/** A calendar date as YYYY-MM-DD (China Standard Time). */
export type IsoDate = string;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function assertIso(d: IsoDate): void {
  if (!ISO.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
    throw new RangeError(`not a date (YYYY-MM-DD): ${d}`);
}

/** The calendar date in China (UTC+8) of an instant. */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  assertIso(d);
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export const isCovered = (d: IsoDate): boolean => {
  const y = Number(d.slice(0, 4));
  return y >= CALENDAR_COVERAGE.firstYear && y <= CALENDAR_COVERAGE.lastYear;
};

export interface DayInfo {
  date: IsoDate;
  workingDay: boolean;
  /** Holiday name in Chinese (e.g. 国庆节), or 调休上班 for a make-up workday. */
  name: string | null;
  /** False outside the covered years: only weekends were considered. */
  exact: boolean;
}

const statutoryByYear = new Map<number, Map<IsoDate, string>>();

/** Statutory holidays of a year without an official notice in the data (2024 revision of the rules). */
export function statutoryHolidays(year: number): Map<IsoDate, string> {
  let days = statutoryByYear.get(year);
  if (days) return days;
  days = new Map<IsoDate, string>();
  const lunar = (md: string) => getSolarDateFromLunar(`${year}-${md}`).date;
  const add = (d: IsoDate, name: string) => days.set(d, name);
  add(`${year}-01-01`, '元旦');
  const newYear = lunar('01-01');
  for (let i = -1; i <= 2; i++) add(addCalendarDays(newYear, i), '春节');
  const qingming = getSolarTerms(`${year}-04-01`, `${year}-04-30`).find((t) => t.term === 'pure_brightness');
  if (qingming) add(qingming.date, '清明节');
  add(`${year}-05-01`, '劳动节');
  add(`${year}-05-02`, '劳动节');
  add(lunar('05-05'), '端午节');
  add(lunar('08-15'), '中秋节');
  for (const d of ['10-01', '10-02', '10-03']) add(`${year}-${d}`, '国庆节');
  statutoryByYear.set(year, days);
  return days;
}

export function dayInfo(d: IsoDate): DayInfo {
  assertIso(d);
  if (!isCovered(d)) {
    const statutory = statutoryHolidays(Number(d.slice(0, 4))).get(d);
    if (statutory) return { date: d, workingDay: false, name: statutory, exact: false };
  }
  const holiday = table.holidays[d];
  if (holiday) return { date: d, workingDay: false, name: holiday.split(',')[1] ?? holiday, exact: true };
  const makeUp = table.workdays[d];
  if (makeUp) return { date: d, workingDay: true, name: '调休上班', exact: true };
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  return { date: d, workingDay: weekday !== 0 && weekday !== 6, name: null, exact: isCovered(d) };
}

export const isWorkingDay = (d: IsoDate): boolean => dayInfo(d).workingDay;

export interface WorkingDayResult {
  date: IsoDate;
  /** False when a day outside the covered years was crossed (weekends only were skipped there). */
  exact: boolean;
}

/**
 * The date `n` working days after `from` (n ≥ 1: the first working day after `from` is day 1); n = 0 gives `from`
 * itself if it is a working day, else the next one. Negative n counts backwards (for reminders before a deadline).
 */
export function addWorkingDays(from: IsoDate, n: number): WorkingDayResult {
  assertIso(from);
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  let exact = isCovered(from);
  let d = from;
  if (n === 0) {
    while (!isWorkingDay(d)) {
      d = addCalendarDays(d, 1);
      exact &&= isCovered(d);
    }
    return { date: d, exact };
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    d = addCalendarDays(d, step);
    exact &&= isCovered(d);
    if (isWorkingDay(d)) left--;
  }
  return { date: d, exact };
}

/** Working days in (from, to]: how many working days pass from one date to a later one. */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  assertIso(from);
  assertIso(to);
  if (to < from) return -workingDaysBetween(to, from);
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}
