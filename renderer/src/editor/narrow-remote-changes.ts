/// Remote changes as small transactions. y-prosemirror (pinned at 1.3.7) applies every change that
/// arrives from Yjs by replacing the whole document (0 to its end) with the rebuilt one. The view
/// copes, since unchanged nodes are reused, but every decoration set is mapped through a replacement
/// of everything (so each plugin must rebuild its decorations from scratch), the chapter numbering
/// is recomputed, and on a 1,300-article draft a peer typing 5 keys a second costs more per keystroke
/// than one's own typing. This module lets y-prosemirror build its transaction exactly as it does
/// (its node cache, its selection restore), catches it before it is dispatched, and dispatches in its
/// place one that replaces only the range that differs. The result is checked to equal y-prosemirror's
/// document, else its own transaction goes through as before. The binding's node cache then points at
/// the nodes now in the view (the replacement copies the ancestors of the change), so the next local
/// keystroke finds them by identity.
///
/// Transactions made here carry `narrowRemoteChangeKey` as meta: plugins may map their decorations
/// through them, as through a local edit, instead of rebuilding them.
import type { Node as PMNode } from 'prosemirror-model';
import { PluginKey, Selection } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';

/// Meta key marking a remote change applied as a narrow replacement.
export const narrowRemoteChangeKey = new PluginKey('lifa-narrow-remote-change');

/// Whether `tr` is a remote change that plugins may map their decorations through.
export function isNarrowRemoteChange(tr: Transaction): boolean {
  return tr.getMeta(narrowRemoteChangeKey) === true;
}

/// Whether `tr` comes from Yjs in a form that decorations anchored in the text cannot be mapped
/// through: a whole-document replacement, or an undo or redo (which brings back text whose
/// decorations a mapping would have dropped). Plugins rebuild theirs then.
export function remoteChangeNeedsRebuild(tr: Transaction): boolean {
  const sync = tr.getMeta(ySyncPluginKey) as { isUndoRedoOperation?: boolean } | undefined;
  if (!sync) return false;
  return !isNarrowRemoteChange(tr) || sync.isUndoRedoOperation === true;
}

type Observer = (events: Array<Y.YEvent<Y.XmlElement>>, transaction: Y.Transaction) => void;

/// The parts of y-prosemirror's ProsemirrorBinding used here (its 1.3.7 fields).
export interface Binding {
  readonly type: Y.XmlFragment;
  readonly mapping: Map<unknown, unknown>;
  readonly prosemirrorView: EditorView | null;
  readonly mux: (fn: () => void) => void;
  _observeFunction: Observer;
  readonly _typeChanged: Observer;
}

/// Make the y-prosemirror binding of `view` apply remote changes as narrow replacements. Call once,
/// right after the view is created.
export function narrowRemoteChanges(view: EditorView): void {
  const binding = (ySyncPluginKey.getState(view.state) as { binding?: Binding } | undefined)?.binding;
  if (!binding || binding.prosemirrorView !== view || typeof binding._typeChanged !== 'function') return;
  const observer: Observer = (events, transaction) => {
    const dispatch = view.dispatch;
    let caught: Transaction | null = null;
    // EditorView binds dispatch to the instance, so the binding calls this own property.
    view.dispatch = (tr) => {
      caught = tr;
    };
    try {
      binding._typeChanged(events, transaction);
    } finally {
      view.dispatch = dispatch;
    }
    if (!caught) return;
    const full: Transaction = caught;
    let tr = full;
    try {
      tr = narrowed(view.state, full, binding);
    } catch (error) {
      console.error('lifa: a remote change could not be narrowed; applying it whole', error);
    }
    // Inside the binding's mutex, as y-prosemirror dispatches: the sync plugin must not write this
    // change back to Yjs.
    binding.mux(() => dispatch(tr));
  };
  binding.type.unobserveDeep(binding._observeFunction);
  binding._observeFunction = observer;
  binding.type.observeDeep(observer);
}

/// The narrow equivalent of y-prosemirror's whole-document transaction `full` on `state`, or `full`
/// itself when it is not such a transaction or no narrow one gives the same document.
export function narrowed(state: EditorState, full: Transaction, binding: Binding): Transaction {
  const sync = full.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  if (!sync?.isChangeOrigin || full.steps.length !== 1 || full.before !== state.doc) return full;
  const current = state.doc;
  const rebuilt = full.doc;
  const tr = state.tr;
  const start = current.content.findDiffStart(rebuilt.content);
  if (start !== null) {
    const end = current.content.findDiffEnd(rebuilt.content)!;
    let endA = end.a;
    let endB = end.b;
    const overlap = start - Math.min(endA, endB);
    if (overlap > 0) {
      endA += overlap;
      endB += overlap;
    }
    try {
      tr.replace(start, endA, rebuilt.slice(start, endB));
    } catch {
      return full;
    }
    if (!tr.doc.eq(rebuilt)) return full;
  }
  if (full.selectionSet) tr.setSelection(Selection.fromJSON(tr.doc, full.selection.toJSON()));
  if (full.scrolledIntoView) tr.scrollIntoView();
  tr.setMeta('addToHistory', full.getMeta('addToHistory'));
  tr.setMeta(ySyncPluginKey, sync);
  tr.setMeta(narrowRemoteChangeKey, true);
  adoptNodes(binding.mapping, binding.type, tr.doc);
  return tr;
}

/// Point y-prosemirror's cache at the block nodes now in the document wherever the replacement copied
/// them (the ancestors of the change), so they are found again by identity.
function adoptNodes(mapping: Binding['mapping'], parent: Y.XmlFragment | Y.XmlElement, node: PMNode): void {
  if (node.inlineContent) return;
  const types = parent.toArray();
  if (types.length !== node.childCount) return;
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    const child = node.child(i);
    if (!(type instanceof Y.XmlElement) || type.nodeName !== child.type.name) return;
    if (mapping.get(type) === child) continue;
    mapping.set(type, child);
    adoptNodes(mapping, type, child);
  }
}
