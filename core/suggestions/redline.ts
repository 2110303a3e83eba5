/// Open suggestions as tracked changes in an exported draft: for each article, the runs of every
/// paragraph or item a suggestion changes (unchanged, deleted and inserted text, each change with its
/// author and date), the paragraphs and items suggested after a block, the articles suggested after
/// it, and whether it is suggested for deletion. The Word and HTML exports draw from this; Word
/// shows it as real revisions (`w:ins` / `w:del`) a reader can accept or reject there.
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../language.ts';
import { citationLabel } from '../numbering.ts';
import { chineseNumeral } from '../numerals.ts';
import { danglingLabel } from '../outline.ts';
import { articleTextOf } from './text.ts';
import type { TextBlock } from './text.ts';
import type { BlockPlace, SuggestionKind } from './wire.ts';

/// Who made a change, and when (ISO 8601).
export interface RevisionInfo {
  readonly suggestionId: string;
  readonly author: string;
  readonly date: string;
}

/// A suggestion to show, located in the draft (see locateSuggestion): offsets into its article's text.
export interface TrackedSuggestion extends RevisionInfo {
  readonly kind: SuggestionKind;
  readonly articleId: string;
  readonly from: number;
  readonly to: number;
  readonly replacement: string;
  /// For a new paragraph or item: the block it is placed by, and its place.
  readonly block: TextBlock | null;
  readonly place: BlockPlace | null;
}

/// A run of a changed block: unchanged text, or text a suggestion deletes or inserts.
export interface RedlineRun {
  readonly kind: 'equal' | 'delete' | 'insert';
  readonly text: string;
  readonly revision: RevisionInfo | null;
}

/// A paragraph or item a suggestion adds.
export interface InsertedBlock {
  readonly kind: 'paragraph' | 'item';
  readonly text: string;
  readonly revision: RevisionInfo;
}

/// An article a suggestion adds after another.
export interface InsertedArticle {
  readonly paragraphs: readonly string[];
  readonly revision: RevisionInfo;
}

/// The tracked changes of one article.
export interface ArticleRedline {
  /// The article is suggested for deletion.
  readonly deleted: RevisionInfo | null;
  /// The runs of each changed block, by blockKey of its path.
  readonly runs: ReadonlyMap<string, readonly RedlineRun[]>;
  /// Blocks suggested at each insertion point (see the *Point functions).
  readonly inserted: ReadonlyMap<string, readonly InsertedBlock[]>;
  /// Articles suggested after this one, in the order suggested.
  readonly articlesAfter: readonly InsertedArticle[];
}

/// The tracked changes of a draft, by article id.
export interface DraftRedline {
  readonly articles: ReadonlyMap<string, ArticleRedline>;
}

/// The key of a block's runs: its path, `2` for the third paragraph, `2.0` for its first item.
export function blockKey(path: readonly number[]): string {
  return path.join('.');
}

/// The insertion point before the first paragraph of an article.
export const startPoint = 'start';
/// The insertion point after paragraph `paragraph` (0-based) with all its items.
export function afterParagraphPoint(paragraph: number): string {
  return `p${paragraph}`;
}
/// The insertion point after the text of paragraph `paragraph`, before its items.
export function afterLeadPoint(paragraph: number): string {
  return `l${paragraph}`;
}
/// The insertion point after item `item` of paragraph `paragraph` with its subitems.
export function afterItemPoint(paragraph: number, item: number): string {
  return `i${paragraph}.${item}`;
}

/// The number the `k`-th (0-based) item added at insertion `point` will have: after the paragraph's
/// text, 1; after item i (0-based), i + 2.
export function insertedItemNumber(point: string, k: number): number {
  const first = point.startsWith('i') ? Number(point.split('.')[1]) + 2 : 1;
  return first + k;
}

/// How the `k`-th (0-based) article added after the article labelled `label` is named, as inserted
/// articles are cited: 第五条之一, Article 5A.
export function insertedArticleLabel(label: string, k: number, language: Language): string {
  return language === 'zh'
    ? `${label}之${chineseNumeral(k + 1)}`
    : `${label}${String.fromCharCode(65 + (k % 26))}`;
}

/// The redline of `doc` (a draft in `language`) with `suggestions` shown. Suggestions on an article
/// not in `doc` are left out; overlapping text suggestions keep the first (by id order of the list).
export function draftRedline(
  doc: PMNode,
  language: Language,
  suggestions: readonly TrackedSuggestion[],
): DraftRedline {
  const byArticle = new Map<string, TrackedSuggestion[]>();
  for (const s of suggestions) {
    const list = byArticle.get(s.articleId);
    if (list) list.push(s);
    else byArticle.set(s.articleId, [s]);
  }
  const numbers = articleNumbers(doc);
  const articles = new Map<string, ArticleRedline>();
  doc.descendants((node, pos) => {
    if (node.type.name !== 'article') return !node.isTextblock;
    const id = node.attrs.id as string | null;
    const list = id ? byArticle.get(id) : undefined;
    if (id && list) articles.set(id, articleRedline(node, pos, list, numbers, language));
    return false;
  });
  return { articles };
}

