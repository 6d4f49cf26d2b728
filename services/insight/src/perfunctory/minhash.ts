/**
 * Near-duplicate text: Chinese character n-gram shingles, a MinHash signature made by one-permutation hashing (each
 * shingle hashed once into one of `BINS` bins, the minimum kept per bin, empty bins filled from their right
 * neighbour), and LSH banding of the signature. No segmentation is needed: character 3-grams of Chinese carry words and
 * their order, and two texts share most of them exactly when one was pasted from the other with small edits.
 */

/** Signature length (bins) and its banding: `BANDS` bands of `ROWS` bins (a pair is a candidate when one band agrees). */
export const BINS = 64;
export const ROWS = 4;
export const BANDS = BINS / ROWS;
/** Shingle width in characters. */
export const NGRAM = 3;
const EMPTY = 0xffffffff;

/**
 * The text as compared: full-width letters and digits folded to ASCII, lower case, and only letters, digits and CJK
 * characters kept (spaces, punctuation and line breaks do not make two texts different).
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

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
export function signature(norm: string): Uint32Array {
  const sig = new Uint32Array(BINS).fill(EMPTY);
  const n = shingleCount(norm);
  for (let i = 0; i < n; i++) {
    const h = mix3(norm.charCodeAt(i), norm.charCodeAt(i + 1), norm.charCodeAt(i + 2));
    const bin = h >>> 26; // top 6 bits: 64 bins
    const v = h & 0x3ffffff;
    if (v < sig[bin]!) sig[bin] = v;
  }
  if (n > 0) densify(sig);
  return sig;
}

/** Each empty bin takes the value of the next non-empty bin to its right (circular), offset by the distance. */
function densify(sig: Uint32Array): void {
  for (let i = 0; i < BINS; i++) {
    if (sig[i] !== EMPTY) continue;
    for (let d = 1; d < BINS; d++) {
      const v = sig[(i + d) % BINS]!;
      if (v !== EMPTY && v < 0x4000000) {
        sig[i] = v + d * 0x4000000;
        break;
      }
    }
  }
}

/** The estimated Jaccard similarity of the shingle sets of two signatures (share of equal bins). */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i] && a[i] !== EMPTY) same++;
  return same / BINS;
}

/** One key per band: the band's number in the top bits and a 32-bit hash of its `ROWS` bins (a safe integer). */
export function bandKeys(sig: ArrayLike<number>): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = mix3(h, sig[b * ROWS + r]! & 0xffff, sig[b * ROWS + r]! >>> 16);
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}

/** Signatures as stored (a JSON array of numbers) and back. */
export const toArray = (sig: Uint32Array): number[] => Array.from(sig);
export const fromArray = (a: readonly number[]): Uint32Array => Uint32Array.from(a);
