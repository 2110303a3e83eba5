/// Article alignment: which article of the old draft became which article of the new one.
///
/// Articles are paired in four passes, each only among the articles the earlier passes left:
///  1. by stable id, where both sides carry the same id (versions of one draft);
///  2. by identical text, found by hashing (so an unchanged article is recognised however far it
///     moved): first the texts found once on each side; the id and text pairs that keep document
///     order (the longest increasing chain) then cut both drafts into gaps, and copies of texts
///     repeated on a side pair within their gap (again the longest chain), the rest as moves;
///  3. by similarity, order-preserving: within each gap, the heaviest order-preserving chain of
///     similar pairs (character- or word-bigram Dice, candidates from an inverted index); then,
///     across gaps, very similar leftover pairs, as moves;
///  4. splits and merges: an unpaired article next to a paired one whose text it continues joins that
///     pair (one old article spread over two new ones, or the reverse).
/// Whatever is left was deleted (old) or inserted (new). A pair is moved when it breaks the order
/// that the chain of the other pairs keeps.
import type { Language } from '../language.ts';
import { detectLanguage } from '../language.ts';
import type { CandidateMatch } from './chain.ts';
import { heaviestChain } from './chain.ts';
import type { Fingerprint } from './similarity.ts';
import { comparableText, containment, dice, fingerprint, unionOf } from './similarity.ts';

/// What alignment needs of an article: its stable id (null when it has none) and its text.
/// An OutlineArticle is one.
export interface AlignableArticle {
  readonly id: string | null;
  readonly text: string;
}

/// How a group of old articles relates to its group of new articles:
/// unchanged (one to one, same text), modified (one to one, changed text), split (one old, several
/// new), merged (several old, one new), inserted (no old), deleted (no new).
export type AlignedKind = 'unchanged' | 'modified' | 'split' | 'merged' | 'inserted' | 'deleted';

/// How the articles of a group were found to belong together.
export type MatchedBy = 'id' | 'text' | 'similarity';

/// One entry of an alignment: old articles and the new articles they became, by 0-based index.
export interface AlignedGroup {
  readonly kind: AlignedKind;
  /// Indices into the old articles, ascending; empty for an insertion.
  readonly old: readonly number[];
  /// Indices into the new articles, ascending; empty for a deletion.
  readonly new: readonly number[];
  /// Whether the group left the order of the others (a renumbering alone is not a move).
  readonly moved: boolean;
  /// How the group's first pair was found; null for insertions and deletions.
  readonly matchedBy: MatchedBy | null;
  /// Bigram similarity of the group's old and new text, 0…1: 1 for unchanged, 0 for insertions and deletions.
  readonly similarity: number;
}

/// The result of alignArticles: every old and every new article in exactly one group.
export interface Alignment {
  /// Groups in the new draft's order, each deletion placed after the group of the old article
  /// that stood before it (or first, when nothing did).
  readonly groups: readonly AlignedGroup[];
  /// For each old article, the index of its group in `groups`.
  readonly groupOfOld: readonly number[];
  /// For each new article, the index of its group in `groups`.
  readonly groupOfNew: readonly number[];
}

/// Options of alignArticles.
export interface AlignOptions {
  /// Language of the texts, which decides how similarity is measured (character bigrams for zh,
  /// word bigrams for en). Defaults to the language detected from the texts.
  readonly language?: Language;
  /// Whether to pair articles that carry the same id. Defaults to true; turn it off when the ids
  /// were invented independently on the two sides (for example two parses with sequential ids).
  readonly matchIds?: boolean;
}

/// Least similarity for an order-keeping pair within a gap between fixed pairs.
const gapThreshold = 0.3;
/// Least similarity for a pair that breaks document order (a moved and modified article).
const moveThreshold = 0.5;
/// How much better a match elsewhere must be to keep a weaker pair out of the order-keeping chain.
const outclassMargin = 0.15;
/// Least share of an article's shingles found in its neighbour's partner to join a split or merge.
const continuationThreshold = 0.5;
/// Least gain in similarity that joining a split or merge must bring.
const continuationGain = 0.05;
/// Most old × new copies of one repeated text considered for the order-keeping chain.
const maxCopyPairs = 4096;
/// Candidates examined per new article, best shared-shingle counts first.
const candidatesPerArticle = 8;

