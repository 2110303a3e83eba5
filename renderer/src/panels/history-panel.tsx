/// The history panel: the recorded changes of the article holding the cursor, grouped into author
/// sessions, each with who, when and what changed (the inline diff); a restore button on each earlier
/// session (writers); and the blame toggle, which tints the article in the editor by author, with the
/// name and time on hover.
import { useEffect, useState } from 'preact/hooks';
import type {
  ArticleBlameJson,
  ArticleHistoryJson,
  ChangeAuthor,
  ChangeKind,
  HistoryEntryJson,
} from '../../../core/index.ts';
import { useApp } from '../app/context.ts';
import { formatTime } from '../app/format-time.ts';
import { followLink } from '../app/router.ts';
import type { BlameMarks } from '../editor/blame-marks.ts';
import { userColor } from '../editor/cursors.ts';
import type { DraftEditor } from '../editor/draft-editor.ts';
import { i18n, useT } from '../i18n/i18n.ts';
import { useStore } from '../lib/store.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { foldKept } from './history-diff.ts';
import { SegmentRuns } from './segment-runs.tsx';

/// Props of HistoryPanel.
export interface HistoryPanelProps {
  readonly draftId: string;
  readonly editor: DraftEditor;
  readonly language: 'zh' | 'en';
  readonly canWrite: boolean;
  readonly blame: BlameMarks;
}

/// The colour of an author's tint and swatch; grey for nobody known.
export function authorColor(author: ChangeAuthor): string {
  return author.username ? userColor(author.username) : '#8a8a8a';
}

/// How the panel names an author: the username, or "unknown (before history)", or "the system".
export function authorName(author: ChangeAuthor, kind: ChangeKind, t: ReturnType<typeof useT>): string {
  if (author.username) return author.username;
  return kind === 'pre-history' ? t('history.unknown') : t('history.system');
}

