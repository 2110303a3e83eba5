/// Suggesting mode: what the user types becomes a suggestion instead of an edit. Typed text is
/// proposed for insertion where the cursor is; typing over a selection proposes a replacement;
/// Backspace and Delete propose deleting the characters they pass (struck through, the cursor staying
/// put); Enter proposes a new paragraph (or, in an item, a new item) whose text is what follows. The
/// words being typed are saved as one suggestion when typing pauses and whenever the cursor leaves
/// them; going on typing at the end of an own suggestion extends it. Undo withdraws it.
///
/// In every mode but Editing, no local transaction may change the document: the server would refuse
/// a reviewer's change (4403) and a drafter's would not be a suggestion. The editor's own keymaps come
/// after this plugin, so Enter and Backspace reach it first.
import { Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { blockAt, contextAround, offsetOfPosition } from '../../../core/index.ts';
import type { SuggestionJson } from '../../../core/index.ts';
import { articleAround } from '../comments/anchors.ts';
import { isRemoteChange, refuseInput } from '../editor/read-only.ts';
import type { Store } from '../lib/store.ts';
import { anchorOf, articlesById, locate, positionIn, relativeAt } from './locate.ts';
import type { ArticleAt } from './locate.ts';
import type { PendingSuggestion } from './marks.ts';
import type { DraftSuggestions } from './store.ts';

/// Options of suggesting.
export interface SuggestingOptions {
  readonly suggestions: DraftSuggestions;
  readonly pending: Store<PendingSuggestion | null>;
  /// The signed-in user's name.
  readonly user: string;
  /// Something the user tried cannot be suggested here (a key of the `suggestions.cannot*` words).
  readonly onRefusal: (why: 'outside' | 'subitem' | 'failed', detail?: string) => void;
  /// How long typing must pause before the words are saved. Defaults to 800 ms.
  readonly saveDelay?: number;
}

/// A handle on the plugin: save what is being typed now.
export interface Suggesting {
  readonly plugin: Plugin;
  /// Save the suggestion being typed and stop extending it. Resolves once saved.
  finish(): Promise<void>;
}

const key = new PluginKey<{ lastLocalEdit: number }>('lifa-suggesting');

let keys = 0;

/// The suggesting plugin.
export function suggesting(options: SuggestingOptions): Suggesting {
  const { suggestions, pending } = options;
  const mode = () => suggestions.mode.get();
  const saveDelay = options.saveDelay ?? 800;

  // What the server holds of each pending suggestion, and the latest version of each, by key.
  const saved = new Map<number, { id: string; quote: string; replacement: string }>();
  const latest = new Map<number, PendingSuggestion>();
  const chains = new Map<number, Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const save = async (k: number): Promise<void> => {
    const p = latest.get(k);
    if (!p) return;
    const before = saved.get(k);
    const empty =
      p.kind === 'text' ? p.quote === p.replacement || (!p.quote && !p.replacement) : !p.replacement.trim();
    try {
      if (empty) {
        if (before) await suggestions.withdraw(before.id);
        saved.delete(k);
        return;
      }
      if (!before && !p.id) {
        const made = await create(p);
        saved.set(k, { id: made.id, quote: made.quote, replacement: made.replacement });
        const now = pending.get();
        if (now?.key === k) pending.set({ ...now, id: made.id, anchor: now.anchor ?? made.anchor });
        return;
      }
      const id = before?.id ?? p.id!;
      const server = before ?? {
        id,
        quote: suggestions.get(id)?.quote ?? p.quote,
        replacement: suggestions.get(id)?.replacement ?? '',
      };
      if (p.kind === 'text' && server.quote !== p.quote) {
        await suggestions.rebase(id, {
          quote: p.quote,
          prefix: p.prefix,
          suffix: p.suffix,
          replacement: p.replacement,
        });
      } else if (server.replacement !== p.replacement) {
        await suggestions.edit(id, { replacement: p.replacement });
      }
      saved.set(k, { id, quote: p.quote, replacement: p.replacement });
    } catch (error) {
      options.onRefusal('failed', error instanceof Error ? error.message : String(error));
    }
  };

  const create = (p: PendingSuggestion): Promise<SuggestionJson> => {
    switch (p.kind) {
      case 'insert-paragraph':
        return suggestions.create({
          kind: 'insert-paragraph',
          articleId: p.articleId,
          after: p.place?.paragraph,
          text: p.replacement,
        });
      case 'insert-item':
        return suggestions.create({
          kind: 'insert-item',
          articleId: p.articleId,
          paragraph: p.place?.paragraph ?? 1,
          after: p.place?.item,
          text: p.replacement,
        });
      default:
        return suggestions.create({
          kind: 'text',
          articleId: p.articleId,
          quote: p.quote,
          replacement: p.replacement,
          prefix: p.prefix,
          suffix: p.suffix,
          ...(p.anchor ? { start: p.anchor.start, end: p.anchor.end } : {}),
        });
    }
  };

  /// Queue saving the suggestion with key `k` (after those queued before it).
  const queue = (k: number): Promise<void> => {
    const next = (chains.get(k) ?? Promise.resolve()).then(() => save(k));
    chains.set(k, next);
    return next;
  };

  const update = (next: PendingSuggestion | null) => {
    if (next) latest.set(next.key, next);
    pending.set(next);
    if (timer) clearTimeout(timer);
    timer = next ? setTimeout(() => void queue(next.key), saveDelay) : null;
  };

  /// Stop extending the pending suggestion and save it.
  const finish = (): Promise<void> => {
    const current = pending.get();
    if (timer) clearTimeout(timer);
    timer = null;
    if (!current) return Promise.resolve();
    pending.set(null);
    return queue(current.key).then(() => {
      latest.delete(current.key);
      saved.delete(current.key);
      chains.delete(current.key);
    });
  };

  const articleOf = (state: EditorState, pos: number): ArticleAt | null => {
    const around = articleAround(state.doc, pos);
    if (!around?.id) return null;
    return articlesById(state.doc, new Set([around.id])).get(around.id) ?? null;
  };

  /// Where the pending suggestion's words end now (for text), or null.
  const pendingEnd = (state: EditorState, p: PendingSuggestion): number | null => {
    if (p.kind !== 'text') return null;
    const at = articlesById(state.doc, new Set([p.articleId])).get(p.articleId);
    const where = locate(state, p, at);
    return where.state === 'open' && at ? positionIn(at, where.to) : null;
  };

  /// Whether the cursor at `pos` is where the pending block suggestion is typed (its block).
  const inPendingBlock = (state: EditorState, p: PendingSuggestion, pos: number): boolean => {
    if (p.kind === 'text') return false;
    const at = articlesById(state.doc, new Set([p.articleId])).get(p.articleId);
    const where = locate(state, p, at);
    if (where.state !== 'open' || !at) return false;
    return pos >= positionIn(at, where.from) && pos <= positionIn(at, where.to);
  };

  /// A new text suggestion on `[from, to)` of the block holding `from`, proposing `replacement`.
  const startText = (
    view: EditorView,
    from: number,
    to: number,
    replacement: string,
  ): PendingSuggestion | null => {
    const state = view.state;
    const at = articleOf(state, from);
    if (!at) return null;
    const offset = offsetOfPosition(at.text, from);
    if (offset === null) return null;
    const block = blockAt(at.text, offset)!;
    const end = Math.min(offsetOfPosition(at.text, to) ?? block.to, block.to);
    const quote = at.text.text.slice(offset, Math.max(offset, end));
    const stop = positionIn(at, Math.max(offset, end));
    const anchor = anchorOf(state, from, stop);
    return {
      key: ++keys,
      id: null,
      kind: 'text',
      articleId: at.node.attrs.id as string,
      quote,
      replacement,
      ...contextAround(at.text.text, offset, offset + quote.length),
      place: null,
      anchor,
      author: options.user,
    };
  };

  /// The user's own open text suggestion whose words end at `pos`, if any.
  const ownEndingAt = (state: EditorState, pos: number): SuggestionJson | null => {
    const at = articleOf(state, pos);
    if (!at) return null;
    for (const s of suggestions.index.get().undecided.get(at.node.attrs.id as string) ?? []) {
      if (!s.mine || s.kind !== 'text' || s.status !== 'open') continue;
      const where = locate(state, s, at);
      if (where.state === 'open' && positionIn(at, where.to) === pos) return s;
    }
    return null;
  };

  const setCursor = (view: EditorView, pos: number) => {
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
  };

  const type = (view: EditorView, from: number, to: number, text: string): boolean => {
    const state = view.state;
    if (!articleOf(state, from)) {
      options.onRefusal('outside');
      return true;
    }
    const current = pending.get();
    if (from !== to) {
      void finish();
      const started = startText(view, from, to, text);
      if (started) {
        update(started);
        const end = pendingEnd(view.state, started);
        if (end !== null) setCursor(view, end);
      }
      return true;
    }
    if (current && inPendingBlock(state, current, from)) {
      update({ ...current, replacement: current.replacement + text });
      return true;
    }
    if (current && pendingEnd(state, current) === from) {
      update({ ...current, replacement: current.replacement + text });
      return true;
    }
    void finish();
    const own = ownEndingAt(state, from);
    if (own) {
      update({
        key: ++keys,
        id: own.id,
        kind: 'text',
        articleId: own.articleId,
        quote: own.quote,
        replacement: own.replacement + text,
        prefix: own.prefix,
        suffix: own.suffix,
        place: null,
        anchor: own.anchor,
        author: options.user,
      });
      return true;
    }
    const started = startText(view, from, from, text);
    if (started) update(started);
    return true;
  };

  const backspace = (view: EditorView, forward: boolean): boolean => {
    const state = view.state;
    const { from, to, empty } = state.selection;
    if (!empty) return type(view, from, to, '');
    const current = pending.get();
    if (current && inPendingBlock(state, current, from)) {
      const replacement = current.replacement.slice(0, -1);
      if (!replacement && !current.id) update(null);
      else update({ ...current, replacement });
      return true;
    }
    const at = articleOf(state, from);
    if (!at) return true;
    const offset = offsetOfPosition(at.text, from);
    if (offset === null) return true;
    const block = blockAt(at.text, offset)!;
    if (current && current.kind === 'text' && pendingEnd(state, current) === from) {
      if (current.replacement && !forward) {
        update({ ...current, replacement: current.replacement.slice(0, -1) });
        return true;
      }
      const where = locate(state, current, at);
      if (where.state !== 'open') return true;
      const start = forward ? where.from : where.from - 1;
      const end = forward ? where.to + 1 : where.to;
      if (start < block.from || end > block.to) return true;
      const quote = at.text.text.slice(start, end);
      const anchor = anchorOf(state, positionIn(at, start), positionIn(at, end));
      update({ ...current, quote, ...contextAround(at.text.text, start, end), anchor });
      if (forward) setCursor(view, positionIn(at, end));
      return true;
    }
    const start = forward ? offset : offset - 1;
    const end = forward ? offset + 1 : offset;
    if (start < block.from || end > block.to) return true;
    void finish();
    const started = startText(view, positionIn(at, start), positionIn(at, end), '');
    if (started) {
      update(started);
      setCursor(view, positionIn(at, end));
    }
    return true;
  };

  const enter = (view: EditorView): boolean => {
    const state = view.state;
    const at = articleOf(state, state.selection.from);
    if (!at) {
      options.onRefusal('outside');
      return true;
    }
    const offset = offsetOfPosition(at.text, state.selection.from);
    const block = offset === null ? null : blockAt(at.text, offset);
    if (!block) return true;
    if (block.kind === 'subitem') {
      options.onRefusal('subitem');
      return true;
    }
    void finish();
    const kind = block.kind === 'item' ? 'insert-item' : 'insert-paragraph';
    const start = relativeAt(state, positionIn(at, block.from), 0);
    update({
      key: ++keys,
      id: null,
      kind,
      articleId: at.node.attrs.id as string,
      quote: at.text.text.slice(block.from, block.to),
      replacement: '',
      prefix: '',
      suffix: '',
      place:
        kind === 'insert-item'
          ? { paragraph: block.path[0] + 1, item: block.path[1] + 1 }
          : { paragraph: block.path[0] + 1 },
      anchor: start ? { start, end: start } : null,
      author: options.user,
    });
    setCursor(view, positionIn(at, block.to));
    return true;
  };

  /// Undo in Suggesting mode: drop what is being typed, or withdraw the user's latest suggestion.
  const undoSuggestion = (): boolean => {
    const current = pending.get();
    if (current) {
      const replaced = { ...current, replacement: current.kind === 'text' ? current.quote : '' };
      latest.set(current.key, replaced);
      pending.set(replaced);
      void finish();
      return true;
    }
    for (let i = suggestions.made.length - 1; i >= 0; i--) {
      const made = suggestions.get(suggestions.made[i].id);
      if (made && made.mine && (made.status === 'open' || made.status === 'stale')) {
        void suggestions
          .withdraw(made.id)
          .catch((error: Error) => options.onRefusal('failed', error.message));
        return true;
      }
    }
    return true;
  };

  /// Undo in Editing mode: take back the user's latest accept or reject when it is newer than their
  /// latest edit of the text; else leave it to the editor's undo.
  const undoDecision = (state: EditorState): boolean => {
    const last = suggestions.decisions[suggestions.decisions.length - 1];
    if (!last || last.at < (key.getState(state)?.lastLocalEdit ?? 0)) return false;
    void suggestions.undo(last.id).catch((error: Error) => options.onRefusal('failed', error.message));
    return true;
  };

  const isMod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey;

  // While a key is handled, the cursor and the pending suggestion change one after the other: the
  // check that the cursor left the suggestion waits until both are done.
  let handling = false;
  const handle = (fn: () => boolean): boolean => {
    handling = true;
    try {
      return fn();
    } finally {
      handling = false;
    }
  };

  const viewing = refuseInput(() => mode() === 'viewing');
  const plugin = new Plugin<{ lastLocalEdit: number }>({
    key,
    state: {
      init: () => ({ lastLocalEdit: 0 }),
      apply: (tr: Transaction, value) =>
        tr.docChanged && !isRemoteChange(tr) ? { lastLocalEdit: Date.now() } : value,
    },
    filterTransaction: (tr) => mode() === 'editing' || !tr.docChanged || isRemoteChange(tr),
    props: {
      // Viewing refuses input but keeps the caret, to select and comment from the keyboard.
      attributes: viewing.attributes,
      handleTextInput: (view, from, to, text) =>
        mode() === 'suggesting' ? handle(() => type(view, from, to, text)) : mode() === 'viewing',
      handleKeyDown: (view, event) => {
        const m = mode();
        if (m === 'editing') {
          if (isMod(event) && !event.shiftKey && event.key.toLowerCase() === 'z')
            return undoDecision(view.state);
          return false;
        }
        if (m !== 'suggesting') return false;
        if (isMod(event) && event.key.toLowerCase() === 'z') return event.shiftKey ? true : undoSuggestion();
        if (isMod(event) && event.key.toLowerCase() === 'y') return true;
        if (event.key === 'Backspace') return handle(() => backspace(view, false));
        if (event.key === 'Delete') return handle(() => backspace(view, true));
        if (event.key === 'Enter') return handle(() => enter(view));
        if (event.key === 'Escape') {
          void finish();
          return true;
        }
        return false;
      },
      handlePaste: (view, event) => {
        if (mode() !== 'suggesting') return mode() === 'viewing';
        const text = event.clipboardData?.getData('text/plain') ?? '';
        const { from, to } = view.state.selection;
        return handle(() => type(view, from, to, text.replace(/\s*\n\s*/g, ' ')));
      },
      handleDrop: () => mode() !== 'editing',
      handleDOMEvents: {
        beforeinput: viewing.beforeinput,
        blur: () => {
          void finish();
          return false;
        },
      },
    },
    view: () => ({
      update: (view) => {
        const current = pending.get();
        if (!current || handling) return;
        const { head, empty } = view.state.selection;
        const here =
          current.kind === 'text'
            ? empty && pendingEnd(view.state, current) === head
            : inPendingBlock(view.state, current, head);
        if (!here) void finish();
      },
      destroy: () => void finish(),
    }),
  });

  // Leaving Suggesting mode saves what is being typed.
  suggestions.mode.subscribe((m) => {
    if (m !== 'suggesting') void finish();
  });

  return { plugin, finish };
}
