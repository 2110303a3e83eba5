/// Joining clusters by containment — nearly all of one text found in another — without letting a
/// passage that two unrelated clusters both quote join them. Internal to clustering.
import type { ConstrainedUnionFind } from './union-find.ts';

/// Containment moves, after the Jaccard joins. Of two clusters with a contained pair between them,
/// only the smaller (by members; either, when they are equal) may move into the other, and every
/// cluster makes at most one move, its best:
/// - when the smaller holds the contained text, its typical text must be contained in the other's
///   typical text (copies of a letter cut short join the letter's cluster);
/// - when the smaller holds the containing text, its typical text must contain the other comment of
///   the pair, and overlap the other cluster's typical text substantially (`related`): a letter
///   with the sender's own paragraph joins the letter's cluster, even when what it contains in full
///   is a shortened copy that is a member there.
/// A cluster that moves is no target for others. So clusters are not joined through a third: not
/// two clusters that quote the same passage, nor two letters pasted into one comment, nor a chain
/// of moves. `pairs` holds candidate (a, b) pairs of comments; `typical` the typical member of each
/// cluster involved; `verify` scores a pair: 0 when unrelated, else its containment (above 1 when
/// similar by Jaccard).
export function attachContained(
  sets: ConstrainedUnionFind,
  pairs: readonly number[],
  typical: ReadonlyMap<number, number>,
  verify: (a: number, b: number) => number,
  related: (a: number, b: number) => boolean,
  shingleCount: Int32Array,
): void {
  const best = new Map<number, { partner: number; score: number }>();
  const offer = (root: number, partner: number, score: number): void => {
    if (score <= 0) return;
    const current = best.get(root);
    score = Math.min(score, 1);
    if (!current || score > current.score || (score === current.score && partner < current.partner)) {
      best.set(root, { partner, score });
    }
  };
  // The smaller of two texts (by shingles; by position among equals) is the one contained.
  const inside = (a: number, b: number): boolean =>
    shingleCount[a] < shingleCount[b] || (shingleCount[a] === shingleCount[b] && a < b);
  for (let k = 0; k < pairs.length; k += 2) {
    const [inner, outer] = inside(pairs[k], pairs[k + 1])
      ? [pairs[k], pairs[k + 1]]
      : [pairs[k + 1], pairs[k]];
    const innerRoot = sets.find(inner);
    const outerRoot = sets.find(outer);
    if (innerRoot === outerRoot) continue;
    const innerTypical = typical.get(innerRoot)!;
    const outerTypical = typical.get(outerRoot)!;
    const innerSize = sets.sizeOf(innerRoot);
    const outerSize = sets.sizeOf(outerRoot);
    if (innerSize <= outerSize) offer(innerRoot, outer, verify(innerTypical, outerTypical));
    if (outerSize <= innerSize && related(innerTypical, outerTypical)) {
      offer(outerRoot, inner, verify(inner, outerTypical));
    }
  }
  // A cluster that moves is no target: moves do not chain (A into B into C), which would join
  // clusters through a third after all. Of two clusters choosing each other, the first moves.
  const moves = [...best]
    .sort((x, y) => x[0] - y[0])
    .filter(([root, { partner }]) => {
      const target = sets.find(partner);
      const onward = best.get(target);
      return !onward || (sets.find(onward.partner) === root && root < target);
    });
  for (const [root, { partner }] of moves) sets.join(root, partner);
}
