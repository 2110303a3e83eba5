/// A draft, open: its metadata and role from the server, its shared document synced over y-websocket
/// (with the offline copy), the editor in the middle, the outline on the left, problems, versions,
/// comments and the history of the article at the cursor on the right, and the comparison view in
/// place of all three when the address asks for it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { DraftSync } from '../api/sync.ts';
import { canWrite } from '../api/types.ts';
import type { DraftInfo, ImportProblem } from '../api/types.ts';
import { blameMarks } from '../editor/blame-marks.ts';
import { userColor } from '../editor/cursors.ts';
import { DraftEditor } from '../editor/draft-editor.ts';
import type { StructuralCommandId } from '../editor/commands.ts';
import type { EditorRequest } from '../editor/keymap.ts';
import type { PastedLaw } from '../editor/paste-import.ts';
import { followDraftLanguage, useT } from '../i18n/i18n.ts';
import { CommentCount, CommentsPanel } from '../panels/comments-panel.tsx';
import { CompareView } from '../panels/compare-view.tsx';
import { useDraftComments } from '../comments/use-draft-comments.ts';
import { ConfirmDialog } from '../panels/confirm-dialog.tsx';
import { ConnectionBadge } from '../panels/connection-badge.tsx';
import { ExportMenu } from '../panels/export-menu.tsx';
import { HistoryPanel } from '../panels/history-panel.tsx';
import { firstWords } from '../panels/outline-entries.ts';
import { OutlinePanel } from '../panels/outline-panel.tsx';
import { ProblemsPanel } from '../panels/problems-panel.tsx';
import { ReferencePicker } from '../panels/reference-picker.tsx';
import { Toolbar } from '../panels/toolbar.tsx';
import { VersionsPanel } from '../panels/versions-panel.tsx';
import { ModeBar } from '../suggestions/mode-bar.tsx';
import { SuggestionCount, SuggestionsPanel } from '../suggestions/panel.tsx';
import { useDraftSuggestions } from '../suggestions/use-draft-suggestions.ts';
import { useApp } from './context.ts';
import { draftPageCommand } from './host-commands.ts';
import { useStore } from '../lib/store.ts';
import { followLink } from './router.ts';
import type { Route } from './router.ts';
import { TopBar } from './top-bar.tsx';
import { useTitleSync } from './use-title-sync.ts';
import { ApiError } from '../api/client.ts';
import { FindBar } from '../panels/find-bar.tsx';
import { StatusBar } from '../panels/status-bar.tsx';
import { findShortcut, matchesShortcut, replaceShortcut } from '../editor/shortcuts.ts';
import { findNext } from '../editor/find-replace.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { plainError } from './plain-error.ts';
import { setPrintTitle } from './print.ts';

/// Props of DraftPage.
export interface DraftPageProps {
  readonly route: Extract<Route, { name: 'draft' | 'compare' }>;
}

type SideTab = 'problems' | 'versions' | 'comments' | 'suggestions' | 'history';

