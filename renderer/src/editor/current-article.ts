/// Marks where the selection is: the article holding the cursor gets the class `is-current` (the band
/// in the margin that matches the outline's highlight), and every chapter the selection touches, and
/// every article outside a chapter it touches, gets `holds-selection`. The latter keeps them out of
/// `content-visibility: auto` (see chapter-numbering.ts): the browser must never edit inside content
/// it has skipped rendering, as it would right after a new chapter is inserted below the fold.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { articleAt } from '../../../core/index.ts';

/// Key of the current-article plugin.
export const currentArticleKey = new PluginKey<DecorationSet>('lifa-current-article');

/// The decorations marking the current article and the chapters holding the selection in `state`.
export function selectionMarks(state: EditorState): DecorationSet {
  const decorations: Decoration[] = [];
  const { from, to } = state.selection;
  state.doc.nodesBetween(from, to, (node, pos) => {
    if (node.type.name === 'chapter' || node.type.name === 'article') {
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: 'holds-selection' }));
      return false;
    }
    return node.type.name === 'part' || node.type.name === 'section';
  });
  const at = articleAt(state);
  if (at) decorations.push(Decoration.node(at.pos, at.pos + at.node.nodeSize, { class: 'is-current' }));
  return decorations.length ? DecorationSet.create(state.doc, decorations) : DecorationSet.empty;
}

/// The current-article plugin.
export function currentArticle(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: currentArticleKey,
    state: {
      init: (_config, state) => selectionMarks(state),
      apply: (tr, previous, _old, state) =>
        tr.docChanged || tr.selectionSet ? selectionMarks(state) : previous,
    },
    props: {
      decorations: (state) => currentArticleKey.getState(state),
    },
  });
}
