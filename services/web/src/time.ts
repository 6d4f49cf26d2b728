const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A moment in Beijing time, e.g. 2026/12/31 18:00（北京时间）. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '无期限';
  return `${BEIJING.format(new Date(iso))}（北京时间）`;
}

export const isPast = (iso: string | null | undefined, now = Date.now()): boolean =>
  !!iso && new Date(iso).getTime() < now;

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/g;

/** A server text with UTC instants in it (message bodies), each rewritten in Beijing time (often already in brackets). */
export const inBeijingTime = (text: string): string =>
  text.replace(ISO_INSTANT, (iso) => `${BEIJING.format(new Date(iso))} 北京时间`);
