/// The comments panel: the review threads of the article holding the cursor (or of the whole draft),
/// with replies, resolve and reopen, editing and deleting one's own comments, tags; the form for a new
/// comment on a passage, an article or the draft, with files chosen under the server's limits; each
/// comment's files (name, size, reading state, the original for whoever may download it); and the
/// public and imported comments, with the submitter as the user's role may see them. Owners open and close the public comment period here.
/// Every comment text is a text node: nothing a commenter wrote is ever read as HTML.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Role } from '../api/types.ts';
import type { AttachmentJson } from '../../../core/index.ts';
import type { AttachmentRules, CommentInfo, CommentPeriodInfo } from '../api/comments.ts';
import { useApp } from '../app/context.ts';
import { formatTime } from '../app/format-time.ts';
import { plainError } from '../app/plain-error.ts';
import type { AnchorState } from '../comments/anchors.ts';
import { AttachmentChooser, attachmentProblemText } from '../comments/attachment-chooser.tsx';
import { AttachmentList } from '../comments/attachment-list.tsx';
import type { DraftThreads, Thread } from '../comments/threads.ts';
import type { DraftEditor } from '../editor/draft-editor.ts';
import { i18n, useT } from '../i18n/i18n.ts';
import { useStore } from '../lib/store.ts';
import { otherCount, useCommentCounts } from '../comments/comment-counts.ts';
import type { ReadableStore, Store } from '../lib/store.ts';

/// Which comments the panel lists.
export type CommentScope = 'article' | 'all' | 'public';

/// Props of CommentsPanel.
export interface CommentsPanelProps {
  readonly draftId: string;
  readonly role: Role;
  readonly editor: DraftEditor;
  readonly threads: DraftThreads;
  readonly anchorStates: ReadableStore<ReadonlyMap<string, AnchorState>>;
  /// An article picked in the margin (its badge, a highlight); null follows the cursor.
  readonly focusArticle: Store<string | null>;
}

/// Whether `role` may write comments.
export function canComment(role: Role): boolean {
  return role !== 'viewer';
}

