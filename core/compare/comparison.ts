/// The comparison of two drafts, article by article: the one model every renderer of a comparison
/// table, a redline or a JSON report reads.
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../language.ts';
import type { Outline, OutlineArticle } from '../outline.ts';
import { buildOutline } from '../outline.ts';
import type { AlignedGroup, Alignment } from './align.ts';
import { alignArticles } from './align.ts';
import type { InlineDiffOptions, Segment } from './inline.ts';
import { cleanupSegments, diffTexts } from './inline.ts';
import type { ArticlePlace, DivisionChange, DivisionLevel } from './structure.ts';
import { compareStructure } from './structure.ts';

/// One side of a row: an article's number, label and text.
export interface ComparedArticle {
  readonly number: number;
  readonly label: string;
  readonly text: string;
}

/// What a row shows: an article unchanged, modified (also a part of a split or merge), inserted or deleted.
export type RowKind = 'unchanged' | 'modified' | 'inserted' | 'deleted';

/// How a row's articles relate: one to one, one part of a split (one old article, several new
/// ones: one row per new article), one part of a merge (several old articles, one new one: one row
/// per old article), or one side only (inserted, deleted).
export type RowRelation = 'one-to-one' | 'split' | 'merged' | 'one-sided';

/// One row of the comparison table.
export interface ComparisonRow {
  readonly kind: RowKind;
  readonly old: ComparedArticle | null;
  readonly new: ComparedArticle | null;
  /// Whether the article left the order of the others (renumbering alone is not a move).
  readonly moved: boolean;
  /// How alike this row's old and new text are, 0…1 rounded to three decimals: 2 × kept characters
  /// / (old + new characters). In a split or merge, of this row's piece of the group's text.
  readonly similarity: number;
  /// The inline changes, readable: equal+delete give this row's old text, equal+insert its new text.
  /// In a split, the old text of each row is the piece of the old article that went into the row's
  /// new article (cut at the end of a sentence where one is near); in a merge, the new text of each
  /// row is the piece of the new article that came from the row's old article.
  readonly segments: readonly Segment[];
  readonly relation: RowRelation;
  /// Index of the row's group in the alignment, and of the row within its group (0 unless split or merged).
  readonly group: number;
  readonly part: number;
  /// Indices of the articles in the old and new outlines.
  readonly oldIndex: number | null;
  readonly newIndex: number | null;
  /// Where the articles stood and stand.
  readonly oldPlace: ArticlePlace | null;
  readonly newPlace: ArticlePlace | null;
  /// Division headings that open before this row, outermost first (the new draft's divisions,
  /// and deleted ones where their articles are shown).
  readonly headings: readonly DivisionChange[];
  /// The change column of the comparison table, in the comparison's language: "修改；移动",
  /// "由原第十条拆分", "Amended; moved from Chapter II to Chapter III"… Empty for an unchanged article.
  readonly note: string;
}

/// How many rows of each kind, and how many moved.
export interface ComparisonSummary {
  readonly unchanged: number;
  readonly modified: number;
  readonly inserted: number;
  readonly deleted: number;
  readonly moved: number;
}

/// A comparison of two drafts.
export interface Comparison {
  readonly language: Language;
  readonly oldTitle: string;
  readonly newTitle: string;
  readonly summary: ComparisonSummary;
  /// Rows in the new draft's order, each deletion where it stood.
  readonly rows: readonly ComparisonRow[];
  /// Every division of both drafts and what became of it.
  readonly divisions: readonly DivisionChange[];
  readonly alignment: Alignment;
}

/// Options of compareOutlines and compareDrafts.
export interface CompareOptions {
  /// Whether articles and divisions carrying the same id are the same. Defaults to true (versions of
  /// one draft); turn it off for texts whose ids were invented independently (plain-text imports).
  readonly matchIds?: boolean;
  /// Bounds of each inline diff.
  readonly inline?: InlineDiffOptions;
}

/// Compare two drafts given as documents of core's schema, numbered in `language`.
export function compareDrafts(
  oldDoc: PMNode,
  newDoc: PMNode,
  language: Language,
  options: CompareOptions = {},
): Comparison {
  return compareOutlines(buildOutline(oldDoc, language), buildOutline(newDoc, language), options);
}

