/// Turning a marked-up Word document back into suggestions: each paragraph with tracked changes is
/// matched to the article paragraph or item whose text is the paragraph's text before the changes
/// (its printed label — 第三条, Article 3, （一）, (1) — set aside), in document order; each change in
/// it becomes a text suggestion by its Word author. A whole paragraph inserted becomes a new
/// paragraph, item or (starting with an article label) article; a whole article deleted, a
/// suggestion to delete it. What cannot be matched is reported, never dropped in silence.
///
/// Word shows a cross-reference as its label (第三条, Article 3(2)); the draft holds it as one object
/// (U+FFFC in an article's text). Blocks are matched by their printed text, and a change is placed by
/// mapping printed offsets back to the draft's: a change that takes a whole reference with it quotes the
/// object, one that cuts into a label is reported (a reference is renumbered, never retyped).
import { contextAround } from './locate.ts';
import type { ArticleText, TextBlock } from './text.ts';
import { objectReplacement } from './text.ts';
import type { Revision, TrackedParagraph } from './docx-read.ts';
import { paragraphTexts } from './docx-read.ts';

/// A suggestion read from the document, with the author and date Word recorded.
export type TrackedProposal = Revision &
  (
    | {
        readonly kind: 'text';
        readonly articleId: string;
        readonly quote: string;
        readonly replacement: string;
        readonly prefix: string;
        readonly suffix: string;
      }
    | { readonly kind: 'insert-article'; readonly after: string; readonly text: string }
    | { readonly kind: 'delete-article'; readonly articleId: string }
    | {
        readonly kind: 'insert-paragraph';
        readonly articleId: string;
        readonly after: number;
        readonly text: string;
      }
    | {
        readonly kind: 'insert-item';
        readonly articleId: string;
        readonly paragraph: number;
        readonly after: number;
        readonly text: string;
      }
  );

/// A tracked change that was not turned into a suggestion, and why.
export interface UnmatchedChange extends Revision {
  /// The paragraph's text (before the changes, or, for an inserted paragraph, after).
  readonly text: string;
  readonly reason: string;
}

/// An article of the draft as the matcher sees it.
export interface MatchableArticle {
  readonly id: string;
  readonly text: ArticleText;
  /// How each object (U+FFFC) of `text.text` prints, in order: a cross-reference's label. Without it, an
  /// object prints as itself and cannot match anything Word wrote.
  readonly objects?: readonly string[];
}

/// A block's printed text, and for each printed boundary 0..printed.length the draft offset it maps to,
/// or -1 where it falls inside an object's label.
interface PrintedBlock {
  readonly printed: string;
  readonly offsets: readonly number[];
}

function printBlock(article: MatchableArticle, block: TextBlock): PrintedBlock {
  const { text } = article.text;
  const own = text.slice(block.from, block.to);
  // No object to print: the block prints as it is, offset for offset (offsets left empty).
  if (!article.objects?.length || !own.includes(objectReplacement)) return { printed: own, offsets: [] };
  let object = 0;
  for (let i = 0; i < block.from; i++) if (text[i] === objectReplacement) object++;
  let printed = '';
  const offsets: number[] = [];
  for (let i = block.from; i < block.to; i++) {
    const label = text[i] === objectReplacement ? article.objects?.[object++] : undefined;
    if (label === undefined) {
      offsets.push(i - block.from);
      printed += text[i];
      continue;
    }
    offsets.push(i - block.from);
    for (let k = 1; k < label.length; k++) offsets.push(-1);
    printed += label;
  }
  offsets.push(block.to - block.from);
  return { printed, offsets };
}

const articleLabel =
  /^(?:第[零〇一二三四五六七八九十百千万两\d]+条(?:之[一二三四五六七八九十]+)?|Article\s+\d+[A-Za-z]?\.?)[\s\u3000]*/;