/// The comments panel.
export function CommentsPanel(props: CommentsPanelProps) {
  const t = useT();
  const { draftId, role, editor, threads } = props;
  const [scope, setScope] = useState<CommentScope>('article');
  const index = useStore(threads.index);
  const outline = useStore(editor.outline);
  const cursorArticle = useStore(editor.currentArticle);
  const pending = useStore(threads.pending);
  const anchors = useStore(props.anchorStates);
  const focused = useStore(props.focusArticle);
  const counts = useCommentCounts(threads);
  const articleId = focused ?? cursorArticle;
  // Moving the cursor to another article drops the margin's pick.
  const lastCursor = useRef(cursorArticle);
  useEffect(() => {
    if (lastCursor.current === cursorArticle) return;
    lastCursor.current = cursorArticle;
    if (props.focusArticle.get() !== null && cursorArticle !== props.focusArticle.get())
      props.focusArticle.set(null);
  }, [cursorArticle]);
  // A pick from the margin shows that article.
  useEffect(() => {
    if (focused !== null) setScope('article');
  }, [focused]);
  const labels = useMemo(() => new Map(outline.articles.map((a) => [a.id, a.label])), [outline]);
  const labelOf = (id: string | null) =>
    id === null ? t('comments.wholeDraft') : (labels.get(id) ?? t('comments.goneArticle'));

  const shown: readonly Thread[] =
    scope === 'all'
      ? index.threads
      : scope === 'article' && articleId
        ? (index.byArticle.get(articleId) ?? [])
        : [];

  return (
    <div class="comments" data-testid="comments-panel">
      <div class="segmented comment-scopes" role="group" aria-label={t('comments.scope')}>
        {(['article', 'all', 'public'] as const).map((s) => (
          <button
            key={s}
            type="button"
            class={`button small${scope === s ? ' primary' : ''}`}
            aria-pressed={scope === s}
            onClick={() => {
              setScope(s);
              if (s !== 'article') props.focusArticle.set(null);
            }}
          >
            {t(`comments.scope_${s}`)}
          </button>
        ))}
      </div>
      {pending && (
        <NewComment
          threads={threads}
          label={labelOf(pending.articleId)}
          onDone={() => threads.pending.set(null)}
        />
      )}
      {scope !== 'public' && (
        <>
          {scope === 'article' && (
            <div class="panel-section comment-target">
              <h3>{articleId ? labelOf(articleId) : t('comments.noArticle')}</h3>
              {canComment(role) && !pending && (
                <div class="row">
                  {articleId && (
                    <button
                      type="button"
                      class="button small"
                      onClick={() => threads.pending.set({ articleId })}
                    >
                      {t('comments.onArticle')}
                    </button>
                  )}
                  <button
                    type="button"
                    class="button small quiet"
                    onClick={() => threads.pending.set({ articleId: null })}
                  >
                    {t('comments.onDraft')}
                  </button>
                </div>
              )}
            </div>
          )}
          {!index.loaded && <p class="muted comment-note">{t('common.loading')}</p>}
          {index.loaded && shown.length === 0 && (scope === 'article' || otherCount(counts) === 0) && (
            <p class="muted comment-note">{t('comments.none')}</p>
          )}
          <ol class="thread-list">
            {shown.map((thread) => (
              <ThreadView
                key={thread.root.id}
                thread={thread}
                role={role}
                threads={threads}
                articleLabel={scope === 'all' ? labelOf(thread.root.articleId) : null}
                anchorState={anchors.get(thread.root.id) ?? null}
                onJump={() => jumpToThread(editor, thread, anchors.get(thread.root.id) ?? null)}
              />
            ))}
          </ol>
        </>
      )}
      {/* All: the review threads above, then every public and imported comment. */}
      {scope === 'all' && (
        <PublicComments draftId={draftId} role={role} threads={threads} labelOf={labelOf} heading />
      )}
      {scope === 'public' && (
        <PublicComments draftId={draftId} role={role} threads={threads} labelOf={labelOf} />
      )}
    </div>
  );
}

/// The number on the panel's tab: open review threads plus public and imported comments (the server's
/// count, so 100,000 public comments count without being loaded); what it adds up is in its title.
export function CommentCount({ threads }: { threads: DraftThreads }) {
  const t = useT();
  const index = useStore(threads.index);
  const counts = useCommentCounts(threads);
  const open = index.threads.filter((thread) => thread.root.status === 'open' && !thread.root.deleted).length;
  const others = otherCount(counts);
  const title = t('commentCounts.tabTitle', { review: open, public: others });
  return (
    <span class="count" title={title} aria-label={title}>
      {open + others}
    </span>
  );
}

/// Scroll the editor to a thread's passage (or its article).
function jumpToThread(editor: DraftEditor, thread: Thread, state: AnchorState | null) {
  const mark = editor.view.dom.querySelector(`.lifa-comment-mark[data-thread="${thread.root.id}"]`);
  if (mark && state !== 'lost') {
    mark.scrollIntoView({ block: 'center' });
    return;
  }
  if (thread.root.articleId) editor.jumpToNode(thread.root.articleId);
}

