/// MinHash signatures of shingle sets, for estimating the Jaccard similarity of two texts from a
/// fixed number of values instead of their whole shingle sets.
///
/// One permutation hashing (Li, Owen & Zhang 2012) with optimal densification (Shrivastava 2017):
/// each shingle is hashed once; the hash's top bits choose one of `signatureSize` bins and the
/// rest is its value; a bin keeps the smallest value it is given. A bin that no shingle reached
/// borrows the value of the first non-empty bin in a pseudo-random probe sequence that depends only
/// on the bin's position, so two texts borrow alike. The share of bins in which two signatures agree
/// is then an unbiased estimate of the Jaccard similarity of the two sets, as with `signatureSize`
/// independent permutations — at the cost of one hash per shingle instead of `signatureSize`,
/// which is what makes 100,000 comments fit the clustering budget.

/// Values per signature: 128. The standard error of an estimated Jaccard similarity J is
/// √(J(1−J)/128), 0.044 at J = 0.5.
export const signatureSize = 128;

const binBits = 7; // log2(signatureSize)
const valueBits = 32 - binBits;
/// The value of every bin in the signature of an empty set. Real values are below 2^25.
export const emptyBin = 0xffffffff;

// murmur3's 32-bit finaliser: every input bit affects every output bit.
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Probe sequences for densification: probe(bin, attempt), fixed for every signature.
const probeAttempts = 64;
const probes = (() => {
  const table = new Uint8Array(signatureSize * probeAttempts);
  for (let bin = 0; bin < signatureSize; bin++) {
    for (let attempt = 0; attempt < probeAttempts; attempt++) {
      table[bin * probeAttempts + attempt] =
        mix(Math.imul(bin + 1, 0x9e3779b1) ^ (attempt + 1)) >>> valueBits;
    }
  }
  return table;
})();

/// Writes the signature of the first `count` shingle hashes in `shingles` into
/// `out[offset … offset + signatureSize − 1]`. Repeated hashes do not change the result. A set with
/// no shingles gets `emptyBin` in every position; such a signature agrees with no other (see
/// `estimateJaccard`).
export function minhashInto(shingles: Uint32Array, count: number, out: Uint32Array, offset: number): void {
  out.fill(emptyBin, offset, offset + signatureSize);
  for (let i = 0; i < count; i++) {
    const h = mix(shingles[i]);
    const bin = offset + (h >>> valueBits);
    const value = h & ((1 << valueBits) - 1);
    if (value < out[bin]) out[bin] = value;
  }
  if (count === 0) return;
  let borrowed = false;
  for (let bin = 0; bin < signatureSize; bin++) {
    if (out[offset + bin] !== emptyBin) continue;
    out[offset + bin] = (borrow(out, offset, bin) | borrowedMark) >>> 0;
    borrowed = true;
  }
  if (borrowed) for (let bin = offset; bin < offset + signatureSize; bin++) out[bin] &= ~borrowedMark;
}

const borrowedMark = 0x80000000 | 0;

// The value of the first originally non-empty bin on `bin`'s probe sequence. Bins filled by
// borrowing carry a marker bit (bit 31, which real values never have, and `emptyBin` has too) until
// every bin is filled, so nothing is borrowed second-hand.
function borrow(out: Uint32Array, offset: number, bin: number): number {
  for (let attempt = 0; attempt < 4096; attempt++) {
    const source =
      attempt < probeAttempts
        ? probes[bin * probeAttempts + attempt]
        : mix(Math.imul(bin + 1, 0x9e3779b1) ^ (attempt + 1)) >>> valueBits;
    const value = out[offset + source];
    if (value < 0x80000000) return value;
  }
  // Not reached in practice (a set with one shingle is found within 4,096 probes with probability
  // 1 − 10⁻¹⁴); a plain scan keeps the function total.
  for (let step = 1; ; step++) {
    const value = out[offset + ((bin + step) % signatureSize)];
    if (value < 0x80000000) return value;
  }
}

/// The signature of a set of shingle hashes (see `minhashInto`), as a new array of
/// `signatureSize` values.
export function minhash(shingles: Uint32Array): Uint32Array {
  const out = new Uint32Array(signatureSize);
  minhashInto(shingles, shingles.length, out, 0);
  return out;
}

/// The estimated Jaccard similarity (0…1) of the sets whose signatures start at `a[aOffset]` and
/// `b[bOffset]`: the share of positions in which they agree. The signature of an empty set agrees
/// with none, itself included.
export function estimateJaccard(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  if (a[aOffset] === emptyBin || b[bOffset] === emptyBin) return 0;
  let same = 0;
  for (let i = 0; i < signatureSize; i++) if (a[aOffset + i] === b[bOffset + i]) same++;
  return same / signatureSize;
}
