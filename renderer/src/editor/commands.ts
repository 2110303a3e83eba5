/// The structural commands of the editor, each with its keyboard shortcut: one list that the keymap,
/// the toolbar and the shortcut help all read. The commands themselves are core's.
import type { Command } from 'prosemirror-state';
import {
  deleteArticle,
  insertArticleAfter,
  insertChapter,
  insertItem,
  insertParagraph,
  insertSection,
  mergeWithNext,
  moveArticle,
  splitArticle,
} from '../../../core/index.ts';

/// Names of the structural commands.
export type StructuralCommandId =
  | 'newArticle'
  | 'newParagraph'
  | 'newItem'
  | 'newChapter'
  | 'newSection'
  | 'moveUp'
  | 'moveDown'
  | 'split'
  | 'merge'
  | 'delete';

/// One structural command.
export interface StructuralCommand {
  readonly id: StructuralCommandId;
  /// The shortcut in prosemirror-keymap notation (`Mod-Enter`: Ctrl+Enter, ⌘↩ on a Mac).
  readonly shortcut: string;
  readonly command: Command;
  /// Whether the UI asks for confirmation before running it.
  readonly confirm: boolean;
}

/// Every structural command, in toolbar order.
export const structuralCommands: readonly StructuralCommand[] = [
  { id: 'newArticle', shortcut: 'Mod-Enter', command: insertArticleAfter(), confirm: false },
  { id: 'newParagraph', shortcut: 'Mod-Alt-Enter', command: insertParagraph, confirm: false },
  { id: 'newItem', shortcut: 'Shift-Enter', command: insertItem, confirm: false },
  { id: 'newChapter', shortcut: 'Mod-Shift-H', command: insertChapter(), confirm: false },
  { id: 'newSection', shortcut: 'Mod-Shift-G', command: insertSection(), confirm: false },
  { id: 'moveUp', shortcut: 'Alt-ArrowUp', command: moveArticle(-1), confirm: false },
  { id: 'moveDown', shortcut: 'Alt-ArrowDown', command: moveArticle(1), confirm: false },
  { id: 'split', shortcut: 'Mod-Shift-Enter', command: splitArticle(), confirm: false },
  { id: 'merge', shortcut: 'Mod-Shift-M', command: mergeWithNext, confirm: false },
  { id: 'delete', shortcut: 'Mod-Shift-X', command: deleteArticle, confirm: true },
];

/// The command named `id`. Throws RangeError for an unknown name.
export function structuralCommand(id: StructuralCommandId): StructuralCommand {
  const found = structuralCommands.find((c) => c.id === id);
  if (!found) throw new RangeError(`No structural command ${id}`);
  return found;
}

/// Shortcut of inserting a cross-reference (opens the picker).
export const insertReferenceShortcut = 'Mod-k';

/// Shortcuts of undo and redo (per person: only your own changes are undone).
export const undoShortcut = 'Mod-z';
/// See undoShortcut.
export const redoShortcuts: readonly string[] = ['Mod-y', 'Mod-Shift-z'];
