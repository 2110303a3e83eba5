/// The drafting editor: a plain ProseMirror view on core's schema, bound to the draft's Y.Doc with
/// y-prosemirror (sync, named cursors, per-person undo). Numbers are drawn by CSS counters (styles/
/// numbering.css); cross-reference labels, the outline and the toolbar's states are recomputed off the
/// keystroke path. Panels read the stores this class exposes; they never touch the view directly.
import { EditorState, Selection, TextSelection } from 'prosemirror-state';
import type { Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import { buildOutline, schema, uniqueIds } from '../../../core/index.ts';
import type { Language, Outline } from '../../../core/index.ts';
import { Store } from '../lib/store.ts';
import type { ReadableStore } from '../lib/store.ts';
import { structuralCommand } from './commands.ts';
import type { StructuralCommandId } from './commands.ts';
import { chapterNumberingPlugin } from './chapter-numbering.ts';
import { commandStates } from './command-states.ts';
import { currentArticle } from './current-article.ts';
import type { CommandStates } from './command-states.ts';
import { buildCursor, selectionAttrs } from './cursors.ts';
import { editorKeymaps } from './keymap.ts';
import { othersPresence } from './others-presence.ts';
import type { EditorRequest } from './keymap.ts';
import { narrowRemoteChanges } from './narrow-remote-changes.ts';
import { outlineWatch } from './outline-watch.ts';
import type { OutlineWatchHandle } from './outline-watch.ts';
import { storableText } from './storable-text.ts';
import { pasteImport } from './paste-import.ts';
import type { PastedLaw } from './paste-import.ts';
import { readOnly } from './read-only.ts';
import { RefLabels } from './ref-labels.ts';
import { copyAsRead } from './copy-as-read.ts';
import { findKey, findPlugin, findState } from './find-replace.ts';
import type { FindState } from './find-replace.ts';
import { noteView, titlePlaceholder } from './placeholders.ts';
import { countText, countedText } from './text-count.ts';
import type { TextCount } from './text-count.ts';

/// Options of DraftEditor.
export interface DraftEditorOptions {
  /// Where the editor goes; its content is replaced.
  readonly mount: HTMLElement;
  /// The draft's body and the presence of the people in it.
  readonly body: Y.XmlFragment;
  readonly awareness: Awareness;
  /// The draft's language: numbering and reference labels follow it.
  readonly language: Language;
  /// No typing and no structural commands (reviewers, clerks, viewers).
  readonly readOnly: boolean;
  /// Accessible name of the editing area.
  readonly label: string;
  /// Called when the keyboard asks for a confirmation or the cross-reference picker.
  readonly onRequest?: (request: EditorRequest) => void;
  /// Called after a plain-text law was pasted into the empty draft and imported.
  readonly onPasteImport?: (law: PastedLaw) => void;
  /// More plugins of other features (comment marks…), added after the editor's own.
  readonly plugins?: readonly Plugin[];
  /// Words the editor shows itself, in the UI language (asked each time they are drawn).
  readonly words?: EditorWords;
  /// Plugins that must see keys and typing before the editor's own keymaps (suggesting mode).
  readonly leadingPlugins?: readonly Plugin[];
  /// In read-only mode, whether the view takes typing all the same (see readOnly). Defaults to never.
  readonly takesInput?: (state: EditorState) => boolean;
}

/// Words the editor shows itself.
export interface EditorWords {
  /// The placeholder of an empty title.
  readonly titlePlaceholder: () => string;
  /// The folded note standing for a source comment.
  readonly sourceNote: () => string;
}

/// The counts of the draft and of the selection (null when nothing is selected).
export interface DraftCounts {
  readonly draft: TextCount;
  readonly selection: TextCount | null;
}

/// One editor on one draft.
export class DraftEditor {
  readonly view: EditorView;
  /// The outline, rebuilt in idle time after changes.
  readonly outline: ReadableStore<Outline>;
  /// The id of the article holding the cursor.
  readonly currentArticle: ReadableStore<string | null>;
  /// Which structural commands apply at the cursor.
  readonly commandStates: ReadableStore<CommandStates | null>;
  /// Words and characters of the draft (recounted with the outline, off the keystroke path) and of
  /// the selection.
  readonly counts: ReadableStore<DraftCounts>;
  /// The search of the find bar: its query, matches and current match.
  readonly find: ReadableStore<FindState>;
  readonly readOnly: boolean;
  private language: Language;
  private readonly outlineStore: Store<Outline>;
  private readonly currentStore = new Store<string | null>(null);
  private readonly statesStore = new Store<CommandStates | null>(null);
  private readonly countsStore = new Store<DraftCounts>({
    draft: { words: 0, characters: 0 },
    selection: null,
  });
  private selectionFrame = 0;
  private readonly findStore: Store<FindState>;
  private readonly refLabels: RefLabels;
  private readonly watch: OutlineWatchHandle;

  constructor(options: DraftEditorOptions) {
    this.language = options.language;
    this.readOnly = options.readOnly;
    const request = options.onRequest ?? (() => {});
    const { doc, mapping } = initialDoc(options.body);

    const initialOutline = buildOutline(doc, this.language);
    this.outlineStore = new Store(initialOutline);
    this.refLabels = new RefLabels(this.language);
    this.refLabels.update(initialOutline);
    this.outline = this.outlineStore;
    this.currentArticle = this.currentStore;
    this.commandStates = this.statesStore;
    this.counts = this.countsStore;
    this.findStore = new Store<FindState>({ query: null, scopeId: null, matches: [], current: -1 });
    this.find = this.findStore;
    const words = options.words ?? { titlePlaceholder: () => '', sourceNote: () => '' };

    const watch = outlineWatch({
      language: () => this.language,
      onOutline: (outline) => {
        this.refLabels.update(outline);
        this.outlineStore.set(outline);
        this.recount(true);
      },
      onCurrentArticle: (id) => this.currentStore.set(id),
      delay: 250,
      maxWait: 3000,
    });
    this.watch = watch.handle;

    const plugins: Plugin[] = [
      ySyncPlugin(options.body, mapping ? { mapping } : {}),
      yCursorPlugin(othersPresence(options.awareness), {
        cursorBuilder: buildCursor,
        selectionBuilder: selectionAttrs,
      }),
      ...(options.leadingPlugins ?? []),
    ];
    plugins.push(findPlugin(), titlePlaceholder(words.titlePlaceholder));
    if (options.readOnly) plugins.push(readOnly(options.takesInput));
    else {
      plugins.push(
        yUndoPlugin(),
        ...editorKeymaps(request),
        uniqueIds(),
        storableText(),
        pasteImport((law) => options.onPasteImport?.(law)),
        commandStates((states) => this.statesStore.set(states)),
      );
    }
    // After read-only (which refuses pastes) and paste-import (which takes a law pasted into an empty
    // draft): copying as it reads, and pasting structure into a draft with text.
    plugins.push(copyAsRead({ language: () => this.language, refText: (ref) => this.refText(ref) }));
    plugins.push(chapterNumberingPlugin(), currentArticle(), watch.plugin, ...(options.plugins ?? []));

    options.mount.replaceChildren();
    this.view = new EditorView(options.mount, {
      state: EditorState.create({ schema, doc, plugins }),
      nodeViews: { ref: this.refLabels.nodeView(), note: noteView(words.sourceNote) },
      dispatchTransaction: (tr) => {
        const before = this.view.state;
        this.view.updateState(before.apply(tr));
        if (findKey.getState(this.view.state) !== findKey.getState(before))
          this.findStore.set(findState(this.view.state));
        if (tr.selectionSet || (tr.docChanged && !this.view.state.selection.empty)) this.recount(false);
      },
      attributes: () => ({
        class: `lifa-doc lang-${this.language}${this.readOnly ? ' is-read-only' : ''}`,
        lang: this.language === 'zh' ? 'zh-CN' : 'en',
        spellcheck: 'false',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': options.label,
        // aria-readonly comes from the plugins that refuse input (read-only, Viewing mode).
        // Editable text is focusable anyway; saying so lets checkers see the scrolling sheet around it
        // can be reached from the keyboard.
        tabindex: '0',
      }),
    });
    narrowRemoteChanges(this.view);
    this.recount(true);
  }

  /// The text a cross-reference shows now.
  refText(ref: PMNode): string {
    return this.refLabels.labelFor(
      ref.attrs as { target: string | null; paragraph: number | null; item: number | null },
    ).text;
  }

  // Count the selection (on the next frame, once per frame) and, with `draft`, the whole draft.
  private recount(draft: boolean): void {
    if (draft && this.view) {
      const text = countedText(this.view.state.doc, (ref) => this.refText(ref));
      this.countsStore.update((counts) => ({ ...counts, draft: countText(text) }));
    }
    // Typing moves an empty selection: with no selection count shown there is nothing to redo.
    if (
      this.selectionFrame ||
      (this.view?.state.selection.empty && this.countsStore.get().selection === null)
    )
      return;
    this.selectionFrame = requestAnimationFrame(() => {
      this.selectionFrame = 0;
      if (this.view.isDestroyed) return;
      const { from, to, empty } = this.view.state.selection;
      const selection = empty
        ? null
        : countText(countedText(this.view.state.doc, (ref) => this.refText(ref), from, to));
      const before = this.countsStore.get().selection;
      if (selection === null && before === null) return;
      this.countsStore.update((counts) => ({ ...counts, selection }));
    });
  }

  /// Run structural command `id` at the cursor (after any confirmation the UI asked for). Returns false
  /// when it does not apply there, or in read-only mode.
  run(id: StructuralCommandId): boolean {
    if (this.readOnly) return false;
    const done = structuralCommand(id).command(this.view.state, this.view.dispatch);
    this.view.focus();
    return done;
  }

  /// Insert a cross-reference to `target` (an article id, optionally a paragraph and item) at the cursor.
  insertReference(target: string, paragraph: number | null = null, item: number | null = null): boolean {
    if (this.readOnly) return false;
    const node = schema.nodes.ref.create({ target, paragraph, item });
    const { $from, $to } = this.view.state.selection;
    if (!$from.parent.canReplaceWith($from.index(), $to.index(), schema.nodes.ref)) return false;
    this.view.dispatch(this.view.state.tr.replaceSelectionWith(node, false).scrollIntoView());
    this.view.focus();
    return true;
  }

  /// Put the cursor at the start of the part, chapter, section or article with `id` and scroll it to
  /// the top. Returns false when there is no such node.
  jumpToNode(id: string): boolean {
    const pos = findIdentified(this.view.state.doc, id);
    if (pos === null) return false;
    return this.jumpTo(pos);
  }

  /// Put the cursor at the first text at or after `pos` and scroll the node there into view (to the
  /// top for blocks, to the middle for inline nodes such as references).
  jumpTo(pos: number): boolean {
    const state = this.view.state;
    const at = Math.min(Math.max(pos, 0), state.doc.content.size);
    const $pos = state.doc.resolve(at);
    const selection = Selection.findFrom($pos, 1, true) ?? TextSelection.near($pos);
    this.view.dispatch(state.tr.setSelection(selection));
    const dom = this.view.nodeDOM(at);
    if (dom instanceof HTMLElement)
      dom.scrollIntoView({ block: $pos.parent.inlineContent ? 'center' : 'start' });
    else this.view.dispatch(this.view.state.tr.scrollIntoView());
    this.view.focus();
    return true;
  }

  /// Switch the numbering and reference labels to `language`.
  setLanguage(language: Language): void {
    if (language === this.language) return;
    this.language = language;
    this.view.setProps({});
    this.watch.flush(true);
  }

  /// Rebuild the outline now if a rebuild is pending.
  flushOutline(): void {
    this.watch.flush();
  }

  /// Move the keyboard focus into the text.
  focus(): void {
    this.view.focus();
  }

  /// Tear the view down (the Y.Doc stays with its owner).
  destroy(): void {
    cancelAnimationFrame(this.selectionFrame);
    this.view.destroy();
  }
}

function initialDoc(body: Y.XmlFragment): {
  doc: PMNode;
  mapping: ReturnType<typeof initProseMirrorDoc>['mapping'] | null;
} {
  if (body.length === 0) {
    // A new, empty draft: y-prosemirror fills it from the schema on the first change.
    return { doc: schema.topNodeType.createAndFill()!, mapping: null };
  }
  const { doc, mapping } = initProseMirrorDoc(body, schema);
  return { doc, mapping };
}

/// Position of the part, chapter, section or article with `id`, or null.
function findIdentified(doc: PMNode, id: string): number | null {
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.attrs.id === id && node.type.spec.attrs?.id) {
      found = pos;
      return false;
    }
    return node.type.name !== 'article' && !node.isTextblock;
  });
  return found;
}