/// Compare two outlines: align their articles, diff each pair inline, compare their divisions.
/// Inline diffs follow the new outline's language. Deterministic: the same outlines give the same
/// comparison, and comparisonJson the same bytes.
export function compareOutlines(
  oldOutline: Outline,
  newOutline: Outline,
  options: CompareOptions = {},
): Comparison {
  const language = newOutline.language;
  const matchIds = options.matchIds ?? true;
  const alignment = alignArticles(oldOutline.articles, newOutline.articles, { language, matchIds });
  const structure = compareStructure(oldOutline, newOutline, alignment, { matchIds });
  const builder: RowBuilder = {
    oldArticles: oldOutline.articles,
    newArticles: newOutline.articles,
    oldPlaces: structure.oldPlaces,
    newPlaces: structure.newPlaces,
    language,
    inline: options.inline ?? {},
  };

  const rows: ComparisonRow[] = [];
  alignment.groups.forEach((group, g) => {
    for (const row of rowsOf(group, g, builder)) rows.push(row);
  });
  const placed = withHeadings(rows);

  const summary = { unchanged: 0, modified: 0, inserted: 0, deleted: 0, moved: 0 };
  for (const row of placed) {
    summary[row.kind]++;
    if (row.moved) summary.moved++;
  }
  return {
    language,
    oldTitle: oldOutline.title,
    newTitle: newOutline.title,
    summary,
    rows: placed,
    divisions: structure.changes,
    alignment,
  };
}

interface RowBuilder {
  readonly oldArticles: readonly OutlineArticle[];
  readonly newArticles: readonly OutlineArticle[];
  readonly oldPlaces: readonly ArticlePlace[];
  readonly newPlaces: readonly ArticlePlace[];
  readonly language: Language;
  readonly inline: InlineDiffOptions;
}

type RowDraft = Omit<ComparisonRow, 'headings' | 'note'>;

function rowsOf(group: AlignedGroup, g: number, b: RowBuilder): ComparisonRow[] {
  const side = (a: OutlineArticle): ComparedArticle => ({ number: a.number, label: a.label, text: a.text });
  const base = (i: number | null, j: number | null) => ({
    moved: group.moved,
    group: g,
    oldIndex: i,
    newIndex: j,
    old: i === null ? null : side(b.oldArticles[i]),
    new: j === null ? null : side(b.newArticles[j]),
    oldPlace: i === null ? null : b.oldPlaces[i],
    newPlace: j === null ? null : b.newPlaces[j],
  });
  const drafts: RowDraft[] = [];
  switch (group.kind) {
    case 'unchanged': {
      const text = b.newArticles[group.new[0]].text;
      drafts.push({
        ...base(group.old[0], group.new[0]),
        kind: 'unchanged',
        similarity: 1,
        segments: text ? [{ op: 'equal', text }] : [],
        relation: 'one-to-one',
        part: 0,
      });
      break;
    }
    case 'inserted': {
      const text = b.newArticles[group.new[0]].text;
      drafts.push({
        ...base(null, group.new[0]),
        kind: 'inserted',
        similarity: 0,
        segments: text ? [{ op: 'insert', text }] : [],
        relation: 'one-sided',
        part: 0,
      });
      break;
    }
    case 'deleted': {
      const text = b.oldArticles[group.old[0]].text;
      drafts.push({
        ...base(group.old[0], null),
        kind: 'deleted',
        similarity: 0,
        segments: text ? [{ op: 'delete', text }] : [],
        relation: 'one-sided',
        part: 0,
      });
      break;
    }
    case 'modified': {
      const diff = diffTexts(
        b.oldArticles[group.old[0]].text,
        b.newArticles[group.new[0]].text,
        b.language,
        b.inline,
      );
      drafts.push({
        ...base(group.old[0], group.new[0]),
        kind: 'modified',
        similarity: round(diff.similarity),
        segments: cleanupSegments(diff.segments, b.language),
        relation: 'one-to-one',
        part: 0,
      });
      break;
    }
    case 'split':
    case 'merged': {
      // The side with several articles is cut where they meet; the other side's one article is
      // cut where the diff of the whole group says each piece begins, moved to the nearest end of
      // a sentence; then each article is diffed with its piece.
      const split = group.kind === 'split';
      const members = split ? group.new : group.old;
      const memberTexts = members.map((k) => (split ? b.newArticles[k] : b.oldArticles[k]).text);
      const single = split ? b.oldArticles[group.old[0]].text : b.newArticles[group.new[0]].text;
      const joint = split
        ? diffTexts(single, memberTexts.join(separator), b.language, b.inline)
        : diffTexts(memberTexts.join(separator), single, b.language, b.inline);
      const cuts = cutsOnOtherSide(joint.segments, split ? 'new' : 'old', memberTexts).map((cut) =>
        sentenceCut(single, cut, b.language),
      );
      piecesAt(single, cuts).forEach((piece, part) => {
        const diff = split
          ? diffTexts(piece, memberTexts[part], b.language, b.inline)
          : diffTexts(memberTexts[part], piece, b.language, b.inline);
        drafts.push({
          ...(split ? base(group.old[0], members[part]) : base(members[part], group.new[0])),
          kind: 'modified',
          similarity: round(diff.similarity),
          segments: cleanupSegments(diff.segments, b.language),
          relation: split ? 'split' : 'merged',
          part,
        });
      });
      break;
    }
  }
  return drafts.map((draft) => ({ ...draft, headings: [], note: noteOf(draft, group, b) }));
}