function NewComment({
  threads,
  label,
  onDone,
}: {
  threads: DraftThreads;
  label: string;
  onDone: () => void;
}) {
  const t = useT();
  const { notify } = useApp();
  const pending = useStore(threads.pending);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<readonly File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const rules = useAttachmentRules(threads);
  const input = useAutoFocus<HTMLTextAreaElement>();
  if (!pending) return null;
  const chooseFiles = (next: readonly File[]) => {
    setFiles(next);
    setFileError(rules ? attachmentProblemText(t, next, rules) : null);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!body.trim()) return;
    // A choice of files that breaks a limit is refused here, before anything is sent.
    const problem = rules ? attachmentProblemText(t, files, rules) : null;
    if (problem) {
      setFileError(problem);
      return;
    }
    setBusy(true);
    try {
      const created = await threads.api.create(
        threads.draftId,
        { articleId: pending.articleId, body, anchor: pending.anchor ?? undefined },
        files,
      );
      threads.apply(created);
      threads.active.set(created.id);
      setBody('');
      setFiles([]);
      onDone();
    } catch (error) {
      notify(t('comments.failed', { detail: errorText(error) }), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel-section new-comment" onSubmit={submit} aria-label={t('comments.newTitle')}>
      <h3>{t('comments.newOn', { target: label })}</h3>
      {pending.anchor && <blockquote class="comment-quote">{pending.anchor.quote}</blockquote>}
      <textarea
        class="input comment-input"
        name="comment-body"
        rows={4}
        value={body}
        aria-label={t('comments.body')}
        placeholder={t('comments.placeholder')}
        ref={input}
        onInput={(event) => setBody((event.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
          if (event.key === 'Escape') onDone();
        }}
      />
      {rules && <AttachmentChooser id="new-comment" files={files} limits={rules} onChange={chooseFiles} />}
      {fileError && (
        <p class="error-text" role="alert">
          {fileError}
        </p>
      )}
      <div class="row">
        <button type="submit" class="button primary small" disabled={busy || !body.trim()}>
          {t('comments.submit')}
        </button>
        <button type="button" class="button small quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface ThreadViewProps {
  readonly thread: Thread;
  readonly role: Role;
  readonly threads: DraftThreads;
  readonly articleLabel: string | null;
  readonly anchorState: AnchorState | null;
  readonly onJump: () => void;
}

function ThreadView({ thread, role, threads, articleLabel, anchorState, onJump }: ThreadViewProps) {
  const t = useT();
  const { notify } = useApp();
  const active = useStore(threads.active) === thread.root.id;
  const [reply, setReply] = useState<string | null>(null);
  const [tagText, setTagText] = useState<string | null>(null);
  const { root } = thread;
  const commenter = canComment(role);

  const act = async (run: () => Promise<CommentInfo | void>) => {
    try {
      const result = await run();
      if (result) threads.apply(result);
    } catch (error) {
      notify(t('comments.failed', { detail: errorText(error) }), 'error');
    }
  };

  return (
    <li
      class={`thread${active ? ' is-active' : ''}${root.status === 'resolved' ? ' is-resolved' : ''}`}
      data-thread={root.id}
    >
      <div
        class="thread-head"
        onClick={() => {
          threads.active.set(root.id);
          onJump();
        }}
      >
        {articleLabel && <span class="thread-article">{articleLabel}</span>}
        <span class={`badge status-${root.status}`}>{t(`comments.status_${root.status}`)}</span>
        {root.tags.map((tag) => (
          <span key={tag} class="badge tag">
            {tag}
          </span>
        ))}
      </div>
      {root.anchor && (
        <blockquote class={`comment-quote${anchorState === 'lost' ? ' is-lost' : ''}`}>
          {root.anchor.quote}
          {anchorState === 'lost' && <span class="quote-note">{t('comments.passageGone')}</span>}
        </blockquote>
      )}
      <CommentView comment={root} threads={threads} canAct={commenter} />
      {thread.replies.map((r) => (
        <CommentView key={r.id} comment={r} threads={threads} canAct={commenter} reply />
      ))}
      {commenter && (
        <div class="row thread-actions">
          {reply === null && (
            <button type="button" class="button small quiet" onClick={() => setReply('')}>
              {t('comments.reply')}
            </button>
          )}
          <button
            type="button"
            class="button small quiet"
            onClick={() =>
              void act(() =>
                threads.api.update(root.id, { status: root.status === 'open' ? 'resolved' : 'open' }),
              )
            }
          >
            {root.status === 'open' ? t('comments.resolve') : t('comments.reopen')}
          </button>
          {tagText === null && (
            <button type="button" class="button small quiet" onClick={() => setTagText(root.tags.join(', '))}>
              {t('comments.tags')}
            </button>
          )}
        </div>
      )}
      {tagText !== null && (
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            const tags = tagText
              .split(/[,，]/)
              .map((tag) => tag.trim())
              .filter(Boolean);
            setTagText(null);
            void act(() => threads.api.update(root.id, { tags }));
          }}
        >
          <input
            class="input"
            name="comment-tags"
            value={tagText}
            aria-label={t('comments.tags')}
            placeholder={t('comments.tagsPlaceholder')}
            onInput={(event) => setTagText((event.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="button small">
            {t('comments.save')}
          </button>
        </form>
      )}
      {reply !== null && (
        <form
          class="reply-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reply.trim()) return;
            const body = reply;
            setReply(null);
            void act(() => threads.api.create(threads.draftId, { parentId: root.id, body }));
          }}
        >
          <textarea
            class="input comment-input"
            name="reply-body"
            rows={2}
            value={reply}
            aria-label={t('comments.reply')}
            ref={focusOnMount}
            onInput={(event) => setReply((event.currentTarget as HTMLTextAreaElement).value)}
          />
          <div class="row">
            <button type="submit" class="button small primary" disabled={!reply.trim()}>
              {t('comments.reply')}
            </button>
            <button type="button" class="button small quiet" onClick={() => setReply(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function CommentView({
  comment,
  threads,
  canAct,
  reply = false,
}: {
  comment: CommentInfo;
  threads: DraftThreads;
  canAct: boolean;
  reply?: boolean;
}) {
  const t = useT();
  const { notify } = useApp();
  const download = useAttachmentDownload(threads);
  const [editing, setEditing] = useState<string | null>(null);
  if (comment.deleted) {
    return <p class={`comment deleted${reply ? ' reply' : ''}`}>{t('comments.deleted')}</p>;
  }
  const save = async (event: Event) => {
    event.preventDefault();
    if (editing === null || !editing.trim()) return;
    try {
      threads.apply(await threads.api.update(comment.id, { body: editing }));
      setEditing(null);
    } catch (error) {
      notify(t('comments.failed', { detail: errorText(error) }), 'error');
    }
  };
  const remove = async () => {
    try {
      await threads.api.remove(comment.id);
    } catch (error) {
      notify(t('comments.failed', { detail: errorText(error) }), 'error');
    }
  };
  return (
    <div class={`comment${reply ? ' reply' : ''}`} data-comment={comment.id}>
      <div class="comment-meta">
        <strong class="comment-author">{comment.author ?? t('comments.removedUser')}</strong>
        <time dateTime={comment.createdAt}>{formatTime(comment.createdAt, i18n.language)}</time>
        {comment.edited && <span class="muted">{t('comments.edited')}</span>}
      </div>
      {editing === null ? (
        <p class="comment-body">{comment.body}</p>
      ) : (
        <form onSubmit={save}>
          <textarea
            class="input comment-input"
            name="edit-body"
            rows={3}
            value={editing}
            aria-label={t('comments.edit')}
            onInput={(event) => setEditing((event.currentTarget as HTMLTextAreaElement).value)}
          />
          <div class="row">
            <button type="submit" class="button small primary" disabled={!editing.trim()}>
              {t('comments.save')}
            </button>
            <button type="button" class="button small quiet" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <AttachmentList attachments={comment.attachments} onDownload={download} />
      {canAct && comment.mine && editing === null && (
        <div class="row comment-own">
          <button type="button" class="button small quiet" onClick={() => setEditing(comment.body)}>
            {t('comments.edit')}
          </button>
          <button type="button" class="button small quiet" onClick={() => void remove()}>
            {t('comments.delete')}
          </button>
        </div>
      )}
    </div>
  );
}

/// Public and imported comments, a page at a time, newest arrivals included as they come.
function PublicComments({
  draftId,
  role,
  threads,
  labelOf,
  heading = false,
}: {
  draftId: string;
  role: Role;
  threads: DraftThreads;
  labelOf: (id: string | null) => string;
  /// In the All list: a heading with the count, no period controls, nothing said when there are none.
  heading?: boolean;
}) {
  const t = useT();
  const [comments, setComments] = useState<CommentInfo[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const latest = useStore(threads.lastOther);
  const download = useAttachmentDownload(threads);

  const load = async (after: string | null) => {
    try {
      const page = await threads.api.list(draftId, {
        limit: 100,
        kind: 'public,imported',
        ...(after ? { cursor: after } : {}),
      });
      const others = page.comments;
      setComments((list) => (after ? [...list, ...others] : others));
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  useEffect(() => {
    void load(null);
  }, [draftId]);
  useEffect(() => {
    if (!latest) return;
    setComments((list) => {
      const at = list.findIndex((c) => c.id === latest.id);
      if (at >= 0) return list.map((c) => (c.id === latest.id ? latest : c));
      return cursor === null ? [...list, latest] : list;
    });
  }, [latest]);

  const counts = useCommentCounts(threads);
  const total = counts ? otherCount(counts) : comments.length;
  if (heading && loaded && comments.length === 0) return null;
  return (
    <div class="public-comments">
      {heading && <h3 class="public-heading">{t('commentCounts.publicHeading', { count: total })}</h3>}
      {role === 'owner' && !heading && <PeriodControls draftId={draftId} threads={threads} />}
      {error && (
        <p class="error-text" role="alert">
          {error}
        </p>
      )}
      {loaded && comments.length === 0 && !heading && (
        <p class="muted comment-note">{t('comments.nonePublic')}</p>
      )}
      <ol class="thread-list">
        {comments.map((c) => (
          <li key={c.id} class={`thread public${c.withdrawn ? ' is-withdrawn' : ''}`} data-comment={c.id}>
            <div class="thread-head">
              <span class="thread-article">{labelOf(c.articleId)}</span>
              <span class="badge">{t(`comments.kind_${c.kind}`)}</span>
              {c.withdrawn && <span class="badge status-resolved">{t('comments.withdrawn')}</span>}
            </div>
            <div class="comment">
              <div class="comment-meta">
                <strong class="comment-author">{c.author}</strong>
                <time dateTime={c.createdAt}>{formatTime(c.createdAt, i18n.language)}</time>
              </div>
              {c.submitter && (
                <dl class="submitter">
                  {c.submitter.contact && (
                    <>
                      <dt>{t('comments.contact')}</dt>
                      <dd class="submitter-contact">{c.submitter.contact}</dd>
                    </>
                  )}
                  {c.submitter.organization && (
                    <>
                      <dt>{t('comments.organization')}</dt>
                      <dd>{c.submitter.organization}</dd>
                    </>
                  )}
                  {c.submitter.type && (
                    <>
                      <dt>{t('comments.submitterType')}</dt>
                      <dd>{t(`submitterType.${c.submitter.type}`)}</dd>
                    </>
                  )}
                </dl>
              )}
              <p class="comment-body">{c.body}</p>
              <AttachmentList attachments={c.attachments} onDownload={download} />
            </div>
          </li>
        ))}
      </ol>
      {cursor && (
        <button type="button" class="button small" onClick={() => void load(cursor)}>
          {t('comments.more')}
        </button>
      )}
    </div>
  );
}

/// The owner's controls of the public comment period.
function PeriodControls({ draftId, threads }: { draftId: string; threads: DraftThreads }) {
  const t = useT();
  const { api, notify } = useApp();
  const [period, setPeriod] = useState<CommentPeriodInfo | null>(null);
  const [versions, setVersions] = useState<{ id: string; label: string }[]>([]);
  const [versionId, setVersionId] = useState('');
  const [closesAt, setClosesAt] = useState('');

  useEffect(() => {
    // The form starts from the period as it stands: opening it again keeps its version and closing time.
    void threads.api.period(draftId).then(
      (found) => {
        setPeriod(found);
        if (found?.versionId) setVersionId(found.versionId);
        if (found?.closesAt) setClosesAt(localInputTime(found.closesAt));
      },
      () => {},
    );
    void api.listVersions(draftId).then(
      (list) => {
        setVersions([...list].reverse());
        if (list.length) setVersionId((v) => v || list[list.length - 1].id);
      },
      () => {},
    );
  }, [draftId]);

  const set = async (open: boolean) => {
    try {
      const next = await threads.api.setPeriod(draftId, {
        versionId: open ? versionId : (period?.versionId ?? versionId),
        open,
        closesAt: open && closesAt ? new Date(closesAt).toISOString() : null,
      });
      setPeriod(next);
    } catch (error) {
      notify(t('comments.failed', { detail: errorText(error) }), 'error');
    }
  };
  const withdraw = async () => {
    try {
      await threads.api.withdrawPublication(draftId);
      setPeriod(null);
    } catch (error) {
      notify(t('comments.failed', { detail: errorText(error) }), 'error');
    }
  };
  const link = `${location.origin}/public/${encodeURIComponent(draftId)}`;

  return (
    <section class="panel-section period">
      <h3>{t('comments.period')}</h3>
      {period?.accepting ? (
        <p>
          {t('comments.periodOpen', {
            version: versions.find((v) => v.id === period.versionId)?.label ?? period.versionId,
          })}{' '}
          <a href={link} target="_blank" rel="noreferrer">
            {t('comments.publicLink')}
          </a>
        </p>
      ) : (
        <p class="muted">{period ? t('comments.periodClosed') : t('comments.periodNever')}</p>
      )}
      {versions.length === 0 ? (
        <p class="muted">{t('comments.periodNeedsVersion')}</p>
      ) : (
        <div class="period-form">
          <label class="row">
            <span>{t('comments.periodVersion')}</span>
            <select
              class="select"
              name="period-version"
              value={versionId}
              onChange={(event) => setVersionId((event.currentTarget as HTMLSelectElement).value)}
            >
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <label class="row">
            <span>{t('comments.periodCloses')}</span>
            <input
              class="input"
              type="datetime-local"
              name="period-closes"
              value={closesAt}
              onInput={(event) => setClosesAt((event.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <div class="row">
            <button
              type="button"
              class="button small primary"
              onClick={() => void set(true)}
              disabled={!versionId}
            >
              {t('comments.periodOpenButton')}
            </button>
            {period?.open && (
              <button type="button" class="button small" onClick={() => void set(false)}>
                {t('comments.periodCloseButton')}
              </button>
            )}
            {period && (
              <button type="button" class="button small quiet" onClick={() => void withdraw()}>
                {t('comments.periodWithdrawButton')}
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

/// `iso` as a `datetime-local` input shows it: the local date and time to the minute.
export function localInputTime(iso: string): string {
  const at = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

/// What a comment may carry, once the server has said (null until then, and when it cannot be asked:
/// the server still refuses what breaks its limits).
function useAttachmentRules(threads: DraftThreads): AttachmentRules | null {
  const [rules, setRules] = useState<AttachmentRules | null>(null);
  useEffect(() => {
    let live = true;
    threads.attachmentRules().then(
      (found) => live && setRules(found),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [threads]);
  return rules;
}

/// Fetch an attachment's original and save it through the host; a refusal is told as a notice.
function useAttachmentDownload(threads: DraftThreads): (attachment: AttachmentJson) => void {
  const t = useT();
  const { host, notify } = useApp();
  return (attachment) => {
    void threads.api.attachment(attachment).then(
      (file) => host.saveFile(file),
      (error: unknown) => notify(t('comments.failed', { detail: errorText(error) }), 'error'),
    );
  };
}

/// A ref that focuses its element once it is mounted.
function useAutoFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/// A ref callback focusing a newly mounted element.
export function focusOnMount(element: HTMLElement | null): void {
  if (element && element.ownerDocument.activeElement !== element && !element.dataset.focused) {
    element.dataset.focused = 'true';
    element.focus();
  }
}

function errorText(error: unknown): string {
  return plainError(i18n.t, error);
}
