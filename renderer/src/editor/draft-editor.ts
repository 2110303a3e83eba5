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
import { outlineWatch } from './outline-watch.ts';
import type { OutlineWatchHandle } from './outline-watch.ts';
import { pasteImport } from './paste-import.ts';
import type { PastedLaw } from './paste-import.ts';
import { readOnly } from './read-only.ts';
import { RefLabels } from './ref-labels.ts';

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
  /// Plugins that must see keys and typing before the editor's own keymaps (suggesting mode).
  readonly leadingPlugins?: readonly Plugin[];
  /// In read-only mode, whether the view takes typing all the same (see readOnly). Defaults to never.
  readonly takesInput?: (state: EditorState) => boolean;
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
  readonly readOnly: boolean;
  private language: Language;
  private readonly outlineStore: Store<Outline>;
  private readonly currentStore = new Store<string | null>(null);
  private readonly statesStore = new Store<CommandStates | null>(null);
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

    const watch = outlineWatch({
      language: () => this.language,
      onOutline: (outline) => {
        this.refLabels.update(outline);
        this.outlineStore.set(outline);
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
    if (options.readOnly) plugins.push(readOnly(options.takesInput));
    else {
      plugins.push(
        yUndoPlugin(),
        ...editorKeymaps(request),
        uniqueIds(),
        pasteImport((law) => options.onPasteImport?.(law)),
        commandStates((states) => this.statesStore.set(states)),
      );
    }
    plugins.push(chapterNumberingPlugin(), currentArticle(), watch.plugin, ...(options.plugins ?? []));

    options.mount.replaceChildren();
    this.view = new EditorView(options.mount, {
      state: EditorState.create({ schema, doc, plugins }),
      nodeViews: { ref: this.refLabels.nodeView() },
      attributes: () => ({
        class: `lifa-doc lang-${this.language}${this.readOnly ? ' is-read-only' : ''}`,
        lang: this.language === 'zh' ? 'zh-CN' : 'en',
        spellcheck: 'false',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': options.label,
        'aria-readonly': String(this.readOnly),
      }),
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
