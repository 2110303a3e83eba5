/// The Suggestions panel: every suggestion of the draft grouped by article in the draft's order, with
/// filters by status and author; accept or reject one, all of an article, or all of an author
/// (owners and drafters), undo a decision, and for its author edit, re-base or withdraw one; each with
/// its discussion. Above the list, the form for new words for a selected passage, and proposals for
/// the article at the cursor (a new article after it, its deletion, a new paragraph). Every text a
/// person wrote is a text node, never HTML.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SuggestionCommentJson, SuggestionJson } from '../../../core/index.ts';
import { isUndecided } from '../../../core/index.ts';
import type { Role } from '../api/types.ts';
import { useApp } from '../app/context.ts';
import { formatTime } from '../app/format-time.ts';
import { userColor } from '../editor/cursors.ts';
import type { DraftEditor } from '../editor/draft-editor.ts';
import { i18n, useT } from '../i18n/i18n.ts';
import { useStore } from '../lib/store.ts';
import { focusOnMount } from '../panels/comments-panel.tsx';
import { MarkedSegments } from '../panels/marked-segments.tsx';
import { firstWords } from '../panels/outline-entries.ts';
import { canDecide, canSuggest } from './use-draft-suggestions.ts';
import type { DraftSuggestionsHandle } from './use-draft-suggestions.ts';

/// Which suggestions the panel lists.
export type StatusFilter = 'undecided' | 'all' | 'accepted' | 'rejected' | 'withdrawn';

/// Props of SuggestionsPanel.
export interface SuggestionsPanelProps {
  readonly handle: DraftSuggestionsHandle;
  readonly editor: DraftEditor;
  readonly role: Role;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/// The suggestions panel.
export function SuggestionsPanel({ handle, editor, role }: SuggestionsPanelProps) {
  const t = useT();
  const { notify } = useApp();
  const { suggestions } = handle;
  const index = useStore(suggestions.index);
  const local = useStore(handle.marks.states);
  const outline = useStore(editor.outline);
  const proposing = useStore(handle.proposing);
  const [status, setStatus] = useState<StatusFilter>('undecided');
  const [author, setAuthor] = useState('');
  const decider = canDecide(role);

  // What the editor sees now is fresher than the server's word on open or stale.
  const statusOf = (s: SuggestionJson) => (isUndecided(s.status) ? (local.get(s.id) ?? s.status) : s.status);
  const authors = useMemo(() => [...new Set(index.all.map((s) => s.author.username ?? '?'))].sort(), [index]);
  const shown = index.all.filter(
    (s) =>
      (status === 'all' || (status === 'undecided' ? isUndecided(s.status) : s.status === status)) &&
      (!author || s.author.username === author),
  );
  const order = new Map(outline.articles.map((a, i) => [a.id, i]));
  const groups = new Map<string, SuggestionJson[]>();
  for (const s of shown) {
    const list = groups.get(s.articleId);
    if (list) list.push(s);
    else groups.set(s.articleId, [s]);
  }
  const sorted = [...groups].sort(
    ([a], [b]) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER),
  );

  const act = async (run: () => Promise<unknown>, done?: string) => {
    try {
      await run();
      if (done) notify(done);
    } catch (error) {
      notify(t('suggestions.failed', { detail: errorText(error) }), 'error');
    }
  };
  const decideMany = (action: 'accept' | 'reject', which: { articleId?: string; author?: string }) =>
    act(async () => {
      const outcome = await suggestions.decide(action, which);
      notify(t('suggestions.decided', outcome));
    });

