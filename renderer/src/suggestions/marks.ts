/// Suggestions drawn in the editor as tracked changes: the words a suggestion replaces or deletes
/// struck through, the words it proposes underlined in its author's colour, a new paragraph, item or
/// article as an underlined block where it would go, an article proposed for deletion struck through
/// as a whole; and a "Suggest" button above a selection. Nothing here changes the document.
///
/// Marks follow the words as comment highlights do: a local edit maps them through the transaction,
/// a remote change (y-prosemirror rebuilds the document) recomputes them from the anchors, and a
/// local edit also recomputes them once typing pauses, so a suggestion whose words were just changed
/// shows as stale. Only the articles with undecided suggestions are read.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { remoteChangeNeedsRebuild } from '../editor/narrow-remote-changes.ts';
import type { EditorView } from 'prosemirror-view';
import type { TextBlock } from '../../../core/index.ts';
import type { PassageCapture } from '../comments/anchors.ts';
import { captureSelection } from '../comments/anchors.ts';
import { selectionButton } from '../editor/selection-button.ts';
import { Store } from '../lib/store.ts';
import type { ReadableStore } from '../lib/store.ts';
import { afterBlock, articlesById, beforeBlock, locate, positionIn } from './locate.ts';
import type { ArticleAt, Findable } from './locate.ts';
import type { DraftSuggestions } from './store.ts';

/// A suggestion being typed in Suggesting mode, before (or while) it is saved.
export interface PendingSuggestion extends Findable {
  /// Identifies it on this page while it is typed.
  readonly key: number;
  /// Its server id once saved (or when the user goes on typing at the end of one of theirs).
  readonly id: string | null;
  readonly replacement: string;
  readonly author: string;
}

/// Whether each drawn suggestion was found (open) or not (stale), by id.
export type SuggestionStates = ReadonlyMap<string, 'open' | 'stale'>;

/// Options of suggestionMarks.
export interface SuggestionMarksOptions {
  readonly suggestions: DraftSuggestions;
  readonly pending: ReadableStore<PendingSuggestion | null>;
  /// The colour of an author.
  readonly color: (username: string) => string;
  /// Whether the user may suggest (asked each time): shows the button above a selection.
  readonly canSuggest: () => boolean;
  /// Words of the UI.
  readonly words: {
    readonly suggest: () => string;
    readonly newArticle: () => string;
    readonly newParagraph: () => string;
    readonly newItem: () => string;
    readonly by: (author: string) => string;
  };
  /// The user clicked a suggestion (its id) in article `articleId`.
  readonly onOpen: (suggestionId: string, articleId: string) => void;
  /// The user asked to suggest new words for the selected passage.
  readonly onSuggestSelection: (capture: PassageCapture) => void;
}

interface MarksState {
  readonly decorations: DecorationSet;
  readonly states: SuggestionStates;
}

/// Key of the suggestion marks plugin; a transaction with this meta recomputes the marks.
export const suggestionMarksKey = new PluginKey<MarksState>('lifa-suggestion-marks');

/// A handle on the plugin.
export interface SuggestionMarks {
  readonly plugin: Plugin<MarksState>;
  /// Whether each undecided suggestion stands open or stale in the editor's text now.
  readonly states: ReadableStore<SuggestionStates>;
}

/// The suggestion marks plugin and its store of states.
export function suggestionMarks(options: SuggestionMarksOptions): SuggestionMarks {
  const states = new Store<SuggestionStates>(new Map());

  const compute = (state: EditorState): MarksState => {
    const index = options.suggestions.index.get();
    const pending = options.pending.get();
    const active = options.suggestions.active.get();
    const shown: (Findable & { id: string; replacement: string; author: string; pending: boolean })[] = [];
    for (const list of index.undecided.values()) {
      for (const s of list) {
        if (pending?.id === s.id) continue;
        shown.push({ ...s, author: s.author.username ?? '?', pending: false });
      }
    }
    if (pending) shown.push({ ...pending, id: pending.id ?? 'pending', pending: true });
    const articles = articlesById(state.doc, new Set(shown.map((s) => s.articleId)));
    const decorations: Decoration[] = [];
    const found = new Map<string, 'open' | 'stale'>();
    for (const s of shown) {
      const at = articles.get(s.articleId);
      const where = locate(state, s, at);
      if (!s.pending) found.set(s.id, where.state);
      if (where.state !== 'open' || !at) continue;
      const look = {
        id: s.id,
        color: options.color(s.author),
        active: s.id === active,
        pending: s.pending,
        title: options.words.by(s.author),
      };
      decorations.push(...marksOf(state, s, at, where, look, options));
    }
    return { decorations: DecorationSet.create(state.doc, decorations), states: found };
  };

  let idle: ReturnType<typeof setTimeout> | null = null;
  const plugin = new Plugin<MarksState>({
    key: suggestionMarksKey,
    state: {
      init: (_config, state) => compute(state),
      apply: (tr: Transaction, previous, _old, state) => {
        if (tr.getMeta(suggestionMarksKey) || remoteChangeNeedsRebuild(tr)) return compute(state);
        if (!tr.docChanged) return previous;
        return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) };
      },
    },
    props: {
      decorations: (state) => suggestionMarksKey.getState(state)?.decorations,
      handleClick: (view, _pos, event) => {
        const mark = (event.target as HTMLElement | null)?.closest?.(
          '[data-suggestion]',
        ) as HTMLElement | null;
        const article = mark?.closest('.lifa-article') as HTMLElement | null;
        const id = mark?.dataset.suggestion;
        if (!id || id === 'pending' || !article?.dataset.id) return false;
        options.onOpen(id, article.dataset.id);
        return false;
      },
    },
    view: (view) => {
      const refresh = () => {
        if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(suggestionMarksKey, true));
      };
      const stops = [
        options.suggestions.index.subscribe(refresh),
        options.suggestions.active.subscribe(refresh),
        options.pending.subscribe(refresh),
      ];
      const button = suggestButton(view, options);
      const publish = (state: EditorState) => {
        const now = suggestionMarksKey.getState(state)?.states;
        if (now && now !== states.get()) states.set(now);
      };
      publish(view.state);
      return {
        update: (updated, previous) => {
          if (suggestionMarksKey.getState(updated.state) !== suggestionMarksKey.getState(previous))
            publish(updated.state);
          // A local edit may have changed a suggestion's words: look again once typing pauses.
          if (updated.state.doc !== previous.doc && options.suggestions.index.get().undecided.size) {
            if (idle) clearTimeout(idle);
            idle = setTimeout(() => {
              idle = null;
              refresh();
            }, 400);
          }
          button.update();
        },
        destroy: () => {
          if (idle) clearTimeout(idle);
          stops.forEach((stop) => stop());
          button.destroy();
        },
      };
    },
  });
  return { plugin, states };
}

