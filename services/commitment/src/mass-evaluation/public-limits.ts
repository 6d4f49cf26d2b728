import { ErrorCode, type Identity } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';

/**
 * Abuse limits on the anonymous channel (raiseObjection, submitMassEvaluation), kept in this process's memory only:
 * nothing is stored, logged or published, and every count is dropped at the end of the China day. A caller is known
 * by the gateway's `clientKey` (an opaque keyed hash of the address, its key rotated daily), never by an address.
 * Public requests without a key all count under one shared key with stricter limits; a person (token) counts under
 * their person id. A client's share of a commitment's objection cap (200, kept by the workflow) is bounded by
 * `objection.perCommitment` a day, so no client can spend the cap.
 */
export interface PublicLimitSet {
  /** Objections per caller per commitment per day. */
  objectionsPerCommitment: number;
  /** Objections per caller per day, over all commitments. */
  objectionsPerDay: number;
  /** Mass-evaluation submissions per caller per day (a village meeting may share one address). */
  evaluationsPerDay: number;
  /** Refused evaluation codes (invalid, used or outside the window) per caller per day: no guessing. */
  badCodesPerDay: number;
}

export const CLIENT_LIMITS: PublicLimitSet = {
  objectionsPerCommitment: 3,
  objectionsPerDay: 20,
  evaluationsPerDay: 300,
  badCodesPerDay: 20,
};
/** Everyone on the public channel without a client key shares these. */
export const SHARED_LIMITS: PublicLimitSet = {
  objectionsPerCommitment: 3,
  objectionsPerDay: 10,
  evaluationsPerDay: 100,
  badCodesPerDay: 10,
};
/** Distinct callers kept per day; callers beyond it count under the shared key (memory stays bounded). */
const MAX_CALLERS = 100_000;
const SHARED = 'shared';

/** The China calendar day of `now`, e.g. `2026-11-29`. */
export const chinaDay = (now = Date.now()): string => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

export const rateLimited = () => new DomainError(ErrorCode.RATE_LIMITED);

export class PublicLimits {
  private day = '';
  private readonly counts = new Map<string, number>();
  private readonly callers = new Set<string>();

  constructor(
    private readonly client: PublicLimitSet = CLIENT_LIMITS,
    private readonly shared: PublicLimitSet = SHARED_LIMITS,
    private readonly today: () => string = () => chinaDay(),
  ) {}

  /** Counts an objection on `commitmentId`; throws RATE_LIMITED (counting nothing) when a limit is reached. */
  objection(who: Identity | null, commitmentId: string): void {
    const [caller, l] = this.caller(who);
    this.take([
      [`o:${caller}:${commitmentId}`, l.objectionsPerCommitment],
      [`o:${caller}`, l.objectionsPerDay],
    ]);
  }

  /** Counts a mass-evaluation attempt, refused once the caller has used up submissions or bad codes today. */
  evaluation(who: Identity | null): void {
    const [caller, l] = this.caller(who);
    if ((this.counts.get(`b:${caller}`) ?? 0) >= l.badCodesPerDay) throw rateLimited();
    this.take([[`e:${caller}`, l.evaluationsPerDay]]);
  }

  /** A refused evaluation code counts against the caller's bad codes of the day. */
  badCode(who: Identity | null): void {
    const [caller] = this.caller(who);
    this.counts.set(`b:${caller}`, (this.counts.get(`b:${caller}`) ?? 0) + 1);
  }

  private caller(who: Identity | null): [string, PublicLimitSet] {
    const day = this.today();
    if (day !== this.day) {
      this.day = day;
      this.counts.clear();
      this.callers.clear();
    }
    const key = !who
      ? null
      : who.roles.includes('public')
        ? who.clientKey
          ? `c:${who.clientKey}`
          : null
        : `p:${who.personId}`;
    if (!key) return [SHARED, this.shared];
    if (!this.callers.has(key)) {
      if (this.callers.size >= MAX_CALLERS) return [SHARED, this.shared];
      this.callers.add(key);
    }
    return [key, this.client];
  }

  private take(limits: [string, number][]): void {
    if (limits.some(([k, max]) => (this.counts.get(k) ?? 0) >= max)) throw rateLimited();
    for (const [k] of limits) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
}
