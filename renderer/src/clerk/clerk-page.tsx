/// The clerk's workspace for one draft (`/drafts/:id/clerk`): every public and imported comment in one
/// table — filtered by article, status, tag, submitter type, cluster, disposition and text, sorted,
/// with the counts always in view — a side panel to decide on the focused comment, the selection or a
/// whole cluster, the clusters of near-duplicates with merge / split / move out, and the summary report.
import { SuggestionsApi } from '../api/suggestions.ts';
import type { SuggestionJson } from '../api/suggestions.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { dispositionKinds } from '../../../core/index.ts';
import type { AttachmentJson, DispositionKind, ReasonTemplate, SummaryFormat } from '../../../core/index.ts';
import { ClerkApi } from '../api/clerk.ts';
import { CommentsApi } from '../api/comments.ts';
import { AttachmentList } from '../comments/attachment-list.tsx';
import type { ArticleChangesInfo, ClerkCommentInfo, ClusterInfo, DispositionInfo } from '../api/clerk.ts';
import type { DraftInfo } from '../api/types.ts';
import { useApp } from '../app/context.ts';
import { followLink } from '../app/router.ts';
import { plainError } from '../app/plain-error.ts';
import { TopBar } from '../app/top-bar.tsx';
import { menuKeyDown } from '../panels/menu-keys.ts';
import { followDraftLanguage, useT } from '../i18n/i18n.ts';
import { ClusterPanel } from './cluster-panel.tsx';
import { CommentTable } from './comment-table.tsx';
import { DispositionEditor } from './disposition-editor.tsx';
import type { DispositionDraft } from './disposition-editor.tsx';
import { applyDisposition, clerkData, filterRows, noFilter, sortRows, tallyRows } from './table-model.ts';
import type { ClerkData, ClerkFilter, SortKey } from './table-model.ts';
import { CheckboxField } from '../panels/checkbox-field.tsx';

/// Props of ClerkPage.
export interface ClerkPageProps {
  readonly draftId: string;
}

type Tab = 'decide' | 'clusters';

