/// Finding a suggestion's words in an article: once, when it is made (the quote must be there, and
/// only once, or told apart by the words around it), and again whenever it is shown, exported or
/// accepted. Yjs relative positions follow the words through everyone's edits; what they point at
/// now (the `hint`, as text offsets) is checked against the quote: other words there mean the words
/// were changed underneath the suggestion, and it is stale. Only when the positions are lost (the
/// text was moved, or the positions come from another copy) is the quote looked for again, and then
/// only with all of its context, so a suggestion is never applied to words it was not made on.
import type { BlockPlace, SuggestionKind } from './wire.ts';
import { blockAt, blockByPath } from './text.ts';
import type { ArticleText, TextBlock } from './text.ts';

/// How many characters of context are kept on each side of a quote.
export const contextLength = 32;

/// Why words could not be anchored: not in the article, there more than once without context to
/// tell the places apart, running across paragraphs or items, or an insertion with no context.
export type AnchorFailure = 'not-found' | 'ambiguous' | 'spans-blocks' | 'no-context';

/// Where a new suggestion's words are: their offsets and the context kept to find them again.
export type Anchored =
  | {
      readonly ok: true;
      readonly from: number;
      readonly to: number;
      readonly prefix: string;
      readonly suffix: string;
    }
  | { readonly ok: false; readonly reason: AnchorFailure; readonly detail: string };

/// The context kept around `[from, to)` of `text`: up to contextLength characters each side.
export function contextAround(text: string, from: number, to: number): { prefix: string; suffix: string } {
  return {
    prefix: text.slice(Math.max(0, from - contextLength), from),
    suffix: text.slice(to, to + contextLength),
  };
}

/// Find `quote` in `article` for a new suggestion. A non-empty quote must lie inside one paragraph
/// or item, and occur once, or once with the given `prefix` right before it and `suffix` right after.
/// An empty quote (an insertion) is the one point where `prefix` ends and `suffix` starts (one of
/// them at least must be given).
export function anchorQuote(article: ArticleText, quote: string, prefix = '', suffix = ''): Anchored {
  const { text } = article;
  const fits = (from: number, to: number) =>
    text.slice(Math.max(0, from - prefix.length), from) === prefix &&
    text.slice(to, to + suffix.length) === suffix;
  const done = (from: number, to: number): Anchored => ({
    ok: true,
    from,
    to,
    ...contextAround(text, from, to),
  });
  if (quote === '') {
    if (!prefix && !suffix)
      return { ok: false, reason: 'no-context', detail: 'an insertion needs a prefix or a suffix' };
    const points: number[] = [];
    const probe = prefix || suffix;
    for (let i = text.indexOf(probe); i >= 0; i = text.indexOf(probe, i + 1)) {
      const point = prefix ? i + prefix.length : i;
      if (fits(point, point) && !points.includes(point)) points.push(point);
    }
    if (!points.length)
      return { ok: false, reason: 'not-found', detail: 'the prefix and suffix are not next to each other' };
    if (points.length > 1)
      return {
        ok: false,
        reason: 'ambiguous',
        detail: `the prefix and suffix meet at ${points.length} places; give longer ones`,
      };
    return done(points[0], points[0]);
  }
  if (quote.includes('\n'))
    return {
      ok: false,
      reason: 'spans-blocks',
      detail: 'the quote runs across paragraphs or items; suggest a change to each',
    };
  const all: number[] = [];
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) all.push(i);
  if (!all.length) return { ok: false, reason: 'not-found', detail: 'the quote is not in the article' };
  const matching = prefix || suffix ? all.filter((i) => fits(i, i + quote.length)) : all;
  if (!matching.length)
    return {
      ok: false,
      reason: 'not-found',
      detail: 'the quote is in the article, but not with that prefix and suffix',
    };
  if (matching.length > 1)
    return {
      ok: false,
      reason: 'ambiguous',
      detail: `the quote occurs ${matching.length} times in the article; give a prefix or suffix to choose one`,
    };
  return done(matching[0], matching[0] + quote.length);
}

/// What is needed to find a suggestion again.
export interface LocatableSuggestion {
  readonly kind: SuggestionKind;
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly place: BlockPlace | null;
}

/// Why a suggestion is stale: its words (or the block or article it depends on) were changed, or are gone.
export type StaleReason = 'changed' | 'gone';

/// Where a suggestion stands now in its article. For `text`, `[from, to)` are the quoted words (equal
/// for an insertion); for a new paragraph or item, `block` is the block it follows (or, placed first,
/// the block it goes before) and `[from, to)` that block's text; for an article, the whole text.
export type Location =
  | { readonly state: 'open'; readonly from: number; readonly to: number; readonly block: TextBlock | null }
  | { readonly state: 'stale'; readonly why: StaleReason };

