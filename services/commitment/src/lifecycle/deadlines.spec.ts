import { LifecycleSettings } from '@pingyi/contracts';
import { planRectification, windowEnd } from './deadlines';

const cfg = LifecycleSettings.parse({});

describe('deadlines on the Chinese working-day calendar', () => {
  it('skips the National Day holiday and counts the make-up workday (调休)', () => {
    // 2026-09-30 (Wed) + 3 working days: Oct 1–7 are holidays; Oct 10 (Sat) is a make-up workday.
    const end = windowEnd(new Date('2026-09-30T02:00:00Z'), { amount: 3, unit: 'working_day' });
    // Oct 8 (Thu), Oct 9 (Fri), Oct 10 (Sat, make-up workday): the window closes at the end of Oct 10, China time.
    expect(end.toISOString()).toBe('2026-10-10T15:59:59.000Z');
  });

  it('counts seconds in second mode and calendar days for the follow-up delay', () => {
    const from = new Date('2026-11-27T00:00:00Z');
    expect(windowEnd(from, { amount: 5, unit: 'second' }).toISOString()).toBe('2026-11-27T00:00:05.000Z');
    expect(windowEnd(from, { amount: 30, unit: 'working_day', calendarDays: true }).toISOString()).toBe(
      '2026-12-27T15:59:59.000Z',
    );
  });

  it('plans reminders 7 and 1 working days before, escalation at the deadline and one grace period per level', () => {
    const p = planRectification({
      openedAt: new Date('2026-11-02T01:00:00Z'),
      measureDeadline: '2026-11-30',
      listed: false,
      settings: cfg,
      levels: 3,
    });
    expect(p.deadline).toBe('2026-11-30T15:59:59.000Z');
    expect(p.reminders).toEqual([
      { at: '2026-11-19T01:00:00.000Z', before: 7 },
      { at: '2026-11-27T01:00:00.000Z', before: 1 },
    ]);
    expect(p.escalations).toEqual([
      '2026-11-30T15:59:59.000Z',
      '2026-12-07T15:59:59.000Z',
      '2026-12-14T15:59:59.000Z',
    ]);
  });

  it('listed supervision (挂牌督办) caps the deadline at the shorter limit', () => {
    const p = planRectification({
      openedAt: new Date('2026-11-02T01:00:00Z'),
      measureDeadline: '2026-12-31',
      listed: true,
      settings: cfg,
      levels: 1,
    });
    expect(p.deadline).toBe('2026-11-16T15:59:59.000Z'); // 10 working days after Mon 2 Nov
  });

  it('drops reminders already past and uses the default limit without a deadline', () => {
    const p = planRectification({
      openedAt: new Date('2026-11-02T01:00:00Z'),
      measureDeadline: null,
      listed: false,
      settings: { ...cfg, rectificationDays: 3 },
      levels: 1,
    });
    expect(p.deadline).toBe('2026-11-05T15:59:59.000Z');
    expect(p.reminders.map((r) => r.before)).toEqual([1]);
  });
});