/// The panel.
export function HistoryPanel({ draftId, editor, language, canWrite, blame }: HistoryPanelProps) {
  const t = useT();
  const { api, notify } = useApp();
  const articleId = useStore(editor.currentArticle);
  const outline = useStore(editor.outline);
  const blameCurrent = useStore(blame.current);
  const article = outline.articles.find((candidate) => candidate.id === articleId) ?? null;
  const [history, setHistory] = useState<ArticleHistoryJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [blameOn, setBlameOn] = useState(false);
  const [runs, setRuns] = useState<ArticleBlameJson | null>(null);
  const [confirm, setConfirm] = useState<HistoryEntryJson | null>(null);
  const label = article?.label ?? '';

  // The history of the article at the cursor: again when the cursor moves to another article, after
  // a restore, and a while after its text changes.
  useEffect(() => {
    if (!articleId) {
      setHistory(null);
      return;
    }
    let live = true;
    const timer = setTimeout(
      () =>
        api.articleHistory(draftId, articleId).then(
          (found) => {
            if (!live) return;
            setHistory(found);
            setError(null);
          },
          (caught: Error) => live && setError(caught.message),
        ),
      history?.articleId === articleId ? 1500 : 150,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draftId, articleId, article?.text, reload]);

  // Blame: fetched for the article at the cursor while the toggle is on, and again when the editor's
  // text no longer matches the runs.
  useEffect(() => {
    if (!blameOn || !articleId) {
      setRuns(null);
      return;
    }
    let live = true;
    const timer = setTimeout(
      () =>
        api.articleBlame(draftId, articleId).then(
          (found) => live && setRuns(found),
          (caught: Error) => {
            if (!live) return;
            setRuns(null);
            notify(t('history.blameFailed', { detail: caught.message }), 'error');
          },
        ),
      runs?.articleId === articleId ? 800 : 100,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draftId, articleId, blameOn, blameCurrent ? 0 : article?.text, reload]);

  useEffect(() => {
    blame.show(
      editor.view,
      runs && blameOn
        ? {
            articleId: runs.articleId,
            language,
            runs: runs.runs.map((run) => ({
              text: run.text,
              color: `${authorColor(run.author)}33`,
              title: `${authorName(run.author, run.kind, t)} · ${formatTime(run.at, i18n.language)}`,
            })),
          }
        : null,
    );
  }, [runs, blameOn, language, i18n.language]);
  useEffect(() => () => blame.show(editor.view, null), []);

  const restore = async (entry: HistoryEntryJson) => {
    setConfirm(null);
    if (!articleId) return;
    try {
      const result = await api.restore(draftId, { at: entry.to }, articleId);
      notify(t(result.changed ? 'history.restored' : 'history.unchanged', { label }));
      setReload((n) => n + 1);
    } catch (caught) {
      notify(
        t('history.restoreFailed', { detail: caught instanceof Error ? caught.message : String(caught) }),
        'error',
      );
    }
  };

  const authors = runs
    ? [...new Map(runs.runs.map((run) => [authorName(run.author, run.kind, t), run.author])).entries()]
    : [];
  const shown = history && history.articleId === articleId ? history : null;

  return (
    <div class="history">
      <section class="panel-section history-head">
        <h3>{article ? t('history.title', { label }) : t('history.tab')}</h3>
        <div class="row">
          <label class="toggle">
            <input
              type="checkbox"
              name="blame"
              checked={blameOn}
              disabled={!articleId}
              onChange={(event) => setBlameOn((event.currentTarget as HTMLInputElement).checked)}
            />
            {t('history.blame')}
          </label>
          <button
            type="button"
            class="button small"
            disabled={!articleId}
            onClick={() => setReload((n) => n + 1)}
          >
            {t('history.refresh')}
          </button>
        </div>
        {blameOn && runs && (
          <div class="blame-legend" aria-label={t('history.authors')}>
            {authors.map(([name, author]) => (
              <span key={name} class="blame-author">
                <span class="swatch" style={{ backgroundColor: authorColor(author) }} aria-hidden="true" />
                {name}
              </span>
            ))}
            <p class="muted">{blameCurrent ? t('history.blameHint') : t('history.blameStale')}</p>
          </div>
        )}
      </section>
      {!articleId && <p class="muted pane-note">{t('history.noArticle')}</p>}
      {error && <p class="error-text pane-note">{t('history.failed', { detail: error })}</p>}
      {shown && shown.entries.length === 0 && <p class="muted pane-note">{t('history.none')}</p>}
      {shown && (
        <ol class="history-list">
          {shown.entries.map((entry, index) => {
            const name = authorName(entry.author, entry.kind, t);
            const changed = entry.changes.some((segment) => segment.op !== 'equal');
            const from = formatTime(entry.from, i18n.language);
            const to = formatTime(entry.to, i18n.language);
            return (
              <li key={`${entry.seq.first}`} class={`history-entry kind-${entry.kind}`}>
                <div class="history-who">
                  <span
                    class="swatch"
                    style={{ backgroundColor: authorColor(entry.author) }}
                    aria-hidden="true"
                  />
                  <span class="name">{name}</span>
                  {entry.author.suggestedBy && (
                    <span class="muted">{t('history.suggestedBy', { name: entry.author.suggestedBy })}</span>
                  )}
                  {entry.kind !== 'edit' && <span class="badge">{t(`history.kind.${entry.kind}`)}</span>}
                </div>
                <div class="meta">
                  <time dateTime={entry.to}>{from === to ? to : `${from} – ${to}`}</time>
                </div>
                <div class="history-diff">
                  {changed ? (
                    <SegmentRuns segments={foldKept(entry.changes)} />
                  ) : (
                    <span class="muted">{t('history.noChange')}</span>
                  )}
                </div>
                {canWrite && index > 0 && (
                  <button type="button" class="button small" onClick={() => setConfirm(entry)}>
                    {t('history.restore')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <p class="pane-note">
        <a
          href={`/drafts/${encodeURIComponent(draftId)}/timeline`}
          onClick={followLink({ name: 'timeline', id: draftId })}
        >
          {t('history.timeline')}
        </a>
      </p>
      {confirm && (
        <ConfirmDialog
          title={t('history.restoreTitle', { label })}
          message={t('history.restoreMessage', { label, time: formatTime(confirm.to, i18n.language) })}
          confirmLabel={t('history.restoreConfirm')}
          onConfirm={() => void restore(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
