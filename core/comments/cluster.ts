/// Near-duplicate clustering of a draft's comments, so a clerk decides once for a form-letter
/// campaign instead of once per copy.
///
/// Each comment is normalised (`fingerprintText`), shingled (three words, or three Chinese
/// characters) and summarised by a MinHash signature; LSH banding proposes candidate pairs; a pair
/// is a near-duplicate when its estimated Jaccard similarity reaches `threshold`, and such pairs
/// are joined transitively (union-find). Then containment — nearly all of the smaller text found in
/// the larger: a form letter cut short, or with a paragraph of the sender's own added — attaches
/// each cluster to at most one other (see `ClusterOptions.containment`).
/// Stubs ("See attached file(s)") are never joined with comments that have substance; they form
/// clusters of their own. The clerk's decisions are honoured before and during all of this, and the
/// result depends only on the comments, the options and the decisions — not on input order.
import { attachContained } from './containment.ts';
import { resolveDecisions, type ClusterDecision } from './decisions.ts';
import { defaultBands, lshBuckets, maxBandedSignatures } from './lsh.ts';
import { emptyBin, estimateJaccard, minhashInto, signatureSize } from './minhash.ts';
import { clusterIds, compareIds } from './naming.ts';
import { fingerprintNormalized, normalizeText } from './normalize.ts';
import { defaultShingleSize, scratchSize, shingleInto } from './shingles.ts';
import { isStub } from './stub.ts';
import { ConstrainedUnionFind } from './union-find.ts';

/// A comment as clustering reads it: its id, its text as submitted (HTML allowed; null when there
/// is none) and whether it was withdrawn. Other fields are ignored, so rows from storage can be
/// passed as they are.
export interface CommentText {
  readonly id: string;
  readonly text: string | null;
  readonly withdrawn?: boolean;
}

/// One comment's cluster in an earlier clustering, as stored (see `clusterAssignments`).
export interface ClusterAssignment {
  readonly commentId: string;
  readonly clusterId: string;
}

/// How to cluster.
export interface ClusterOptions {
  /// Estimated Jaccard similarity of two comments' shingle sets from which they are near-duplicates.
  /// Defaults to 0.5.
  readonly threshold?: number;
  /// Share of the smaller comment's shingles that must be in the larger one for containment to
  /// join their clusters (1 turns this off). After the Jaccard joins, each cluster makes at most
  /// one such move, into a cluster at least as large whose typical text contains its own or is
  /// contained in it; so two clusters that quote the same passage are not joined through it.
  /// Defaults to 0.8.
  readonly containment?: number;
  /// Fewest shingles the smaller comment must have for `containment` to apply, so that a short
  /// comment is not joined to every long one that quotes it. Defaults to 40.
  readonly minContainmentShingles?: number;
  /// Tokens (words, or Chinese characters) per shingle. Defaults to 3.
  readonly shingleSize?: number;
  /// LSH bands per signature (a divisor of 128); more bands find pairs of lower similarity at more
  /// cost. Defaults to 32.
  readonly bands?: number;
  /// The clerk's decisions, oldest first (see `ClusterDecision`). Decisions naming comments not
  /// among those clustered, or withdrawn, are ignored for those comments. Defaults to none.
  readonly decisions?: readonly ClusterDecision[];
  /// The previous clustering of these comments, so clusters keep their ids (see `Cluster.id`).
  /// Defaults to none.
  readonly previous?: Iterable<ClusterAssignment>;
}

/// A group of comments to be decided together. Singletons are clusters too.
export interface Cluster {
  /// Stable id. A cluster whose members overlap a cluster of the previous clustering inherits that
  /// cluster's id (the one sharing most members, each old id going to one new cluster at most);
  /// any other cluster is named after its smallest member id (the next smallest if that is taken,
  /// and, should all be taken, the smallest with `~2`, `~3` … appended), never after an id the
  /// previous clustering used. Unique within a clustering.
  readonly id: string;
  /// `stub` when every member is a stub (no text of substance, usually a pointer to an attachment).
  readonly kind: 'text' | 'stub';
  /// Comment ids, ascending.
  readonly members: readonly string[];
  /// The member whose text stands for the cluster: the one whose signature is closest to the
  /// cluster's centroid (the most common value in each position), the smallest id among equals; in
  /// a stub cluster, the first member with the most common non-empty fingerprint text.
  readonly representative: string;
  /// Ids of previous clusters that shared members with this one, most shared first.
  readonly previousIds: readonly string[];
}

/// The clusters of a draft's comments.
export interface Clustering {
  /// Every comment not withdrawn, in exactly one cluster; largest cluster first, then by id.
  readonly clusters: readonly Cluster[];
  /// Ids of withdrawn comments, ascending: in no cluster.
  readonly withdrawn: readonly string[];
}

// Comments a bucket compares each newcomer with, at most: a bucket of unrelated comments (a rare
// LSH collision) then costs linear, not quadratic, time. Pairs missed here are found in other bands.
const maxHeadsPerBucket = 32;
// What verification returns for a pair similar by Jaccard (containment scores are at most 1).
const jaccardMatch = 2;

