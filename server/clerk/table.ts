/// The clerk's table of every comment of a draft, as one compact JSON document: columns of numbers
/// and strings (one entry per comment) with small dictionaries for repeated values (articles, tags,
/// submitter types, clusters, reasons), so that 100,000 comments travel and parse quickly and the
/// renderer can filter and sort them without asking the server again.
import {
  commentPlainText,
  dispositionKinds,
  effectiveDispositions,
  excerpt,
  textHead,
} from '../../core/index.ts';
import type { ClerkTableJson, Language, OutlineArticle } from '../../core/index.ts';
import { pseudonym, seesPersonalData } from '../comments/privacy.ts';
import type { Viewer } from '../comments/privacy.ts';
import { clerkStorage } from '../storage/clerk.ts';
import type { Storage } from '../storage/storage.ts';
import { storedClustering } from './clustering.ts';
import { firstLines } from '../attachments/view.ts';

export type { ClerkTableJson } from '../../core/index.ts';

/// Characters of a comment's text in the table.
export const tableExcerptLength = 90;

/// The clerk's table of `draftId` for `viewer`; `articles` are the articles of the version the
/// comments were made on (for labels and order), pseudonyms in `language`.
export function clerkTable(
  storage: Storage,
  draftId: string,
  articles: readonly Pick<OutlineArticle, 'id' | 'label'>[],
  viewer: Viewer,
  language: Language,
): ClerkTableJson {
  const clerk = clerkStorage(storage);
  const comments = clerk.comments.all(draftId, 601);
  const clustering = storedClustering(storage, draftId);
  const info = clerk.clusters.info(draftId);
  const effective = effectiveDispositions(clustering.clusters, clerk.dispositions.list(draftId));
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
  const articleList = articles
    .filter((a): a is { id: string; label: string } => a.id !== null)
    .map((a) => ({ id: a.id, label: a.label }));
  const articleIndex = new Map(articleList.map((a, i) => [a.id, i]));
  // An article not in the version (made on another version, or since deleted) is listed by its id.
  const articleOf = (id: string | null): number => {
    if (id === null) return -1;
    let i = articleIndex.get(id);
    if (i === undefined) {
      i = articleList.length;
      articleList.push({ id, label: id });
      articleIndex.set(id, i);
    }
    return i;
  };
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
  const files = storage.attachments.summaries(draftId);
  for (const c of comments) {
    const key = String(c.id);
    const d = effective.get(key);
    const cited = c.articleId === null && c.citedArticleId !== null;
    const attached = files.get(c.id);
    rows.id.push(c.id);
    rows.article.push(articleOf(cited ? c.citedArticleId : c.articleId));
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
    stale: !info || info.source !== clerk.comments.source(draftId),
    articles: articleList,
    tags,
    submitterTypes: types,
    clusters: clustering.clusters.map((c) => ({ id: c.id, size: c.members.length, kind: c.kind })),
    reasons,
    users,
    rows,
  };
}
