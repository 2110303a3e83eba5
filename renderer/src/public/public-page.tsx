/// The public comment page, `/public/:draftId`, for anyone, without an account: the version published
/// for comment with its numbered articles, a comment form per article and one for the draft as a
/// whole, and a receipt for each comment sent. Name and contact are said to stay private (only the
/// drafting office sees them). Everything shown is a text node: no text from the server or from a
/// commenter is ever read as HTML.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { characterCount, maxCommentCharacters } from '../../../core/index.ts';
import { ApiError } from '../api/client.ts';
import { CommentsApi, submitterTypes } from '../api/comments.ts';
import type { PublicDraft, SubmitterType } from '../api/comments.ts';
import { formatTime } from '../app/format-time.ts';
import { LanguageMenu } from '../app/language-menu.tsx';
import { followDraftLanguage, i18n, useT } from '../i18n/i18n.ts';

/// Props of PublicPage.
export interface PublicPageProps {
  readonly serverUrl: string;
  readonly draftId: string;
}

type Block =
  | { readonly kind: 'division'; readonly pos: number; readonly division: PublicDraft['divisions'][number] }
  | { readonly kind: 'article'; readonly pos: number; readonly article: PublicDraft['articles'][number] };

/// The public comment page.
export function PublicPage({ serverUrl, draftId }: PublicPageProps) {
  const t = useT();
  const api = useMemo(() => new CommentsApi(serverUrl, null), [serverUrl]);
  const [draft, setDraft] = useState<PublicDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openForm, setOpenForm] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.publicDraft(draftId).then(
      (loaded) => {
        if (!live) return;
        setDraft(loaded);
        followDraftLanguage(loaded.language);
        document.title = loaded.title;
      },
      (caught: unknown) =>
        live && setError(caught instanceof ApiError && caught.status === 404 ? 'missing' : String(caught)),
    );
    return () => {
      live = false;
      followDraftLanguage(null);
    };
  }, [api, draftId]);

  const blocks = useMemo<Block[]>(() => {
    if (!draft) return [];
    const list: Block[] = [
      ...draft.divisions.map((division) => ({ kind: 'division' as const, pos: division.pos, division })),
      ...draft.articles.map((article) => ({ kind: 'article' as const, pos: article.pos, article })),
    ];
    return list.sort((a, b) => a.pos - b.pos);
  }, [draft]);

  if (error) {
    return (
      <main class="public-page" id="main">
        <p class="error-text" role="alert">
          {error === 'missing' ? t('publicPage.missing') : t('publicPage.loadFailed', { detail: error })}
        </p>
      </main>
    );
  }
  if (!draft) {
    return (
      <main class="public-page" id="main">
        <p class="muted">{t('common.loading')}</p>
      </main>
    );
  }

  return (
    <main
      class={`public-page lang-${draft.language}`}
      id="main"
      lang={draft.language === 'zh' ? 'zh-CN' : 'en'}
    >
      <header class="public-head">
        <div class="public-tools">
          <LanguageMenu />
        </div>
        <p class="public-kicker">{t('publicPage.kicker')}</p>
        <h1 class="public-title">{draft.title}</h1>
        <p class="muted">
          {t('publicPage.version', {
            label: draft.version.label,
            date: formatTime(draft.version.createdAt, i18n.language),
          })}
        </p>
        {draft.open ? (
          <p class="notice">
            {draft.closesAt
              ? t('publicPage.openUntil', { date: formatTime(draft.closesAt, i18n.language) })
              : t('publicPage.open')}{' '}
            {t('publicPage.privacy')}
          </p>
        ) : (
          <p class="notice error" role="status">
            {t('publicPage.closed')}
          </p>
        )}
      </header>
      {draft.preamble.length > 0 && (
        <section class="public-preamble">
          {draft.preamble.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </section>
      )}
      <div class="public-text">
        {blocks.map((block) =>
          block.kind === 'division' ? (
            <h2 key={`d${block.pos}`} class={`public-division ${block.division.kind}`}>
              {block.division.label} {block.division.heading}
            </h2>
          ) : (
            <ArticleBlock
              key={`a${block.pos}`}
              article={block.article}
              language={draft.language}
              open={draft.open}
              formOpen={openForm === block.article.id}
              onToggle={() => setOpenForm((id) => (id === block.article.id ? null : block.article.id))}
              api={api}
              draftId={draftId}
            />
          ),
        )}
      </div>
      {draft.open && (
        <section class="public-whole" aria-labelledby="whole-head">
          <h2 id="whole-head">{t('publicPage.wholeTitle')}</h2>
          <CommentForm api={api} draftId={draftId} articleId={null} label={t('publicPage.wholeTitle')} />
        </section>
      )}
    </main>
  );
}