/// The page.
export function ClerkPage({ draftId }: ClerkPageProps) {
  const t = useT();
  const { api, host, session, signOut, notify } = useApp();
  const clerk = useMemo(() => new ClerkApi(api.serverUrl, api.token), [api]);
  const comments = useMemo(() => new CommentsApi(api.serverUrl, api.token), [api]);
  const [draft, setDraft] = useState<DraftInfo | null>(null);
  const [data, setData] = useState<ClerkData | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<ClerkFilter>(noFilter);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'id', descending: false });
  const [searchText, setSearchText] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [active, setActive] = useState<number | null>(null);
  const [detail, setDetail] = useState<ClerkCommentInfo | null>(null);
  const [wholeCluster, setWholeCluster] = useState(false);
  const [templates, setTemplates] = useState<ReasonTemplate[]>([]);
  const [changes, setChanges] = useState<ArticleChangesInfo | null>(null);
  const [clusters, setClusters] = useState<ClusterInfo[]>([]);
  const [tab, setTab] = useState<Tab>('decide');
  const [busy, setBusy] = useState(false);
  const [suggestions, setSuggestions] = useState<SuggestionJson[]>([]);
  useEffect(() => {
    new SuggestionsApi(api.serverUrl, api.token).list(draftId).then(setSuggestions, () => setSuggestions([]));
  }, [api, draftId]);

  const canWrite = draft?.role === 'owner' || draft?.role === 'clerk';
  const fail = (caught: unknown) => notify(t('clerk.failed', { detail: plainError(t, caught) }), 'error');

  const loadTable = async () => {
    const [table, list] = await Promise.all([clerk.table(draftId), clerk.clusters(draftId)]);
    setData(clerkData(table));
    setClusters([...list.clusters]);
    setVersion((v) => v + 1);
  };

  useEffect(() => {
    let live = true;
    api.getDraft(draftId).then(
      (info) => {
        if (!live) return;
        setDraft(info);
        followDraftLanguage(info.language);
      },
      (caught: unknown) => live && setError(plainError(t, caught)),
    );
    loadTable().catch((caught: unknown) => live && setError(plainError(t, caught)));
    clerk.templates(draftId).then((list) => live && setTemplates(list), fail);
    clerk.articleChanges(draftId).then(
      (info) => live && setChanges(info),
      () => live && setChanges(null),
    );
    return () => {
      live = false;
      followDraftLanguage(null);
    };
  }, [draftId]);

  // While the server groups the comments again in the background, ask every two seconds whether it is
  // done, and load the table again once it is.
  const updating = data?.updating ?? false;
  useEffect(() => {
    if (!updating) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      clerk.grouping(draftId).then((state) => {
        if (!live) return;
        if (state.updating) timer = setTimeout(check, 2000);
        else loadTable().catch(fail);
      }, fail);
    };
    timer = setTimeout(check, 2000);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [updating, version]);

  // Text search runs on the server (the table holds only the start of each text).
  useEffect(() => {
    const query = searchText.trim();
    if (!query) {
      setFilter((f) => (f.search ? { ...f, search: null } : f));
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      clerk
        .search(draftId, query)
        .then((ids) => live && setFilter((f) => ({ ...f, search: new Set(ids) })), fail);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [searchText]);

  const activeId = data && active !== null ? data.rows.id[active] : null;
  const loadDetail = () => {
    if (activeId === null) return setDetail(null);
    clerk.comment(draftId, activeId).then(setDetail, fail);
  };
  useEffect(loadDetail, [activeId]);

  const filtered = useMemo(
    () => (data ? filterRows(data, filter) : new Int32Array(0)),
    [data, filter, version],
  );
  const rows = useMemo(
    () => (data ? sortRows(data, filtered, sort.key, sort.descending) : filtered),
    [filtered, sort],
  );
  const tally = useMemo(() => (data ? tallyRows(data, filtered) : null), [filtered, version]);

  if (error) {
    return (
      <>
        <TopBar user={session.user.username} onSignOut={signOut} />
        <main class="page" id="main">
          <p class="error-text" role="alert">
            {t('clerk.loadFailed', { detail: error })}
          </p>
        </main>
      </>
    );
  }

  const setFilterField = <K extends keyof ClerkFilter>(key: K, value: ClerkFilter[K]) =>
    setFilter((f) => ({ ...f, [key]: value }));
  const shownCluster = typeof filter.cluster === 'number' ? filter.cluster : null;
  const selectedInShown =
    data && shownCluster !== null
      ? [...selected].filter((row) => data.rows.cluster[row] === shownCluster).length
      : 0;

  const activeClusterIndex = data && active !== null ? data.rows.cluster[active] : -1;
  const activeCluster = data && activeClusterIndex >= 0 ? data.clusters[activeClusterIndex] : null;
  const decideOnCluster =
    selected.size === 0 && wholeCluster && activeCluster !== null && activeCluster.size > 1;

  const apply = async (decision: DispositionDraft) => {
    if (!data) return;
    const commentRows = selected.size ? [...selected] : active !== null && !decideOnCluster ? [active] : [];
    const clusterIndices = decideOnCluster ? [activeClusterIndex] : [];
    setBusy(true);
    try {
      const result = await clerk.setDisposition(draftId, {
        comments: commentRows.map((row) => String(data.rows.id[row])),
        clusters: clusterIndices.map((c) => data.clusters[c].id),
        kind: decision.kind,
        reason: decision.reason,
        templateId: decision.templateId,
        linkedArticleId: decision.linkedArticleId,
        linkedVersionId: null,
        linkedSuggestionId: decision.linkedSuggestionId,
        overrideMembers: decision.overrideMembers,
      });
      const changed = applyDisposition(
        data,
        {
          kind: decision.kind,
          reason: decision.reason,
          linkedArticleId: decision.linkedArticleId,
          decidedBy: result.decidedBy,
          decidedAt: Date.parse(result.decidedAt),
        },
        commentRows,
        clusterIndices,
        decision.overrideMembers,
      );
      setVersion((v) => v + 1);
      notify(t('clerk.applied', { count: changed, kind: t(`clerk.kind.${decision.kind}`) }));
      loadDetail();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    if (!data || activeId === null) return;
    setBusy(true);
    try {
      await clerk.clearDisposition(
        draftId,
        decideOnCluster ? { clusters: [activeCluster!.id] } : { comments: [String(activeId)] },
      );
      await loadTable();
      loadDetail();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const clusterOperation = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
      setSelected(new Set());
      await loadTable();
      setFilterField('cluster', 'all');
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const byLabel = (a: ReasonTemplate, b: ReasonTemplate) => (a.label < b.label ? -1 : 1);
  const saveTemplate = async (text: string, kind: DispositionKind, label: string) => {
    try {
      const template = await clerk.createTemplate(draftId, { label, text: text.trim(), kind });
      setTemplates((list) => [...list, template].sort(byLabel));
      notify(t('clerk.editor.templateSaved', { label: template.label }));
    } catch (caught) {
      fail(caught);
    }
  };
  const renameTemplate = async (id: string, label: string) => {
    try {
      const template = await clerk.updateTemplate(draftId, id, { label });
      setTemplates((list) => list.map((x) => (x.id === id ? template : x)).sort(byLabel));
      notify(t('templates.renamed', { label: template.label }));
    } catch (caught) {
      fail(caught);
    }
  };

  const editorTarget = (): {
    label: string;
    initial: DispositionInfo | null;
    articleId: string | null;
  } | null => {
    if (!data) return null;
    if (selected.size > 0) {
      const first = [...selected][0];
      const articleIndex = data.rows.article[first];
      return {
        label: t('clerk.editor.selection', { count: selected.size }),
        initial: null,
        articleId: articleIndex < 0 ? null : data.articles[articleIndex].id,
      };
    }
    if (active === null || !detail || detail.id !== String(activeId)) return null;
    if (decideOnCluster) {
      return {
        label: t('clerk.editor.cluster', { count: activeCluster!.size }),
        initial: detail.clusterDisposition,
        articleId: detail.articleId,
      };
    }
    return {
      label: t('clerk.editor.comment', { id: detail.id }),
      initial: detail.disposition ?? detail.clusterDisposition,
      articleId: detail.articleId,
    };
  };
  const target = editorTarget();

  return (
    <>
      <TopBar user={session.user.username} onSignOut={signOut}>
        <a
          class="crumb"
          href={`/drafts/${encodeURIComponent(draftId)}`}
          onClick={followLink({ name: 'draft', id: draftId })}
        >
          {draft?.title ?? ''}
        </a>
        <span class="badge role-clerk">{t('clerk.title')}</span>
        {draft && (
          <SummaryMenu
            canSeePersonal={canWrite}
            onExport={async (format, personal) => {
              try {
                await host.saveFile(await clerk.summary(draftId, format, personal));
              } catch (caught) {
                fail(caught);
              }
            }}
          />
        )}
      </TopBar>
      <main class="clerk-page" id="main">
        {!data && <p class="loading">{t('common.loading')}</p>}
        {data && (
          <>
            <div class="clerk-filters" role="search">
              <input
                class="input search"
                type="search"
                name="clerk-search"
                placeholder={t('clerk.filter.search')}
                aria-label={t('clerk.filter.search')}
                value={searchText}
                onInput={(event) => setSearchText((event.currentTarget as HTMLInputElement).value)}
              />
              <FilterSelect
                name="article"
                label={t('clerk.filter.article')}
                value={String(filter.article)}
                onChange={(v) => setFilterField('article', v === 'all' || v === 'none' ? v : Number(v))}
                options={[
                  ['all', t('clerk.filter.allArticles')],
                  ['none', t('clerk.general')],
                  ...data.articles.map(
                    (a, i) =>
                      [
                        String(i),
                        a.version < 0 ? a.label : `${a.label}（${data.versions[a.version].label}）`,
                      ] as [string, string],
                  ),
                ]}
              />
              <FilterSelect
                name="status"
                label={t('clerk.filter.status')}
                value={filter.status}
                onChange={(v) => setFilterField('status', v as ClerkFilter['status'])}
                options={[
                  ['all', t('clerk.filter.allStatuses')],
                  ['open', t('clerk.status.open')],
                  ['resolved', t('clerk.status.resolved')],
                ]}
              />
              <FilterSelect
                name="tag"
                label={t('clerk.filter.tag')}
                value={String(filter.tag)}
                onChange={(v) => setFilterField('tag', v === 'all' ? v : Number(v))}
                options={[
                  ['all', t('clerk.filter.allTags')],
                  ...data.tags.map((tag, i) => [String(i), tag] as [string, string]),
                ]}
              />
              <FilterSelect
                name="submitter-type"
                label={t('clerk.filter.submitterType')}
                value={String(filter.submitterType)}
                onChange={(v) => setFilterField('submitterType', v === 'all' || v === 'none' ? v : Number(v))}
                options={[
                  ['all', t('clerk.filter.allTypes')],
                  ['none', t('clerk.filter.notStated')],
                  ...data.submitterTypes.map(
                    (type, i) =>
                      [String(i), t(`clerk.submitterType.${type}`, { defaultValue: type })] as [
                        string,
                        string,
                      ],
                  ),
                ]}
              />
              <FilterSelect
                name="cluster"
                label={t('clerk.filter.cluster')}
                value={String(filter.cluster)}
                onChange={(v) =>
                  setFilterField('cluster', v === 'all' || v === 'many' || v === 'single' ? v : Number(v))
                }
                options={[
                  ['all', t('clerk.filter.allClusters')],
                  ['many', t('clerk.filter.inClusters')],
                  ['single', t('clerk.filter.singles')],
                  ...(shownCluster !== null
                    ? [
                        [
                          String(shownCluster),
                          t('clerk.filter.oneCluster', { size: data.clusters[shownCluster].size }),
                        ] as [string, string],
                      ]
                    : []),
                ]}
              />
              <FilterSelect
                name="disposition"
                label={t('clerk.filter.disposition')}
                value={filter.disposition}
                onChange={(v) => setFilterField('disposition', v as ClerkFilter['disposition'])}
                options={[
                  ['all', t('clerk.filter.allDispositions')],
                  ['pending', t('clerk.kind.pending')],
                  ...dispositionKinds.map((k) => [k, t(`clerk.kind.${k}`)] as [string, string]),
                ]}
              />
              <CheckboxField
                name="show-withdrawn"
                checked={filter.withdrawn}
                onChange={(checked) => setFilterField('withdrawn', checked)}
              >
                {t('clerk.filter.withdrawn')}
              </CheckboxField>
              <button
                type="button"
                class="button quiet small"
                onClick={() => {
                  setFilter(noFilter);
                  setSearchText('');
                }}
              >
                {t('clerk.filter.reset')}
              </button>
            </div>
            <div class="clerk-counts" aria-live="polite">
              {data.updating && (
                <span class="grouping-updating" role="status" data-testid="grouping-updating">
                  {t('clerk.updating')}
                </span>
              )}
              <span class="shown-count">
                {t('clerk.counts.shown', { shown: filtered.length, total: data.rows.id.length })}
              </span>
              <span class="selected-count">
                {t('clerk.counts.selected', { count: selected.size })}
                {selected.size > 0 && (
                  <button type="button" class="button quiet small" onClick={() => setSelected(new Set())}>
                    {t('clerk.counts.clearSelection')}
                  </button>
                )}
              </span>
              {tally && (
                <span class="tally">
                  <span class="disposition-chip pending" data-kind="pending">
                    {t('clerk.kind.pending')} <strong>{tally.pending}</strong>
                  </span>
                  {dispositionKinds.map((k, i) => (
                    <span key={k} class={`disposition-chip kind-${k}`} data-kind={k}>
                      {t(`clerk.kind.${k}`)} <strong>{tally.kinds[i]}</strong>
                    </span>
                  ))}
                </span>
              )}
            </div>
            <div class="clerk-body">
              <CommentTable
                data={data}
                rows={rows}
                version={version}
                selected={selected}
                active={active}
                sort={sort}
                onSort={(key) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }))}
                onActivate={(row) => {
                  setActive(row);
                  setTab('decide');
                }}
                onSelect={setSelected}
                onShowCluster={(cluster) => {
                  setFilterField('cluster', cluster);
                  setTab('clusters');
                }}
              />
              <aside class="pane clerk-side" aria-label={t('clerk.side.label')}>
                <div class="tabs" role="tablist">
                  {(['decide', 'clusters'] as const).map((name) => (
                    <button
                      key={name}
                      type="button"
                      role="tab"
                      class="tab"
                      aria-selected={tab === name}
                      onClick={() => setTab(name)}
                    >
                      {t(`clerk.side.${name}`)}
                    </button>
                  ))}
                </div>
                <div class="pane-body" role="tabpanel">
                  {tab === 'decide' && (
                    <div class="decide-panel">
                      {selected.size === 0 && detail && detail.id === String(activeId) && (
                        <CommentDetail
                          detail={detail}
                          onDownload={async (a) => {
                            try {
                              await host.saveFile(await comments.attachment(a));
                            } catch (caught) {
                              fail(caught);
                            }
                          }}
                          onPublish={async (a, published) => {
                            try {
                              await clerk.publishAttachment(a.id, published);
                              setDetail(await clerk.comment(draftId, detail.id));
                            } catch (caught) {
                              fail(caught);
                            }
                          }}
                          articleLabel={
                            articleLabel(data, detail.articleId) ??
                            // A comment on the draft as a whole is shown under the article its text
                            // or attachments cite, as in the table.
                            (detail.citedArticleId
                              ? `${articleLabel(data, detail.citedArticleId)}${t('clerk.cited')}`
                              : t('clerk.general'))
                          }
                          onShowCluster={() => {
                            if (activeClusterIndex >= 0) {
                              setFilterField('cluster', activeClusterIndex);
                              setTab('clusters');
                            }
                          }}
                        />
                      )}
                      {selected.size === 0 && activeCluster && activeCluster.size > 1 && (
                        <div class="segmented" role="radiogroup" aria-label={t('clerk.editor.scope')}>
                          <button
                            type="button"
                            role="radio"
                            aria-checked={!wholeCluster}
                            class={`button small${!wholeCluster ? ' selected' : ''}`}
                            onClick={() => setWholeCluster(false)}
                          >
                            {t('clerk.editor.thisComment')}
                          </button>
                          <button
                            type="button"
                            role="radio"
                            aria-checked={wholeCluster}
                            class={`button small${wholeCluster ? ' selected' : ''}`}
                            onClick={() => setWholeCluster(true)}
                          >
                            {t('clerk.editor.wholeCluster', { count: activeCluster.size })}
                          </button>
                        </div>
                      )}
                      {target ? (
                        <DispositionEditor
                          target={target.label}
                          cluster={decideOnCluster}
                          initial={target.initial}
                          articleId={target.articleId}
                          templates={templates}
                          changes={changes}
                          suggestions={suggestions.filter(
                            (s) => s.articleId === target.articleId && s.status !== 'withdrawn',
                          )}
                          canWrite={canWrite}
                          busy={busy}
                          onApply={apply}
                          onClear={selected.size === 0 ? clear : undefined}
                          onSaveTemplate={saveTemplate}
                          onRenameTemplate={renameTemplate}
                        />
                      ) : (
                        <p class="empty-state">{t('clerk.side.hint')}</p>
                      )}
                    </div>
                  )}
                  {tab === 'clusters' && (
                    <ClusterPanel
                      data={data}
                      clusters={clusters}
                      shown={shownCluster}
                      selectedInShown={selectedInShown}
                      stale={data.stale && !data.updating}
                      canWrite={canWrite}
                      busy={busy}
                      onShow={(cluster) => setFilterField('cluster', cluster ?? 'all')}
                      onRecluster={() => clusterOperation(() => clerk.recluster(draftId))}
                      onMerge={(ids) =>
                        clusterOperation(() => clerk.decide(draftId, { action: 'merge', clusters: ids }))
                      }
                      onSplit={() =>
                        clusterOperation(() =>
                          clerk.decide(draftId, {
                            action: 'split',
                            cluster: data.clusters[shownCluster!].id,
                            part: rowsIn(data, selected, shownCluster!),
                          }),
                        )
                      }
                      onMoveOut={() =>
                        clusterOperation(() =>
                          clerk.decide(draftId, {
                            action: 'move-out',
                            cluster: data.clusters[shownCluster!].id,
                            comments: rowsIn(data, selected, shownCluster!),
                          }),
                        )
                      }
                    />
                  )}
                </div>
              </aside>
            </div>
          </>
        )}
      </main>
    </>
  );
}

// Comment ids of the selected rows that are in cluster `cluster`.
function rowsIn(data: ClerkData, selected: ReadonlySet<number>, cluster: number): string[] {
  return [...selected]
    .filter((row) => data.rows.cluster[row] === cluster)
    .map((row) => String(data.rows.id[row]));
}

function articleLabel(data: ClerkData, id: string | null): string | null {
  if (id === null) return null;
  return data.articles.find((a) => a.id === id)?.label ?? id;
}

function FilterSelect(props: {
  name: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <label class="filter">
      <span class="visually-hidden">{props.label}</span>
      <select
        class="select"
        name={`filter-${props.name}`}
        title={props.label}
        value={props.value}
        onChange={(event) => props.onChange((event.currentTarget as HTMLSelectElement).value)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function CommentDetail(props: {
  detail: ClerkCommentInfo;
  articleLabel: string;
  onShowCluster: () => void;
  onDownload: (attachment: AttachmentJson) => void;
  onPublish: (attachment: AttachmentJson, published: boolean) => void;
}) {
  const t = useT();
  const { detail } = props;
  const who = detail.submitter;
  return (
    <section class="comment-detail" aria-label={t('clerk.detail.label', { id: detail.id })}>
      <header>
        <strong>#{detail.id}</strong> · {props.articleLabel}
        {detail.externalId && <span class="muted"> · {detail.externalId}</span>}
        {detail.withdrawn && <span class="withdrawn-mark"> · {t('clerk.withdrawn')}</span>}
      </header>
      {who && (
        <p class="who">
          {who.name || who.pseudonym}
          {who.organization && ` · ${who.organization}`}
          {who.type && ` · ${t(`clerk.submitterType.${who.type}`, { defaultValue: who.type })}`}
          {who.contact && <span class="contact"> · {who.contact}</span>}
        </p>
      )}
      <div class="comment-body">{detail.body}</div>
      <AttachmentList
        attachments={detail.attachments}
        onDownload={props.onDownload}
        extra={(a) => (
          <>
            {a.download && (
              <label class="publish-toggle">
                <input
                  type="checkbox"
                  checked={a.published}
                  onChange={(e) => props.onPublish(a, (e.currentTarget as HTMLInputElement).checked)}
                />{' '}
                {t('clerk.detail.publish')}
              </label>
            )}
            {a.text && (
              <details>
                <summary>{t('clerk.detail.attachmentText')}</summary>
                <div class="comment-body">{a.text}</div>
              </details>
            )}
          </>
        )}
      />
      {detail.cluster && detail.cluster.size > 1 && (
        <p>
          <button type="button" class="button quiet small" onClick={props.onShowCluster}>
            {t('clerk.detail.cluster', { size: detail.cluster.size })}
          </button>
        </p>
      )}
      {detail.history.length > 0 && (
        <details class="history">
          <summary>{t('clerk.detail.history', { count: detail.history.length })}</summary>
          <ol>
            {detail.history.map((h, k) => (
              <li key={k}>
                {new Date(h.decidedAt).toLocaleString()} · {h.decidedBy ?? '—'} ·{' '}
                {h.action === 'cleared' ? t('clerk.detail.cleared') : t(`clerk.kind.${h.kind}`)}
                {h.action === 'carried' ? ` (${t('clerk.detail.carried')})` : ''}
                {h.reason ? `：${h.reason}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function SummaryMenu(props: {
  canSeePersonal: boolean;
  onExport: (format: SummaryFormat, personal: boolean) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [personal, setPersonal] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  useEffect(() => {
    if (open) root.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [open]);
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
        {t('clerk.summary.button')} ▾
      </button>
      {open && (
        <div class="menu-list summary-menu" role="menu">
          {(['docx', 'html', 'md', 'csv'] as const).map((format) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              data-format={format}
              onClick={() => {
                setOpen(false);
                props.onExport(format, personal);
              }}
            >
              {t(`clerk.summary.${format}`)}
            </button>
          ))}
          {props.canSeePersonal && (
            // A check item of the menu: it toggles without closing it.
            <button
              type="button"
              role="menuitemcheckbox"
              class="menu-check"
              name="with-personal-data"
              aria-checked={personal}
              onClick={() => setPersonal(!personal)}
            >
              <span aria-hidden="true" class="check-box">
                {personal ? '☑' : '☐'}
              </span>{' '}
              {t('clerk.summary.personal')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
