/// The clerk's table in the renderer: filtering, sorting and counting up to 100,000 comments held as
/// columns (ClerkTableJson), and updating them in place after a disposition is recorded. Pure; no DOM.
import { dispositionKinds } from '../../../core/index.ts';
import type { DispositionKind } from '../../../core/index.ts';
import type { ClerkTableJson } from '../api/clerk.ts';

/// The table with row columns that can be updated in place (see applyDisposition).
export interface ClerkData extends Omit<ClerkTableJson, 'rows' | 'reasons' | 'users'> {
  readonly reasons: string[];
  readonly users: string[];
  readonly rows: {
    readonly [K in keyof ClerkTableJson['rows']]: ClerkTableJson['rows'][K] extends readonly (infer T)[]
      ? T[]
      : never;
  };
  /// Row of each comment id.
  readonly rowOf: ReadonlyMap<number, number>;
  /// Rows of each cluster (by index into `clusters`).
  readonly clusterRows: readonly number[][];
}

/// The table JSON made ready for filtering and updates.
export function clerkData(json: ClerkTableJson): ClerkData {
  const rows = Object.fromEntries(
    Object.entries(json.rows).map(([key, column]) => [key, [...column]]),
  ) as ClerkData['rows'];
  const rowOf = new Map<number, number>();
  rows.id.forEach((id, row) => rowOf.set(id, row));
  const clusterRows: number[][] = json.clusters.map(() => []);
  rows.cluster.forEach((c, row) => c >= 0 && clusterRows[c].push(row));
  return { ...json, reasons: [...json.reasons], users: [...json.users], rows, rowOf, clusterRows };
}

/// Which comments to show. `all` (or null for search) shows every value.
export interface ClerkFilter {
  /// An article index, `none` for comments on the draft as a whole.
  readonly article: number | 'all' | 'none';
  readonly status: 'all' | 'open' | 'resolved';
  readonly tag: number | 'all';
  /// A submitter type index, `none` for comments that do not say.
  readonly submitterType: number | 'all' | 'none';
  /// A cluster index; `many` for comments in clusters of two or more, `single` for the rest.
  readonly cluster: number | 'all' | 'many' | 'single';
  /// A disposition kind, or `pending`.
  readonly disposition: DispositionKind | 'pending' | 'all';
  /// Ids of the comments whose text matched a search, or null for no search.
  readonly search: ReadonlySet<number> | null;
  /// Whether withdrawn comments are shown.
  readonly withdrawn: boolean;
}

/// The filter that shows everything but withdrawn comments.
export const noFilter: ClerkFilter = {
  article: 'all',
  status: 'all',
  tag: 'all',
  submitterType: 'all',
  cluster: 'all',
  disposition: 'all',
  search: null,
  withdrawn: false,
};

/// The rows `filter` lets through, in row (comment id) order.
export function filterRows(data: ClerkData, filter: ClerkFilter): Int32Array {
  const r = data.rows;
  const n = r.id.length;
  const kind =
    filter.disposition === 'all'
      ? -2
      : filter.disposition === 'pending'
        ? -1
        : dispositionKinds.indexOf(filter.disposition);
  const article = filter.article === 'all' ? -2 : filter.article === 'none' ? -1 : filter.article;
  const type =
    filter.submitterType === 'all' ? -2 : filter.submitterType === 'none' ? -1 : filter.submitterType;
  const size = (row: number) => (r.cluster[row] < 0 ? 1 : data.clusters[r.cluster[row]].size);
  const out = new Int32Array(n);
  let count = 0;
  for (let row = 0; row < n; row++) {
    if (!filter.withdrawn && r.withdrawn[row]) continue;
    if (article !== -2 && r.article[row] !== article) continue;
    if (filter.status !== 'all' && r.status[row] !== (filter.status === 'resolved' ? 1 : 0)) continue;
    if (filter.tag !== 'all' && !r.tags[row].includes(filter.tag)) continue;
    if (type !== -2 && r.submitterType[row] !== type) continue;
    if (kind !== -2 && r.disposition[row] !== kind) continue;
    if (filter.cluster === 'many' && size(row) < 2) continue;
    if (filter.cluster === 'single' && size(row) > 1) continue;
    if (typeof filter.cluster === 'number' && r.cluster[row] !== filter.cluster) continue;
    if (filter.search && !filter.search.has(r.id[row])) continue;
    out[count++] = row;
  }
  return out.slice(0, count);
}

/// What the table can be sorted by.
export type SortKey = 'id' | 'article' | 'cluster' | 'disposition' | 'submitter' | 'received';