function ArticleBlock({
  article,
  language,
  open,
  formOpen,
  onToggle,
  api,
  draftId,
}: {
  article: PublicDraft['articles'][number];
  language: 'zh' | 'en';
  open: boolean;
  formOpen: boolean;
  onToggle: () => void;
  api: CommentsApi;
  draftId: string;
}) {
  const t = useT();
  const gap = language === 'zh' ? '\u3000' : ' ';
  return (
    <article class="public-article" data-article={article.id ?? undefined} aria-label={article.label}>
      {article.paragraphs.map((paragraph, p) => (
        <div key={p} class="public-paragraph">
          <p>
            {p === 0 && <strong class="public-label">{article.label}</strong>}
            {p === 0 ? gap : ''}
            {paragraph.text}
          </p>
          {paragraph.items.map((item, i) => (
            <p key={i} class="public-item">
              {item.label} {item.text}
            </p>
          ))}
        </div>
      ))}
      {open && article.id && (
        <>
          <button
            type="button"
            class="button small quiet public-comment-toggle"
            aria-expanded={formOpen}
            onClick={onToggle}
          >
            {t('publicPage.commentOn', { label: article.label })}
          </button>
          {formOpen && (
            <CommentForm api={api} draftId={draftId} articleId={article.id} label={article.label} />
          )}
        </>
      )}
    </article>
  );
}

/// A comment form: comment, name, contact, organisation, submitter type, and the hidden honeypot.
function CommentForm({
  api,
  draftId,
  articleId,
  label,
}: {
  api: CommentsApi;
  draftId: string;
  articleId: string | null;
  label: string;
}) {
  const t = useT();
  const [fields, setFields] = useState({
    body: '',
    name: '',
    contact: '',
    organization: '',
    type: '',
    website: '',
  });
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof fields) => (event: Event) =>
    setFields((f) => ({ ...f, [key]: (event.currentTarget as HTMLInputElement).value }));
  const id = `c-${articleId ?? 'draft'}`;
  // Counted as the server counts (characters, not UTF-16 units); nothing is cut to fit.
  const length = characterCount(fields.body);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!fields.body.trim() || !fields.name.trim()) {
      setError(t('publicPage.required'));
      return;
    }
    if (length > maxCommentCharacters) {
      setError(t('publicPage.tooLong', { max: maxCommentCharacters.toLocaleString() }));
      return;
    }
    setBusy(true);
    try {
      const answer = await api.submitPublic(draftId, {
        articleId,
        body: fields.body,
        name: fields.name,
        ...(fields.contact.trim() ? { contact: fields.contact } : {}),
        ...(fields.organization.trim() ? { organization: fields.organization } : {}),
        ...(fields.type ? { submitterType: fields.type as SubmitterType } : {}),
        ...(fields.website ? { website: fields.website } : {}),
      });
      setReceipt(answer.receipt);
      setFields((f) => ({ ...f, body: '' }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 429) setError(t('publicPage.tooMany'));
      else setError(caught instanceof ApiError ? caught.detail || caught.code : String(caught));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <div class="public-receipt" role="status">
        <p>{t('publicPage.thanks')}</p>
        <p>
          {t('publicPage.receipt')} <strong class="receipt-code">{receipt}</strong>
        </p>
        <button type="button" class="button small quiet" onClick={() => setReceipt(null)}>
          {t('publicPage.another')}
        </button>
      </div>
    );
  }

  return (
    <form
      class="public-form"
      onSubmit={submit}
      aria-label={t('publicPage.formFor', { label })}
      data-form={articleId ?? 'draft'}
    >
      <label for={`${id}-body`}>{t('publicPage.comment')}</label>
      <textarea
        id={`${id}-body`}
        class="input"
        name="body"
        rows={5}
        value={fields.body}
        onInput={set('body')}
        aria-describedby={`${id}-count`}
        aria-invalid={length > maxCommentCharacters}
        required
      />
      <p
        id={`${id}-count`}
        class={`char-count muted small${length > maxCommentCharacters ? ' over' : ''}`}
        aria-live="polite"
      >
        {t('publicPage.characters', {
          count: length.toLocaleString(),
          max: maxCommentCharacters.toLocaleString(),
        })}
      </p>
      <div class="public-fields">
        <label>
          <span>{t('publicPage.name')}</span>
          <input
            class="input"
            name="name"
            value={fields.name}
            onInput={set('name')}
            required
            autocomplete="name"
          />
        </label>
        <label>
          <span>{t('publicPage.contact')}</span>
          <input
            class="input"
            name="contact"
            value={fields.contact}
            onInput={set('contact')}
            autocomplete="email"
          />
        </label>
        <label>
          <span>{t('publicPage.organization')}</span>
          <input
            class="input"
            name="organization"
            value={fields.organization}
            onInput={set('organization')}
            autocomplete="organization"
          />
        </label>
        <label>
          <span>{t('publicPage.submitterType')}</span>
          <select class="select" name="submitterType" value={fields.type} onChange={set('type')}>
            <option value="">{t('publicPage.chooseType')}</option>
            {submitterTypes.map((type) => (
              <option key={type} value={type}>
                {t(`submitterType.${type}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* The honeypot: hidden from people and from assistive technology; programs fill it in. */}
      <div class="honeypot" aria-hidden="true">
        <label>
          Website
          <input
            name="website"
            tabIndex={-1}
            autocomplete="off"
            value={fields.website}
            onInput={set('website')}
          />
        </label>
      </div>
      <p class="muted small">{t('publicPage.privacy')}</p>
      {error && (
        <p class="error-text" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {t('publicPage.send')}
      </button>
    </form>
  );
}