function articleNumbers(doc: PMNode): Map<string, number> {
  const numbers = new Map<string, number>();
  let count = 0;
  doc.descendants((node) => {
    if (node.type.name === 'article') {
      count++;
      if (node.attrs.id) numbers.set(node.attrs.id as string, count);
      return false;
    }
    return node.isBlock && !node.isTextblock;
  });
  return numbers;
}

function articleRedline(
  node: PMNode,
  pos: number,
  suggestions: readonly TrackedSuggestion[],
  numbers: ReadonlyMap<string, number>,
  language: Language,
): ArticleRedline {
  const text = articleTextOf(node, pos);
  let deleted: RevisionInfo | null = null;
  const articlesAfter: InsertedArticle[] = [];
  const inserted = new Map<string, InsertedBlock[]>();
  const edits = new Map<number, TrackedSuggestion[]>(); // by block index
  const revision = (s: TrackedSuggestion): RevisionInfo => ({
    suggestionId: s.suggestionId,
    author: s.author,
    date: s.date,
  });
  const insertAt = (key: string, block: InsertedBlock) => {
    const list = inserted.get(key);
    if (list) list.push(block);
    else inserted.set(key, [block]);
  };
  for (const s of suggestions) {
    switch (s.kind) {
      case 'delete-article':
        deleted ??= revision(s);
        break;
      case 'insert-article':
        articlesAfter.push({ paragraphs: s.replacement.split('\n'), revision: revision(s) });
        break;
      case 'insert-paragraph': {
        if (!s.block) break;
        const key = (s.place?.paragraph ?? 1) <= 0 ? startPoint : afterParagraphPoint(s.block.path[0]);
        insertAt(key, { kind: 'paragraph', text: s.replacement, revision: revision(s) });
        break;
      }
      case 'insert-item': {
        if (!s.block) break;
        const key =
          (s.place?.item ?? 0) <= 0
            ? afterLeadPoint(s.block.path[0])
            : afterItemPoint(s.block.path[0], s.block.path[1]);
        insertAt(key, { kind: 'item', text: s.replacement, revision: revision(s) });
        break;
      }
      case 'text': {
        const b = text.blocks.findIndex((block) => s.from >= block.from && s.to <= block.to);
        if (b < 0) break;
        const list = edits.get(b) ?? [];
        if (list.some((other) => s.from < other.to && other.from < s.to)) break; // overlaps one shown
        if (list.some((other) => s.from === s.to && other.from === other.to && other.from === s.from)) break;
        list.push(s);
        edits.set(b, list);
        break;
      }
    }
  }
  const runs = new Map<string, RedlineRun[]>();
  const leads = edits.size ? leadsOf(node) : [];
  for (const [b, list] of edits) {
    const block = text.blocks[b];
    const pieces = leadPieces(leads[b], numbers, language);
    const sorted = [...list].sort((x, y) => x.from - y.from || x.to - y.to);
    const out: RedlineRun[] = [];
    let at = block.from;
    for (const s of sorted) {
      if (s.from > at)
        out.push({
          kind: 'equal',
          text: slice(pieces, at - block.from, s.from - block.from),
          revision: null,
        });
      if (s.to > s.from)
        out.push({
          kind: 'delete',
          text: slice(pieces, s.from - block.from, s.to - block.from),
          revision: revision(s),
        });
      if (s.replacement) out.push({ kind: 'insert', text: s.replacement, revision: revision(s) });
      at = Math.max(at, s.to);
    }
    if (at < block.to)
      out.push({
        kind: 'equal',
        text: slice(pieces, at - block.from, block.to - block.from),
        revision: null,
      });
    runs.set(blockKey(block.path), out);
  }
  return { deleted, runs, inserted, articlesAfter };
}

/// What each character of a lead prints as: itself, or a cross-reference's label.
function leadPieces(lead: PMNode, numbers: ReadonlyMap<string, number>, language: Language): string[] {
  const pieces: string[] = [];
  lead.forEach((child) => {
    if (child.isText) for (let i = 0; i < child.text!.length; i++) pieces.push(child.text![i]);
    else if (child.type.name === 'ref') {
      const target = child.attrs.target as string | null;
      const number = target ? numbers.get(target) : undefined;
      pieces.push(
        number === undefined
          ? danglingLabel(language)
          : citationLabel(
              {
                article: number,
                paragraph: child.attrs.paragraph,
                item: child.attrs.item,
                bare: child.attrs.bare,
              },
              language,
            ),
      );
    } else pieces.push('');
  });
  return pieces;
}

/// The leads of `article`, in the order of articleTextOf's blocks.
function leadsOf(article: PMNode): PMNode[] {
  const leads: PMNode[] = [];
  article.descendants((node) => {
    if (node.type.name === 'lead') {
      leads.push(node);
      return false;
    }
    return true;
  });
  return leads;
}

function slice(pieces: readonly string[], from: number, to: number): string {
  return pieces.slice(from, to).join('');
}