const itemLabel = /^(?:（[零〇一二三四五六七八九十百]+）|\(\d+\))[\s\u3000]*/;
const subitemLabel = /^(?:\d+[.．]|\([a-z]{1,3}\))[\s\u3000]*/;
const headingLabel =
  /^(?:第[零〇一二三四五六七八九十百千万两\d]+[编章节](?:[\s\u3000]|$)|(?:Part|Chapter|Section)\s+[\dIVXLCDM]+\b)/;

interface Place {
  readonly article: number;
  readonly block: number;
}

/// The suggestions in `paragraphs` (read by readTrackedParagraphs) for a draft whose articles are
/// `articles`, in document order, and the changes that could not be placed.
export function matchTrackedChanges(
  paragraphs: readonly TrackedParagraph[],
  articles: readonly MatchableArticle[],
): { proposals: TrackedProposal[]; unmatched: UnmatchedChange[] } {
  const proposals: TrackedProposal[] = [];
  const unmatched: UnmatchedChange[] = [];
  let cursor: Place | null = null;
  // A new article being read (its later paragraphs are inserted paragraphs without a label).
  let building: { index: number; lines: string[] } | null = null;
  // An article proposed for deletion: its later deleted paragraphs go with it.
  let deleting: number | null = null;

  // Printed lazily, once: a block is compared with every changed paragraph of the file.
  const printedBlocks = articles.map(
    (article) => new Array<PrintedBlock | undefined>(article.text.blocks.length),
  );
  const printedAt = (a: number, b: number): PrintedBlock =>
    (printedBlocks[a][b] ??= printBlock(articles[a], articles[a].text.blocks[b]));
  const blockText = (place: Place) => printedAt(place.article, place.block).printed;
  const findBlock = (text: string, kinds: readonly TextBlock['kind'][]): Place | null => {
    const matches: Place[] = [];
    articles.forEach((article, a) =>
      article.text.blocks.forEach((block, b) => {
        if (!kinds.includes(block.kind)) return;
        const own = printedAt(a, b).printed;
        if (own === text || own.trim() === text.trim()) matches.push({ article: a, block: b });
      }),
    );
    if (!matches.length) return null;
    const after = cursor;
    return (
      (after &&
        matches.find(
          (m) => m.article > after.article || (m.article === after.article && m.block > after.block),
        )) ||
      matches[0]
    );
  };
  const flush = () => {
    if (!building) return;
    const first = proposals[building.index];
    if (first.kind === 'insert-article')
      proposals[building.index] = { ...first, text: building.lines.join('\n') };
    building = null;
  };

  for (const paragraph of paragraphs) {
    const changed =
      paragraph.segments.some((s) => s.kind !== 'equal') || paragraph.inserted || paragraph.deleted;
    const { before, after } = paragraphTexts(paragraph);
    const hasOld = paragraph.segments.some((s) => s.kind !== 'insert' && s.text.trim());
    const firstRevision: Revision = paragraph.segments.find((s) => s.kind !== 'equal') ??
      paragraph.inserted ??
      paragraph.deleted ?? { author: null, date: null };
    const revision: Revision = { author: firstRevision.author, date: firstRevision.date };

    if (!hasOld) {
      // A paragraph that is all new (or empty).
      const text = after.trim();
      if (!text) continue;
      if (!changed) continue;
      if (headingLabel.test(text)) {
        flush();
        unmatched.push({
          ...revision,
          text,
          reason: 'new chapters and sections are not suggested; add them in the editor',
        });
        continue;
      }
      if (articleLabel.test(text)) {
        flush();
        const anchor = cursor ? articles[cursor.article].id : null;
        if (!anchor) {
          unmatched.push({
            ...revision,
            text,
            reason: 'a new article before the first matched article has no place',
          });
          continue;
        }
        proposals.push({ ...revision, kind: 'insert-article', after: anchor, text: '' });
        building = { index: proposals.length - 1, lines: [text.replace(articleLabel, '')] };
        continue;
      }
      if (building) {
        building.lines.push(text);
        continue;
      }
      if (!cursor) {
        unmatched.push({
          ...revision,
          text,
          reason: 'a new paragraph before the first matched article has no place',
        });
        continue;
      }
      const article = articles[cursor.article];
      const block = article.text.blocks[cursor.block];
      if (itemLabel.test(text)) {
        const items = article.text.blocks.filter((b) => b.kind === 'item' && b.path[0] === block.path[0]);
        const afterItem = block.kind === 'paragraph' ? 0 : block.path[1] + 1;
        proposals.push({
          ...revision,
          kind: 'insert-item',
          articleId: article.id,
          paragraph: block.path[0] + 1,
          after: Math.min(afterItem, items.length),
          text: text.replace(itemLabel, ''),
        });
      } else {
        proposals.push({
          ...revision,
          kind: 'insert-paragraph',
          articleId: article.id,
          after: block.path[0] + 1,
          text,
        });
      }
      continue;
    }

    flush();
    // Set the printed label aside, and find the block whose text this paragraph had.
    const labelMatch = articleLabel.exec(before) ?? itemLabel.exec(before) ?? subitemLabel.exec(before);
    const labelled = articleLabel.test(before);
    const label = labelMatch ? labelMatch[0].length : 0;
    const kinds: TextBlock['kind'][] = labelled
      ? ['paragraph']
      : itemLabel.test(before)
        ? ['item']
        : subitemLabel.test(before)
          ? ['subitem']
          : ['paragraph'];
    let place = findBlock(before.slice(label), kinds);
    if (!place && label) place = findBlock(before, ['paragraph', 'item', 'subitem']);
    const strip = place && label && blockText(place) === before ? 0 : label;
    if (!place) {
      if (changed)
        unmatched.push({
          ...revision,
          text: before,
          reason: 'no paragraph or item of the draft has this text',
        });
      continue;
    }
    cursor = place;
    if (!changed) {
      deleting = null;
      continue;
    }
    const article = articles[place.article];
    const block = article.text.blocks[place.block];
    const allDeleted = !paragraph.segments.some((s) => s.kind !== 'delete' && s.text.trim());

    if (allDeleted) {
      if (deleting === place.article) continue;
      if (labelled && place.block === 0) {
        proposals.push({ ...revision, kind: 'delete-article', articleId: article.id });
        deleting = place.article;
        continue;
      }
    } else deleting = null;

    // Each run of changes by one author becomes one suggestion. Offsets count printed characters.
    const printed = printedAt(place.article, place.block);
    const draftOffset = (at: number) => (printed.offsets.length ? printed.offsets[at] : at);
    let offset = -strip;
    let group: { start: number; end: number; replacement: string; revision: Revision } | null = null;
    const close = () => {
      if (!group) return;
      const g = group;
      group = null;
      if (g.start < 0) {
        unmatched.push({
          ...g.revision,
          text: before,
          reason: 'a change to the printed number; numbers are computed, not typed',
        });
        return;
      }
      const start = draftOffset(g.start);
      const end = draftOffset(g.end);
      if (start < 0 || end < 0 || start === undefined || end === undefined) {
        unmatched.push({
          ...g.revision,
          text: before,
          reason:
            'a change inside a cross-reference; references follow renumbering, so change the reference in the editor',
        });
        return;
      }
      const from = block.from + start;
      const to = block.from + end;
      proposals.push({
        ...g.revision,
        kind: 'text',
        articleId: article.id,
        quote: article.text.text.slice(from, to),
        replacement: g.replacement,
        ...contextAround(article.text.text, from, to),
      });
    };
    for (const segment of paragraph.segments) {
      if (segment.kind === 'equal') {
        close();
        offset += segment.text.length;
        continue;
      }
      const revisionHere: Revision = { author: segment.author, date: segment.date };
      if (group && group.revision.author !== revisionHere.author) close();
      if (!group) group = { start: offset, end: offset, replacement: '', revision: revisionHere };
      if (segment.kind === 'delete') {
        offset += segment.text.length;
        group.end = offset;
      } else group.replacement += segment.text;
    }
    close();
  }
  flush();
  return { proposals, unmatched };
}
