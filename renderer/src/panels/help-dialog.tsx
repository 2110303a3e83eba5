/// The help (F1, or ? outside a text field): the keyboard shortcuts, grouped, read from the same lists the
/// keymaps use, then a few paragraphs on how Lifa works. Both in the UI language.
import {
  insertReferenceShortcut,
  redoShortcuts,
  structuralCommands,
  undoShortcut,
} from '../editor/commands.ts';
import { shortcutLabel } from '../editor/shortcut-label.ts';
import {
  commentShortcut,
  findShortcut,
  helpShortcut,
  printShortcut,
  replaceShortcut,
} from '../editor/shortcuts.ts';
import { useT } from '../i18n/i18n.ts';
import { Dialog } from './dialog.tsx';

/// Props of HelpDialog.
export interface HelpDialogProps {
  readonly onClose: () => void;
}

type Row = readonly [keys: readonly string[], action: string];

/// The help dialog.
export function HelpDialog({ onClose }: HelpDialogProps) {
  const t = useT();
  const groups: ReadonlyArray<readonly [string, readonly Row[]]> = [
    [
      'editing',
      [
        ...structuralCommands.map((spec): Row => [[spec.shortcut], t(`command.${spec.id}`)]),
        [[insertReferenceShortcut], t('command.insertReference')],
      ],
    ],
    [
      'text',
      [
        [[undoShortcut], t('help.actions.undo')],
        [redoShortcuts, t('help.actions.redo')],
        [['Mod-i'], t('help.actions.emphasis')],
        [[commentShortcut], t('help.actions.comment')],
      ],
    ],
    [
      'find',
      [
        [[findShortcut], t('help.actions.find')],
        [[replaceShortcut], t('help.actions.replace')],
        [['Enter', 'Shift-Enter', 'F3'], t('help.actions.findNext')],
        [[printShortcut], t('help.actions.print')],
        [[helpShortcut, '?'], t('help.actions.help')],
      ],
    ],
    [
      'moving',
      [
        [['Tab'], t('help.actions.skip')],
        [['ArrowUp', 'ArrowDown', 'Home', 'End'], t('help.actions.outline')],
      ],
    ],
    ['comparing', [[['Alt-ArrowDown', 'Alt-ArrowUp'], t('help.actions.changeNext')]]],
    [
      'clerk',
      [
        [['ArrowUp', 'ArrowDown', 'Space'], t('help.actions.clerkRows')],
        [['Mod-a'], t('help.actions.clerkAll')],
      ],
    ],
  ];
  const about = t('help.about', { returnObjects: true }) as unknown as string[];
  return (
    <Dialog title={t('help.title')} onClose={onClose} wide>
      {/* Scrolls when the window is short: a tab stop, so the keyboard can scroll it. */}
      <div class="help" tabIndex={0} role="group" aria-label={t('help.title')}>
        <section aria-labelledby="help-shortcuts">
          <h2 id="help-shortcuts">{t('help.shortcutsTitle')}</h2>
          {groups.map(([group, rows]) => (
            <table key={group} class="shortcut-table">
              <caption>{t(`help.groups.${group}`)}</caption>
              <thead class="visually-hidden">
                <tr>
                  <th scope="col">{t('help.key')}</th>
                  <th scope="col">{t('help.action')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(([keys, action]) => (
                  <tr key={action}>
                    <td class="keys">
                      {keys.map((key, index) => (
                        <span key={key}>
                          {index > 0 && ' / '}
                          <kbd>{shortcutLabel(key)}</kbd>
                        </span>
                      ))}
                    </td>
                    <td>{action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </section>
        <section aria-labelledby="help-about">
          <h2 id="help-about">{t('help.aboutTitle')}</h2>
          {about.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </section>
      </div>
    </Dialog>
  );
}