/// Align `oldArticles` with `newArticles`. Deterministic: the same inputs give the same groups.
export function alignArticles(
  oldArticles: readonly AlignableArticle[],
  newArticles: readonly AlignableArticle[],
  options: AlignOptions = {},
): Alignment {
  const language = options.language ?? guessLanguage(oldArticles, newArticles);
  const state = new AlignmentState(oldArticles, newArticles, language);
  if (options.matchIds ?? true) state.pairByIds();
  state.pairUniqueTexts();
  state.chainFixedPairs();
  state.pairRepeatedTexts();
  state.pairSimilar();
  state.joinSplitsAndMerges();
  return state.result();
}

function guessLanguage(a: readonly AlignableArticle[], b: readonly AlignableArticle[]): Language {
  let sample = '';
  for (const article of [...a.slice(0, 20), ...b.slice(0, 20)]) sample += article.text;
  return detectLanguage(sample);
}

// A one-to-one pair, or the seed of a split or merge group.
interface Pair {
  old: number[];
  new: number[];
  matchedBy: MatchedBy;
  inChain: boolean;
}

class AlignmentState {
  private readonly m: number;
  private readonly n: number;
  private readonly pairOfOld: Array<Pair | null>;
  private readonly pairOfNew: Array<Pair | null>;
  private readonly pairs: Pair[] = [];
  // Texts found on both sides but more than once on one of them: their positions on each side.
  private readonly repeated: Array<{ olds: number[]; news: number[] }> = [];
  private readonly oldPrints: Array<Fingerprint | undefined>;
  private readonly newPrints: Array<Fingerprint | undefined>;
  private readonly oldKeys: readonly string[];
  private readonly newKeys: readonly string[];
  // Old and new positions of the chain of order-keeping pairs, old ascending (and so new ascending).
  private chainOld: number[] = [];
  private chainNew: number[] = [];

  constructor(
    private readonly oldArticles: readonly AlignableArticle[],
    private readonly newArticles: readonly AlignableArticle[],
    private readonly language: Language,
  ) {
    this.m = oldArticles.length;
    this.n = newArticles.length;
    this.pairOfOld = new Array<Pair | null>(this.m).fill(null);
    this.pairOfNew = new Array<Pair | null>(this.n).fill(null);
    this.oldPrints = new Array<Fingerprint | undefined>(this.m);
    this.newPrints = new Array<Fingerprint | undefined>(this.n);
    this.oldKeys = oldArticles.map((a) => comparableText(a.text, language));
    this.newKeys = newArticles.map((a) => comparableText(a.text, language));
  }

  private pair(i: number, j: number, matchedBy: MatchedBy): Pair {
    const pair: Pair = { old: [i], new: [j], matchedBy, inChain: false };
    this.pairs.push(pair);
    this.pairOfOld[i] = pair;
    this.pairOfNew[j] = pair;
    return pair;
  }

  // The fingerprint of an article, computed once and only for the articles that need one.
  private print(side: 'old' | 'new', index: number): Fingerprint {
    const prints = side === 'old' ? this.oldPrints : this.newPrints;
    let print = prints[index];
    if (!print) {
      const article = side === 'old' ? this.oldArticles[index] : this.newArticles[index];
      print = prints[index] = fingerprint(article.text, this.language);
    }
    return print;
  }

  // Articles that carry the same id on both sides pair first (ids repeated on a side are ignored).
  pairByIds(): void {
    const newById = new Map<string, number>();
    const repeated = new Set<string>();
    this.newArticles.forEach((article, j) => {
      if (article.id === null) return;
      if (newById.has(article.id)) repeated.add(article.id);
      newById.set(article.id, j);
    });
    const oldIds = new Set<string>();
    this.oldArticles.forEach((article) => {
      if (article.id === null) return;
      if (oldIds.has(article.id)) repeated.add(article.id);
      oldIds.add(article.id);
    });
    this.oldArticles.forEach((article, i) => {
      if (article.id === null || repeated.has(article.id)) return;
      const j = newById.get(article.id);
      if (j !== undefined) this.pair(i, j, 'id');
    });
  }

