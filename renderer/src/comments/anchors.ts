/// Anchoring comments to passages. A passage is kept as Yjs relative positions (which follow the
/// words through everyone's edits) plus the quoted text with a little context before and after. To
/// show it, the positions are turned back into document positions; when that fails (the words were
/// deleted, or the positions come from another document) the quote is looked for in the article's
/// text; when that fails too, the comment stays on its article, with its quote shown.
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from 'y-prosemirror';
import * as Y from 'yjs';
import { toBase64, fromBase64 } from 'lib0/buffer';
import type { CommentAnchor } from '../api/comments.ts';

/// How many characters of context are kept on each side of a quote.
export const contextLength = 32;

/// The text of an article with the document position of each character. Paragraph and item breaks
/// are '\n'; inline nodes other than text (references) are one U+FFFC.
export interface ArticleText {
  readonly text: string;
  /// `positions[i]` is the document position before character i.
  readonly positions: readonly number[];
}

/// The text of the article `node` at `pos`.
export function articleText(node: PMNode, pos: number): ArticleText {
  let text = '';
  const positions: number[] = [];
  node.descendants((child, offset) => {
    const at = pos + 1 + offset;
    if (child.isTextblock) {
      if (text) {
        text += '\n';
        positions.push(at);
      }
      return true;
    }
    if (child.isText) {
      const data = child.text!;
      for (let i = 0; i < data.length; i++) positions.push(at + i);
      text += data;
    } else if (child.isInline) {
      text += '\uFFFC';
      positions.push(at);
    }
    return true;
  });
  return { text, positions };
}

/// Where `quote` stands in `article`, as document positions: the occurrence with its context first,
/// else the occurrence nearest to where the context would put it, else null.
export function findQuote(
  article: ArticleText,
  quote: string,
  prefix = '',
  suffix = '',
): { from: number; to: number } | null {
  if (!quote) return null;
  const { text, positions } = article;
  let at = text.indexOf(prefix + quote + suffix);
  if (at >= 0) at += prefix.length;
  else {
    const candidates: number[] = [];
    for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) candidates.push(i);
    if (!candidates.length) return null;
    const score = (i: number) =>
      (prefix && text.slice(Math.max(0, i - prefix.length), i).endsWith(prefix.slice(-8)) ? 2 : 0) +
      (suffix && text.slice(i + quote.length).startsWith(suffix.slice(0, 8)) ? 1 : 0);
    at = candidates.reduce((best, i) => (score(i) > score(best) ? i : best), candidates[0]);
  }
  const last = at + quote.length - 1;
  return { from: positions[at], to: positions[last] + 1 };
}

/// The article enclosing document position `pos` in `doc`: its node, position and id, or null.
export function articleAround(
  doc: PMNode,
  pos: number,
): { node: PMNode; pos: number; id: string | null } | null {
  const $pos = doc.resolve(pos);
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === 'article')
      return { node, pos: $pos.before(depth), id: (node.attrs.id as string) ?? null };
  }
  return null;
}

/// The y-prosemirror binding of `state`, when the sync plugin has one.
export function bindingOf(state: EditorState): YBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: YBinding | null } | undefined;
  return sync?.binding ?? null;
}

/// The parts of y-prosemirror's binding that anchoring uses.
export interface YBinding {
  readonly doc: Y.Doc;
  readonly type: Y.XmlFragment;
  readonly mapping: Map<unknown, unknown>;
}

/// A passage to comment on: the article and the anchor.
export interface PassageCapture {
  readonly articleId: string;
  readonly anchor: CommentAnchor;
}