  return (
    <div class="suggestions" data-testid="suggestions-panel">
      {proposing && <ProposeWords handle={handle} />}
      {canSuggest(role) && !proposing && <ProposeStructure handle={handle} editor={editor} />}
      <div class="panel-section suggestion-filters">
        <label>
          <span>{t('suggestions.filterStatus')}</span>
          <select
            class="input"
            name="suggestion-status"
            value={status}
            onChange={(event) => setStatus((event.currentTarget as HTMLSelectElement).value as StatusFilter)}
          >
            {(['undecided', 'all', 'accepted', 'rejected', 'withdrawn'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`suggestions.status_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('suggestions.filterAuthor')}</span>
          <select
            class="input"
            name="suggestion-author"
            value={author}
            onChange={(event) => setAuthor((event.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('suggestions.allAuthors')}</option>
            {authors.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {decider && author && shown.some((s) => isUndecided(s.status)) && (
          <div class="row">
            <button type="button" class="button small" onClick={() => void decideMany('accept', { author })}>
              {t('suggestions.acceptAuthor', { author })}
            </button>
            <button
              type="button"
              class="button small quiet"
              onClick={() => void decideMany('reject', { author })}
            >
              {t('suggestions.rejectAuthor', { author })}
            </button>
          </div>
        )}
      </div>
      {canSuggest(role) && (
        <div class="panel-section suggestion-import">
          <label class="button small quiet file-button">
            {t('suggestions.import')}
            <input
              type="file"
              name="suggestion-docx"
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              onChange={(event) => {
                const input = event.currentTarget as HTMLInputElement;
                const file = input.files?.[0];
                input.value = '';
                if (!file) return;
                void act(async () => {
                  const outcome = await suggestions.api.importDocx(
                    suggestions.draftId,
                    new Uint8Array(await file.arrayBuffer()),
                  );
                  for (const s of outcome.created) suggestions.apply(s);
                  notify(
                    t('suggestions.imported', {
                      created: outcome.created.length,
                      unmatched: outcome.unmatched.length,
                    }),
                  );
                });
              }}
            />
          </label>
        </div>
      )}
      {!index.loaded && <p class="muted comment-note">{t('common.loading')}</p>}
      {index.loaded && shown.length === 0 && <p class="muted comment-note">{t('suggestions.none')}</p>}
      {sorted.map(([articleId, list]) => {
        const article = outline.articles.find((a) => a.id === articleId);
        const open = list.filter((s) => isUndecided(s.status));
        return (
          <section class="suggestion-group" key={articleId} data-article={articleId}>
            <header class="suggestion-group-head">
              <button type="button" class="link" onClick={() => editor.jumpToNode(articleId)}>
                <strong>{article ? article.label : t('suggestions.goneArticle')}</strong>{' '}
                <span class="muted">{article ? firstWords(article.text, 12) : ''}</span>
              </button>
              {decider && open.length > 1 && (
                <span class="row">
                  <button
                    type="button"
                    class="button small"
                    onClick={() => void decideMany('accept', { articleId })}
                  >
                    {t('suggestions.acceptAll')}
                  </button>
                  <button
                    type="button"
                    class="button small quiet"
                    onClick={() => void decideMany('reject', { articleId })}
                  >
                    {t('suggestions.rejectAll')}
                  </button>
                </span>
              )}
            </header>
            <ol class="suggestion-list">
              {list.map((s) => (
                <SuggestionView
                  key={s.id}
                  suggestion={s}
                  status={statusOf(s)}
                  handle={handle}
                  editor={editor}
                  role={role}
                  act={act}
                />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

/// The number of undecided suggestions, for the panel's tab.
export function SuggestionCount({ handle }: { handle: DraftSuggestionsHandle }) {
  const counts = useStore(handle.suggestions.counts);
  let total = 0;
  for (const n of counts.values()) total += n;
  return (
    <span class="count" data-suggestion-count={total}>
      {total}
    </span>
  );
}

/// The change a suggestion proposes, drawn as a redline (with words for screen readers).
function Change({ suggestion }: { suggestion: SuggestionJson }) {
  const s = suggestion;
  switch (s.kind) {
    case 'text':
      return (
        <p class="suggestion-change">
          <span class="ctx">
            {(s.prefix.length > 12 ? '…' : '') + s.prefix.slice(-12).replace(/\n/g, ' ')}
          </span>
          <MarkedSegments
            segments={[
              ...(s.quote ? [{ op: 'delete' as const, text: s.quote }] : []),
              ...(s.replacement ? [{ op: 'insert' as const, text: s.replacement }] : []),
            ]}
          />
          <span class="ctx">
            {s.suffix.slice(0, 12).replace(/\n/g, ' ') + (s.suffix.length > 12 ? '…' : '')}
          </span>
        </p>
      );
    case 'delete-article':
      return (
        <p class="suggestion-change">
          <MarkedSegments segments={[{ op: 'delete', text: firstWords(s.quote, 60) }]} />
        </p>
      );
    default:
      return (
        <div class="suggestion-change">
          {s.kind !== 'insert-article' && <p class="ctx">{firstWords(s.quote, 20)}</p>}
          {s.replacement.split('\n').map((line, i) => (
            <p key={i}>
              <MarkedSegments segments={[{ op: 'insert', text: line }]} />
            </p>
          ))}
        </div>
      );
  }
}

interface SuggestionViewProps {
  readonly suggestion: SuggestionJson;
  readonly status: SuggestionJson['status'];
  readonly handle: DraftSuggestionsHandle;
  readonly editor: DraftEditor;
  readonly role: Role;
  readonly act: (run: () => Promise<unknown>, done?: string) => Promise<void>;
}

function SuggestionView({ suggestion: s, status, handle, editor, role, act }: SuggestionViewProps) {
  const t = useT();
  const { suggestions } = handle;
  const active = useStore(suggestions.active) === s.id;
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [thread, setThread] = useState<SuggestionCommentJson[] | null>(null);
  const [reply, setReply] = useState('');
  const undecided = isUndecided(s.status);
  const decider = canDecide(role);
  const author = s.author.username ?? '?';
  const language = i18n.language;

  useEffect(() => {
    if (active)
      document.querySelector(`.suggestion[data-suggestion="${s.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  // A changed count (someone replied) reloads an open thread.
  useEffect(() => {
    if (thread !== null) void suggestions.api.comments(s.id).then(setThread, () => {});
  }, [s.comments]);

  const jump = () => {
    suggestions.active.set(s.id);
    const mark = editor.view.dom.querySelector(`[data-suggestion="${s.id}"]`);
    if (mark) mark.scrollIntoView({ block: 'center' });
    else editor.jumpToNode(s.articleId);
  };

  return (
    <li
      class={`suggestion status-${status}${active ? ' is-active' : ''}`}
      data-suggestion={s.id}
      style={{ '--sugg-color': userColor(author) }}
    >
      {/* A button, so the keyboard too can show the suggestion in the text. */}
      <button type="button" class="suggestion-head" title={t('suggestions.show')} onClick={jump}>
        <span class="author-dot" aria-hidden="true" />
        <strong class="suggestion-author">{author}</strong>
        <span class="muted">{formatTime(s.createdAt, language)}</span>
        <span class={`badge suggestion-status status-${status}`}>{t(`suggestions.status_${status}`)}</span>
        <span class="badge">{t(`suggestions.kind_${s.kind}`)}</span>
      </button>
      <Change suggestion={s} />
      {s.note && <p class="suggestion-note">{s.note}</p>}
      {s.importedBy && <p class="muted suggestion-note">docx · {s.importedBy.username}</p>}
      {status === 'stale' && <p class="suggestion-stale">{t('suggestions.staleNote')}</p>}
      {s.decidedBy && !undecided && (
        <p class="muted suggestion-decided">
          {t('suggestions.decidedBy', {
            who: s.decidedBy.username ?? '?',
            when: formatTime(s.decidedAt, language),
            what: t(`suggestions.status_${s.status}`),
          })}
          {s.reason && <span class="suggestion-reason">{s.reason}</span>}
        </p>
      )}
      {editing !== null && (
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            const replacement = editing;
            setEditing(null);
            void act(() => suggestions.edit(s.id, { replacement }));
          }}
        >
          <input
            class="input"
            name="suggestion-replacement"
            value={editing}
            aria-label={t('suggestions.proposeReplacement')}
            onInput={(event) => setEditing((event.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="button small">
            {t('suggestions.save')}
          </button>
        </form>
      )}
      {rejecting !== null && (
        <form
          class="reject-form"
          onSubmit={(event) => {
            event.preventDefault();
            const reason = rejecting.trim();
            setRejecting(null);
            void act(() => suggestions.reject(s.id, reason || undefined));
          }}
        >
          <input
            class="input"
            name="reject-reason"
            value={rejecting}
            aria-label={t('suggestions.reason')}
            placeholder={t('suggestions.reason')}
            onInput={(event) => setRejecting((event.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="button small danger-text">
            {t('suggestions.confirmReject')}
          </button>
        </form>
      )}
      <div class="row suggestion-actions">
        {decider && undecided && status === 'open' && (
          <button
            type="button"
            class="button small primary"
            data-action="accept"
            onClick={() => void act(() => suggestions.accept(s.id), t('suggestions.accepted'))}
          >
            {t('suggestions.accept')}
          </button>
        )}
        {decider && undecided && rejecting === null && (
          <button type="button" class="button small" data-action="reject" onClick={() => setRejecting('')}>
            {t('suggestions.reject')}
          </button>
        )}
        {decider && (s.status === 'accepted' || s.status === 'rejected') && (
          <button
            type="button"
            class="button small"
            data-action="undo"
            onClick={() => void act(() => suggestions.undo(s.id), t('suggestions.undone'))}
          >
            {t('suggestions.undo')}
          </button>
        )}
        {s.mine && undecided && status === 'stale' && (
          <button
            type="button"
            class="button small"
            data-action="rebase"
            onClick={() => void act(() => suggestions.rebase(s.id))}
          >
            {t('suggestions.rebase')}
          </button>
        )}
        {s.mine && undecided && s.kind !== 'delete-article' && editing === null && (
          <button type="button" class="button small quiet" onClick={() => setEditing(s.replacement)}>
            {t('suggestions.edit')}
          </button>
        )}
        {s.mine && undecided && (
          <button
            type="button"
            class="button small quiet"
            data-action="withdraw"
            onClick={() => void act(() => suggestions.withdraw(s.id))}
          >
            {t('suggestions.withdraw')}
          </button>
        )}
        <button
          type="button"
          class="button small quiet"
          aria-expanded={thread !== null}
          onClick={() =>
            thread === null
              ? void act(async () => setThread(await suggestions.api.comments(s.id)))
              : setThread(null)
          }
        >
          {t('suggestions.comments', { count: s.comments })}
        </button>
      </div>
      {thread !== null && (
        <div class="suggestion-thread">
          {thread.map((c) => (
            <p key={c.id} class="comment reply">
              <strong>{c.author.username ?? '?'}</strong>{' '}
              <span class="muted">{formatTime(c.createdAt, language)}</span>
              <br />
              <span class="comment-body">{c.body}</span>
            </p>
          ))}
          {canSuggest(role) && (
            <form
              class="row"
              onSubmit={(event) => {
                event.preventDefault();
                const body = reply.trim();
                if (!body) return;
                setReply('');
                void act(async () => {
                  await suggestions.api.comment(s.id, body);
                  setThread(await suggestions.api.comments(s.id));
                });
              }}
            >
              <input
                class="input"
                name="suggestion-reply"
                value={reply}
                aria-label={t('suggestions.commentPlaceholder')}
                placeholder={t('suggestions.commentPlaceholder')}
                onInput={(event) => setReply((event.currentTarget as HTMLInputElement).value)}
              />
              <button type="submit" class="button small" disabled={!reply.trim()}>
                {t('suggestions.send')}
              </button>
            </form>
          )}
        </div>
      )}
    </li>
  );
}

/// The form for new words for a selected passage.
function ProposeWords({ handle }: { handle: DraftSuggestionsHandle }) {
  const t = useT();
  const { notify } = useApp();
  const capture = useStore(handle.proposing);
  const [replacement, setReplacement] = useState(capture?.anchor.quote ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setReplacement(capture?.anchor.quote ?? ''), [capture]);
  if (!capture) return null;
  const close = () => handle.proposing.set(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (replacement === capture.anchor.quote) return;
    setBusy(true);
    try {
      const made = await handle.suggestions.create({
        kind: 'text',
        articleId: capture.articleId,
        quote: capture.anchor.quote,
        replacement,
        prefix: capture.anchor.prefix,
        suffix: capture.anchor.suffix,
        start: capture.anchor.start,
        end: capture.anchor.end,
        note: note.trim() || null,
      });
      handle.suggestions.active.set(made.id);
      close();
    } catch (error) {
      notify(t('suggestions.failed', { detail: errorText(error) }), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel-section propose-form" onSubmit={submit} aria-label={t('suggestions.proposeTitle')}>
      <h3>{t('suggestions.proposeTitle')}</h3>
      <p class="muted">{t('suggestions.proposeQuote')}</p>
      <blockquote class="comment-quote">{capture.anchor.quote}</blockquote>
      <label class="field">
        <span>{t('suggestions.proposeReplacement')}</span>
        <textarea
          class="input"
          name="suggestion-replacement"
          rows={3}
          value={replacement}
          ref={focusOnMount}
          onInput={(event) =>
            setReplacement((event.currentTarget as HTMLTextAreaElement).value.replace(/\n/g, ' '))
          }
          onKeyDown={(event) => {
            if (event.key === 'Enter') void submit(event);
            if (event.key === 'Escape') close();
          }}
        />
      </label>
      <p class="muted small">{t('suggestions.proposeEmpty')}</p>
      <label class="field">
        <span>{t('suggestions.note')}</span>
        <input
          class="input"
          name="suggestion-note"
          value={note}
          onInput={(event) => setNote((event.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <div class="row">
        <button
          type="submit"
          class="button primary small"
          disabled={busy || replacement === capture.anchor.quote}
        >
          {t('suggestions.submit')}
        </button>
        <button type="button" class="button small quiet" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/// Proposals for the article at the cursor: a new article after it, its deletion, a new paragraph.
function ProposeStructure({ handle, editor }: { handle: DraftSuggestionsHandle; editor: DraftEditor }) {
  const t = useT();
  const { notify } = useApp();
  const articleId = useStore(editor.currentArticle);
  const [form, setForm] = useState<'article' | 'paragraph' | null>(null);
  const [text, setText] = useState('');
  if (!articleId) return <p class="muted comment-note">{t('suggestions.noArticle')}</p>;
  const send = async (run: () => Promise<SuggestionJson>) => {
    try {
      const made = await run();
      handle.suggestions.active.set(made.id);
      setForm(null);
      setText('');
    } catch (error) {
      notify(t('suggestions.failed', { detail: errorText(error) }), 'error');
    }
  };
  return (
    <div class="panel-section propose-structure">
      <div class="row">
        <button type="button" class="button small" onClick={() => setForm('article')}>
          {t('suggestions.proposeArticle')}
        </button>
        <button type="button" class="button small" onClick={() => setForm('paragraph')}>
          {t('suggestions.proposeParagraph')}
        </button>
        <button
          type="button"
          class="button small danger-text"
          onClick={() => void send(() => handle.suggestions.create({ kind: 'delete-article', articleId }))}
        >
          {t('suggestions.proposeDelete')}
        </button>
      </div>
      {form && (
        <form
          class="propose-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!text.trim()) return;
            void send(() =>
              handle.suggestions.create(
                form === 'article'
                  ? { kind: 'insert-article', after: articleId, text }
                  : { kind: 'insert-paragraph', articleId, text: text.replace(/\n/g, ' ') },
              ),
            );
          }}
        >
          <textarea
            class="input"
            name="suggestion-text"
            rows={3}
            value={text}
            aria-label={t('suggestions.proposeText')}
            placeholder={t('suggestions.proposeText')}
            ref={focusOnMount}
            onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
          />
          <div class="row">
            <button type="submit" class="button primary small" disabled={!text.trim()}>
              {t('suggestions.submit')}
            </button>
            <button type="button" class="button small quiet" onClick={() => setForm(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
