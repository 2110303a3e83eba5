/// The editor's toolbar: undo and redo, then every structural command with its shortcut in the tooltip
/// (and in aria-keyshortcuts), then inserting a cross-reference. Buttons are enabled where the command
/// applies at the cursor. Read-only users see a note instead.
import { undoCommand, redoCommand } from 'y-prosemirror';
import { useStore } from '../lib/store.ts';
import {
  insertReferenceShortcut,
  redoShortcuts,
  structuralCommands,
  undoShortcut,
} from '../editor/commands.ts';
import type { StructuralCommandId } from '../editor/commands.ts';
import type { DraftEditor } from '../editor/draft-editor.ts';
import { ariaShortcut, shortcutLabel } from '../editor/shortcut-label.ts';
import { useT } from '../i18n/i18n.ts';

/// Props of Toolbar.
export interface ToolbarProps {
  readonly editor: DraftEditor;
  /// The user's role, for the read-only note.
  readonly role: string;
  /// Run a command that needs confirmation or a picker.
  readonly onRequest: (
    request: { kind: 'confirm'; id: StructuralCommandId } | { kind: 'insertReference' },
  ) => void;
}

/// The toolbar's groups: a label (or none) and its commands; icon buttons show a symbol only.
const groups: ReadonlyArray<{ readonly label: string | null; readonly ids: readonly StructuralCommandId[] }> =
  [
    { label: 'toolbar.insert', ids: ['newArticle', 'newParagraph', 'newItem', 'newChapter', 'newSection'] },
    { label: null, ids: ['moveUp', 'moveDown'] },
    { label: null, ids: ['split', 'merge', 'delete'] },
  ];
const icons: Partial<Record<StructuralCommandId, string>> = { moveUp: '↑', moveDown: '↓' };

/// The toolbar.
export function Toolbar({ editor, role, onRequest }: ToolbarProps) {
  const t = useT();
  const states = useStore(editor.commandStates);
  if (editor.readOnly) {
    return (
      <div class="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
        <span class="read-only-note">{t('toolbar.readOnly', { role: t(`role.${role}`) })}</span>
      </div>
    );
  }

  // Keeps the caret in the text: a toolbar click must not move the focus away from it.
  const keepFocus = (event: MouseEvent) => event.preventDefault();
  const tip = (name: string, shortcut: string) => `${name} (${shortcutLabel(shortcut)})`;

  return (
    <div class="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div class="group">
        <button
          type="button"
          class="button icon"
          title={tip(t('toolbar.undo'), undoShortcut)}
          aria-label={t('toolbar.undo')}
          aria-keyshortcuts={ariaShortcut(undoShortcut)}
          onMouseDown={keepFocus}
          onClick={() => {
            undoCommand(editor.view.state, editor.view.dispatch);
            editor.focus();
          }}
        >
          ↶
        </button>
        <button
          type="button"
          class="button icon"
          title={tip(t('toolbar.redo'), redoShortcuts[0])}
          aria-label={t('toolbar.redo')}
          aria-keyshortcuts={ariaShortcut(redoShortcuts[0])}
          onMouseDown={keepFocus}
          onClick={() => {
            redoCommand(editor.view.state, editor.view.dispatch);
            editor.focus();
          }}
        >
          ↷
        </button>
      </div>
      {groups.map((group) => (
        <div
          class="group"
          key={group.ids.join()}
          role="group"
          aria-label={group.label ? t(group.label) : undefined}
        >
          {group.label && (
            <span class="group-label" aria-hidden="true">
              {t(group.label)}
            </span>
          )}
          {group.ids.map((id) => {
            const spec = structuralCommands.find((c) => c.id === id)!;
            const name = t(`command.${id}`);
            return (
              <button
                key={id}
                type="button"
                class={`button${id === 'delete' ? ' danger-text' : ''}${icons[id] ? ' icon' : ''}`}
                data-command={id}
                title={tip(name, spec.shortcut)}
                aria-label={icons[id] ? name : undefined}
                aria-keyshortcuts={ariaShortcut(spec.shortcut)}
                disabled={states ? !states[id] : false}
                onMouseDown={keepFocus}
                onClick={() => (spec.confirm ? onRequest({ kind: 'confirm', id }) : editor.run(id))}
              >
                {icons[id] ?? t(`toolbar.${id}`)}
              </button>
            );
          })}
        </div>
      ))}
      <div class="group">
        <button
          type="button"
          class="button"
          data-command="insertReference"
          title={tip(t('command.insertReference'), insertReferenceShortcut)}
          aria-keyshortcuts={ariaShortcut(insertReferenceShortcut)}
          disabled={states ? !states.insertReference : false}
          onMouseDown={keepFocus}
          onClick={() => onRequest({ kind: 'insertReference' })}
        >
          {t('toolbar.insertReference')}
        </button>
      </div>
    </div>
  );
}
