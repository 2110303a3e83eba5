/// The plugin that keeps article, chapter, section and part ids unique. ProseMirror copies attributes
/// on split and paste, so after any change every duplicate after the first (and any node without an
/// id) gets a fresh one. Two peers doing so at once still converge: Yjs keeps one value per attribute.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { randomId } from '../ids.ts';
import type { IdGenerator } from '../ids.ts';
import { identifiedTypes } from '../schema.ts';

/// Key of the unique-ids plugin.
export const uniqueIdsKey = new PluginKey('lifa-unique-ids');

/// Positions of nodes whose id is missing or repeats an earlier one, in document order.
export function findIdConflicts(doc: PMNode): number[] {
  const seen = new Set<string>();
  const conflicts: number[] = [];
  doc.descendants((node, pos) => {
    if (!identifiedTypes.has(node.type.name)) return node.type.name === 'doc';
    const id = node.attrs.id as string | null;
    if (!id || seen.has(id)) conflicts.push(pos);
    else seen.add(id);
    // Articles hold no identified nodes; parts, chapters and sections do.
    return node.type.name !== 'article';
  });
  return conflicts;
}

/// A transaction giving every conflicting node a fresh id, or null when there is nothing to fix.
export function fixIds(state: EditorState, ids: IdGenerator = randomId): Transaction | null {
  const conflicts = findIdConflicts(state.doc);
  if (conflicts.length === 0) return null;
  const tr = state.tr;
  for (const pos of conflicts) tr.setNodeAttribute(pos, 'id', ids());
  return tr;
}

/// The unique-ids plugin. `ids` defaults to randomId. The fix belongs to the change that caused it:
/// in the history with a paste or split (so undoing the paste undoes it too; a fix kept out of the
/// history would take the whole paste out of the collaborative undo, which records one step per
/// update), out of it with a change that is itself out of the history (another person's, replayed).
export function uniqueIds(ids: IdGenerator = randomId): Plugin {
  return new Plugin({
    key: uniqueIdsKey,
    appendTransaction: (transactions, _old, state) => {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      const fix = fixIds(state, ids);
      if (fix && transactions.every((tr) => tr.getMeta('addToHistory') === false))
        fix.setMeta('addToHistory', false);
      return fix;
    },
  });
}
