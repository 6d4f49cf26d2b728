import { addCalendarDays, addWorkingDays, chinaDate, type IsoDate } from '@pingyi/calendar';
import type { LifecycleSettings, RectificationPlan, Window } from '@pingyi/contracts';

/** End of a day in China (23:59:59 +08:00), as an instant. */
export const endOfChinaDay = (d: IsoDate): Date => new Date(`${d}T23:59:59+08:00`);
/** 09:00 China time of a day: when reminders go out. */
export const morningOfChinaDay = (d: IsoDate): Date => new Date(`${d}T09:00:00+08:00`);

/**
 * When a window that opens at `from` ends. Working days count on the Chinese calendar (holidays and make-up workdays);
 * the window ends at the close of its last day. `second` counts seconds (tests and demos).
 */
export function windowEnd(from: Date, w: Window): Date {
  if (w.unit === 'second') return new Date(from.getTime() + w.amount * 1000);
  const today = chinaDate(from);
  if (w.calendarDays) return endOfChinaDay(addCalendarDays(today, w.amount));
  return endOfChinaDay(addWorkingDays(today, w.amount).date);
}

/**
 * Deadline, reminders and escalation times of a rectification. Working-day mode: the measure's own deadline (end of that
 * day), or the default limit; listed supervision caps it at the shorter limit. Reminders at 09:00 so many working days
 * before; escalation level 1 at the deadline, each further level one grace period later.
 */
export function planRectification(input: {
  openedAt: Date;
  measureDeadline: IsoDate | null;
  listed: boolean;
  settings: LifecycleSettings;
  levels: number;
}): RectificationPlan {
  const { settings: cfg, openedAt } = input;
  const levels = Math.max(1, Math.min(input.levels, 12));
  if (cfg.unit === 'second') {
    const limit = input.listed ? cfg.listedRectificationDays : cfg.rectificationDays;
    const deadline = openedAt.getTime() + limit * 1000;
    return {
      unit: 'second',
      deadline: new Date(deadline).toISOString(),
      reminders: [...cfg.reminderDaysBefore]
        .sort((a, b) => b - a)
        .map((before) => ({ at: new Date(deadline - before * 1000), before }))
        .filter((r) => r.at > openedAt)
        .map((r) => ({ at: r.at.toISOString(), before: r.before })),
      escalations: Array.from({ length: levels }, (_, i) =>
        new Date(deadline + i * cfg.escalationGraceDays * 1000).toISOString(),
      ),
    };
  }
  const today = chinaDate(openedAt);
  const byDefault = addWorkingDays(today, cfg.rectificationDays).date;
  let day = input.measureDeadline && input.measureDeadline >= today ? input.measureDeadline : byDefault;
  if (input.listed) {
    const cap = addWorkingDays(today, cfg.listedRectificationDays).date;
    if (cap < day) day = cap;
  }
  const deadline = endOfChinaDay(day);
  return {
    unit: 'working_day',
    deadline: deadline.toISOString(),
    reminders: [...cfg.reminderDaysBefore]
      .sort((a, b) => b - a)
      .map((before) => ({ at: morningOfChinaDay(addWorkingDays(day, -before).date), before }))
      .filter((r) => r.at > openedAt)
      .map((r) => ({ at: r.at.toISOString(), before: r.before })),
    escalations: Array.from({ length: levels }, (_, i) =>
      endOfChinaDay(addWorkingDays(day, i * cfg.escalationGraceDays).date).toISOString(),
    ),
  };
}
