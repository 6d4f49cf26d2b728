import { BANDS, MIN_BAND_HITS, bandKeys, similarityAtLeast } from './minhash';

/**
 * An in-memory LSH index of signatures (the bench, and the tests' reference for the stored index): a signature is a
 * candidate of another when `MIN_BAND_HITS` of their bands agree, and is similar when their signatures say so. A
 * bucket keeps at most `bucketCap` ids (a text pasted ten thousand times is not compared ten thousand times: the
 * first ones are enough to say it is a copy).
 *
 * Buckets live in typed arrays, not in maps of arrays (a Baotou-size campaign has millions of band keys): an
 * open-addressing table of (band, key) slots, each with the head of a chain of ids, the chains in `next`.
 */
export class LshIndex {
  private sigs: Int32Array[] = [];
  private keys = new Int32Array(1024 * BANDS);
  /** Per (id, band): the next id in the same bucket, or -1. */
  private next = new Int32Array(1024 * BANDS);
  /** The table: per slot its band (-1 empty), key, first id and number of ids. */
  private slotBand = new Int32Array(4096).fill(-1);
  private slotKey = new Int32Array(4096);
  private slotHead = new Int32Array(4096);
  private slotCount = new Int32Array(4096);
  private used = 0;
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
      const n = this.seen.length * 2;
      [this.seen, this.hits] = [grow(this.seen, n), grow(this.hits, n)];
      [this.keys, this.next] = [grow(this.keys, n * BANDS), grow(this.next, n * BANDS)];
    }
    const keys = bandKeys(sig);
    this.keys.set(keys, id * BANDS);
    for (let band = 0; band < BANDS; band++) {
      if ((this.used + 1) * 2 > this.slotBand.length) this.rehash();
      const s = this.slot(band, keys[band]!);
      if (this.slotBand[s] === -1) {
        this.slotBand[s] = band;
        this.slotKey[s] = keys[band]!;
        this.slotHead[s] = id;
        this.slotCount[s] = 1;
        this.next[id * BANDS + band] = -1;
        this.used++;
      } else if (this.slotCount[s]! < this.bucketCap) {
        this.next[id * BANDS + band] = this.slotHead[s]!;
        this.slotHead[s] = id;
        this.slotCount[s]!++;
      }
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

  /** The slot of (band, key): where it is, or the empty slot where it would go (linear probing). */
  private slot(band: number, key: number): number {
    const mask = this.slotBand.length - 1;
    let s = Math.imul(key ^ Math.imul(band + 1, 0x9e3779b1), 0x85ebca6b) & mask;
    for (;;) {
      const b = this.slotBand[s]!;
      if (b === -1 || (b === band && this.slotKey[s] === key)) return s;
      s = (s + 1) & mask;
    }
  }

  private rehash(): void {
    const [band, key, head, count] = [this.slotBand, this.slotKey, this.slotHead, this.slotCount];
    const n = band.length * 2;
    this.slotBand = new Int32Array(n).fill(-1);
    [this.slotKey, this.slotHead, this.slotCount] = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
    for (let i = 0; i < band.length; i++) {
      if (band[i] === -1) continue;
      const s = this.slot(band[i]!, key[i]!);
      this.slotBand[s] = band[i]!;
      this.slotKey[s] = key[i]!;
      this.slotHead[s] = head[i]!;
      this.slotCount[s] = count[i]!;
    }
  }

  private lookup(sig: Int32Array, keys: Int32Array, min: number, self: number) {
    const q = ++this.query;
    const out: { id: number; similarity: number }[] = [];
    for (let band = 0; band < BANDS; band++) {
      const s = this.slot(band, keys[band]!);
      if (this.slotBand[s] === -1) continue;
      for (let id = this.slotHead[s]!; id !== -1; id = this.next[id * BANDS + band]!) {
        if (id === self) continue;
        if (this.seen[id] !== q) {
          this.seen[id] = q;
          this.hits[id] = 0;
        }
        if (++this.hits[id]! !== MIN_BAND_HITS) continue;
        const similarity = similarityAtLeast(sig, this.sigs[id]!, min);
        if (similarity >= 0) out.push({ id, similarity });
      }
    }
    return out;
  }
}

function grow(a: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(length);
  out.set(a);
  return out;
}
