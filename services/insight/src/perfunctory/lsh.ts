import { BANDS, MIN_BAND_HITS, bandKeys, similarityAtLeast } from './minhash';

type Bucket = number | number[];

/**
 * An in-memory LSH index of signatures (the bench, and the tests' reference for the stored index): a signature is a
 * candidate of another when `MIN_BAND_HITS` of their bands agree, and is similar when their signatures say so. A bucket keeps at most `bucketCap` ids (a text pasted ten
 * thousand times is not compared ten thousand times: the first ones are enough to say it is a copy).
 */
export class LshIndex {
  private readonly buckets: Map<number, Bucket>[] = Array.from(
    { length: BANDS },
    () => new Map<number, Bucket>(),
  );
  private readonly sigs: Int32Array[] = [];
  private keys = new Int32Array(1024 * BANDS);
  /** `seen[id] === query` when `id` shares a band with the current query; `hits[id]` counts the bands then. */
  private seen = new Int32Array(1024);
  private hits = new Int32Array(1024);
  private query = 0;

  constructor(private readonly bucketCap = 16) {}

  /** Adds a signature; returns its id (0, 1, 2 … in order of addition). */
  add(sig: Int32Array): number {
    const id = this.sigs.length;
    this.sigs.push(sig);
    if (id >= this.seen.length) {
      this.seen = grow(this.seen, this.seen.length * 2);
      this.hits = grow(this.hits, this.seen.length);
      this.keys = grow(this.keys, this.seen.length * BANDS);
    }
    const keys = bandKeys(sig);
    this.keys.set(keys, id * BANDS);
    for (let band = 0; band < BANDS; band++) {
      const map = this.buckets[band]!;
      const k = keys[band]!;
      const b = map.get(k);
      if (b === undefined) map.set(k, id);
      else if (typeof b === 'number') map.set(k, [b, id]);
      else if (b.length < this.bucketCap) b.push(id);
    }
    return id;
  }

  signature(id: number): Int32Array {
    const s = this.sigs[id];
    if (!s) throw new Error(`no signature ${id}`);
    return s;
  }

  /** The ids other than `id` sharing bands with it whose estimated similarity is at least `min`. */
  similarTo(id: number, min: number): { id: number; similarity: number }[] {
    return this.lookup(this.signature(id), this.keys.subarray(id * BANDS, (id + 1) * BANDS), min, id);
  }

  /** The ids sharing bands with `sig`, other than `self`, whose estimated similarity is at least `min`. */
  similar(sig: Int32Array, min: number, self = -1): { id: number; similarity: number }[] {
    return this.lookup(sig, bandKeys(sig), min, self);
  }

  private lookup(sig: Int32Array, keys: Int32Array, min: number, self: number) {
    const q = ++this.query;
    const out: { id: number; similarity: number }[] = [];
    for (let band = 0; band < BANDS; band++) {
      const b = this.buckets[band]!.get(keys[band]!);
      if (b === undefined) continue;
      if (typeof b === 'number') this.check(sig, b, self, q, min, out);
      else for (let i = 0; i < b.length; i++) this.check(sig, b[i]!, self, q, min, out);
    }
    return out;
  }

  private check(
    sig: Int32Array,
    id: number,
    self: number,
    q: number,
    min: number,
    out: { id: number; similarity: number }[],
  ): void {
    if (id === self) return;
    if (this.seen[id] !== q) {
      this.seen[id] = q;
      this.hits[id] = 0;
    }
    if (++this.hits[id]! !== MIN_BAND_HITS) return;
    const s = similarityAtLeast(sig, this.sigs[id]!, min);
    if (s >= min) out.push({ id, similarity: s });
  }
}

function grow(a: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(length);
  out.set(a);
  return out;
}
