/// The heaviest order-preserving chain of matches: the global alignment step shared by article and
/// division alignment. In O(k log n) for k candidate matches, with a Fenwick tree of running maxima.

/// A candidate match of old item `old` with new item `new` (0-based positions), worth `weight` (> 0).
export interface CandidateMatch {
  readonly old: number;
  readonly new: number;
  readonly weight: number;
}

/// The candidates (by their index in `candidates`) that form the heaviest chain strictly increasing
/// in both `old` and `new`, in chain order. `newCount` bounds the new positions (all must be below
/// it). Deterministic: among chains of equal weight, the one ending earliest in the new order wins.
/// Throws RangeError for a candidate outside 0…newCount-1.
export function heaviestChain(candidates: readonly CandidateMatch[], newCount: number): number[] {
  const order = candidates.map((_, i) => i);
  // By old ascending; for one old item, new descending, so two matches of the same old item can
  // never chain (the later-processed one only sees strictly smaller new positions).
  order.sort(
    (a, b) => candidates[a].old - candidates[b].old || candidates[b].new - candidates[a].new || a - b,
  );

  const treeValue = new Float64Array(newCount + 1);
  const treeIndex = new Int32Array(newCount + 1).fill(-1);
  const value = new Float64Array(candidates.length);
  const previous = new Int32Array(candidates.length).fill(-1);
  let best = -1;

  for (const c of order) {
    const { new: position, weight } = candidates[c];
    if (!(position >= 0 && position < newCount))
      throw new RangeError(`Candidate new position ${position} outside 0…${newCount - 1}`);
    // Best chain ending at a new position strictly below `position`.
    let bestBefore = 0;
    let bestBeforeIndex = -1;
    for (let k = position; k > 0; k -= k & -k) {
      if (treeValue[k] > bestBefore) {
        bestBefore = treeValue[k];
        bestBeforeIndex = treeIndex[k];
      }
    }
    value[c] = bestBefore + weight;
    previous[c] = bestBeforeIndex;
    for (let k = position + 1; k <= newCount; k += k & -k) {
      if (value[c] > treeValue[k]) {
        treeValue[k] = value[c];
        treeIndex[k] = c;
      }
    }
    // The chain ends at its heaviest candidate; among equals, the one with the earliest new position.
    if (
      best === -1 ||
      value[c] > value[best] ||
      (value[c] === value[best] && position < candidates[best].new)
    )
      best = c;
  }

  const chain: number[] = [];
  for (let c = best; c !== -1; c = previous[c]) chain.push(c);
  return chain.reverse();
}
