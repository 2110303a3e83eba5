/// The public comment page, `/public/:draftId`, for anyone, without an account: the version published
/// for comment with its numbered articles and a contents list by chapter and article, when the period
/// closes (date and time), a comment form per article and one for the draft as a whole — its box
/// growing with the text, its length limit (core's, counted as the server counts) in view, with
/// attachments, their limits and the files chosen shown before sending, and the proof-of-work check
/// when the server asks for it — a receipt for each comment sent, and the attachments a clerk
/// published. Name and contact are said to stay private (only the drafting office
/// sees them). Everything shown is a text node: no text from the server or from a commenter is ever
/// read as HTML.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  attachmentExtensions,
  characterCount,
  isSourceComment,
  maxCommentCharacters,
} from '../../../core/index.ts';
import { ApiError } from '../api/client.ts';
import { CommentsApi, submitterTypes } from '../api/comments.ts';
import type { PublicDraft, PublishedAttachment, SubmitterType } from '../api/comments.ts';
import { ProofCheck } from './proof-check.tsx';
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
          <div class="notice public-period">
            <p class="public-closes">
              {draft.closesAt ? (
                <strong>
                  {t('publicExtra.closes', { date: closingTime(draft.closesAt, i18n.language) })}
                </strong>
              ) : (
                t('publicExtra.noClosing')
              )}
            </p>
            <p>
              {t('publicPage.open')} {t('publicPage.privacy')}
            </p>
          </div>
        ) : (
          <p class="notice error" role="status">
            {t('publicPage.closed')}
          </p>
        )}
      </header>
      <div class="public-layout">
        <PublicContents blocks={blocks} />
        <div class="public-column">
          {/* Source comments of the imported file (<!-- … -->) are not for readers. */}
          {draft.preamble.some((line) => !isSourceComment(line)) && (
            <section class="public-preamble">
              {draft.preamble
                .filter((line) => !isSourceComment(line))
                .map((line, i) => (
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
                  draft={draft}
                  serverUrl={serverUrl}
                />
              ),
            )}
          </div>
          <PublishedList api={api} draftId={draftId} articles={draft.articles} />
          {draft.open && (
            <section class="public-whole" aria-labelledby="whole-head">
              <h2 id="whole-head">{t('publicPage.wholeTitle')}</h2>
              <CommentForm
                api={api}
                draftId={draftId}
                articleId={null}
                label={t('comments.onDraft')}
                draft={draft}
                serverUrl={serverUrl}
              />
            </section>
          )}
        </div>
      </div>
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
  draft,
  serverUrl,
}: {
  article: PublicDraft['articles'][number];
  language: 'zh' | 'en';
  open: boolean;
  formOpen: boolean;
  onToggle: () => void;
  api: CommentsApi;
  draftId: string;
  draft: PublicDraft;
  serverUrl: string;
}) {
  const t = useT();
  const gap = language === 'zh' ? '\u3000' : ' ';
  return (
    <article
      class="public-article"
      id={article.id ? articleAnchor(article.id) : undefined}
      tabIndex={-1}
      data-article={article.id ?? undefined}
      aria-label={article.label}
    >
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
            <CommentForm
              api={api}
              draftId={draftId}
              articleId={article.id}
              label={article.label}
              draft={draft}
              serverUrl={serverUrl}
              autoFocus
            />
          )}
        </>
      )}
    </article>
  );
}