interface Look {
  readonly id: string;
  readonly color: string;
  readonly active: boolean;
  readonly pending: boolean;
  readonly title: string;
}

/// The decorations of one located suggestion.
function marksOf(
  state: EditorState,
  s: Findable & { replacement: string },
  at: ArticleAt,
  where: { from: number; to: number; block: TextBlock | null },
  look: Look,
  options: SuggestionMarksOptions,
): Decoration[] {
  const classes = (base: string) =>
    `${base}${look.active ? ' is-active' : ''}${look.pending ? ' is-pending' : ''}`;
  const attrs = (base: string) => ({
    class: classes(base),
    style: `--sugg-color: ${look.color}`,
    'data-suggestion': look.id,
    title: look.title,
  });
  const block = (kind: string, label: string, text: string) => (view: EditorView) => {
    const dom = view.dom.ownerDocument.createElement('div');
    const a = attrs(`lifa-sugg-block lifa-sugg-${kind}`);
    dom.className = a.class;
    dom.setAttribute('style', a.style);
    dom.dataset.suggestion = look.id;
    dom.title = look.title;
    dom.contentEditable = 'false';
    const tag = view.dom.ownerDocument.createElement('span');
    tag.className = 'lifa-sugg-tag';
    tag.textContent = label;
    dom.appendChild(tag);
    for (const line of text.split('\n')) {
      const p = view.dom.ownerDocument.createElement('ins');
      p.className = 'lifa-sugg-ins';
      p.textContent = line || '\u200b';
      dom.appendChild(p);
    }
    return dom;
  };
  const key = `${look.id}:${look.color}:${look.active}:${look.pending}:${s.replacement}`;
  switch (s.kind) {
    case 'text': {
      const from = positionIn(at, where.from);
      const to = positionIn(at, where.to);
      const out: Decoration[] = [];
      if (to > from)
        out.push(
          Decoration.inline(from, to, attrs('lifa-sugg-del'), { inclusiveStart: false, inclusiveEnd: false }),
        );
      if (s.replacement || look.pending) {
        out.push(
          Decoration.widget(
            to,
            (view) => {
              const ins = view.dom.ownerDocument.createElement('ins');
              const a = attrs('lifa-sugg-ins');
              ins.className = a.class;
              ins.setAttribute('style', a.style);
              ins.dataset.suggestion = look.id;
              ins.title = look.title;
              ins.textContent = s.replacement;
              return ins;
            },
            { side: -1, marks: [], key: `ins:${key}`, ignoreSelection: true },
          ),
        );
      }
      return out;
    }
    case 'delete-article':
      return [Decoration.node(at.pos, at.pos + at.node.nodeSize, attrs('lifa-sugg-deleted'))];
    case 'insert-article':
      return [
        Decoration.widget(
          at.pos + at.node.nodeSize,
          block('article', options.words.newArticle(), s.replacement),
          {
            side: -1,
            key: `article:${key}`,
            ignoreSelection: true,
            stopEvent: () => true,
          },
        ),
      ];
    case 'insert-paragraph':
    case 'insert-item': {
      if (!where.block) return [];
      const first = s.kind === 'insert-item' ? (s.place?.item ?? 0) <= 0 : (s.place?.paragraph ?? 1) <= 0;
      const label = s.kind === 'insert-item' ? options.words.newItem() : options.words.newParagraph();
      const pos = first
        ? s.kind === 'insert-item'
          ? afterLead(state, at, where.block)
          : beforeBlock(state, at, where.block)
        : afterBlock(state, at, where.block);
      return [
        Decoration.widget(pos, block(s.kind === 'insert-item' ? 'item' : 'paragraph', label, s.replacement), {
          side: first && s.kind !== 'insert-item' ? 1 : -1,
          key: `block:${key}`,
          ignoreSelection: true,
          stopEvent: () => true,
        }),
      ];
    }
  }
}

/// The position right after a paragraph's own text (its lead), before its items.
function afterLead(state: EditorState, at: ArticleAt, block: TextBlock): number {
  const $lead = state.doc.resolve(at.text.starts[at.text.blocks.indexOf(block)]);
  return $lead.after();
}

/// The "Suggest" button shown above a non-empty selection in an article.
function suggestButton(view: EditorView, options: SuggestionMarksOptions) {
  return selectionButton(view, {
    className: 'lifa-suggest-new',
    label: options.words.suggest,
    enabled: options.canSuggest,
    placement: 'above-start',
    onClick: () => {
      const capture = captureSelection(view.state);
      if (capture) options.onSuggestSelection(capture);
    },
  });
}