/// The passage the selection of `state` covers (cut at the end of the article it starts in), or null
/// when the selection is empty, outside an article, holds no text, or the document is not bound to
/// Yjs.
export function captureSelection(state: EditorState): PassageCapture | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  // The first article the selection reaches into (it may start in a heading above).
  let article = articleAround(state.doc, from);
  if (!article) {
    state.doc.nodesBetween(from, to, (node, pos) => {
      if (article) return false;
      if (node.type.name === 'article') {
        article = { node, pos, id: (node.attrs.id as string) ?? null };
        return false;
      }
      return !node.isTextblock;
    });
  }
  const binding = bindingOf(state);
  if (!article?.id || !binding) return null;
  const text = articleText(article.node, article.pos);
  // The selected characters of this article.
  let first = -1;
  let last = -1;
  text.positions.forEach((p, i) => {
    if (p >= from && p < to && text.text[i] !== '\n') {
      if (first < 0) first = i;
      last = i;
    }
  });
  if (first < 0) return null;
  const start = text.positions[first];
  const end = text.positions[last] + 1;
  try {
    const startRel = absolutePositionToRelativePosition(start, binding.type, binding.mapping as never);
    const endRel = absolutePositionToRelativePosition(end, binding.type, binding.mapping as never);
    // The end sticks to the last quoted character, so typing right after the passage does not grow it.
    const endAbs = Y.createAbsolutePositionFromRelativePosition(endRel, binding.doc);
    const endSticky = endAbs ? Y.createRelativePositionFromTypeIndex(endAbs.type, endAbs.index, -1) : endRel;
    return {
      articleId: article.id,
      anchor: {
        start: toBase64(Y.encodeRelativePosition(startRel)),
        end: toBase64(Y.encodeRelativePosition(endSticky)),
        quote: text.text.slice(first, last + 1),
        prefix: text.text.slice(Math.max(0, first - contextLength), first),
        suffix: text.text.slice(last + 1, last + 1 + contextLength),
      },
    };
  } catch (error) {
    console.error('lifa: could not anchor the selection', error);
    return null;
  }
}

/// How an anchor was found: by its positions, by its quote, or not at all.
export type AnchorState = 'exact' | 'quote' | 'lost';

/// Where `anchor` stands now in `state`, inside the article at `article` (from articlePositions), or
/// `{state: 'lost'}`.
export function resolveAnchor(
  state: EditorState,
  anchor: CommentAnchor,
  article: { node: PMNode; pos: number } | null,
): { state: AnchorState; from: number; to: number } {
  const binding = bindingOf(state);
  if (binding) {
    try {
      const decode = (value: string) => Y.decodeRelativePosition(fromBase64(value));
      const mapping = binding.mapping as never;
      const from = relativePositionToAbsolutePosition(
        binding.doc,
        binding.type,
        decode(anchor.start),
        mapping,
      );
      const to = relativePositionToAbsolutePosition(binding.doc, binding.type, decode(anchor.end), mapping);
      if (from !== null && to !== null && from < to && to <= state.doc.content.size) {
        const inside = !article || (from > article.pos && to < article.pos + article.node.nodeSize);
        if (inside && state.doc.textBetween(from, to, '\n', '\uFFFC').trim())
          return { state: 'exact', from, to };
      }
    } catch {
      // Positions from another document, or a mapping not yet complete: fall back on the quote.
    }
  }
  if (article) {
    const found = findQuote(
      articleText(article.node, article.pos),
      anchor.quote,
      anchor.prefix,
      anchor.suffix,
    );
    if (found) return { state: 'quote', ...found };
  }
  return { state: 'lost', from: -1, to: -1 };
}

/// The position of every article whose id is in `ids`, walking only the structure (parts, chapters,
/// sections), never into articles.
export function articlePositions(
  doc: PMNode,
  ids: ReadonlySet<string>,
): Map<string, { node: PMNode; pos: number }> {
  const found = new Map<string, { node: PMNode; pos: number }>();
  if (!ids.size) return found;
  doc.descendants((node, pos) => {
    if (node.type.name === 'article') {
      const id = node.attrs.id as string | null;
      if (id && ids.has(id) && !found.has(id)) found.set(id, { node, pos });
      return false;
    }
    return !node.isTextblock && node.type.name !== 'preamble';
  });
  return found;
}
