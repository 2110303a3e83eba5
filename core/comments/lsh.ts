/// Locality-sensitive hashing of MinHash signatures by banding: a signature is cut into `bands`
/// bands of `signatureSize / bands` rows, and two signatures are candidates for comparison when
/// they agree on every row of at least one band. With b bands of r rows, two sets of Jaccard
/// similarity s become candidates with probability 1 − (1 − s^r)^b; for the default 32 bands of 4
/// rows that is 0.56 at s = 0.4, 0.87 at s = 0.5, 0.99 at s = 0.6 and 0.05 at s = 0.2.
import { emptyBin, signatureSize } from './minhash.ts';

/// Bands per signature unless a caller says otherwise: 32 (of 4 rows each).
export const defaultBands = 32;

/// Most signatures one call can band: 2^21 (2,097,152).
export const maxBandedSignatures = 1 << 21;

/// The buckets of the signatures in `signatures` (`count` of them, `signatureSize` values each,
/// back to back), band by band: every group of two or more signatures that agree on all rows of
/// one band, as their indices in ascending order. Buckets come band by band, and within a band in
/// an order fixed by the band's values, so the result depends only on the signatures. Every pair
/// within a bucket is a candidate pair; a pair may share buckets in several bands. Signatures of
/// empty sets are left out. Throws RangeError when `bands` does not divide `signatureSize` or
/// `count` exceeds `maxBandedSignatures`.
export function lshBuckets(
  signatures: Uint32Array,
  count: number,
  bands: number = defaultBands,
): Int32Array[] {
  if (!Number.isInteger(bands) || bands < 1 || signatureSize % bands !== 0) {
    throw new RangeError(`${bands} bands do not divide a signature of ${signatureSize} values`);
  }
  if (count > maxBandedSignatures)
    throw new RangeError(`Cannot band ${count} signatures (at most ${maxBandedSignatures})`);
  const rows = signatureSize / bands;
  const buckets: Int32Array[] = [];
  // Band key (32 bits) and signature index (21 bits) packed into one exactly representable double,
  // so one numeric sort groups a band's equal keys, each group in index order.
  const keyed = new Float64Array(count);
  for (let band = 0; band < bands; band++) {
    let n = 0;
    for (let s = 0; s < count; s++) {
      const start = s * signatureSize + band * rows;
      if (signatures[s * signatureSize] === emptyBin) continue;
      let h = Math.imul(band + 1, 0x9e3779b1);
      for (let r = 0; r < rows; r++) h = Math.imul(h ^ signatures[start + r], 0x01000193);
      h ^= h >>> 15;
      keyed[n++] = (h >>> 0) * maxBandedSignatures + s;
    }
    const sorted = keyed.subarray(0, n).sort();
    let runStart = 0;
    for (let i = 1; i <= n; i++) {
      if (
        i < n &&
        Math.floor(sorted[i] / maxBandedSignatures) === Math.floor(sorted[runStart] / maxBandedSignatures)
      ) {
        continue;
      }
      if (i - runStart >= 2) {
        const bucket = new Int32Array(i - runStart);
        for (let j = runStart; j < i; j++) bucket[j - runStart] = sorted[j] % maxBandedSignatures;
        buckets.push(bucket);
      }
      runStart = i;
    }
  }
  return buckets;
}
