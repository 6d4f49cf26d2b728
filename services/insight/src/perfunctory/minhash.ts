/**
 * Near-duplicate text: Chinese character n-gram shingles, a MinHash signature made by one-permutation hashing (each
 * shingle hashed once into one of `BINS` bins, the minimum kept per bin, empty bins filled from their right
 * neighbour), and LSH banding of the signature. No segmentation is needed: character 3-grams of Chinese carry words and
 * their order, and two texts share most of them exactly when one was pasted from the other with small edits.
 */

/**
 * Signature length (bins) and its banding: `BANDS` bands of `ROWS` bins; a pair is a candidate, and its signatures
 * are compared, when at least `MIN_BAND_HITS` bands agree. The chance that a pair of Jaccard similarity J becomes a
 * candidate is P(Binomial(32, J^4) ≥ 2): 0.93 at J = 0.6, 0.999 at 0.7, 0.02 at 0.3, 5·10⁻⁶ at 0.1 — texts that
 * merely share the campaign's usual wording are almost never compared, which keeps the work per review flat as the
 * campaign grows.
 */
export const BINS = 128;
export const ROWS = 4;
export const BANDS = BINS / ROWS;
export const MIN_BAND_HITS = 2;
/** Shingle width in characters. */
export const NGRAM = 3;
/** An empty bin (no shingle); filled bins hold 25-bit values, densified ones the value plus 2^25 × distance. */
const EMPTY = -1;

/**
 * The text as compared: full-width letters and digits folded to ASCII, lower case, and only letters and digits (CJK
 * included) kept: spaces, punctuation and line breaks do not make two texts different.
 */
export function normalise(text: string): string {
  const folded = FOLD.test(text)
    ? text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase()
    : text;
  return folded.replace(NOT_LETTER, '');
}
const FOLD = /[A-Z\uff01-\uff5e]/;
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const NOT_LETTER = /[^\p{L}\p{N}]+/gu;

/** A 32-bit mix of three UTF-16 code units (murmur3's finaliser). */
function mix3(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The number of shingles of a normalised text (a text shorter than `NGRAM` has none). */
export const shingleCount = (norm: string): number => Math.max(0, norm.length - NGRAM + 1);

/** The MinHash signature (one-permutation hashing, densified) of a normalised text; all bins EMPTY for no shingles. */
export function signature(norm: string): Int32Array {
  const sig = new Int32Array(BINS).fill(EMPTY);
  const n = shingleCount(norm);
  for (let i = 0; i < n; i++) {
    const h = mix3(norm.charCodeAt(i), norm.charCodeAt(i + 1), norm.charCodeAt(i + 2));
    const bin = h >>> 25; // top 7 bits: 128 bins
    const v = h & 0x1ffffff;
    const cur = sig[bin]!;
    if (cur === EMPTY || v < cur) sig[bin] = v;
  }
  if (n > 0) densify(sig);
  return sig;
}

/** Each empty bin takes the value of the next non-empty bin to its right (circular), offset by the distance. */
function densify(sig: Int32Array): void {
  for (let i = 0; i < BINS; i++) {
    if (sig[i] !== EMPTY) continue;
    for (let d = 1; d < BINS; d++) {
      const v = sig[(i + d) % BINS]!;
      if (v >= 0 && v < 0x2000000) {
        sig[i] = (v + d * 0x2000000) | 0;
        break;
      }
    }
  }
}

/** The estimated Jaccard similarity of the shingle sets of two signatures (share of equal bins). */
export function similarity(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i] && a[i] !== EMPTY) same++;
  return same / BINS;
}

/** `similarity(a, b)` when it is at least `min`, else -1 (stops as soon as too many bins differ). */
export function similarityAtLeast(a: Int32Array, b: Int32Array, min: number): number {
  const maxMiss = BINS - Math.ceil(min * BINS);
  let miss = 0;
  for (let i = 0; i < BINS; i++) if ((a[i] !== b[i] || a[i] === EMPTY) && ++miss > maxMiss) return -1;
  return (BINS - miss) / BINS;
}

/**
 * One key per band: a 30-bit hash of its `ROWS` bins (a small integer for the engine; a band's keys are compared only
 * with the same band's, and a collision only costs a comparison of the signatures).
 */
export function bandKeys(sig: Int32Array): Int32Array {
  const keys = new Int32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = mix3(h, sig[b * ROWS + r]! & 0xffff, sig[b * ROWS + r]! >>> 16);
    keys[b] = h >> 2;
  }
  return keys;
}

/** Signatures as stored (a JSON array of numbers) and back. */
export const toArray = (sig: Int32Array): number[] => Array.from(sig);
export const fromArray = (a: readonly number[]): Int32Array => Int32Array.from(a);
