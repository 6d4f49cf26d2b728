import { createHmac, randomBytes } from 'node:crypto';

/** The Beijing calendar day of an instant (UTC+8, no daylight saving). */
export const beijingDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Opaque per-client keys for the anonymous channel's abuse limits: base64url(HMAC-SHA256(dailyKey, address)), 22
 * characters. The daily key is random, lives only in this process's memory and is replaced when the Beijing day
 * changes, so a key links requests of one client within one day and cannot be reversed or linked across days. Neither
 * the key nor the address is stored or logged.
 */
export class ClientKeys {
  private day = '';
  private dailyKey = Buffer.alloc(0);

  constructor(private readonly now: () => number = Date.now) {}

  keyOf(address: string): string {
    const today = beijingDay(this.now());
    if (today !== this.day) {
      this.day = today;
      this.dailyKey = randomBytes(32);
    }
    return createHmac('sha256', this.dailyKey).update(address).digest('base64url').slice(0, 22);
  }
}

const normalise = (a: string): string => a.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * The client's address: the socket's remote address; `X-Forwarded-For` only when the socket belongs to a trusted
 * proxy, and then the right-most hop that is not itself a trusted proxy.
 */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly string[],
): string {
  const remote = normalise(remoteAddress ?? 'unknown');
  const trusted = new Set(trustedProxies.map(normalise));
  if (!trusted.has(remote) || !forwardedFor) return remote;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map(normalise)
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) if (!trusted.has(hops[i]!)) return hops[i]!;
  return remote;
}

/**
 * Fixed one-minute windows per client key, in memory only: the whole table is dropped when the minute changes, so it
 * holds at most one minute of keys.
 */
export class RateLimiter {
  private minute = -1;
  private counts = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; false when the client is over its limit for this minute. */
  allow(key: string): boolean {
    const minute = Math.floor(this.now() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts = new Map();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.perMinute;
  }
}