// Joins the texts of a split or merge's several articles for the diff of the whole group.
const separator = '\n';

// Where, in the other side's one text, each of `texts` after the first begins, by the diff of the
// whole group (`side` being `texts` joined by the separator): the other side's position when the
// diff reaches each separator.
function cutsOnOtherSide(
  segments: readonly Segment[],
  side: 'old' | 'new',
  texts: readonly string[],
): number[] {
  const separatorAt: number[] = [];
  let end = 0;
  for (const text of texts.slice(0, -1)) {
    end += text.length;
    separatorAt.push(end);
    end += separator.length;
  }
  const own = side === 'new' ? 'insert' : 'delete';
  const cuts: number[] = [];
  let position = 0;
  let other = 0;
  for (const segment of segments) {
    if (segment.op !== 'equal' && segment.op !== own) {
      other += segment.text.length;
      continue;
    }
    for (let k = 0; k < segment.text.length; k++) {
      if (position === separatorAt[cuts.length]) cuts.push(other);
      position++;
      if (segment.op === 'equal') other++;
    }
  }
  while (cuts.length < separatorAt.length) cuts.push(other);
  return cuts;
}

// Move a cut of `text` to the nearest end of a sentence or line within 24 characters, else to the
// nearest end of a clause (a comma) within 12, else (in en) to the nearest word boundary.
function sentenceCut(text: string, cut: number, language: Language): number {
  const nearest = (reach: number, ends: RegExp) => {
    let best = -1;
    for (let at = Math.max(0, cut - reach); at <= Math.min(text.length, cut + reach); at++) {
      const end = at === 0 || at === text.length || ends.test(text.slice(Math.max(0, at - 2), at));
      if (end && (best === -1 || Math.abs(at - cut) < Math.abs(best - cut))) best = at;
    }
    return best;
  };
  const sentence = nearest(24, /(?:[。；;\n]|[.!?]\s)$/);
  if (sentence !== -1) return sentence;
  const clause = nearest(12, /(?:[，、：]|[,:]\s)$/);
  if (clause !== -1) return clause;
  let at = cut;
  if (language === 'en') while (at > 0 && /\S/.test(text[at - 1]) && /\S/.test(text[at] ?? ' ')) at--;
  return at;
}

