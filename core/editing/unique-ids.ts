/// The plugin that keeps article, chapter, section and part ids unique. ProseMirror copies attributes
/// on split and paste, so after any change every duplicate after the first (and any node without an
/// id) gets a fresh one. Two peers doing so at once still converge: Yjs keeps one value per attribute.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { AttrStep, DocAttrStep, ReplaceAroundStep, ReplaceStep } from 'prosemirror-transform';
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

/// Whether `tr` may have brought a node without an id or with a repeated one: a replaced slice that
/// holds an identified node (a paste, a split, a remote change), or an attribute set. Typing, which
/// inserts and deletes text, does not.
function mayAddIds(tr: Transaction): boolean {
  return tr.steps.some((step) => {
    if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) {
      let found = false;
      step.slice.content.descendants((node) => {
        if (identifiedTypes.has(node.type.name)) found = true;
        return !found && !node.isTextblock;
      });
      return found;
    }
    return step instanceof AttrStep || step instanceof DocAttrStep;
  });
}

/// The unique-ids plugin. `ids` defaults to randomId. The fix belongs to the change that caused it:
/// in the history with a paste or split (so undoing the paste undoes it too; a fix kept out of the
/// history would take the whole paste out of the collaborative undo, which records one step per
/// update), out of it with a change that is itself out of the history (another person's, replayed).
/// The whole document is checked on its first change and then only after changes that may add ids
/// (mayAddIds): walking 1,300 articles on every keystroke showed in the typing profile.
export function uniqueIds(ids: IdGenerator = randomId): Plugin {
  return new Plugin<boolean>({
    key: uniqueIdsKey,
    state: {
      // Whether the document is known to hold unique ids.
      init: () => false,
      apply: (tr, checked) => (tr.getMeta(uniqueIdsKey) === true ? true : checked),
    },
    appendTransaction: (transactions, _old, state) => {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      const checked = uniqueIdsKey.getState(state) === true;
      if (checked && !transactions.some(mayAddIds)) return null;
      const fix = fixIds(state, ids) ?? (checked ? null : state.tr);
      if (!fix) return null;
      fix.setMeta(uniqueIdsKey, true);
      if (transactions.every((tr) => tr.getMeta('addToHistory') === false))
        fix.setMeta('addToHistory', false);
      return fix;
    },
  });
}
