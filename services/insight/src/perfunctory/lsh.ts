import { bandKeys, similarity } from './minhash';

/**
 * An in-memory LSH index of signatures (the bench, and the tests' reference for the stored index): a signature is a
 * candidate of another when one of their bands agrees. A bucket keeps at most `bucketCap` ids (a text pasted ten
 * thousand times is not compared ten thousand times: the first ones are enough to say it is a copy).
 */
export class LshIndex {
  private readonly buckets = new Map<number, number | number[]>();
  private readonly sigs: ArrayLike<number>[] = [];

  constructor(private readonly bucketCap = 64) {}

  /** Adds a signature; returns its id (0, 1, 2 … in order of addition). */
  add(sig: ArrayLike<number>): number {
    const id = this.sigs.length;
    this.sigs.push(sig);
    for (const k of bandKeys(sig)) {
      const b = this.buckets.get(k);
      if (b === undefined) this.buckets.set(k, id);
      else if (typeof b === 'number') this.buckets.set(k, [b, id]);
      else if (b.length < this.bucketCap) b.push(id);
    }
    return id;
  }

  signature(id: number): ArrayLike<number> {
    const s = this.sigs[id];
    if (!s) throw new Error(`no signature ${id}`);
    return s;
  }

  /** The ids sharing a band with `sig`, other than `self`, whose estimated similarity is at least `min`. */
  similar(sig: ArrayLike<number>, min: number, self = -1): { id: number; similarity: number }[] {
    const seen = new Set<number>();
    const out: { id: number; similarity: number }[] = [];
    for (const k of bandKeys(sig)) {
      const b = this.buckets.get(k);
      if (b === undefined) continue;
      for (const id of typeof b === 'number' ? [b] : b) {
        if (id === self || seen.has(id)) continue;
        seen.add(id);
        const s = similarity(sig, this.sigs[id]!);
        if (s >= min) out.push({ id, similarity: s });
      }
    }
    return out;
  }
}
