/// Creating a draft: empty (a title and a language), or imported from a plain-text law, picked as a file
/// or pasted. The server reads the law with core's parser; its problems (numbering gaps, stray text)
/// are shown once the new draft opens.
import { useState } from 'preact/hooks';
import { detectLanguage } from '../../../core/index.ts';
import type { Language } from '../../../core/index.ts';
import type { CreatedDraft } from '../api/types.ts';
import { i18n, useT } from '../i18n/i18n.ts';
import type { OpenedTextFile } from '../host.ts';
import { Dialog } from '../panels/dialog.tsx';
import { useApp } from './context.ts';
import { plainError } from './plain-error.ts';

/// Props of NewDraftDialog.
export interface NewDraftDialogProps {
  /// 'empty' for a new draft, 'import' for one read from a plain-text law.
  readonly mode: 'empty' | 'import';
  /// A file to import, already picked (by the desktop's file manager or menus).
  readonly file?: OpenedTextFile;
  readonly onClose: () => void;
  readonly onCreated: (draft: CreatedDraft) => void;
}

/// The dialog.
export function NewDraftDialog(props: NewDraftDialogProps) {
  const t = useT();
  const { api, host } = useApp();
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<Language | ''>(
    props.mode === 'empty' ? (i18n.language as Language) : '',
  );
  const [text, setText] = useState(props.file?.text ?? '');
  const [fileName, setFileName] = useState<string | null>(props.file?.name ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pickFile = async () => {
    const file = await host.openTextFile(['.txt', '.md', '.law.txt', 'text/plain', 'text/markdown']);
    if (!file) return;
    setText(file.text);
    setFileName(file.name);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (props.mode === 'import' && !text.trim()) {
      setError(t('newDraft.noText'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api.createDraft({
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(language ? { language } : props.mode === 'import' ? { language: detectLanguage(text) } : {}),
        ...(props.mode === 'import' ? { text } : {}),
      });
      props.onCreated(created);
    } catch (caught) {
      setBusy(false);
      setError(plainError(t, caught));
    }
  };

  const footer = (
    <>
      <button type="button" class="button" onClick={props.onClose}>
        {t('common.cancel')}
      </button>
      <button type="submit" form="new-draft-form" class="button primary" disabled={busy}>
        {props.mode === 'import' ? t('newDraft.import') : t('newDraft.create')}
      </button>
    </>
  );

  return (
    <Dialog
      title={props.mode === 'import' ? t('newDraft.importTitle') : t('newDraft.title')}
      onClose={props.onClose}
      footer={footer}
      wide={props.mode === 'import'}
    >
      <form id="new-draft-form" onSubmit={submit} style={{ display: 'contents' }}>
        <label class="field">
          <span>{t('newDraft.draftTitle')}</span>
          <input
            class="input"
            name="title"
            value={title}
            placeholder={props.mode === 'import' ? t('newDraft.titleFromText') : ''}
            onInput={(event) => setTitle((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label class="field">
          <span>{t('newDraft.language')}</span>
          <select
            class="select"
            name="language"
            value={language}
            onChange={(event) =>
              setLanguage((event.currentTarget as HTMLSelectElement).value as Language | '')
            }
          >
            {props.mode === 'import' && <option value="">{t('newDraft.detect')}</option>}
            <option value="zh">{t('language.zh')}</option>
            <option value="en">{t('language.en')}</option>
          </select>
        </label>
        {props.mode === 'import' && (
          <>
            <div class="row">
              <button type="button" class="button" onClick={pickFile}>
                {t('newDraft.chooseFile')}
              </button>
              <span class="muted">{fileName ?? t('newDraft.orPaste')}</span>
            </div>
            <label class="field">
              <span>{t('newDraft.text')}</span>
              <textarea
                class="textarea"
                name="text"
                rows={12}
                value={text}
                placeholder={t('newDraft.textPlaceholder')}
                onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
              />
            </label>
          </>
        )}
        {error && (
          <p class="error-text" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
