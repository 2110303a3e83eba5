/// Changes of parts, chapters and sections between two drafts: headings renamed, divisions
/// inserted or deleted, divisions renumbered, and articles that now stand in another division.
///
/// Divisions of one level are paired by stable id where both sides carry it (when ids are matched),
/// then by the heaviest order-keeping chain of candidate pairs, each worth the Dice coefficient of
/// their articles (2 × the articles the alignment pairs across them / all their articles), plus one
/// when their headings agree (spacing aside). A pair needs a coefficient of a third or the same heading.
import type { Language } from '../language.ts';
import type { Outline, OutlineArticle, OutlineDivision } from '../outline.ts';
import type { Alignment } from './align.ts';
import type { CandidateMatch } from './chain.ts';
import { heaviestChain } from './chain.ts';
import type { Segment } from './inline.ts';
import { inlineDiff } from './inline.ts';

/// The levels of division, outermost first.
export type DivisionLevel = 'part' | 'chapter' | 'section';

/// What happened to a division: unchanged, renamed (heading changed), renumbered (same heading,
/// another number), inserted, deleted.
export type DivisionChangeKind = 'unchanged' | 'renamed' | 'renumbered' | 'inserted' | 'deleted';

/// One side of a division change.
export interface ComparedDivision {
  readonly number: number;
  readonly label: string;
  readonly heading: string;
}

/// A division of the old draft, the new draft or both, and what became of it.
export interface DivisionChange {
  readonly level: DivisionLevel;
  readonly kind: DivisionChangeKind;
  readonly old: ComparedDivision | null;
  readonly new: ComparedDivision | null;
  /// The inline diff of the headings (all equal unless renamed).
  readonly segments: readonly Segment[];
  /// Index of the division in the old outline's `divisions`, or null when inserted.
  readonly oldIndex: number | null;
  /// Index of the division in the new outline's `divisions`, or null when deleted.
  readonly newIndex: number | null;
}

/// Where an article stands: the change record of its part, chapter and section (null where it has none).
export interface ArticlePlace {
  readonly part: DivisionChange | null;
  readonly chapter: DivisionChange | null;
  readonly section: DivisionChange | null;
}

/// The structural side of a comparison.
export interface StructureComparison {
  /// Every division of both drafts once: new divisions in new order, each deleted division after
  /// the change record of the old division before it.
  readonly changes: readonly DivisionChange[];
  /// For each old article, the change records of the divisions it stood in.
  readonly oldPlaces: readonly ArticlePlace[];
  /// For each new article, the change records of the divisions it stands in.
  readonly newPlaces: readonly ArticlePlace[];
}

/// Options of compareStructure.
export interface StructureOptions {
  /// Whether to pair divisions that carry the same id. Defaults to true.
  readonly matchIds?: boolean;
}

const levels: readonly DivisionLevel[] = ['part', 'chapter', 'section'];

/// Compare the divisions of `oldOutline` and `newOutline`, given the alignment of their articles.
/// Articles are placed in divisions by the ids in OutlineArticle (partId, chapterId, sectionId).
export function compareStructure(
  oldOutline: Outline,
  newOutline: Outline,
  alignment: Alignment,
  options: StructureOptions = {},
): StructureComparison {
  const language = newOutline.language;
  const matchIds = options.matchIds ?? true;
  const oldMembers = membership(oldOutline);
  const newMembers = membership(newOutline);
  const newOfOld = new Array<number>(oldOutline.divisions.length).fill(-1);
  const oldOfNew = new Array<number>(newOutline.divisions.length).fill(-1);

  // Which new articles each old article became, to count shared articles.
  const newArticlesOf = (i: number): readonly number[] => alignment.groups[alignment.groupOfOld[i]].new;

  for (const level of levels) {
    const olds = indicesOf(oldOutline, level);
    const news = indicesOf(newOutline, level);
    if (olds.length === 0 || news.length === 0) continue;
    const newPosition = new Map<number, number>(news.map((d, k) => [d, k]));

    if (matchIds) {
      const newById = new Map<string, number>();
      for (const d of news) {
        const id = newOutline.divisions[d].id;
        if (id) newById.set(id, d);
      }
      for (const c of olds) {
        const id = oldOutline.divisions[c].id;
        const d = id ? newById.get(id) : undefined;
        if (d !== undefined && oldOfNew[d] === -1) {
          newOfOld[c] = d;
          oldOfNew[d] = c;
        }
      }
    }

    const candidates: CandidateMatch[] = [];
    olds.forEach((c, oldPosition) => {
      if (newOfOld[c] !== -1) {
        // Pairs by id take part in the chain, so that other pairs keep order around them.
        candidates.push({ old: oldPosition, new: newPosition.get(newOfOld[c])!, weight: 2 });
        return;
      }
      const shared = new Map<number, number>();
      for (const i of oldMembers.articles[c]) {
        for (const j of newArticlesOf(i)) {
          const d = newMembers.divisionOf[level][j];
          if (d !== -1 && oldOfNew[d] === -1) shared.set(d, (shared.get(d) ?? 0) + 1);
        }
      }
      const oldHeading = normalHeading(oldOutline.divisions[c].heading);
      for (const d of news) {
        if (oldOfNew[d] !== -1) continue;
        // Dice on the two sets of articles: 2 × shared / (old articles + new articles).
        const sizes = oldMembers.articles[c].length + newMembers.articles[d].length;
        const overlap = sizes === 0 ? 0 : (2 * (shared.get(d) ?? 0)) / sizes;
        const sameHeading = oldHeading === normalHeading(newOutline.divisions[d].heading);
        if (overlap >= 1 / 3 || sameHeading) {
          candidates.push({
            old: oldPosition,
            new: newPosition.get(d)!,
            weight: overlap + (sameHeading ? 1 : 0),
          });
        }
      }
    });
    for (const k of heaviestChain(candidates, news.length)) {
      const c = olds[candidates[k].old];
      const d = news[candidates[k].new];
      newOfOld[c] = d;
      oldOfNew[d] = c;
    }
  }

  // Change records: new divisions in order, deleted ones after their old predecessor's record.
  const recordOfOld = new Array<DivisionChange | null>(oldOutline.divisions.length).fill(null);
  const recordOfNew = new Array<DivisionChange | null>(newOutline.divisions.length).fill(null);
  const ordered: DivisionChange[] = [];
  newOutline.divisions.forEach((division, d) => {
    const c = oldOfNew[d];
    const record = changeOf(
      c === -1 ? null : oldOutline.divisions[c],
      division,
      c === -1 ? null : c,
      d,
      language,
    );
    recordOfNew[d] = record;
    if (c !== -1) recordOfOld[c] = record;
    ordered.push(record);
  });
  const leading: DivisionChange[] = [];
  const after = new Map<DivisionChange, DivisionChange[]>();
  oldOutline.divisions.forEach((division, c) => {
    if (recordOfOld[c]) return;
    const record = changeOf(division, null, c, null, language);
    recordOfOld[c] = record;
    let anchor: DivisionChange | null = null;
    for (let k = c - 1; k >= 0 && !anchor; k--) if (newOfOld[k] !== -1) anchor = recordOfOld[k];
    if (!anchor) leading.push(record);
    else {
      const list = after.get(anchor);
      if (list) list.push(record);
      else after.set(anchor, [record]);
    }
  });
  const changes: DivisionChange[] = [...leading];
  for (const record of ordered) {
    changes.push(record);
    for (const change of after.get(record) ?? []) changes.push(change);
  }

  const placesOf = (outline: Outline, records: Array<DivisionChange | null>, members: Membership) =>
    outline.articles.map((_, a) => {
      const recordAt = (level: DivisionLevel) => {
        const d = members.divisionOf[level][a];
        return d === -1 ? null : records[d];
      };
      return { part: recordAt('part'), chapter: recordAt('chapter'), section: recordAt('section') };
    });

  return {
    changes,
    oldPlaces: placesOf(oldOutline, recordOfOld, oldMembers),
    newPlaces: placesOf(newOutline, recordOfNew, newMembers),
  };
}