/// Clusters `comments` (see the module comment and `ClusterOptions`). Deterministic: the same
/// comments, in any order, with the same options give the same clustering. The decisions always
/// hold: comments pinned together share a cluster, comments set apart do not, a comment left alone
/// is a singleton. Throws RangeError for a duplicate or empty comment id, an option out of range, or
/// more than 2,097,152 comments (`maxBandedSignatures`) not withdrawn.
export function clusterComments(comments: Iterable<CommentText>, options: ClusterOptions = {}): Clustering {
  const threshold = options.threshold ?? 0.5;
  const containment = options.containment ?? 0.8;
  const minContainment = options.minContainmentShingles ?? 40;
  const shingleSize = options.shingleSize ?? defaultShingleSize;
  const bands = options.bands ?? defaultBands;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`Threshold ${threshold} is not in (0, 1]`);
  if (!(containment > 0 && containment <= 1))
    throw new RangeError(`Containment ${containment} is not in (0, 1]`);
  if (!Number.isInteger(shingleSize) || shingleSize < 1 || shingleSize > 8)
    throw new RangeError(`Shingle size ${shingleSize} is not 1…8`);
  if (!Number.isInteger(bands) || bands < 1 || signatureSize % bands !== 0)
    throw new RangeError(`${bands} bands do not divide a signature of ${signatureSize} values`);

  const { items, withdrawn } = collect(comments);
  const n = items.length;
  if (n > maxBandedSignatures)
    throw new RangeError(`Cannot cluster ${n} comments (at most ${maxBandedSignatures})`);
  const ids = items.map((c) => c.id);

  // Fingerprints, stubs and signatures. Identical texts are not grouped in advance: their
  // signatures are identical, so LSH proposes them in every band and they verify at similarity 1.
  const stubText: (string | undefined)[] = new Array(n);
  const shingleCount = new Int32Array(n);
  const signatures = new Uint32Array(n * signatureSize).fill(emptyBin);
  let shingleBuffer = new Uint32Array(1024);
  let tokenBuffer = new Int32Array(1024);
  let seen = new Int32Array(2048);
  for (let i = 0; i < n; i++) {
    const fingerprint = fingerprintNormalized(normalizeText(items[i].text ?? ''));
    if (isStub(fingerprint)) {
      stubText[i] = fingerprint;
      continue;
    }
    if (shingleBuffer.length <= fingerprint.length) {
      shingleBuffer = new Uint32Array(fingerprint.length * 2);
      tokenBuffer = new Int32Array(fingerprint.length * 2);
      seen = new Int32Array(scratchSize(fingerprint.length * 2));
    }
    const count = shingleInto(fingerprint, shingleSize, shingleBuffer, tokenBuffer, seen);
    minhashInto(shingleBuffer, count, signatures, i * signatureSize);
    shingleCount[i] = count;
  }

  const sets = new ConstrainedUnionFind(n);
  const alone = applyDecisions(options.decisions ?? [], ids, sets);

  // Stubs: all in one cluster, or as few as the decisions allow.
  const stubBags: number[] = [];
  for (let i = 0; i < n; i++) {
    if (alone[i] || stubText[i] === undefined) continue;
    if (!stubBags.some((bag) => sets.join(bag, i))) stubBags.push(i);
  }

  // The estimated share of the smaller text's shingles found in the larger, from the estimated
  // Jaccard similarity J and the set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
  const share = (a: number, b: number, jaccard: number): number => {
    const shared = (jaccard * (shingleCount[a] + shingleCount[b])) / (1 + jaccard);
    return Math.min(1, shared / Math.min(shingleCount[a], shingleCount[b]));
  };
  const jaccardOf = (a: number, b: number): number =>
    estimateJaccard(signatures, a * signatureSize, signatures, b * signatureSize);
  const verify = (a: number, b: number): number => {
    const jaccard = jaccardOf(a, b);
    if (jaccard >= threshold) return jaccardMatch;
    const smaller = Math.min(shingleCount[a], shingleCount[b]);
    if (containment >= 1 || smaller < minContainment || jaccard === 0) return 0;
    const contained = share(a, b, jaccard);
    return contained >= containment ? contained : 0;
  };
  const overlap = (a: number, b: number): number => share(a, b, jaccardOf(a, b));

  // Near-duplicates among the rest, from LSH candidates. In each bucket, every comment is compared
  // with the first comments of the bucket's distinct clusters so far ("heads"). A pair similar by
  // Jaccard is joined at once; a pair related only by containment is kept for later.
  const containedPairs: number[] = [];
  for (const bucket of lshBuckets(signatures, n, bands)) {
    const heads: number[] = [];
    for (const i of bucket) {
      if (alone[i]) continue;
      let matched = false;
      for (const h of heads) {
        if (sets.find(h) === sets.find(i)) {
          matched = true;
          continue;
        }
        const score = verify(i, h);
        if (score === jaccardMatch) {
          if (sets.join(i, h)) matched = true;
        } else if (score > 0) {
          containedPairs.push(i, h);
        }
      }
      if (!matched && heads.length < maxHeadsPerBucket) heads.push(i);
    }
  }
  if (containedPairs.length > 0) {
    // Each cluster is represented by its member nearest the centroid, so that a cluster is judged
    // by its typical text, not by one unusual member.
    const involved = new Set(containedPairs.map((i) => sets.find(i)));
    const membersOf = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const root = sets.find(i);
      if (!involved.has(root)) continue;
      const members = membersOf.get(root);
      if (members) members.push(i);
      else membersOf.set(root, [i]);
    }
    const typical = new Map<number, number>();
    for (const [root, members] of membersOf) typical.set(root, representative(members, stubText, signatures));
    attachContained(
      sets,
      containedPairs,
      typical,
      verify,
      (a, b) => overlap(a, b) >= containment / 2,
      shingleCount,
    );
  }

  // Components, each in id order, and what they are called.
  const componentOf = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    const members = componentOf.get(root);
    if (members) members.push(i);
    else componentOf.set(root, [i]);
  }
  const components = [...componentOf.values()];
  const names = clusterIds(
    components.map((c) => c.map((i) => ids[i])),
    options.previous,
  );
  const clusters: Cluster[] = components.map((members, c) => ({
    id: names[c].id,
    kind: members.every((i) => stubText[i] !== undefined) ? 'stub' : 'text',
    members: members.map((i) => ids[i]),
    representative: ids[representative(members, stubText, signatures)],
    previousIds: names[c].previousIds,
  }));
  clusters.sort((a, b) => b.members.length - a.members.length || compareIds(a.id, b.id));
  return { clusters, withdrawn };
}