  // Articles whose text occurs once on each side pair at once. Texts repeated on either side wait
  // for pairRepeatedTexts, when the chain of unique pairs says where each copy belongs.
  pairUniqueTexts(): void {
    const oldByText = positionsByKey(this.oldKeys, this.pairOfOld);
    const newByText = positionsByKey(this.newKeys, this.pairOfNew);
    for (const [key, olds] of oldByText) {
      const news = newByText.get(key);
      if (!news) continue;
      if (olds.length === 1 && news.length === 1) this.pair(olds[0], news[0], 'text');
      else this.repeated.push({ olds, news });
    }
  }

  // The longest chain of id and identical-text pairs that keeps document order; the rest moved.
  chainFixedPairs(): void {
    const fixed = this.pairs.slice().sort((a, b) => a.old[0] - b.old[0]);
    const chain = heaviestChain(
      fixed.map((p) => ({ old: p.old[0], new: p.new[0], weight: 1 })),
      this.n,
    );
    for (const c of chain) {
      fixed[c].inChain = true;
      this.chainOld.push(fixed[c].old[0]);
      this.chainNew.push(fixed[c].new[0]);
    }
  }

  // Copies of repeated texts: first those that keep order between the chain's pairs (the longest
  // chain of old × new copies within gaps), then the rest in document order, as moves.
  pairRepeatedTexts(): void {
    const candidates: CandidateMatch[] = [];
    for (const { olds, news } of this.repeated) {
      if (olds.length * news.length > maxCopyPairs) continue;
      for (const i of olds) {
        const gap = gapOf(this.chainOld, i);
        for (const j of news)
          if (gap === gapOf(this.chainNew, j)) candidates.push({ old: i, new: j, weight: 1 });
      }
    }
    for (const c of heaviestChain(candidates, this.n))
      this.pair(candidates[c].old, candidates[c].new, 'text').inChain = true;
    this.rebuildChain();
    for (const { olds, news } of this.repeated) {
      const freeOld = olds.filter((i) => !this.pairOfOld[i]);
      const freeNew = news.filter((j) => !this.pairOfNew[j]);
      for (let k = 0; k < Math.min(freeOld.length, freeNew.length); k++)
        this.pairAcrossChain(freeOld[k], freeNew[k], 'text');
    }
  }

  // Pair i and j outside the chain step: in the chain if they fit between its neighbours, else moved.
  private pairAcrossChain(i: number, j: number, matchedBy: MatchedBy): void {
    const pair = this.pair(i, j, matchedBy);
    const at = gapOf(this.chainOld, i);
    if (at === gapOf(this.chainNew, j)) {
      pair.inChain = true;
      this.chainOld.splice(at, 0, i);
      this.chainNew.splice(at, 0, j);
    }
  }

  // Articles left unpaired pair by similarity: within gaps in order, then across gaps as moves.
  pairSimilar(): void {
    const unmatchedOld: number[] = [];
    for (let i = 0; i < this.m; i++) if (!this.pairOfOld[i]) unmatchedOld.push(i);
    const unmatchedNew: number[] = [];
    for (let j = 0; j < this.n; j++) if (!this.pairOfNew[j]) unmatchedNew.push(j);
    if (unmatchedOld.length === 0 || unmatchedNew.length === 0) return;

    const candidates = this.candidates(unmatchedOld, unmatchedNew);

    // Within gaps: the heaviest order-keeping chain of similar pairs, leaving out a pair when one of
    // its articles has a much better match elsewhere (moved, it is found below).
    const bestOfOld = new Map<number, number>();
    const bestOfNew = new Map<number, number>();
    for (const c of candidates) {
      bestOfOld.set(c.old, Math.max(bestOfOld.get(c.old) ?? 0, c.weight));
      bestOfNew.set(c.new, Math.max(bestOfNew.get(c.new) ?? 0, c.weight));
    }
    const outclassed = (c: CandidateMatch) => {
      const best = Math.max(bestOfOld.get(c.old)!, bestOfNew.get(c.new)!);
      return best >= moveThreshold && best > c.weight + outclassMargin;
    };
    const inGap = candidates.filter(
      (c) =>
        c.weight >= gapThreshold &&
        !outclassed(c) &&
        gapOf(this.chainOld, c.old) === gapOf(this.chainNew, c.new),
    );
    for (const c of heaviestChain(inGap, this.n)) {
      const pair = this.pair(inGap[c].old, inGap[c].new, 'similarity');
      pair.inChain = true;
    }
    this.rebuildChain();

    // Across gaps, or in conflict with the chain: very similar pairs, best first.
    const rest = candidates
      .filter((c) => c.weight >= moveThreshold)
      .sort((a, b) => b.weight - a.weight || a.new - b.new || a.old - b.old);
    for (const c of rest) {
      if (!this.pairOfOld[c.old] && !this.pairOfNew[c.new]) this.pairAcrossChain(c.old, c.new, 'similarity');
    }
  }