function changeOf(
  oldDivision: OutlineDivision | null,
  newDivision: OutlineDivision | null,
  oldIndex: number | null,
  newIndex: number | null,
  language: Language,
): DivisionChange {
  const side = (d: OutlineDivision | null): ComparedDivision | null =>
    d ? { number: d.number, label: d.label, heading: d.heading } : null;
  const level = (oldDivision ?? newDivision)!.kind;
  let kind: DivisionChangeKind;
  let segments: Segment[];
  if (!oldDivision) {
    kind = 'inserted';
    segments = newDivision!.heading ? [{ op: 'insert', text: newDivision!.heading }] : [];
  } else if (!newDivision) {
    kind = 'deleted';
    segments = oldDivision.heading ? [{ op: 'delete', text: oldDivision.heading }] : [];
  } else if (normalHeading(oldDivision.heading) !== normalHeading(newDivision.heading)) {
    kind = 'renamed';
    segments = inlineDiff(oldDivision.heading, newDivision.heading, language);
  } else {
    kind = oldDivision.label === newDivision.label ? 'unchanged' : 'renumbered';
    segments = newDivision.heading ? [{ op: 'equal', text: newDivision.heading }] : [];
  }
  return { level, kind, old: side(oldDivision), new: side(newDivision), segments, oldIndex, newIndex };
}

// Headings agree when they differ only in spacing ("总 则" and "总则").
function normalHeading(heading: string): string {
  return heading.replace(/\s+/g, '');
}

function indicesOf(outline: Outline, level: DivisionLevel): number[] {
  const out: number[] = [];
  outline.divisions.forEach((d, k) => {
    if (d.kind === level) out.push(k);
  });
  return out;
}

interface Membership {
  // For each level, for each article, the index of its division of that level, or -1.
  readonly divisionOf: Record<DivisionLevel, Int32Array>;
  // For each division, the indices of its articles.
  readonly articles: readonly number[][];
}

function membership(outline: Outline): Membership {
  const indexById = new Map<string, number>();
  outline.divisions.forEach((d, k) => {
    if (d.id) indexById.set(d.id, k);
  });
  const divisionOf = {
    part: new Int32Array(outline.articles.length).fill(-1),
    chapter: new Int32Array(outline.articles.length).fill(-1),
    section: new Int32Array(outline.articles.length).fill(-1),
  };
  const articles: number[][] = outline.divisions.map(() => []);
  const ids: Record<DivisionLevel, (a: OutlineArticle) => string | null> = {
    part: (a) => a.partId,
    chapter: (a) => a.chapterId,
    section: (a) => a.sectionId,
  };
  outline.articles.forEach((article, a) => {
    for (const level of levels) {
      const id = ids[level](article);
      const d = id ? indexById.get(id) : undefined;
      if (d === undefined) continue;
      divisionOf[level][a] = d;
      articles[d].push(a);
    }
  });
  return { divisionOf, articles };
}
