/// The clerk's table of every comment of a draft, as one compact JSON document: columns of numbers
/// and strings (one entry per comment) with small dictionaries for repeated values (articles as seen in
/// each version commented on, versions, tags,
/// submitter types, clusters, reasons), so that 100,000 comments travel and parse quickly and the
/// renderer can filter and sort them without asking the server again.
import {
  commentPlainText,
  dispositionKinds,
  effectiveDispositions,
  excerpt,
  textHead,
} from '../../core/index.ts';
import type { ClerkTableArticle, ClerkTableJson, Language, OutlineArticle } from '../../core/index.ts';
import { versionOutline } from '../comments/articles.ts';
import { pseudonym, seesPersonalData } from '../comments/privacy.ts';
import type { Viewer } from '../comments/privacy.ts';
import type { Storage } from '../storage/interface.ts';
import { storedClustering } from './clustering.ts';
import { firstLines } from '../attachments/view.ts';

export type { ClerkTableJson } from '../../core/index.ts';

/// Characters of a comment's text in the table.
export const tableExcerptLength = 90;

/// The clerk's table of `draftId` for `viewer`, pseudonyms in `language`. Each comment's article is
/// labelled as its commenter saw it, in the version commented on, beside its label among `liveArticles`
/// (the live draft's articles) now. `updating` says the grouping is being updated in the background.
/// Everything is read in one transaction, so the columns agree with each other.
export function clerkTable(
  storage: Storage,
  draftId: string,
  liveArticles: readonly Pick<OutlineArticle, 'id' | 'label'>[],
  viewer: Viewer,
  language: Language,
  updating = false,
): Promise<ClerkTableJson> {
  return storage.transaction((tx) => tableOf(tx, draftId, liveArticles, viewer, language, updating));
}

async function tableOf(
  storage: Storage,
  draftId: string,
  liveArticles: readonly Pick<OutlineArticle, 'id' | 'label'>[],
  viewer: Viewer,
  language: Language,
  updating: boolean,
): Promise<ClerkTableJson> {
  const comments = await storage.clerkComments.all(draftId, 601);
  const clustering = await storedClustering(storage, draftId);
  const info = await storage.clusters.info(draftId);
  const effective = effectiveDispositions(clustering.clusters, await storage.dispositions.list(draftId));
  const source = await storage.clerkComments.source(draftId);
  const personal = seesPersonalData(viewer);

  const index = <T>(values: T[], lookup: Map<T, number>, value: T): number => {
    let i = lookup.get(value);
    if (i === undefined) {
      i = values.length;
      values.push(value);
      lookup.set(value, i);
    }
    return i;
  };
  // A comment on the draft as a whole is listed under the article its text or attachments cite.
  const shownArticle = (c: (typeof comments)[number]) => ({
    articleId: c.articleId ?? c.citedArticleId,
    versionId: c.versionId,
  });
  const articles = await commentedArticles(storage, draftId, comments.map(shownArticle), liveArticles);
  const articleOf = (c: { articleId: string | null; versionId: string | null }): number =>
    c.articleId === null ? -1 : articles.index.get(`${c.versionId ?? ''}/${c.articleId}`)!;
  const tags: string[] = [];
  const tagIndex = new Map<string, number>();
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const reasons: string[] = [];
  const reasonIndex = new Map<string, number>();
  const users: string[] = [];
  const userIndex = new Map<string, number>();
  const clusterIndex = new Map<string, number>();
  clustering.clusters.forEach((c, i) => c.members.forEach((id) => clusterIndex.set(id, i)));
  const kindIndex = new Map<string, number>(dispositionKinds.map((k, i) => [k, i]));

  const rows = {
    id: [] as number[],
    article: [] as number[],
    status: [] as number[],
    withdrawn: [] as number[],
    tags: [] as number[][],
    submitterType: [] as number[],
    submitter: [] as string[],
    cluster: [] as number[],
    disposition: [] as number[],
    source: [] as number[],
    reason: [] as number[],
    decidedBy: [] as number[],
    decidedAt: [] as number[],
    linkedArticleId: [] as (string | null)[],
    receivedAt: [] as number[],
    excerpt: [] as string[],
    cited: [] as number[],
    attachments: [] as number[],
    unreadable: [] as number[],
    attachmentExcerpt: [] as string[],
  };
  const files = await storage.attachments.summaries(draftId);
  for (const c of comments) {
    const key = String(c.id);
    const d = effective.get(key);
    const cited = c.articleId === null && c.citedArticleId !== null;
    const attached = files.get(c.id);
    rows.id.push(c.id);
    rows.article.push(articleOf(shownArticle(c)));
    rows.cited.push(cited ? 1 : 0);
    rows.attachments.push(attached?.count ?? 0);
    rows.unreadable.push(attached?.unreadable ?? 0);
    rows.attachmentExcerpt.push(
      attached?.text ? excerpt(firstLines(commentPlainText(attached.text)), tableExcerptLength) : '',
    );
    rows.status.push(c.status === 'resolved' ? 1 : 0);
    rows.withdrawn.push(c.withdrawn ? 1 : 0);
    rows.tags.push(c.tags.map((t) => index(tags, tagIndex, t)));
    rows.submitterType.push(c.submitterType === null ? -1 : index(types, typeIndex, c.submitterType));
    rows.submitter.push(
      personal && c.name ? c.name : c.submitterNumber === null ? '' : pseudonym(c.submitterNumber, language),
    );
    rows.cluster.push(clusterIndex.get(key) ?? -1);
    rows.disposition.push(d ? kindIndex.get(d.kind)! : -1);
    rows.source.push(d ? (d.source === 'comment' ? 0 : 1) : -1);
    rows.reason.push(d ? index(reasons, reasonIndex, d.reason) : -1);
    rows.decidedBy.push(d?.decidedBy ? index(users, userIndex, d.decidedBy) : -1);
    rows.decidedAt.push(d ? d.decidedAt : 0);
    rows.linkedArticleId.push(d?.linkedArticleId ?? null);
    rows.receivedAt.push(c.createdAt);
    rows.excerpt.push(excerpt(commentPlainText(textHead(c.body, 600)), tableExcerptLength));
  }
  return {
    clusteredAt: info ? new Date(info.clusteredAt).toISOString() : null,
    stale: !info || info.source !== source,
    updating,
    versions: articles.versions,
    articles: articles.list,
    tags,
    submitterTypes: types,
    clusters: clustering.clusters.map((c) => ({ id: c.id, size: c.members.length, kind: c.kind })),
    reasons,
    users,
    rows,
  };
}

