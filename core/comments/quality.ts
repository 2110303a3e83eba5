/// How well a clustering agrees with a reference grouping, counted over pairs of comments: of the
/// pairs it puts in one cluster, how many the reference does too (precision), and of the pairs the
/// reference groups, how many it found (recall).

/// Pair counts and the ratios made of them. A ratio with nothing to count is 1.
export interface PairScores {
  /// Pairs sharing a cluster in both.
  readonly truePairs: number;
  /// Pairs sharing a cluster in the clustering under test.
  readonly predictedPairs: number;
  /// Pairs sharing a group in the reference.
  readonly referencePairs: number;
  readonly precision: number;
  readonly recall: number;
}

/// Pairwise precision and recall of `predicted` against `reference`, both given as groups of ids.
/// Only ids present in both groupings count (list singletons as groups of one). Throws
/// RangeError when an id appears in two groups of one grouping.
export function pairScores(
  predicted: Iterable<readonly string[]>,
  reference: Iterable<readonly string[]>,
): PairScores {
  const predictedGroup = groupIndex(predicted);
  const referenceGroup = groupIndex(reference);
  const pairs = (sizes: Iterable<number>): number => {
    let total = 0;
    for (const n of sizes) total += (n * (n - 1)) / 2;
    return total;
  };
  const predictedSizes = new Map<number, number>();
  const referenceSizes = new Map<number, number>();
  const bothSizes = new Map<string, number>();
  for (const [id, p] of predictedGroup) {
    const r = referenceGroup.get(id);
    if (r === undefined) continue;
    predictedSizes.set(p, (predictedSizes.get(p) ?? 0) + 1);
    referenceSizes.set(r, (referenceSizes.get(r) ?? 0) + 1);
    bothSizes.set(`${p} ${r}`, (bothSizes.get(`${p} ${r}`) ?? 0) + 1);
  }
  const truePairs = pairs(bothSizes.values());
  const predictedPairs = pairs(predictedSizes.values());
  const referencePairs = pairs(referenceSizes.values());
  return {
    truePairs,
    predictedPairs,
    referencePairs,
    precision: predictedPairs ? truePairs / predictedPairs : 1,
    recall: referencePairs ? truePairs / referencePairs : 1,
  };
}

function groupIndex(groups: Iterable<readonly string[]>): Map<string, number> {
  const index = new Map<string, number>();
  let g = 0;
  for (const group of groups) {
    for (const id of group) {
      if (index.has(id)) throw new RangeError(`Comment ${id} is in two groups`);
      index.set(id, g);
    }
    g++;
  }
  return index;
}
