/// Blame in the editor: the text of one article tinted by who wrote each run, with the name and time
/// on hover. The runs come from the server for the article's text as it stood then; they are drawn
/// only while the editor's text of the article is exactly that text (a keystroke since, here or
/// elsewhere, hides them until the panel fetches the runs again), and recomputed from the text on
/// every change, since a remote change rebuilds the document and mapping would lose them.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { EditorView } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { articlePositions, articleTextPositions } from '../../../core/index.ts';
import type { Language } from '../../../core/index.ts';
import { Store } from '../lib/store.ts';
import type { ReadableStore } from '../lib/store.ts';

/// One run of the article's text and how to draw it.
export interface BlameTint {
  readonly text: string;
  /// A CSS colour for the tint.
  readonly color: string;
  /// What hovering says: "alice · 3 Mar 2026, 09:30".
  readonly title: string;
}

/// What to draw: the runs of one article, which joined are its text.
export interface BlameShown {
  readonly articleId: string;
  readonly language: Language;
  readonly runs: readonly BlameTint[];
}

interface BlameState {
  readonly shown: BlameShown | null;
  readonly decorations: DecorationSet;
  /// Whether the runs matched the article's text.
  readonly matched: boolean;
}

/// Key of the blame plugin.
export const blameKey = new PluginKey<BlameState>('lifa-blame');

/// A handle on the plugin.
export interface BlameMarks {
  readonly plugin: Plugin<BlameState>;
  /// Whether the runs shown match the editor's text of their article (false: fetch them again).
  readonly current: ReadableStore<boolean>;
  /// Show `shown` in `view`, or nothing with null. Does nothing once the view is destroyed.
  show(view: EditorView, shown: BlameShown | null): void;
}

/// The blame plugin and its handle.
export function blameMarks(): BlameMarks {
  const current = new Store(true);
  const compute = (state: EditorState, shown: BlameShown | null): BlameState => {
    if (!shown) return { shown, decorations: DecorationSet.empty, matched: true };
    const decorations = tints(state.doc, shown);
    return {
      shown,
      decorations: decorations ? DecorationSet.create(state.doc, decorations) : DecorationSet.empty,
      matched: decorations !== null,
    };
  };
  const plugin = new Plugin<BlameState>({
    key: blameKey,
    view: () => ({
      update: (view) => current.set(blameKey.getState(view.state)?.matched ?? true),
    }),
    state: {
      init: () => ({ shown: null, decorations: DecorationSet.empty, matched: true }),
      apply: (tr, previous, _old, state) => {
        const meta = tr.getMeta(blameKey) as { shown: BlameShown | null } | undefined;
        if (meta) return compute(state, meta.shown);
        return tr.docChanged && previous.shown ? compute(state, previous.shown) : previous;
      },
    },
    props: { decorations: (state) => blameKey.getState(state)?.decorations },
  });
  return {
    plugin,
    current,
    show: (view, shown) => {
      if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(blameKey, { shown }));
    },
  };
}

/// The decorations tinting `shown`'s article in `doc`, or null when the article is not there or its
/// text is no longer the one the runs were made for.
export function tints(doc: PMNode, shown: BlameShown): Decoration[] | null {
  const at = articlePositions(doc).find((pos) => doc.nodeAt(pos)?.attrs.id === shown.articleId);
  if (at === undefined) return null;
  let numbers: Map<string, number> | null = null; // counted only for an article with references
  const numberOf = (id: string) => (numbers ??= articleNumbers(doc)).get(id);
  const { text, positions } = articleTextPositions(doc.nodeAt(at)!, at, shown.language, numberOf);
  if (text !== shown.runs.map((run) => run.text).join('')) return null;
  const decorations: Decoration[] = [];
  let offset = 0;
  for (const run of shown.runs) {
    const attrs = { class: 'blame-run', style: `background-color: ${run.color}`, title: run.title };
    // Consecutive characters at consecutive positions make one range; a reference is one node.
    let from = -1;
    let to = -1;
    for (let i = offset; i < offset + run.text.length; i++) {
      const pos = positions[i];
      if (pos < 0 || pos === to - 1) continue;
      if (pos === to) {
        to = pos + 1;
        continue;
      }
      if (from >= 0) decorations.push(Decoration.inline(from, to, attrs));
      from = pos;
      to = pos + 1;
    }
    if (from >= 0) decorations.push(Decoration.inline(from, to, attrs));
    offset += run.text.length;
  }
  return decorations;
}

// Article numbers by id, counted through the whole draft as the outline counts them.
function articleNumbers(doc: PMNode): Map<string, number> {
  const numbers = new Map<string, number>();
  articlePositions(doc).forEach((pos, index) => {
    const id = doc.nodeAt(pos)?.attrs.id as string | null;
    if (id) numbers.set(id, index + 1);
  });
  return numbers;
}
