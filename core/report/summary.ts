/// The summary report of a consultation (征求意见采纳情况): for each article, how many comments it
/// drew, how many distinct ones after clustering, from whom, their main points, what was decided and
/// why, and what changed in the text; then the same totals for the whole draft. A pure model: the
/// renderers (DOCX, CSV, Markdown, HTML) draw it, the server and the CLI gather its input.
import type { Cluster } from '../comments/cluster.ts';
import type { Disposition, DispositionCounts, DispositionKind } from '../comments/disposition.ts';
import { countDispositions, dispositionKinds, effectiveDispositions } from '../comments/disposition.ts';
import type { Language } from '../language.ts';
import type { ArticleChange, ArticleChanges } from './changes.ts';
import { noArticleChanges } from './changes.ts';
import { commentPlainText, excerpt } from './excerpt.ts';

/// The draft the report is about.
export interface SummaryDraft {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
}

/// An article of the version the comments were made on.
export interface SummaryArticle {
  readonly id: string | null;
  readonly number: number;
  readonly label: string;
  readonly text: string;
}

/// A comment as the report reads it. `submitter` and `contact` are whatever the caller chose to show:
/// pseudonyms by default; real names and contact details only for a report with personal data.
export interface SummaryComment {
  readonly id: string;
  /// Its id in the source it was imported from, or null.
  readonly externalId: string | null;
  /// The article it is about, by id; null for a comment on the draft as a whole.
  readonly articleId: string | null;
  /// The text as submitted (HTML allowed).
  readonly text: string | null;
  /// The kind of submitter (individual, organisation …), or null when not stated.
  readonly submitterType: string | null;
  readonly submitter: string | null;
  readonly organization?: string | null;
  readonly contact?: string | null;
  readonly withdrawn?: boolean;
}

/// A cluster as the report reads it (core's `Cluster` fits).
export type SummaryCluster = Pick<Cluster, 'id' | 'members' | 'representative'> & {
  readonly kind?: Cluster['kind'];
};

/// Everything the report is made of.
/// The files the comments carried: how many, and how many were read, could not be read, are
/// images (kept, not read) or wait to be read.
export interface AttachmentTotals {
  readonly total: number;
  readonly read: number;
  readonly unreadable: number;
  readonly notRead: number;
  readonly pending: number;
}

export interface SummaryInput {
  readonly draft: SummaryDraft;
  /// The articles of the version the comments were made on, in order.
  readonly articles: readonly SummaryArticle[];
  readonly comments: readonly SummaryComment[];
  /// The clustering of the comments (withdrawn ones in none). A comment in no cluster counts as a
  /// cluster of its own.
  readonly clusters: readonly SummaryCluster[];
  readonly dispositions: readonly Disposition[];
  /// The changes from the commented version to the later one. Defaults to none.
  readonly changes?: ArticleChanges;
  /// The change a suggestion (tracked change) makes, by suggestion id, for dispositions linked to
  /// the suggestion that carries them out. Defaults to none.
  readonly suggestionChange?: (suggestionId: string) => ArticleChange | undefined;
  /// Names of the two versions compared (for the report's heading), or null.
  readonly versions?: { readonly from: string; readonly to: string } | null;
  /// Whether `submitter` and `contact` hold personal data (the report then says it is for internal
  /// use only). Defaults to false.
  readonly personalData?: boolean;
  /// When the report was made, in milliseconds since the epoch. Defaults to now.
  readonly generatedAt?: number;
  /// Main points listed per article. Defaults to 5.
  readonly mainPoints?: number;
  /// Longest excerpt of a main point, in characters. Defaults to 160 (zh) or 280 (en).
  readonly excerptLength?: number;
  /// How many files the comments carried and what became of them: read, unreadable, images not
  /// read, not read yet. Defaults to none.
  readonly attachments?: AttachmentTotals;
  /// How to read a comment's text, for the few comments the report quotes. Defaults to its `text`;
  /// a caller holding many comments may leave `text` null and read texts from storage here instead.
  readonly readText?: (comment: SummaryComment) => string | null;
}

