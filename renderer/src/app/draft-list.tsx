/// The drafts the signed-in user may see, most recently changed first, with their role on each; and
/// the ways to start one: an empty draft, or a plain-text law imported into a new draft.
import { useEffect, useState } from 'preact/hooks';
import type { CreatedDraft, DraftInfo } from '../api/types.ts';
import { i18n, useT } from '../i18n/i18n.ts';
import { useApp } from './context.ts';
import { formatTime } from './format-time.ts';
import { NewDraftDialog } from './new-draft-dialog.tsx';
import { draftDialogRequest } from './host-commands.ts';
import type { DraftDialogRequest } from './host-commands.ts';
import { followLink, navigate } from './router.ts';
import { plainError } from './plain-error.ts';

/// The draft list page.
export function DraftList() {
  const t = useT();
  const { api } = useApp();
  const [drafts, setDrafts] = useState<DraftInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DraftDialogRequest | null>(null);

  // A dialog asked for by the desktop's menus (New Draft, Import, a file opened from the file manager).
  useEffect(() => {
    const take = (request: DraftDialogRequest | null) => {
      if (!request) return;
      setDialog(request);
      draftDialogRequest.set(null);
    };
    take(draftDialogRequest.get());
    return draftDialogRequest.subscribe(take);
  }, []);

  useEffect(() => {
    let live = true;
    api.listDrafts().then(
      (list) => live && setDrafts(list),
      (caught: unknown) => live && setError(plainError(t, caught)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const opened = (draft: CreatedDraft) => {
    setDialog(null);
    const problems = draft.problems?.length ?? 0;
    sessionStorage.setItem(`lifa.importProblems.${draft.id}`, JSON.stringify(draft.problems ?? []));
    navigate({ name: 'draft', id: draft.id });
    if (problems) console.info(`lifa: import reported ${problems} problems`);
  };

  return (
    <main class="page" id="main">
      <div class="page-inner">
        <div class="page-head">
          <h1>{t('drafts.title')}</h1>
          <button type="button" class="button" onClick={() => setDialog({ mode: 'import' })}>
            {t('drafts.import')}
          </button>
          <button type="button" class="button primary" onClick={() => setDialog({ mode: 'empty' })}>
            {t('drafts.new')}
          </button>
        </div>
        {error && (
          <p class="error-text" role="alert">
            {t('drafts.loadFailed', { detail: error })}
          </p>
        )}
        {!drafts && !error && <p class="loading">{t('common.loading')}</p>}
        {drafts && drafts.length === 0 && <p class="empty-state">{t('drafts.none')}</p>}
        {drafts && drafts.length > 0 && (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('drafts.colTitle')}</th>
                <th scope="col" class="nowrap">
                  {t('drafts.colLanguage')}
                </th>
                <th scope="col" class="nowrap">
                  {t('drafts.colStatus')}
                </th>
                <th scope="col" class="nowrap">
                  {t('drafts.colRole')}
                </th>
                <th scope="col" class="nowrap">
                  {t('drafts.colUpdated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((draft) => (
                <tr key={draft.id}>
                  <td>
                    <a
                      href={`/drafts/${encodeURIComponent(draft.id)}`}
                      onClick={followLink({ name: 'draft', id: draft.id })}
                    >
                      {draft.title || t('drafts.untitled')}
                    </a>
                  </td>
                  <td class="nowrap">{t(`language.${draft.language}`)}</td>
                  <td class="nowrap">{t(`status.${draft.status}`, { defaultValue: draft.status })}</td>
                  <td class="nowrap">
                    <span class={`badge role-${draft.role}`}>{t(`role.${draft.role}`)}</span>
                  </td>
                  <td class="muted nowrap">{formatTime(draft.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {dialog && (
        <NewDraftDialog
          mode={dialog.mode}
          file={dialog.file}
          onClose={() => setDialog(null)}
          onCreated={opened}
        />
      )}
    </main>
  );
}
