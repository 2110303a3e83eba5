/// What Enter does in a draft, where a plain line break has no place: in a paragraph's text it starts a
/// new paragraph (款), in an item a new item (项), in a subitem a new subitem (目), carrying the text after
/// the cursor along. Enter on an empty last item leaves the list for a new paragraph; Enter at the end
/// of a text that introduces items starts the first item; in a title or heading it moves on to the text.
import { Selection, TextSelection } from 'prosemirror-state';
import type { Command, EditorState, Transaction } from 'prosemirror-state';
import { insertParagraph, schema } from '../../../core/index.ts';

const { lead, paragraph, item, subitem, title, heading } = schema.nodes;

/// The Enter command. Returns false (leaving Enter to the base keymap) outside the cases above.
export const enterCommand: Command = (state, dispatch) => {
  if (!state.selection.empty) {
    if (!(state.selection instanceof TextSelection)) return false;
    if (!dispatch) return true;
    const tr = state.tr.deleteSelection();
    return enterCommand(state.apply(tr), (next) => {
      // Replay the follow-up steps on top of the deletion, as one transaction.
      for (const step of next.steps) tr.step(step);
      dispatch(tr.setSelection(Selection.fromJSON(tr.doc, next.selection.toJSON())).scrollIntoView());
    });
  }
  const $pos = state.selection.$from;
  const block = $pos.parent;
  if (block.type === title || block.type === heading) return moveToNextText(state, dispatch);
  if (block.type !== lead) return false;
  const container = $pos.node($pos.depth - 1);
  const atEnd = $pos.parentOffset === block.content.size;

  if (container.type === paragraph) {
    if (atEnd && container.childCount > 1) {
      // The text introduces items: start the first one.
      if (dispatch) {
        const at = $pos.after();
        dispatch(into(state.tr.insert(at, item.create(null, lead.create())), at + 2));
      }
      return true;
    }
    return insertParagraph(state, dispatch);
  }

  if (container.type === item || container.type === subitem) {
    const list = $pos.node($pos.depth - 2);
    const isLast = $pos.index($pos.depth - 2) === list.childCount - 1;
    if (block.content.size === 0 && container.childCount === 1 && isLast) {
      // An empty last entry: leave the list, one level up.
      if (dispatch) {
        const from = $pos.before($pos.depth - 1);
        const tr = state.tr.delete(from, $pos.after($pos.depth - 1));
        const nextLevel = container.type === item ? paragraph : item;
        const at = tr.mapping.map($pos.after($pos.depth - 2));
        dispatch(into(tr.insert(at, nextLevel.create(null, lead.create())), at + 2));
      }
      return true;
    }
    if (dispatch) {
      const tr = state.tr.split($pos.pos, 2);
      dispatch(tr.scrollIntoView());
    }
    return true;
  }
  return false;
};

function moveToNextText(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const after = state.selection.$from.after();
  const next = Selection.findFrom(state.doc.resolve(after), 1, true);
  if (!next) return false;
  if (dispatch) dispatch(state.tr.setSelection(next).scrollIntoView());
  return true;
}

function into(tr: Transaction, pos: number): Transaction {
  return tr.setSelection(TextSelection.create(tr.doc, pos)).scrollIntoView();
}