/// A size in MiB or KiB, for people.
function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1048576) * 10) / 10} MiB`
    : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

/// A comment form: comment, name, contact, organisation, submitter type, attachments, the
/// proof-of-work check when the server asks for it, and the hidden honeypot.
function CommentForm({
  api,
  draftId,
  articleId,
  label,
  draft,
  serverUrl,
  autoFocus = false,
}: {
  api: CommentsApi;
  draftId: string;
  articleId: string | null;
  /// What the form is for, as its accessible name: "Comment on Article 3", "Comment on the whole draft".
  label: string;
  draft: PublicDraft;
  serverUrl: string;
  /// Put the caret in the comment box once the form opens (it opened on the reader's request).
  autoFocus?: boolean;
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
  const [files, setFiles] = useState<File[]>([]);
  const [proof, setProof] = useState<string | null>(null);
  const limits = draft.attachments;
  const limitWords = {
    files: limits.maxFiles,
    perFile: size(limits.maxFileBytes),
    total: size(limits.maxTotalBytes),
  };
  // What is wrong with the files chosen, before anything is sent.
  const fileProblem = (list: readonly File[]): string | null => {
    if (list.length > limits.maxFiles) return t('publicPage.tooManyFiles', limitWords);
    const big = list.find((f) => f.size > limits.maxFileBytes);
    if (big) return t('publicPage.fileTooLarge', { ...limitWords, name: big.name });
    if (list.reduce((sum, f) => sum + f.size, 0) > limits.maxTotalBytes)
      return t('publicPage.totalTooLarge', limitWords);
    return null;
  };
  const choose = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const next = [...files, ...Array.from(input.files ?? [])];
    input.value = '';
    setFiles(next);
    setError(fileProblem(next));
  };
  const removeFile = (index: number) => {
    const next = files.filter((_, i) => i !== index);
    setFiles(next);
    setError(fileProblem(next));
  };
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const form = useRef<HTMLFormElement>(null);
  const set = (key: keyof typeof fields) => (event: Event) =>
    setFields((f) => ({ ...f, [key]: (event.currentTarget as HTMLInputElement).value }));
  const id = `c-${articleId ?? 'draft'}`;
  // Counted as the server counts (characters, not UTF-16 units); nothing is cut to fit.
  const length = characterCount(fields.body);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const missing = new Set<string>();
    if (!fields.body.trim()) missing.add('body');
    if (!fields.name.trim()) missing.add('name');
    setInvalid(missing);
    if (missing.size) {
      setError(t('publicPage.required'));
      form.current?.querySelector<HTMLElement>(`[name=${[...missing][0]}]`)?.focus();
      return;
    }
    if (length > maxCommentCharacters) {
      setError(t('publicPage.tooLong', { max: localNumber(maxCommentCharacters) }));
      form.current?.querySelector<HTMLElement>('[name=body]')?.focus();
      return;
    }
    const problem = fileProblem(files);
    if (problem) {
      setError(problem);
      return;
    }
    if (draft.proof.required && !proof) {
      setError(t('publicPage.proofWaiting'));
      return;
    }
    setBusy(true);
    try {
      const answer = await api.submitPublic(
        draftId,
        {
          articleId,
          body: fields.body,
          name: fields.name,
          ...(fields.contact.trim() ? { contact: fields.contact } : {}),
          ...(fields.organization.trim() ? { organization: fields.organization } : {}),
          ...(fields.type ? { submitterType: fields.type as SubmitterType } : {}),
          ...(fields.website ? { website: fields.website } : {}),
          ...(proof ? { altcha: proof } : {}),
        },
        files,
      );
      setReceipt(answer.receipt);
      setFields((f) => ({ ...f, body: '' }));
      setFiles([]);
      setProof(null);
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
      ref={form}
      onSubmit={submit}
      noValidate
      aria-label={articleId ? t('publicPage.formFor', { label }) : label}
      data-form={articleId ?? 'draft'}
    >
      <label for={`${id}-body`}>{t('publicPage.comment')}</label>
      <GrowingTextarea
        id={`${id}-body`}

        value={fields.body}
        invalid={invalid.has('body') || length > maxCommentCharacters}
        describedBy={`${id}-limit`}
        autoFocus={autoFocus}
        onInput={set('body')}
      />
      <LengthCounter id={`${id}-limit`} length={length} />
      <div class="public-fields">
        <label>
          <span>{t('publicPage.name')}</span>
          <input
            class="input"
            name="name"
            value={fields.name}
            onInput={set('name')}
            required
            aria-invalid={invalid.has('name') ? 'true' : undefined}
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
      <fieldset class="public-files">
        <legend>{t('publicPage.attachments')}</legend>
        <p class="muted small" id={`${id}-limits`}>
          {t('publicPage.attachmentLimits', limitWords)}
        </p>
        <input
          id={`${id}-files`}
          class="input"
          type="file"
          name="attachments"
          multiple
          accept={attachmentExtensions.join(',')}
          aria-describedby={`${id}-limits`}
          aria-label={t('publicPage.attachments')}
          onChange={choose}
        />
        <p class="public-files-title" id={`${id}-chosen`}>
          {t('publicPage.chosen')}
        </p>
        {files.length === 0 ? (
          <p class="muted small">{t('publicPage.noFiles')}</p>
        ) : (
          <ul class="public-file-list" aria-labelledby={`${id}-chosen`}>
            {files.map((file, i) => (
              <li key={`${file.name}-${i}`}>
                <span class="public-file-name">{file.name}</span>{' '}
                <span class="muted small">{size(file.size)}</span>{' '}
                <button
                  type="button"
                  class="button small quiet"
                  aria-label={t('publicPage.remove', { name: file.name })}
                  onClick={() => removeFile(i)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {draft.proof.required && draft.proof.challenge && (
        <div class="public-proof" role="group" aria-label={t('publicPage.proof')}>
          <ProofCheck
            challengeUrl={serverUrl + draft.proof.challenge}
            language={i18n.language === 'zh' ? 'zh' : 'en'}
            onPayload={setProof}
          />
        </div>
      )}
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

/// The attachments a clerk published, with the pseudonym of who sent them and where to download.
function PublishedList({
  api,
  draftId,
  articles,
}: {
  api: CommentsApi;
  draftId: string;
  articles: PublicDraft['articles'];
}) {
  const t = useT();
  const [list, setList] = useState<PublishedAttachment[]>([]);
  useEffect(() => {
    let live = true;
    api.publishedAttachments(draftId).then(
      (found) => live && setList(found),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, draftId]);
  if (list.length === 0) return null;
  const labelOf = (id: string | null) => articles.find((a) => a.id === id)?.label ?? null;
  return (
    <section class="public-published" aria-labelledby="published-head">
      <h2 id="published-head">{t('publicPage.published')}</h2>
      <ul>
        {list.map((a) => (
          <li key={a.id}>
            <a href={api.serverUrl + (a.download ?? '')} download={a.fileName}>
              {a.fileName}
            </a>{' '}
            <span class="muted small">
              {size(a.size)}
              {labelOf(a.articleId) ? ` · ${labelOf(a.articleId)}` : ''}
              {a.submitter ? ` · ${t('publicPage.publishedBy', { submitter: a.submitter })}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
