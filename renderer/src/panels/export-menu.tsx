/// The export menu of a draft: the live draft as txt, md, html, docx or akn, saved through the host
/// (a download in the browser, a save dialog on the desktop).
import { useEffect, useRef, useState } from 'preact/hooks';
import { draftExportFormats } from '../api/types.ts';
import type { DraftExportFormat } from '../api/types.ts';
import { useApp } from '../app/context.ts';
import { draftPageCommand } from '../app/host-commands.ts';
import { menuKeyDown } from './menu-keys.ts';
import { plainError } from '../app/plain-error.ts';
import { printPage } from '../app/print.ts';
import { printShortcut } from '../editor/shortcuts.ts';
import { shortcutLabel } from '../editor/shortcut-label.ts';
import { useT } from '../i18n/i18n.ts';

/// Props of ExportMenu.
export interface ExportMenuProps {
  readonly draftId: string;
  readonly title: string;
  /// Called first, so the server has every local change.
  readonly beforeExport?: () => Promise<unknown>;
}

/// The menu button and its list.
export function ExportMenu({ draftId, title, beforeExport }: ExportMenuProps) {
  const t = useT();
  const { api, host, notify } = useApp();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  // File › Export in the desktop's menus opens this menu.
  useEffect(
    () =>
      draftPageCommand.subscribe((command) => {
        if (command?.type === 'export') setOpen(true);
      }),
    [],
  );

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>('.menu-list button')?.focus();
    const close = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const save = async (format: DraftExportFormat, tracked = false) => {
    setOpen(false);
    try {
      await beforeExport?.();
      const file = await api.exportDraft(draftId, format, tracked);
      const name = file.name.startsWith('draft.') ? `${title || 'draft'}.${format}` : file.name;
      await host.saveFile({ ...file, name });
    } catch (caught) {
      notify(t('export.failed', { detail: plainError(t, caught) }), 'error');
    }
  };

  return (
    <div
      class="menu"
      ref={root}
      onKeyDown={(event) => root.current && menuKeyDown(event, root.current, () => setOpen(false))}
    >
      <button
        type="button"
        class="button small"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('export.button')} ▾
      </button>
      {open && (
        <ul class="menu-list" role="menu">
          {draftExportFormats.map((format) => (
            <li key={format} role="none">
              <button type="button" role="menuitem" data-format={format} onClick={() => save(format)}>
                {t(`export.${format}`)}
              </button>
            </li>
          ))}
          {(['docx', 'html'] as const).map((format) => (
            <li key={`${format}-tracked`} role="none">
              <button
                type="button"
                role="menuitem"
                data-format={`${format}-tracked`}
                onClick={() => save(format, true)}
              >
                {t(format === 'docx' ? 'suggestions.exportDocx' : 'suggestions.exportHtml')}
              </button>
            </li>
          ))}
          <li role="separator" class="menu-separator" />
          <li role="none">
            <button
              type="button"
              role="menuitem"
              data-action="print"
              onClick={() => {
                setOpen(false);
                printPage();
              }}
            >
              {t('print.button')} <kbd>{shortcutLabel(printShortcut)}</kbd>
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