  private rebuildChain(): void {
    const chained = this.pairs.filter((p) => p.inChain).sort((a, b) => a.old[0] - b.old[0]);
    this.chainOld = chained.map((p) => p.old[0]);
    this.chainNew = chained.map((p) => p.new[0]);
  }

  // Similar (old, new) pairs among the unmatched articles, weighted by Dice similarity. Candidates
  // come from an inverted index of shingles; shingles found in very many articles (the legal
  // boilerplate) are left out of the index, but not out of the similarity.
  private candidates(unmatchedOld: readonly number[], unmatchedNew: readonly number[]): CandidateMatch[] {
    const postings = new Map<number, number[]>();
    for (const i of unmatchedOld) {
      for (const shingle of this.print('old', i)) {
        const list = postings.get(shingle);
        if (list) list.push(i);
        else postings.set(shingle, [i]);
      }
    }
    const commonLimit = Math.max(32, Math.ceil(Math.sqrt(unmatchedOld.length) * 4));
    const counts = new Int32Array(this.m);
    const candidates: CandidateMatch[] = [];
    for (const j of unmatchedNew) {
      const newPrint = this.print('new', j);
      const touched: number[] = [];
      for (const shingle of newPrint) {
        const list = postings.get(shingle);
        if (!list || list.length > commonLimit) continue;
        for (const i of list) {
          if (counts[i] === 0) touched.push(i);
          counts[i]++;
        }
      }
      touched.sort((a, b) => counts[b] - counts[a] || a - b);
      for (const i of touched.slice(0, candidatesPerArticle)) {
        const similarity = dice(this.print('old', i), newPrint);
        if (similarity >= gapThreshold) candidates.push({ old: i, new: j, weight: similarity });
      }
      for (const i of touched) counts[i] = 0;
    }
    return candidates;
  }