/// How many comments came from one kind of submitter.
export interface SubmitterCount {
  /// The submitter type, or null for comments that do not say.
  readonly type: string | null;
  readonly count: number;
}

/// A main point: one cluster's comments on an article, shown by a representative text.
export interface MainPoint {
  readonly clusterId: string;
  /// Comments of the cluster on this article (or in this disposition group).
  readonly count: number;
  /// Comments of the cluster on the whole draft.
  readonly clusterSize: number;
  /// The representative comment: the cluster's own where it is on this article, else the first member here.
  readonly commentId: string;
  /// Its plain text, in full and as an excerpt.
  readonly text: string;
  readonly excerpt: string;
  /// Whether the cluster is of stubs (comments that only point to an attachment).
  readonly stub: boolean;
  readonly submitter: string | null;
  readonly organization: string | null;
}

/// One row of an article's table: the comments given one disposition with one reason.
export interface DispositionGroup {
  /// The disposition kind, or `pending` for comments not yet decided.
  readonly kind: DispositionKind | 'pending';
  readonly reason: string;
  readonly count: number;
  /// Distinct clusters among them.
  readonly unique: number;
  /// The largest clusters among them, at most three.
  readonly points: readonly MainPoint[];
  /// The changes the decision is linked to: those of the linked articles, or, for an adopted or
  /// partly adopted decision without a link, the article's own change. Empty when none.
  readonly changes: readonly ArticleChange[];
}

/// The part of the report about one article (or, with `article` null, about comments on the draft
/// as a whole or on articles not in the compared version).
export interface SummarySection {
  readonly article: SummaryArticle | null;
  readonly comments: number;
  /// Distinct comments after clustering: the number of clusters the article's comments fall in.
  readonly unique: number;
  readonly bySubmitterType: readonly SubmitterCount[];
  readonly mainPoints: readonly MainPoint[];
  readonly dispositions: DispositionCounts;
  readonly groups: readonly DispositionGroup[];
  /// What became of the article in the later version (several rows for a split); empty when there
  /// is no later version or for the general section.
  readonly changes: readonly ArticleChange[];
}

/// The whole report.
export interface SummaryReport {
  readonly draft: SummaryDraft;
  readonly language: Language;
  readonly generatedAt: number;
  readonly personalData: boolean;
  readonly versions: { readonly from: string; readonly to: string } | null;
  readonly totals: {
    /// Comments counted (withdrawn ones are not).
    readonly comments: number;
    readonly withdrawn: number;
    /// Distinct comments after clustering.
    readonly unique: number;
    /// Clusters of two or more comments, and how many comments they hold.
    readonly clustersOfMany: number;
    readonly commentsInClustersOfMany: number;
    /// Articles with at least one comment.
    readonly articlesCommented: number;
    readonly bySubmitterType: readonly SubmitterCount[];
    readonly dispositions: DispositionCounts;
    readonly attachments: AttachmentTotals;
  };
  /// Articles with comments in article order, then the general section if it has any comments.
  readonly sections: readonly SummarySection[];
  /// Every counted comment with its cluster and disposition in force, by comment number (compareIds):
  /// the register the CSV lists.
  readonly register: readonly RegisterEntry[];
}

/// One comment in the register.
export interface RegisterEntry {
  readonly comment: SummaryComment;
  /// The article's label, or null (general comments, unknown articles).
  readonly articleLabel: string | null;
  readonly clusterId: string;
  readonly clusterSize: number;
  readonly disposition: (Disposition & { readonly source: 'comment' | 'cluster' }) | null;
}

const groupOrder: readonly (DispositionKind | 'pending')[] = [...dispositionKinds, 'pending'];