/// The positions of a suggestion's anchor as they resolve now, as offsets into its article's text;
/// null when they are lost or lead outside the article.
export interface Hint {
  readonly from: number;
  readonly to: number;
}

const stale = (why: StaleReason): Location => ({ state: 'stale', why });

/// Where `suggestion` stands in `article` (null when the article is gone), given where its anchor
/// positions resolve now (`hint`). See the module comment for the rules.
export function locateSuggestion(
  article: ArticleText | null,
  suggestion: LocatableSuggestion,
  hint: Hint | null,
): Location {
  if (!article) return stale('gone');
  const { text } = article;
  const { quote, prefix, suffix } = suggestion;
  switch (suggestion.kind) {
    case 'insert-article':
      return { state: 'open', from: 0, to: text.length, block: null };
    case 'delete-article':
      return text === quote ? { state: 'open', from: 0, to: text.length, block: null } : stale('changed');
    case 'insert-paragraph':
    case 'insert-item':
      return locateBlock(article, suggestion, hint);
    case 'text':
      break;
  }
  if (quote === '') {
    if (hint) {
      if (hint.to !== hint.from) return stale('changed');
      const point = hint.from;
      const before = prefix ? text[point - 1] === prefix[prefix.length - 1] : point === 0;
      const after = suffix ? text[point] === suffix[0] : point === text.length;
      return before && after
        ? { state: 'open', from: point, to: point, block: blockAt(article, point) }
        : stale('changed');
    }
    const found = anchorQuote(article, '', prefix, suffix);
    if (!found.ok) return stale('gone');
    return { state: 'open', from: found.from, to: found.to, block: blockAt(article, found.from) };
  }
  if (hint && hint.to > hint.from) {
    if (text.slice(hint.from, hint.to) !== quote) return stale('changed');
    return { state: 'open', from: hint.from, to: hint.to, block: blockAt(article, hint.from) };
  }
  // The positions are lost, or the words between them are all gone: only the quote with all its
  // context, once, will do.
  const whole = prefix + quote + suffix;
  const at = text.indexOf(whole);
  if (at < 0 || text.indexOf(whole, at + 1) >= 0) return stale('gone');
  const from = at + prefix.length;
  return { state: 'open', from, to: from + quote.length, block: blockAt(article, from) };
}

/// The block a new paragraph or item is placed by (see BlockPlace): the paragraph or item it follows,
/// or, placed first, the block it goes before (the first paragraph; the paragraph's own text for a
/// first item). Null when there is no such block.
export function placeBlock(article: ArticleText, kind: SuggestionKind, place: BlockPlace): TextBlock | null {
  if (kind === 'insert-paragraph') return blockByPath(article, [Math.max(0, place.paragraph - 1)]);
  if (kind === 'insert-item') {
    const paragraph = place.paragraph - 1;
    const item = place.item ?? 0;
    return item <= 0 ? blockByPath(article, [paragraph]) : blockByPath(article, [paragraph, item - 1]);
  }
  return null;
}

/// The kind of block a new paragraph or item is placed by.
function placeKind(suggestion: LocatableSuggestion): TextBlock['kind'] {
  if (suggestion.kind === 'insert-item' && (suggestion.place?.item ?? 0) > 0) return 'item';
  return 'paragraph';
}

function locateBlock(article: ArticleText, suggestion: LocatableSuggestion, hint: Hint | null): Location {
  const kind = placeKind(suggestion);
  if (hint) {
    const block = blockAt(article, hint.from);
    if (block && block.kind === kind) return { state: 'open', from: block.from, to: block.to, block };
  }
  const same = article.blocks.filter(
    (block) => block.kind === kind && article.text.slice(block.from, block.to) === suggestion.quote,
  );
  if (same.length !== 1) return stale('gone');
  return { state: 'open', from: same[0].from, to: same[0].to, block: same[0] };
}

/// Where the new block of a located insert-paragraph or insert-item suggestion goes, as the path of
/// the block's container and the child index in it: for a paragraph, `{paragraph: n}` (0-based index
/// among the article's paragraphs); for an item, `{paragraph, item}` (0-based index among the items).
export function insertionIndex(
  suggestion: LocatableSuggestion,
  block: TextBlock,
): { readonly paragraph: number; readonly item?: number } {
  const first =
    suggestion.kind === 'insert-item'
      ? (suggestion.place?.item ?? 0) <= 0
      : (suggestion.place?.paragraph ?? 1) <= 0;
  if (suggestion.kind === 'insert-paragraph') return { paragraph: block.path[0] + (first ? 0 : 1) };
  return { paragraph: block.path[0], item: first ? 0 : block.path[1] + 1 };
}