  // An unpaired article next to a one-to-one pair whose other side it continues joins that pair.
  joinSplitsAndMerges(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (let j = 0; j < this.n; j++) {
        if (this.pairOfNew[j]) continue;
        for (const neighbour of [j - 1, j + 1]) {
          const pair = neighbour >= 0 && neighbour < this.n ? this.pairOfNew[neighbour] : null;
          if (!pair || pair.old.length !== 1 || !this.canExtend(pair, 'new', j)) continue;
          pair.new.push(j);
          pair.new.sort((a, b) => a - b);
          this.pairOfNew[j] = pair;
          changed = true;
          break;
        }
      }
      for (let i = 0; i < this.m; i++) {
        if (this.pairOfOld[i]) continue;
        for (const neighbour of [i - 1, i + 1]) {
          const pair = neighbour >= 0 && neighbour < this.m ? this.pairOfOld[neighbour] : null;
          if (!pair || pair.new.length !== 1 || !this.canExtend(pair, 'old', i)) continue;
          pair.old.push(i);
          pair.old.sort((a, b) => a - b);
          this.pairOfOld[i] = pair;
          changed = true;
          break;
        }
      }
    }
  }

  // Whether article `index` of `side` continues `pair`: it must sit next to the pair's articles on
  // that side, read mostly as part of the pair's other side, and make the group more alike.
  private canExtend(pair: Pair, side: 'old' | 'new', index: number): boolean {
    const members = side === 'old' ? pair.old : pair.new;
    if (index !== members[0] - 1 && index !== members[members.length - 1] + 1) return false;
    const other = side === 'old' ? pair.new : pair.old;
    const otherSide = side === 'old' ? 'new' : 'old';
    // An unchanged pair stays what it is: the neighbour is an insertion or deletion of its own.
    if (members.length === 1 && this.isIdentical(pair)) return false;
    const otherPrint = unionOf(other.map((k) => this.print(otherSide, k)));
    const candidate = this.print(side, index);
    if (containment(candidate, otherPrint) < continuationThreshold) return false;
    const current = unionOf(members.map((k) => this.print(side, k)));
    const joined = unionOf([current, candidate]);
    return dice(joined, otherPrint) >= dice(current, otherPrint) + continuationGain;
  }

  private isIdentical(pair: Pair): boolean {
    return (
      pair.old.length === 1 &&
      pair.new.length === 1 &&
      this.oldKeys[pair.old[0]] === this.newKeys[pair.new[0]]
    );
  }

  result(): Alignment {
    const entries: AlignedGroup[] = [];
    const groupOfOld = new Array<number>(this.m).fill(-1);
    const groupOfNew = new Array<number>(this.n).fill(-1);

    // Groups with new articles, in new order (inserted articles as groups of their own).
    const newGroups: AlignedGroup[] = [];
    for (let j = 0; j < this.n; j++) {
      const pair = this.pairOfNew[j];
      if (!pair) {
        newGroups.push({ kind: 'inserted', old: [], new: [j], moved: false, matchedBy: null, similarity: 0 });
        continue;
      }
      if (pair.new[0] === j) newGroups.push(this.groupOf(pair));
    }

    // Each deletion goes after the group of the nearest earlier old article that stayed in place.
    const deletionsAfter = new Map<AlignedGroup, number[]>();
    const leading: number[] = [];
    const groupOfPair = new Map<Pair, AlignedGroup>();
    for (const group of newGroups) {
      const pair = group.new.length ? this.pairOfNew[group.new[0]] : null;
      if (pair) groupOfPair.set(pair, group);
    }
    for (let i = 0; i < this.m; i++) {
      if (this.pairOfOld[i]) continue;
      let anchor: AlignedGroup | null = null;
      for (let k = i - 1; k >= 0 && !anchor; k--) {
        const pair = this.pairOfOld[k];
        if (pair && pair.inChain) anchor = groupOfPair.get(pair) ?? null;
      }
      if (anchor) {
        const list = deletionsAfter.get(anchor);
        if (list) list.push(i);
        else deletionsAfter.set(anchor, [i]);
      } else leading.push(i);
    }
    const deleted = (i: number): AlignedGroup => ({
      kind: 'deleted',
      old: [i],
      new: [],
      moved: false,
      matchedBy: null,
      similarity: 0,
    });
    for (const i of leading) entries.push(deleted(i));
    for (const group of newGroups) {
      entries.push(group);
      for (const i of deletionsAfter.get(group) ?? []) entries.push(deleted(i));
    }
    entries.forEach((group, g) => {
      for (const i of group.old) groupOfOld[i] = g;
      for (const j of group.new) groupOfNew[j] = g;
    });
    return { groups: entries, groupOfOld, groupOfNew };
  }

  private groupOf(pair: Pair): AlignedGroup {
    const identical = this.isIdentical(pair);
    const kind: AlignedKind = identical
      ? 'unchanged'
      : pair.new.length > 1
        ? 'split'
        : pair.old.length > 1
          ? 'merged'
          : 'modified';
    const similarity = identical
      ? 1
      : dice(
          unionOf(pair.old.map((i) => this.print('old', i))),
          unionOf(pair.new.map((j) => this.print('new', j))),
        );
    return {
      kind,
      old: pair.old.slice(),
      new: pair.new.slice(),
      moved: !pair.inChain,
      matchedBy: pair.matchedBy,
      similarity,
    };
  }
}

// The unpaired positions of each text key, in document order.
function positionsByKey(keys: readonly string[], paired: ReadonlyArray<unknown>): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  keys.forEach((key, k) => {
    if (paired[k]) return;
    const list = byKey.get(key);
    if (list) list.push(k);
    else byKey.set(key, [k]);
  });
  return byKey;
}

// How many chain positions lie below `position`: two articles with the same gap number on their
// two sides lie between the same two consecutive chain pairs.
function gapOf(chainPositions: readonly number[], position: number): number {
  let low = 0;
  let high = chainPositions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (chainPositions[mid] < position) low = mid + 1;
    else high = mid;
  }
  return low;
}