// `text` cut at `cuts` (clamped to keep order), without the line break at each cut.
function piecesAt(text: string, cuts: readonly number[]): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const raw of cuts) {
    const cut = Math.min(text.length, Math.max(start, raw));
    pieces.push(text.slice(start, cut).replace(/\n$/, ''));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces.map((piece, k) => (k > 0 ? piece.replace(/^\n/, '') : piece));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const levels: readonly DivisionLevel[] = ['part', 'chapter', 'section'];

// Open the divisions each row stands in when they differ from the previous row's.
function withHeadings(rows: readonly ComparisonRow[]): ComparisonRow[] {
  let previous: ArticlePlace | null = null;
  return rows.map((row) => {
    const place = row.newPlace ?? row.oldPlace;
    const headings: DivisionChange[] = [];
    if (place) {
      let opened = false;
      for (const level of levels) {
        const record = place[level];
        opened = opened || previous === null || record !== previous[level];
        if (opened && record) headings.push(record);
      }
      previous = place;
    }
    return headings.length ? { ...row, headings } : row;
  });
}

// The change column: what happened to the row's articles, in the comparison's language.
function noteOf(row: RowDraft, group: AlignedGroup, b: RowBuilder): string {
  const zh = b.language === 'zh';
  const notes: string[] = [];
  const oldLabels = group.old.map((i) => b.oldArticles[i].label);
  switch (row.relation) {
    case 'split':
      notes.push(zh ? `由原${oldLabels[0]}拆分` : `split from ${oldLabels[0]}`);
      break;
    case 'merged':
      notes.push(zh ? `原${joinLabels(oldLabels, 'zh')}合并` : `${joinLabels(oldLabels, 'en')} merged`);
      break;
    default:
      if (row.kind === 'inserted') notes.push(zh ? '新增' : 'inserted');
      else if (row.kind === 'deleted') notes.push(zh ? '删除' : 'deleted');
      else if (row.kind === 'modified') notes.push(zh ? '修改' : 'amended');
  }
  if (row.moved) notes.push(zh ? '移动' : 'moved');
  const from = row.oldPlace;
  const to = row.newPlace;
  if (from && to) {
    for (const level of levels) {
      const a = from[level];
      const c = to[level];
      if (a && c && a !== c && a.old && c.new) {
        notes.push(zh ? `由${a.old.label}移至${c.new.label}` : `moved from ${a.old.label} to ${c.new.label}`);
        break;
      }
      if (a !== c) break;
    }
  }
  const text = notes.join(zh ? '；' : '; ');
  return zh || !text ? text : text[0].toUpperCase() + text.slice(1);
}

// "第十条、第十一条" / "Articles 10 and 11": labels of several articles, shortened after the first in zh.
function joinLabels(labels: readonly string[], language: Language): string {
  if (language === 'zh') return labels.join('、');
  const numbers = labels.map((l) => l.replace(/^Article /, ''));
  if (numbers.length === 1) return `Article ${numbers[0]}`;
  return `Articles ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/// One row of the JSON report.
export interface ComparisonJsonRow {
  readonly kind: RowKind;
  readonly old: ComparedArticle | null;
  readonly new: ComparedArticle | null;
  readonly moved: boolean;
  readonly similarity: number;
  readonly segments: ReadonlyArray<{ readonly op: Segment['op']; readonly text: string }>;
}

/// The JSON report of a comparison: `{summary, rows}`, nothing else.
export interface ComparisonJson {
  readonly summary: ComparisonSummary;
  readonly rows: readonly ComparisonJsonRow[];
}

/// The JSON report of `comparison` (the shape of `lifa diff --format json`), with keys in a fixed
/// order so that the same comparison always serialises to the same bytes.
export function comparisonJson(comparison: Comparison): ComparisonJson {
  const article = (a: ComparedArticle | null) =>
    a ? { number: a.number, label: a.label, text: a.text } : null;
  const { unchanged, modified, inserted, deleted, moved } = comparison.summary;
  return {
    summary: { unchanged, modified, inserted, deleted, moved },
    rows: comparison.rows.map((row) => ({
      kind: row.kind,
      old: article(row.old),
      new: article(row.new),
      moved: row.moved,
      similarity: row.similarity,
      segments: row.segments.map((s) => ({ op: s.op, text: s.text })),
    })),
  };
}