/// The draft page.
export function DraftPage({ route }: DraftPageProps) {
  const t = useT();
  const { api, host, session, signOut, notify } = useApp();
  const draftId = route.id;
  const [draft, setDraft] = useState<DraftInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  // The find bar: closed, or open (with the replace row or not); `asked` refocuses it when asked again.
  const [finding, setFinding] = useState<{ replace: boolean; asked: number } | null>(null);
  const [sync, setSync] = useState<DraftSync | null>(null);
  const [editor, setEditor] = useState<DraftEditor | null>(null);
  const [request, setRequest] = useState<EditorRequest | null>(null);
  const [tab, setTab] = useState<SideTab>('problems');
  const [importProblems, setImportProblems] = useState<readonly ImportProblem[]>(() =>
    storedImportProblems(draftId),
  );
  const mount = useRef<HTMLDivElement>(null);
  const comments = useDraftComments(api, draftId, draft?.role ?? null, () => setTab('comments'));
  const suggestions = useDraftSuggestions(
    api,
    draftId,
    session.user.username,
    draft?.role ?? null,
    () => setTab('suggestions'),
    (message) => notify(message, 'error'),
  );
  const mode = useStore(suggestions.suggestions.mode);
  const blame = useMemo(() => blameMarks(), []);
  // The editor's callbacks outlive renders: they read the draft through this.
  const current = useRef<DraftInfo | null>(null);
  current.current = draft;

  // The draft's metadata and the user's role.
  useEffect(() => {
    let live = true;
    setDraft(null);
    setLoadError(null);
    setMissing(false);
    api.getDraft(draftId).then(
      (info) => {
        if (!live) return;
        setDraft(info);
        followDraftLanguage(info.language);
      },
      (caught: unknown) => {
        if (!live) return;
        if (caught instanceof ApiError && caught.status === 404) setMissing(true);
        else setLoadError(plainError(t, caught));
      },
    );
    return () => {
      live = false;
      followDraftLanguage(null);
    };
  }, [api, draftId]);

  // The shared document and its connection.
  useEffect(() => {
    if (!draft) return;
    const connection = new DraftSync({
      syncUrl: api.syncUrl(),
      draftId,
      ticket: () => api.ticket(draftId),
      user: { name: session.user.username, color: userColor(session.user.username) },
    });
    setSync(connection);
    return () => {
      setSync(null);
      connection.destroy();
    };
  }, [draft?.id]);

  // The editor, once there is something to show.
  useEffect(() => {
    if (!sync || !draft || !mount.current) return;
    let created: DraftEditor | null = null;
    let live = true;
    void sync.whenReady().then(() => {
      if (!live || !mount.current) return;
      performance.mark('lifa:sync-ready');
      created = new DraftEditor({
        mount: mount.current,
        body: sync.body,
        awareness: sync.awareness,
        language: draft.language,
        readOnly: !canWrite(draft.role),
        label: t('editor.label', { title: draft.title }),
        words: {
          titlePlaceholder: () => t('editorWords.titlePlaceholder'),
          sourceNote: () => t('editorWords.sourceNote'),
        },
        onRequest: setRequest,
        onPasteImport: (law) => pasted(law),
        plugins: [comments.marks.plugin, blame.plugin],
        leadingPlugins: suggestions.plugins,
        takesInput: suggestions.takesInput,
      });
      setEditor(created);
      requestAnimationFrame(() => performance.mark('lifa:editor-ready'));
      if (route.name === 'draft') created.focus();
    });
    return () => {
      live = false;
      created?.destroy();
      setEditor(null);
    };
  }, [sync]);

  const pasted = (law: PastedLaw) => {
    setImportProblems(law.problems);
    if (law.problems.length) setTab('problems');
    notify(t('editor.pasted', { count: law.articles }));
    const info = current.current;
    if (info && law.language !== info.language) {
      notify(
        t('editor.pastedLanguage', {
          pasted: t(`language.${law.language}`),
          draft: t(`language.${info.language}`),
        }),
      );
    }
  };

  useEffect(() => {
    if (editor && draft) editor.setLanguage(draft.language);
  }, [editor, draft?.language]);

  // The window title and the desktop's recent drafts.
  useEffect(() => {
    if (!draft) return;
    void host.setDraftTitle(draft.title || undefined).catch(() => {});
    void host.addRecentDraft({ id: draft.id, title: draft.title }).catch(() => {});
    return () => void host.setDraftTitle(undefined).catch(() => {});
  }, [draft?.id, draft?.title]);

  // Commands from the desktop's menus that concern the open draft.
  useEffect(
    () =>
      draftPageCommand.subscribe((command) => {
        if (!command) return;
        if (command.type === 'compare-versions') setTab('versions');
        else if (command.type === 'undo' && editor) undoCommand(editor.view.state, editor.view.dispatch);
        else if (command.type === 'redo' && editor) redoCommand(editor.view.state, editor.view.dispatch);
        else if (command.type === 'find' || command.type === 'replace') openFind(command.type === 'replace');
      }),
    [editor],
  );

  // Find (Ctrl/⌘+F), replace (Ctrl+H, ⌥⌘F), the next and previous match (F3, Shift+F3) from anywhere on
  // the page.
  const openFind = (replace: boolean) =>
    setFinding((open) => ({ replace: replace || (open?.replace ?? false), asked: (open?.asked ?? 0) + 1 }));
  useEffect(() => {
    if (!editor || route.name !== 'draft') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const replace = matchesShortcut(event, replaceShortcut);
      if (replace || matchesShortcut(event, findShortcut)) {
        event.preventDefault();
        openFind(replace);
      } else if (event.key === 'F3' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        if (!findNext(editor.view, event.shiftKey ? -1 : 1)) openFind(false);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [editor, route.name]);

  // What File › Print prints: the draft (its title heads each page), or the comparison.
  useEffect(() => {
    setPrintTitle(
      route.name === 'compare' ? `${t('print.compareTitle')} — ${draft?.title ?? ''}` : (draft?.title ?? ''),
    );
    return () => setPrintTitle('');
  }, [draft?.title, route.name]);

  useTitleSync(api, editor, draft, draft ? canWrite(draft.role) : false, (title) =>
    setDraft((info) => (info ? { ...info, title } : info)),
  );

  const flush = async () => {
    editor?.flushOutline();
    await sync?.flush();
  };

  const confirmDelete = (id: StructuralCommandId) => {
    setRequest(null);
    editor?.run(id);
  };

  if (missing) {
    return (
      <>
        <TopBar user={session.user.username} onSignOut={signOut} />
        <NotFoundPage draft signedIn />
      </>
    );
  }

  if (loadError) {
    return (
      <>
        <TopBar user={session.user.username} onSignOut={signOut} />
        <main class="page" id="main">
          <p class="error-text" role="alert">
            {t('draft.loadFailed', { detail: loadError })}
          </p>
        </main>
      </>
    );
  }

  const writable = draft ? canWrite(draft.role) : false;
  const comparing = route.name === 'compare';

  return (
    <>
      <TopBar user={session.user.username} onSignOut={signOut}>
        <span class="crumb" title={draft?.title}>
          {draft ? draft.title || t('drafts.untitled') : ''}
        </span>
        {draft && <span class={`badge role-${draft.role}`}>{t(`role.${draft.role}`)}</span>}
        {sync && <ConnectionBadge sync={sync} />}
        {draft && <ExportMenu draftId={draftId} title={draft.title} beforeExport={flush} />}
        {draft && (
          <a
            class="button small"
            href={`/drafts/${encodeURIComponent(draftId)}/clerk`}
            onClick={followLink({ name: 'clerk', id: draftId })}
          >
            {t('clerk.open')}
          </a>
        )}
        {draft && (
          <a
            class="button small"
            href={`/drafts/${encodeURIComponent(draftId)}/timeline`}
            onClick={followLink({ name: 'timeline', id: draftId })}
          >
            {t('timeline.open')}
          </a>
        )}
      </TopBar>
      {comparing && <CompareView draftId={draftId} from={route.from} to={route.to} beforeCompare={flush} />}
      <div class={`draft-page${comparing ? ' hidden' : ''}`} hidden={comparing}>
        {editor ? (
          <OutlinePanel editor={editor} suggestionCounts={suggestions.suggestions.counts} />
        ) : (
          <nav class="pane outline-pane" />
        )}
        <main class="editor-column" id={comparing ? undefined : 'main'}>
          {editor && draft && <Toolbar editor={editor} role={draft.role} onRequest={setRequest} />}
          {editor && draft && <ModeBar handle={suggestions} editor={editor} role={draft.role} />}
          {editor && finding && (
            <FindBar
              editor={editor}
              replace={finding.replace}
              canEdit={!editor.readOnly && mode === 'editing'}
              focusKey={finding.asked}
              onClose={() => setFinding(null)}
              notify={(message) => notify(message)}
            />
          )}
          {sync && <RefusalNotice sync={sync} />}
          <div class="editor-scroll">
            {!editor && <p class="loading">{t('editor.opening')}</p>}
            <div class="editor-sheet" ref={mount} hidden={!editor} />
          </div>
          {editor && <StatusBar editor={editor} />}
        </main>
        <aside class="pane side-pane" aria-label={t('side.label')}>
          <div class="tabs" role="tablist">
            <button
              type="button"
              role="tab"
              class="tab"
              aria-selected={tab === 'problems'}
              onClick={() => setTab('problems')}
            >
              {t('side.problems')}
              {editor && <ProblemCount editor={editor} extra={importProblems.length} />}
            </button>
            <button
              type="button"
              role="tab"
              class="tab"
              aria-selected={tab === 'versions'}
              onClick={() => setTab('versions')}
            >
              {t('side.versions')}
            </button>
            <button
              type="button"
              role="tab"
              class="tab"
              aria-selected={tab === 'comments'}
              onClick={() => setTab('comments')}
            >
              {t('comments.tab')}
              <CommentCount threads={comments.threads} />
            </button>
            <button
              type="button"
              role="tab"
              class="tab"
              aria-selected={tab === 'suggestions'}
              onClick={() => setTab('suggestions')}
            >
              {t('suggestions.tab')}
              <SuggestionCount handle={suggestions} />
            </button>
            <button
              type="button"
              role="tab"
              class="tab"
              aria-selected={tab === 'history'}
              onClick={() => setTab('history')}
            >
              {t('history.tab')}
            </button>
          </div>
          <div class="pane-body" role="tabpanel">
            {tab === 'problems' && editor && (
              <ProblemsPanel
                editor={editor}
                importProblems={importProblems}
                onDismissImport={() => {
                  setImportProblems([]);
                  sessionStorage.removeItem(importProblemsKey(draftId));
                }}
              />
            )}
            {tab === 'versions' && <VersionsPanel draftId={draftId} canWrite={writable} beforeCut={flush} />}
            {tab === 'history' && editor && draft && (
              <HistoryPanel
                draftId={draftId}
                editor={editor}
                language={draft.language}
                canWrite={writable}
                blame={blame}
              />
            )}
            {tab === 'comments' && editor && draft && (
              <CommentsPanel
                draftId={draftId}
                role={draft.role}
                editor={editor}
                threads={comments.threads}
                anchorStates={comments.marks.anchorStates}
                focusArticle={comments.focusArticle}
              />
            )}
            {tab === 'suggestions' && editor && draft && (
              <SuggestionsPanel handle={suggestions} editor={editor} role={draft.role} />
            )}
          </div>
        </aside>
      </div>
      {request?.kind === 'confirm' && editor && (
        <ConfirmDialog
          title={t('confirm.deleteTitle')}
          message={t('confirm.deleteMessage', { label: currentLabel(editor, t) })}
          confirmLabel={t('confirm.delete')}
          onConfirm={() => confirmDelete(request.id)}
          onCancel={() => {
            setRequest(null);
            editor.focus();
          }}
        />
      )}
      {request?.kind === 'insertReference' && editor && (
        <ReferencePicker
          outline={freshOutline(editor)}
          onPick={(target, paragraph, item) => {
            setRequest(null);
            editor.insertReference(target, paragraph, item);
          }}
          onClose={() => {
            setRequest(null);
            editor.focus();
          }}
        />
      )}
    </>
  );
}

function ProblemCount({ editor, extra }: { editor: DraftEditor; extra: number }) {
  const outline = useStore(editor.outline);
  const count = outline.dangling.length + extra;
  return <span class={`count${outline.dangling.length ? ' alert' : ''}`}>{count}</span>;
}

function RefusalNotice({ sync }: { sync: DraftSync }) {
  const t = useT();
  const state = useStore(sync.state);
  if (!state.refused) return null;
  return (
    <div class="notice error" role="alert">
      <span>{t('connection.refused', { code: state.refused.code, reason: state.refused.reason })}</span>
    </div>
  );
}

/// The outline with every change so far (a pending rebuild is run now).
function freshOutline(editor: DraftEditor) {
  editor.flushOutline();
  return editor.outline.get();
}

/// "Article 6 (Echo provision text…)": the article holding the cursor, as the delete dialog names it.
function currentLabel(editor: DraftEditor, t: ReturnType<typeof useT>): string {
  const id = editor.currentArticle.get();
  const article = freshOutline(editor).articles.find((candidate) => candidate.id === id);
  if (!article) return '';
  const words = firstWords(article.text, 20);
  return words ? t('confirm.articleWithWords', { label: article.label, words }) : article.label;
}

function importProblemsKey(draftId: string): string {
  return `lifa.importProblems.${draftId}`;
}

function storedImportProblems(draftId: string): readonly ImportProblem[] {
  try {
    const raw = sessionStorage.getItem(importProblemsKey(draftId));
    return raw ? (JSON.parse(raw) as ImportProblem[]) : [];
  } catch {
    return [];
  }
}
