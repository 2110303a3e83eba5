/// The editor's keymaps: structural commands (commands.ts), Enter (enter.ts), per-person undo and redo
/// (Yjs), emphasis, then ProseMirror's base keymap. Commands that need the UI (delete's confirmation,
/// the cross-reference picker) are handed to `request`.
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, toggleMark } from 'prosemirror-commands';
import type { Command, Plugin } from 'prosemirror-state';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { schema } from '../../../core/index.ts';
import { insertReferenceShortcut, redoShortcuts, structuralCommands, undoShortcut } from './commands.ts';
import type { StructuralCommandId } from './commands.ts';
import { enterCommand } from './enter.ts';

/// A request from the keyboard for something the UI must do.
export type EditorRequest =
  { readonly kind: 'confirm'; readonly id: StructuralCommandId } | { readonly kind: 'insertReference' };

/// The keymap plugins of a writable editor, most specific first.
export function editorKeymaps(request: (what: EditorRequest) => void): Plugin[] {
  const bindings: Record<string, Command> = {};
  for (const spec of structuralCommands) {
    bindings[spec.shortcut] = spec.confirm
      ? (state) => {
          if (!spec.command(state)) return false;
          request({ kind: 'confirm', id: spec.id });
          return true;
        }
      : spec.command;
  }
  bindings[insertReferenceShortcut] = () => {
    request({ kind: 'insertReference' });
    return true;
  };
  bindings.Enter = enterCommand;
  bindings[undoShortcut] = undoCommand;
  for (const shortcut of redoShortcuts) bindings[shortcut] = redoCommand;
  bindings['Mod-i'] = toggleMark(schema.marks.em);
  return [keymap(bindings), keymap(baseKeymap)];
}
