/// The comments in the editor: each open thread's passage highlighted, a badge in the margin of every
/// article with threads (how many, how many open), and a "Comment" button beside a selection.
///
/// Highlights follow the words. A local edit maps them through the transaction; a remote change
/// (y-prosemirror rebuilds the whole document, so mapping would lose them) recomputes them from the
/// anchors' relative positions, falling back on the quote (anchors.ts). Only articles with threads are
/// looked at, and only the structure is walked to find them, so a 1,300-article draft types as fast
/// with comments as without.
import { Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { selectionButton } from '../editor/selection-button.ts';
import type { ReadableStore } from '../lib/store.ts';
import { Store } from '../lib/store.ts';
import { articlePositions, captureSelection, resolveAnchor } from './anchors.ts';
import type { AnchorState, PassageCapture } from './anchors.ts';
import { articleCounts } from './threads.ts';
import { commentShortcut, matchesShortcut } from '../editor/shortcuts.ts';
import type { ThreadIndex } from './threads.ts';

/// Options of commentMarks.
export interface CommentMarksOptions {
  readonly threads: ReadableStore<ThreadIndex>;
  /// The active thread (highlighted more strongly).
  readonly active: ReadableStore<string | null>;
  /// Whether the user may comment (asked each time): shows the button beside a selection.
  readonly canComment: () => boolean;
  /// Words of the UI: the selection button, and a badge's accessible name.
  readonly words: {
    readonly comment: () => string;
    readonly badge: (threads: number, open: number) => string;
  };
  /// The user asked to comment on the selected passage.
  readonly onComment: (capture: PassageCapture) => void;
  /// The user clicked an article's badge, or a highlight (then with the thread's id).
  readonly onOpen: (articleId: string, threadId: string | null) => void;
}

interface MarksState {
  readonly decorations: DecorationSet;
  /// How each anchored thread was found.
  readonly anchors: ReadonlyMap<string, AnchorState>;
}

/// Key of the comment marks plugin.
export const commentMarksKey = new PluginKey<MarksState>('lifa-comment-marks');

/// A handle on the plugin: where each thread's passage was found.
export interface CommentMarks {
  readonly plugin: Plugin<MarksState>;
  /// For every anchored thread: found by its positions, by its quote, or lost.
  readonly anchorStates: ReadableStore<ReadonlyMap<string, AnchorState>>;
}

/// The comment marks plugin and its store of anchor states.
export function commentMarks(options: CommentMarksOptions): CommentMarks {
  const anchorStates = new Store<ReadonlyMap<string, AnchorState>>(new Map());

  const compute = (state: EditorState): MarksState => {
    const index = options.threads.get();
    const active = options.active.get();
    const counts = articleCounts(index);
    const articles = articlePositions(state.doc, new Set(counts.keys()));
    const decorations: Decoration[] = [];
    const anchors = new Map<string, AnchorState>();
    for (const [articleId, count] of counts) {
      const at = articles.get(articleId);
      if (!at) continue;
      decorations.push(
        // Room for the badge inside the article: chapters clip what overflows them (content-visibility).
        Decoration.node(at.pos, at.pos + at.node.nodeSize, { class: 'has-comments' }),
        Decoration.widget(at.pos + at.node.nodeSize - 1, badge(articleId, count.threads, count.open), {
          side: -1,
          ignoreSelection: true,
          stopEvent: () => true,
          key: `badge:${articleId}:${count.threads}:${count.open}`,
        }),
      );
      for (const thread of index.byArticle.get(articleId) ?? []) {
        const { root } = thread;
        if (!root.anchor || root.deleted) continue;
        const found = resolveAnchor(state, root.anchor, at);
        anchors.set(root.id, found.state);
        if (found.state === 'lost' || (root.status !== 'open' && root.id !== active)) continue;
        decorations.push(
          Decoration.inline(
            found.from,
            found.to,
            {
              class: `lifa-comment-mark${root.id === active ? ' is-active' : ''}`,
              'data-thread': root.id,
            },
            { inclusiveStart: false, inclusiveEnd: false },
          ),
        );
      }
    }
    return { decorations: DecorationSet.create(state.doc, decorations), anchors };
  };

  const badge = (articleId: string, threads: number, open: number) => (view: EditorView) => {
    const button = view.dom.ownerDocument.createElement('button');
    button.type = 'button';
    button.className = `lifa-comment-badge${open ? ' has-open' : ''}`;
    button.contentEditable = 'false';
    button.dataset.article = articleId;
    // The numbers are drawn by CSS from these attributes, so the editor's text stays the law's text.
    button.dataset.count = String(threads);
    button.dataset.open = String(open);
    button.setAttribute('aria-label', options.words.badge(threads, open));
    button.title = options.words.badge(threads, open);
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => options.onOpen(articleId, null));
    return button;
  };

  const plugin = new Plugin<MarksState>({
    key: commentMarksKey,
    state: {
      init: (_config, state) => compute(state),
      apply: (tr: Transaction, previous, _old, state) => {
        if (tr.getMeta(commentMarksKey) || tr.getMeta(ySyncPluginKey)) return compute(state);
        if (!tr.docChanged) return previous;
        return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) };
      },
    },
    props: {
      decorations: (state) => commentMarksKey.getState(state)?.decorations,
      // Ctrl+Alt+M (⌘⌥M): comment on the selected passage, as the button beside it does.
      handleKeyDown: (view, event) => {
        if (!matchesShortcut(event, commentShortcut) || !options.canComment()) return false;
        const capture = captureSelection(view.state);
        if (!capture) return false;
        view.dispatch(
          view.state.tr.setSelection(TextSelection.create(view.state.doc, view.state.selection.to)),
        );
        options.onComment(capture);
        return true;
      },
      handleClick: (view, _pos, event) => {
        const mark = (event.target as HTMLElement | null)?.closest?.('.lifa-comment-mark');
        const article = mark?.closest('.lifa-article') as HTMLElement | null;
        const thread = mark?.getAttribute('data-thread');
        if (!thread || !article?.dataset.id) return false;
        options.onOpen(article.dataset.id, thread);
        return false;
      },
    },
    view: (view) => {
      const refresh = () => {
        if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(commentMarksKey, true));
      };
      const stops = [options.threads.subscribe(refresh), options.active.subscribe(refresh)];
      const button = commentButton(view, options);
      const publish = (state: EditorState) => {
        const anchors = commentMarksKey.getState(state)?.anchors;
        if (anchors && anchors !== anchorStates.get()) anchorStates.set(anchors);
      };
      publish(view.state);
      return {
        update: (updated, previous) => {
          if (commentMarksKey.getState(updated.state) !== commentMarksKey.getState(previous))
            publish(updated.state);
          button.update();
        },
        destroy: () => {
          stops.forEach((stop) => stop());
          button.destroy();
        },
      };
    },
  });
  return { plugin, anchorStates };
}

/// The "Comment" button shown below a non-empty selection in an article.
function commentButton(view: EditorView, options: CommentMarksOptions) {
  return selectionButton(view, {
    className: 'lifa-comment-new',
    label: options.words.comment,
    enabled: options.canComment,
    onClick: () => {
      const capture = captureSelection(view.state);
      if (!capture) return;
      // The passage is highlighted from now on: the selection has done its work.
      const { to } = view.state.selection;
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, to)));
      options.onComment(capture);
    },
  });
}
