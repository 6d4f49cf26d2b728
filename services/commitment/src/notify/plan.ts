import { beijingTime, type NotifyChannel } from '@pingyi/contracts';

/** Beijing time is UTC+8 all year. */
const OFFSET_MS = 8 * 3600_000;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DeliveryRules {
  /** A person's messages on one channel beyond this many in a Beijing day are held for the digest. */
  digestAfter: number;
  /** Beijing hour the day's held messages go out as one digest. */
  digestHour: number;
  /** No SMS from this Beijing hour … */
  quietFrom: number;
  /** … until this one. */
  quietUntil: number;
}

/** The Beijing hour (0–23) of an instant. */
export const beijingHour = (at: Date): number => new Date(at.getTime() + OFFSET_MS).getUTCHours();

/** The instant Beijing's day of `at` began (00:00 Beijing time). */
export function beijingDayStart(at: Date): Date {
  const local = at.getTime() + OFFSET_MS;
  return new Date(local - (local % DAY_MS) - OFFSET_MS);
}

/** The first instant at or after `at` when Beijing time is `hour`:00. */
export function nextBeijingHour(at: Date, hour: number): Date {
  const candidate = beijingDayStart(at).getTime() + hour * HOUR_MS;
  return new Date(candidate >= at.getTime() ? candidate : candidate + DAY_MS);
}

/** Whether `at` falls in the quiet hours (a span that may cross midnight, e.g. 22 → 8). */
export function inQuietHours(at: Date, from: number, until: number): boolean {
  const h = beijingHour(at);
  if (from === until) return false;
  return from < until ? h >= from && h < until : h >= from || h < until;
}

/** `at`, or the end of the quiet hours when `at` falls in them (an SMS is never sent at night, Beijing time). */
export function afterQuietHours(at: Date, from: number, until: number): Date {
  return inQuietHours(at, from, until) ? nextBeijingHour(at, until) : at;
}

export interface DeliveryPlan {
  /** pending: goes out at `notBefore`; held: waits for the day's digest at `notBefore`. */
  status: 'pending' | 'held';
  notBefore: Date;
}

/**
 * When one message goes out on one channel. The first `digestAfter` messages of a Beijing day go one by one; later
 * ones that day are held and sent together as one digest at `digestHour` (that day, or the next when past it). SMS
 * is never sent in the quiet hours: it waits until they end.
 */
export function planDelivery(o: {
  channel: NotifyChannel;
  at: Date;
  /** This person's messages on this channel already planned in the same Beijing day. */
  earlierToday: number;
  rules: DeliveryRules;
}): DeliveryPlan {
  const { rules } = o;
  const held = o.earlierToday >= rules.digestAfter;
  const when = held ? nextBeijingHour(o.at, rules.digestHour) : o.at;
  const notBefore = o.channel === 'sms' ? afterQuietHours(when, rules.quietFrom, rules.quietUntil) : when;
  return { status: held ? 'held' : 'pending', notBefore };
}

export interface HeldItem {
  personId: string;
  channel: NotifyChannel;
  address: string;
  title: string;
  body: string;
  createdAt: Date;
}

/** Held messages grouped per person, channel and address: each group becomes one digest. */
export function groupForDigest<T extends HeldItem>(items: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const i of items) {
    const k = `${i.personId}|${i.channel}|${i.address}`;
    groups.set(k, [...(groups.get(k) ?? []), i]);
  }
  return [...groups.values()].map((g) =>
    [...g].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
  );
}

/** The digest's text (Chinese, Beijing time): one numbered entry per held message, oldest first. */
export function digestMessage(items: HeldItem[]): { title: string; body: string } {
  const lines = items.map((i, n) => `${n + 1}. 【${beijingTime(i.createdAt)}】${i.title}\n   ${i.body}`);
  return {
    title: `评议平台消息汇总（${items.length} 条）`,
    body: `您有 ${items.length} 条评议平台消息，汇总如下（北京时间）：\n\n${lines.join('\n\n')}\n\n详情请登录评议平台工作台查看。`,
  };
}

/** Wait before the next attempt after `attempts` failed ones: 30 s doubling, at most an hour. */
export const retryBackoffMs = (attempts: number): number =>
  Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), HOUR_MS);