/// The id of an article's element on the page, the target of its contents entry.
function articleAnchor(articleId: string): string {
  return `article-${articleId}`;
}

/// "Monday, 30 June 2031, 17:00 GMT+8": the closing moment in full, with its time zone.
function closingTime(value: string, language: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/// The contents: each chapter (section, part) with its articles, each a link to the article.
function PublicContents({ blocks }: { blocks: readonly Block[] }) {
  const t = useT();
  type Entry = {
    division: Extract<Block, { kind: 'division' }>['division'] | null;
    articles: Extract<Block, { kind: 'article' }>['article'][];
  };
  const entries: Entry[] = [];
  for (const block of blocks) {
    if (block.kind === 'division') entries.push({ division: block.division, articles: [] });
    else {
      if (entries.length === 0) entries.push({ division: null, articles: [] });
      entries[entries.length - 1].articles.push(block.article);
    }
  }
  const link = (article: Entry['articles'][number]) =>
    article.id ? (
      <li key={article.id}>
        <a href={`#${articleAnchor(article.id)}`}>
          <span class="contents-label">{article.label}</span>{' '}
          <span class="contents-words">{firstWords(article.text)}</span>
        </a>
      </li>
    ) : null;
  return (
    <nav class="public-contents" aria-labelledby="public-contents-head">
      <h2 id="public-contents-head">{t('publicExtra.contents')}</h2>
      <ol>
        {entries.map((entry, index) =>
          entry.division ? (
            <li key={`d${index}`} class={`contents-${entry.division.kind}`}>
              <span class="contents-division">
                {entry.division.label} {entry.division.heading}
              </span>
              {entry.articles.length > 0 && <ol>{entry.articles.map(link)}</ol>}
            </li>
          ) : (
            entry.articles.map(link)
          ),
        )}
      </ol>
    </nav>
  );
}

function firstWords(text: string): string {
  const line = text.split('\n', 1)[0];
  const chars = [...line];
  return chars.length > 16 ? `${chars.slice(0, 16).join('')}…` : line;
}

/// The comment box: as tall as its text (from five lines up to most of the window), so a long comment
/// can be read back whole before it is sent.
function GrowingTextarea(props: {
  id: string;
  value: string;
  invalid: boolean;
  describedBy: string;
  autoFocus: boolean;
  onInput: (event: Event) => void;
}) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (props.autoFocus) box.current?.focus();
  }, []);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    element.style.height = 'auto';
    const most = Math.round(window.innerHeight * 0.6);
    element.style.height = `${Math.min(most, Math.max(element.scrollHeight + 2, 0))}px`;
    element.style.overflowY = element.scrollHeight + 2 > most ? 'auto' : 'hidden';
  }, [props.value]);
  return (
    <textarea
      ref={box}
      id={props.id}
      class="input public-body"
      name="body"
      rows={5}
      value={props.value}
      onInput={props.onInput}
      required
      aria-invalid={props.invalid ? 'true' : undefined}
      aria-describedby={props.describedBy}
    />
  );
}

/// "1,234 / 20,000 characters" under the box; near the limit it turns to a warning and says, once per
/// step, how many characters are left. Nothing stops the typing or cuts a paste: a comment over the
/// limit is marked and refused on sending, with its text kept to shorten.
function LengthCounter({ id, length }: { id: string; length: number }) {
  const t = useT();
  const max = maxCommentCharacters;
  const near = length >= max * 0.9;
  const number = localNumber;
  // Announced in steps of 100 near the limit (exactly in the last hundred), not at every keystroke.
  const left = max - length;
  const announced = near ? (left < 100 ? left : Math.floor(left / 100) * 100) : null;
  return (
    <p class={`length-counter${near ? ' near' : ''}${length > max ? ' over' : ''}`}>
      <span id={id}>{t('publicExtra.counter', { count: number(length), max: number(max) })}</span>
      <span class="visually-hidden" aria-live="polite">
        {announced !== null ? t('publicExtra.remaining', { count: number(Math.max(0, announced)) }) : ''}
      </span>
    </p>
  );
}

// `n` written as the page's language writes numbers.
function localNumber(n: number): string {
  return n.toLocaleString(i18n.language === 'zh' ? 'zh-CN' : 'en');
}