/// Build the report. Deterministic for the same input and `generatedAt`.
export function buildSummary(input: SummaryInput): SummaryReport {
  const language = input.draft.language;
  const changes = input.changes ?? noArticleChanges;
  const mainPointCount = input.mainPoints ?? 5;
  const excerptLength = input.excerptLength ?? (language === 'zh' ? 160 : 280);

  const comments = input.comments.filter((c) => !c.withdrawn);
  const byId = new Map(comments.map((c) => [c.id, c]));

  // Every counted comment's cluster; a comment the clustering left out is a cluster of its own.
  const clusterOf = new Map<string, SummaryCluster>();
  const clusters: SummaryCluster[] = [];
  for (const cluster of input.clusters) {
    const members = cluster.members.filter((id) => byId.has(id));
    if (members.length === 0) continue;
    const kept = members.length === cluster.members.length ? cluster : { ...cluster, members };
    clusters.push(kept);
    for (const id of members) clusterOf.set(id, kept);
  }
  for (const c of comments) {
    if (clusterOf.has(c.id)) continue;
    const own: SummaryCluster = { id: c.id, members: [c.id], representative: c.id };
    clusters.push(own);
    clusterOf.set(c.id, own);
  }
  const effective = effectiveDispositions(clusters, input.dispositions);

  // Comments by article: known articles in order, then the rest.
  const articleIndex = new Map<string, number>();
  input.articles.forEach((a, i) => a.id !== null && articleIndex.set(a.id, i));
  const perArticle: SummaryComment[][] = input.articles.map(() => []);
  const general: SummaryComment[] = [];
  for (const c of comments) {
    const index = c.articleId === null ? undefined : articleIndex.get(c.articleId);
    if (index === undefined) general.push(c);
    else perArticle[index].push(c);
  }

  const readText = input.readText ?? ((c: SummaryComment) => c.text);
  const texts = new Map<string, string>();
  const plain = (c: SummaryComment): string => {
    let text = texts.get(c.id);
    if (text === undefined) {
      text = commentPlainText(readText(c));
      texts.set(c.id, text);
    }
    return text;
  };

  // The largest clusters among `list`, as main points.
  const pointsOf = (list: readonly SummaryComment[], limit: number): MainPoint[] => {
    const groups = new Map<SummaryCluster, SummaryComment[]>();
    for (const c of list) {
      const cluster = clusterOf.get(c.id)!;
      const group = groups.get(cluster);
      if (group) group.push(c);
      else groups.set(cluster, [c]);
    }
    const ranked = [...groups].sort(
      ([a, x], [b, y]) =>
        Number(a.kind === 'stub') - Number(b.kind === 'stub') ||
        y.length - x.length ||
        b.members.length - a.members.length ||
        compare(a.id, b.id),
    );
    return ranked.slice(0, limit).map(([cluster, members]) => {
      const shown = members.find((c) => c.id === cluster.representative) ?? members[0];
      const text = plain(shown);
      return {
        clusterId: cluster.id,
        count: members.length,
        clusterSize: cluster.members.length,
        commentId: shown.id,
        text,
        excerpt: excerpt(text, excerptLength),
        stub: cluster.kind === 'stub',
        submitter: shown.submitter,
        organization: shown.organization ?? null,
      };
    });
  };

  const sectionOf = (article: SummaryArticle | null, list: SummaryComment[]): SummarySection => {
    list.sort((a, b) => compareIds(a.id, b.id));
    const own = article?.id ? changes.of(article.id) : [];
    const grouped = new Map<
      string,
      { kind: DispositionKind | 'pending'; reason: string; list: SummaryComment[] }
    >();
    const links = new Map<string, Set<string>>();
    const suggestionLinks = new Map<string, Set<string>>();
    for (const c of list) {
      const d = effective.get(c.id);
      const kind = d?.kind ?? 'pending';
      const reason = d?.reason.trim() ?? '';
      const key = `${kind}\u0000${reason}`;
      const group = grouped.get(key);
      if (group) group.list.push(c);
      else grouped.set(key, { kind, reason, list: [c] });
      if (d?.linkedArticleId) {
        const set = links.get(key) ?? new Set<string>();
        set.add(d.linkedArticleId);
        links.set(key, set);
      }
      if (d?.linkedSuggestionId) {
        const set = suggestionLinks.get(key) ?? new Set<string>();
        set.add(d.linkedSuggestionId);
        suggestionLinks.set(key, set);
      }
    }
    const groups: DispositionGroup[] = [...grouped]
      .sort(
        ([, a], [, b]) =>
          groupOrder.indexOf(a.kind) - groupOrder.indexOf(b.kind) ||
          b.list.length - a.list.length ||
          compare(a.reason, b.reason),
      )
      .map(([key, g]) => {
        const byArticle = [...(links.get(key) ?? [])].sort(compare).flatMap((id) => changes.of(id));
        const bySuggestion = [...(suggestionLinks.get(key) ?? [])]
          .sort((a, b) => Number(a) - Number(b))
          .flatMap((id) => input.suggestionChange?.(id) ?? []);
        const linked = [...bySuggestion, ...byArticle];
        const adopted = g.kind === 'adopted' || g.kind === 'partly-adopted';
        return {
          kind: g.kind,
          reason: g.reason,
          count: g.list.length,
          unique: new Set(g.list.map((c) => clusterOf.get(c.id)!)).size,
          points: pointsOf(g.list, 3),
          changes: unique(linked.length ? linked : adopted ? own : []),
        };
      });
    return {
      article,
      comments: list.length,
      unique: new Set(list.map((c) => clusterOf.get(c.id)!)).size,
      bySubmitterType: submitterCounts(list),
      mainPoints: pointsOf(list, mainPointCount),
      dispositions: countDispositions(
        list.map((c) => c.id),
        effective,
      ),
      groups,
      changes: own,
    };
  };

  const sections: SummarySection[] = [];
  const sectionLists: SummaryComment[][] = [];
  const addSection = (article: SummaryArticle | null, list: SummaryComment[]) => {
    sections.push(sectionOf(article, list));
    sectionLists.push(list);
  };
  input.articles.forEach((article, i) => perArticle[i].length && addSection(article, perArticle[i]));
  if (general.length) addSection(null, general);

  const register: RegisterEntry[] = sections
    .flatMap((section, s) =>
      sectionLists[s].map((c) => {
        const cluster = clusterOf.get(c.id)!;
        return {
          comment: c,
          articleLabel: section.article?.label ?? null,
          clusterId: cluster.id,
          clusterSize: cluster.members.length,
          disposition: effective.get(c.id) ?? null,
        };
      }),
    )
    .sort((a, b) => compareIds(a.comment.id, b.comment.id));

  const many = clusters.filter((c) => c.members.length > 1);
  return {
    draft: input.draft,
    language,
    generatedAt: input.generatedAt ?? Date.now(),
    personalData: input.personalData ?? false,
    versions: input.versions ?? null,
    totals: {
      comments: comments.length,
      withdrawn: input.comments.length - comments.length,
      unique: clusters.length,
      clustersOfMany: many.length,
      commentsInClustersOfMany: many.reduce((sum, c) => sum + c.members.length, 0),
      articlesCommented: sections.filter((s) => s.article).length,
      bySubmitterType: submitterCounts(comments),
      dispositions: countDispositions(byId.keys(), effective),
      attachments: input.attachments ?? { total: 0, read: 0, unreadable: 0, notRead: 0, pending: 0 },
    },
    sections,
    register,
  };
}

function submitterCounts(list: readonly SummaryComment[]): SubmitterCount[] {
  const counts = new Map<string | null, number>();
  for (const c of list) counts.set(c.submitterType, (counts.get(c.submitterType) ?? 0) + 1);
  return [...counts]
    .map(([type, count]) => ({ type, count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        Number(a.type === null) - Number(b.type === null) ||
        compare(a.type ?? '', b.type ?? ''),
    );
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Order of comment ids: numbers by value (2 before 10), any other id after them, as text.
function compareIds(a: string, b: string): number {
  const numberA = /^\d+$/.test(a);
  const numberB = /^\d+$/.test(b);
  if (numberA && numberB) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    return x.length - y.length || compare(x, y) || compare(a, b);
  }
  return numberA ? -1 : numberB ? 1 : compare(a, b);
}
