/// Finding suggestions in the editor's document, as the server finds them in the live Y.Doc: the
/// anchor's relative positions turned into document positions through y-prosemirror's binding, then
/// core's rules (locateSuggestion) say whether the words are still there (open) or were changed
/// underneath (stale). Also makes anchors for what the user types in Suggesting mode.
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from 'y-prosemirror';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { articleTextOf, locateSuggestion, offsetOfPosition, positionOfOffset } from '../../../core/index.ts';
import type {
  BlockPlace,
  Location,
  PositionedArticleText,
  SuggestionAnchor,
  SuggestionKind,
  TextBlock,
} from '../../../core/index.ts';
import { bindingOf } from '../comments/anchors.ts';

/// What is needed to find a suggestion (a stored one, or one being typed).
export interface Findable {
  readonly kind: SuggestionKind;
  readonly articleId: string;
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly place: BlockPlace | null;
  readonly anchor: SuggestionAnchor | null;
}

/// An article of the document: its node, position and text (read once per computation).
export interface ArticleAt {
  readonly node: PMNode;
  readonly pos: number;
  readonly text: PositionedArticleText;
}

/// The articles with `ids` in `doc`, walking only the structure, with their text.
export function articlesById(doc: PMNode, ids: ReadonlySet<string>): Map<string, ArticleAt> {
  const found = new Map<string, ArticleAt>();
  if (!ids.size) return found;
  doc.descendants((node, pos) => {
    if (node.type.name === 'article') {
      const id = node.attrs.id as string | null;
      if (id && ids.has(id) && !found.has(id)) found.set(id, { node, pos, text: articleTextOf(node, pos) });
      return false;
    }
    return !node.isTextblock && node.type.name !== 'preamble';
  });
  return found;
}

/// Where the encoded relative position `value` stands in `state`'s document, or null.
export function absoluteOf(state: EditorState, value: string): number | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  try {
    return relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      Y.decodeRelativePosition(fromBase64(value)),
      binding.mapping as never,
    );
  } catch {
    return null;
  }
}

/// Where `s` stands in `state`, in its article `at` (null when the article is gone).
export function locate(state: EditorState, s: Findable, at: ArticleAt | undefined): Location {
  if (!at) return locateSuggestion(null, s, null);
  let hint: { from: number; to: number } | null = null;
  if (s.anchor) {
    const from = absoluteOf(state, s.anchor.start);
    const to = absoluteOf(state, s.anchor.end);
    const fromOffset = from === null ? null : offsetOfPosition(at.text, from);
    const toOffset = to === null ? null : offsetOfPosition(at.text, to);
    if (fromOffset !== null && toOffset !== null && fromOffset <= toOffset)
      hint = { from: fromOffset, to: toOffset };
  }
  return locateSuggestion(at.text, s, hint);
}

/// The document position of offset `offset` of `at`.
export function positionIn(at: ArticleAt, offset: number): number {
  return positionOfOffset(at.text, offset);
}

/// The position right after the block (paragraph, item or subitem) whose text is `block`.
export function afterBlock(state: EditorState, at: ArticleAt, block: TextBlock): number {
  const $lead = state.doc.resolve(at.text.starts[at.text.blocks.indexOf(block)]);
  return $lead.after($lead.depth - 1);
}

/// The position right before that block.
export function beforeBlock(state: EditorState, at: ArticleAt, block: TextBlock): number {
  const $lead = state.doc.resolve(at.text.starts[at.text.blocks.indexOf(block)]);
  return $lead.before($lead.depth - 1);
}

/// The encoded relative position of document position `pos`, sticking to the character after it
/// (`assoc` 0) or before it (-1); null when the document is not bound to Yjs.
export function relativeAt(state: EditorState, pos: number, assoc: 0 | -1): string | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  try {
    const relative = absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never);
    if (assoc === 0) return toBase64(Y.encodeRelativePosition(relative));
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
    const sticky = absolute
      ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1)
      : relative;
    return toBase64(Y.encodeRelativePosition(sticky));
  } catch {
    return null;
  }
}

/// The anchor of document range `[from, to)`: for words, the start sticks to the first and the end
/// to the last; for a point, the start sticks before and the end after (as the server anchors).
export function anchorOf(state: EditorState, from: number, to: number): SuggestionAnchor | null {
  const start = relativeAt(state, from, from === to ? -1 : 0);
  const end = relativeAt(state, to, from === to ? 0 : -1);
  return start && end ? { start, end } : null;
}
