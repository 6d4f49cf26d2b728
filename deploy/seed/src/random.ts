// Seeded randomness: a small PRNG, per-purpose seeds, weighted picks and apportionment.
// Local copies: global lookups are slow inside vm contexts such as jest's.
const { floor, imul } = Math;

/** mulberry32: small, fast, good enough for demo data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)]!;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }
}

export function deriveSeed(seed: number, salt: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < salt.length; i++) h = imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    for (const w of weights) this.cumulative.push((this.total += w));
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Splits `total` into integers proportional to `weights`, each at least `minEach` (largest remainders). */
export function apportion(total: number, weights: readonly number[], minEach = 0): number[] {
  const n = weights.length;
  const rest = total - minEach * n;
  if (n === 0 || rest < 0) throw new Error(`cannot split ${total} into ${n} parts of at least ${minEach}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const out = raw.map((r) => minEach + floor(r));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw
    .map((_, i) => i)
    .sort((a, b) => raw[b]! - floor(raw[b]!) - (raw[a]! - floor(raw[a]!)) || a - b);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]!]! += 1;
  return out;
}