// The (version, article) pairs `comments` point at, as table entries: labelled from the outline of the
// version (the number the commenter saw) and from the live draft (the number now), ordered by version
// (oldest first, the live draft last) then by number in that version; `index` keys are "version/article".
async function commentedArticles(
  storage: Storage,
  draftId: string,
  comments: readonly { articleId: string | null; versionId: string | null }[],
  liveArticles: readonly Pick<OutlineArticle, 'id' | 'label'>[],
): Promise<{ list: ClerkTableArticle[]; versions: ClerkTableJson['versions']; index: Map<string, number> }> {
  const pairs = new Map<string, { articleId: string; versionId: string | null }>();
  for (const c of comments) {
    if (c.articleId !== null)
      pairs.set(`${c.versionId ?? ''}/${c.articleId}`, c as { articleId: string; versionId: string | null });
  }
  const allVersions = (await storage.versions.list(draftId)).sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
  );
  const used = new Set([...pairs.values()].map((p) => p.versionId));
  const versions = allVersions.filter((v) => used.has(v.id)).map((v) => ({ id: v.id, label: v.label }));
  const versionIndex = new Map(versions.map((v, i) => [v.id, i]));
  const live = new Map<string, { label: string; position: number }>();
  liveArticles.forEach((a, position) => a.id !== null && live.set(a.id, { label: a.label, position }));
  const seenIn = new Map<string | null, Map<string, { label: string; position: number }>>([[null, live]]);
  for (const { versionId } of pairs.values()) {
    if (seenIn.has(versionId)) continue;
    const labels = new Map<string, { label: string; position: number }>();
    (await versionOutline(storage, draftId, versionId!))?.articles.forEach(
      (a, position) => a.id !== null && labels.set(a.id, { label: a.label, position }),
    );
    seenIn.set(versionId, labels);
  }
  const seen = (versionId: string | null) => seenIn.get(versionId)!;
  const entries = [...pairs].map(([key, { articleId, versionId }]) => {
    const version = versionId === null ? -1 : (versionIndex.get(versionId) ?? -1);
    // A version since deleted, or an article it never had: the label now, else the id.
    const then = seen(versionId).get(articleId) ?? live.get(articleId);
    return {
      key,
      order: [version < 0 ? versions.length : version, then?.position ?? Number.MAX_SAFE_INTEGER] as const,
      article: {
        id: articleId,
        version,
        label: then?.label ?? articleId,
        current: live.get(articleId)?.label ?? null,
      },
    };
  });
  entries.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || (a.key < b.key ? -1 : 1));
  return {
    list: entries.map((e) => e.article),
    versions,
    index: new Map(entries.map((e, i) => [e.key, i])),
  };
}