function collect(comments: Iterable<CommentText>): { items: CommentText[]; withdrawn: string[] } {
  const items: CommentText[] = [];
  const withdrawn: string[] = [];
  const seen = new Set<string>();
  for (const c of comments) {
    if (typeof c.id !== 'string' || c.id === '')
      throw new RangeError(`Comment id ${JSON.stringify(c.id)} is not a non-empty string`);
    if (seen.has(c.id)) throw new RangeError(`Duplicate comment id ${c.id}`);
    seen.add(c.id);
    if (c.withdrawn) withdrawn.push(c.id);
    else items.push(c);
  }
  items.sort((a, b) => compareIds(a.id, b.id));
  withdrawn.sort(compareIds);
  return { items, withdrawn };
}

// Applies the decisions' groups (joined now) and apart rules (as tags), and returns which items are
// left alone.
function applyDecisions(
  decisions: readonly ClusterDecision[],
  ids: readonly string[],
  sets: ConstrainedUnionFind,
): Uint8Array {
  const alone = new Uint8Array(ids.length);
  if (decisions.length === 0) return alone;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const resolved = resolveDecisions(decisions);
  const known = (list: readonly string[]): number[] =>
    list.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
  resolved.apart.forEach((rule, r) => {
    for (const i of known(rule.ids)) sets.tag(i, r + 1);
    for (const i of known(rule.from)) sets.tag(i, -(r + 1));
  });
  for (const group of resolved.groups) {
    const members = known(group);
    for (let k = 1; k < members.length; k++) sets.join(members[0], members[k]);
  }
  for (const i of known([...resolved.alone])) alone[i] = 1;
  return alone;
}

// The member closest to the centroid (see `Cluster.representative`).
function representative(
  members: readonly number[],
  stubText: readonly (string | undefined)[],
  signatures: Uint32Array,
): number {
  const texts = members.filter((i) => stubText[i] === undefined);
  if (texts.length === 0) {
    // Stubs only: the first member with the most common text, empty texts counting last.
    const count = new Map<string, number>();
    let best = members[0];
    for (const i of members) {
      const c = (count.get(stubText[i]!) ?? 0) + (stubText[i] ? 1 : 0);
      count.set(stubText[i]!, c);
      if (c > count.get(stubText[best]!)!) best = i;
    }
    return members.find((i) => stubText[i] === stubText[best])!;
  }
  if (texts.length <= 2) return texts[0];
  // The centroid: the most common value in each position (the smallest among equally common).
  const centroid = new Uint32Array(signatureSize);
  const column = new Uint32Array(texts.length);
  for (let p = 0; p < signatureSize; p++) {
    for (let k = 0; k < texts.length; k++) column[k] = signatures[texts[k] * signatureSize + p];
    column.sort();
    let mode = column[0];
    let modeCount = 0;
    for (let start = 0, k = 1; k <= column.length; k++) {
      if (k < column.length && column[k] === column[start]) continue;
      if (k - start > modeCount) {
        mode = column[start];
        modeCount = k - start;
      }
      start = k;
    }
    centroid[p] = mode;
  }
  let best = texts[0];
  let bestScore = -1;
  for (const i of texts) {
    let score = 0;
    for (let p = 0; p < signatureSize; p++) if (signatures[i * signatureSize + p] === centroid[p]) score++;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}
