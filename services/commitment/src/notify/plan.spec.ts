import {
  afterQuietHours,
  beijingDayStart,
  digestMessage,
  groupForDigest,
  inQuietHours,
  nextBeijingHour,
  planDelivery,
  retryBackoffMs,
  type DeliveryRules,
} from './plan';

/** A Beijing wall-clock time as an instant (Beijing is UTC+8). */
const bj = (s: string) => new Date(`${s}+08:00`);
const rules: DeliveryRules = { digestAfter: 3, digestHour: 18, quietFrom: 22, quietUntil: 8 };

describe('Beijing days and hours', () => {
  it('a day starts at 00:00 Beijing time, not UTC', () => {
    expect(beijingDayStart(bj('2026-11-30T07:30:00'))).toEqual(bj('2026-11-30T00:00:00'));
    expect(beijingDayStart(bj('2026-11-29T23:59:00'))).toEqual(bj('2026-11-29T00:00:00'));
  });

  it('the next 18:00 is today before it, tomorrow after it', () => {
    expect(nextBeijingHour(bj('2026-11-30T09:00:00'), 18)).toEqual(bj('2026-11-30T18:00:00'));
    expect(nextBeijingHour(bj('2026-11-30T18:00:00'), 18)).toEqual(bj('2026-11-30T18:00:00'));
    expect(nextBeijingHour(bj('2026-11-30T18:01:00'), 18)).toEqual(bj('2026-12-01T18:00:00'));
  });
});

describe('SMS quiet hours (22:00–08:00 Beijing time)', () => {
  it.each([
    ['2026-11-30T21:59:00', false],
    ['2026-11-30T22:00:00', true],
    ['2026-12-01T03:00:00', true],
    ['2026-12-01T07:59:00', true],
    ['2026-12-01T08:00:00', false],
    ['2026-12-01T13:00:00', false],
  ])('%s quiet: %s', (t, quiet) => expect(inQuietHours(bj(t), 22, 8)).toBe(quiet));

  it('an SMS due at night waits for 08:00 the next morning; one due by day goes at once', () => {
    expect(afterQuietHours(bj('2026-11-30T23:10:00'), 22, 8)).toEqual(bj('2026-12-01T08:00:00'));
    expect(afterQuietHours(bj('2026-12-01T02:00:00'), 22, 8)).toEqual(bj('2026-12-01T08:00:00'));
    expect(afterQuietHours(bj('2026-12-01T10:00:00'), 22, 8)).toEqual(bj('2026-12-01T10:00:00'));
  });

  it('a span within one day works too (12–14)', () => {
    expect(inQuietHours(bj('2026-12-01T13:00:00'), 12, 14)).toBe(true);
    expect(inQuietHours(bj('2026-12-01T23:00:00'), 12, 14)).toBe(false);
  });

  it('quiet hours hold SMS only, never e-mail', () => {
    const at = bj('2026-11-30T23:30:00');
    expect(planDelivery({ channel: 'sms', at, earlierToday: 0, rules })).toEqual({
      status: 'pending',
      notBefore: bj('2026-12-01T08:00:00'),
    });
    expect(planDelivery({ channel: 'email', at, earlierToday: 0, rules })).toEqual({
      status: 'pending',
      notBefore: at,
    });
  });
});

describe('daily digest', () => {
  it('the first three of a day go one by one; the fourth and later wait for the 18:00 digest', () => {
    const at = bj('2026-11-30T10:00:00');
    const plans = [0, 1, 2, 3, 7].map((n) => planDelivery({ channel: 'email', at, earlierToday: n, rules }));
    expect(plans.map((p) => p.status)).toEqual(['pending', 'pending', 'pending', 'held', 'held']);
    expect(plans[3]!.notBefore).toEqual(bj('2026-11-30T18:00:00'));
  });

  it('held after 18:00: the next day’s digest; an SMS digest never falls in the quiet hours', () => {
    const late = bj('2026-11-30T20:00:00');
    expect(planDelivery({ channel: 'email', at: late, earlierToday: 5, rules }).notBefore).toEqual(
      bj('2026-12-01T18:00:00'),
    );
    const nightDigest = { ...rules, digestHour: 23 };
    expect(planDelivery({ channel: 'sms', at: late, earlierToday: 5, rules: nightDigest })).toEqual({
      status: 'held',
      notBefore: bj('2026-12-01T08:00:00'),
    });
  });

  it('groups held messages per person, channel and address, oldest first', () => {
    const item = (personId: string, channel: 'email' | 'sms', address: string, t: string, title: string) => ({
      personId,
      channel,
      address,
      title,
      body: `${title}的正文`,
      createdAt: bj(t),
    });
    const groups = groupForDigest([
      item('a', 'email', 'a@x.cn', '2026-11-30T11:00:00', '二'),
      item('b', 'email', 'b@x.cn', '2026-11-30T10:00:00', '乙'),
      item('a', 'email', 'a@x.cn', '2026-11-30T09:00:00', '一'),
      item('a', 'sms', '13900000000', '2026-11-30T09:30:00', '短'),
    ]);
    expect(groups.map((g) => g.map((i) => `${i.personId}${i.channel}${i.title}`))).toEqual([
      ['aemail一', 'aemail二'],
      ['bemail乙'],
      ['asms短'],
    ]);
    const text = digestMessage(groups[0]!);
    expect(text.title).toBe('评议平台消息汇总（2 条）');
    expect(text.body).toContain('1. 【2026年11月30日 09:00】一\n   一的正文');
    expect(text.body).toContain('2. 【2026年11月30日 11:00】二');
  });

  it('retries back off from 30 s, doubling, to at most an hour', () => {
    expect([1, 2, 3, 10, 20].map(retryBackoffMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });
});