/// `rows` sorted by `key` (then by comment id), ascending or descending. Returns a new array.
export function sortRows(data: ClerkData, rows: Int32Array, key: SortKey, descending = false): Int32Array {
  const r = data.rows;
  const sorted = Int32Array.from(rows);
  const sign = descending ? -1 : 1;
  const byId = (a: number, b: number) => r.id[a] - r.id[b];
  let compare: (a: number, b: number) => number;
  switch (key) {
    case 'id':
      compare = byId;
      break;
    case 'article':
      // The draft as a whole after the articles.
      compare = (a, b) => (r.article[a] < 0 ? 1e9 : r.article[a]) - (r.article[b] < 0 ? 1e9 : r.article[b]);
      break;
    case 'cluster': {
      // Largest cluster first when ascending: the campaign letters lead.
      const size = (row: number) => (r.cluster[row] < 0 ? 1 : data.clusters[r.cluster[row]].size);
      compare = (a, b) => size(b) - size(a) || r.cluster[a] - r.cluster[b];
      break;
    }
    case 'disposition':
      // Pending first.
      compare = (a, b) => r.disposition[a] - r.disposition[b];
      break;
    case 'submitter':
      compare = (a, b) => (r.submitter[a] < r.submitter[b] ? -1 : r.submitter[a] > r.submitter[b] ? 1 : 0);
      break;
    case 'received':
      compare = (a, b) => r.receivedAt[a] - r.receivedAt[b];
      break;
  }
  sorted.sort((a, b) => sign * compare(a, b) || byId(a, b));
  return sorted;
}

/// How a comment's article is shown: the label its commenter saw, the version they saw it in (null: the
/// live draft), and the label now when it differs (`gone` when the live draft no longer has it).
export interface ArticleShown {
  readonly label: string;
  readonly version: string | null;
  readonly now: string | null;
  readonly gone: boolean;
}

/// How article entry `index` of `data` is shown (see ArticleShown); null for the draft as a whole (-1).
export function articleShown(
  data: Pick<ClerkData, 'articles' | 'versions'>,
  index: number,
): ArticleShown | null {
  if (index < 0) return null;
  const article = data.articles[index];
  return {
    label: article.label,
    version: article.version < 0 ? null : data.versions[article.version].label,
    now: article.current !== null && article.current !== article.label ? article.current : null,
    gone: article.current === null,
  };
}

/// How many of `rows` are pending and in each disposition kind (in dispositionKinds order).
export interface DispositionTally {
  readonly pending: number;
  readonly kinds: readonly number[];
}

/// The tally of `rows`.
export function tallyRows(data: ClerkData, rows: Int32Array): DispositionTally {
  const kinds = dispositionKinds.map(() => 0);
  let pending = 0;
  for (const row of rows) {
    const kind = data.rows.disposition[row];
    if (kind < 0) pending++;
    else kinds[kind]++;
  }
  return { pending, kinds };
}

/// What was recorded, for updating the table without asking the server again.
export interface RecordedDisposition {
  readonly kind: DispositionKind;
  readonly reason: string;
  readonly linkedArticleId: string | null;
  readonly decidedBy: string;
  readonly decidedAt: number;
}

/// Update `data` in place after `recorded` was set on the comments of `commentRows` (their own) and on
/// the clusters `clusters` (inherited by every member without its own, or by all with
/// `overrideMembers`), as the server's rules say. Returns how many rows changed.
export function applyDisposition(
  data: ClerkData,
  recorded: RecordedDisposition,
  commentRows: Iterable<number>,
  clusters: Iterable<number>,
  overrideMembers = false,
): number {
  const r = data.rows;
  const index = (list: string[], value: string) => {
    const found = list.indexOf(value);
    if (found >= 0) return found;
    list.push(value);
    return list.length - 1;
  };
  const kind = dispositionKinds.indexOf(recorded.kind);
  const reason = index(data.reasons, recorded.reason.trim());
  const user = index(data.users, recorded.decidedBy);
  let changed = 0;
  const set = (row: number, source: number) => {
    r.disposition[row] = kind;
    r.source[row] = source;
    r.reason[row] = reason;
    r.decidedBy[row] = user;
    r.decidedAt[row] = recorded.decidedAt;
    r.linkedArticleId[row] = recorded.linkedArticleId;
    changed++;
  };
  for (const row of commentRows) set(row, 0);
  for (const cluster of clusters) {
    for (const row of data.clusterRows[cluster]) if (overrideMembers || r.source[row] !== 0) set(row, 1);
  }
  return changed;
}
