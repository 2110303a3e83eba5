/// The clerk's dispositions: for each comment, what became of it (adopted, partly adopted, not
/// adopted, noted, out of scope) and why. A disposition is recorded against one comment or against a
/// cluster, in which case it applies to every member that has none of its own: a member's own
/// disposition overrides its cluster's. Pure data and rules; storage keeps the rows and their history.
import type { Language } from '../language.ts';

/// What became of a comment, in the order reports list them.
export const dispositionKinds = [
  'adopted',
  'partly-adopted',
  'not-adopted',
  'noted',
  'out-of-scope',
] as const;

/// One of dispositionKinds.
export type DispositionKind = (typeof dispositionKinds)[number];

/// Whether `value` names a disposition kind.
export function isDispositionKind(value: unknown): value is DispositionKind {
  return typeof value === 'string' && (dispositionKinds as readonly string[]).includes(value);
}

const labels: Readonly<Record<Language, Readonly<Record<DispositionKind, string>>>> = {
  zh: {
    adopted: '采纳',
    'partly-adopted': '部分采纳',
    'not-adopted': '不予采纳',
    noted: '已知悉',
    'out-of-scope': '不属于本次征求范围',
  },
  en: {
    adopted: 'Adopted',
    'partly-adopted': 'Partly adopted',
    'not-adopted': 'Not adopted',
    noted: 'Noted',
    'out-of-scope': 'Out of scope',
  },
};

/// The name of `kind` as a published report writes it: 采纳 / 部分采纳 / 不予采纳 / 已知悉 /
/// 不属于本次征求范围; Adopted / Partly adopted / Not adopted / Noted / Out of scope.
export function dispositionLabel(kind: DispositionKind, language: Language): string {
  return labels[language][kind];
}

/// The name of a comment that has no disposition yet: 待处理 / Pending.
export function pendingLabel(language: Language): string {
  return language === 'zh' ? '待处理' : 'Pending';
}

/// What a disposition is recorded against: one comment, or every member of a cluster.
export type DispositionTarget = 'comment' | 'cluster';

/// A recorded disposition.
export interface Disposition {
  readonly target: DispositionTarget;
  /// The comment's id, or the cluster's (clusters keep their ids across re-clustering; see `Cluster.id`).
  readonly targetId: string;
  readonly kind: DispositionKind;
  /// Why, in words the report prints. May be empty while the clerk is still deciding.
  readonly reason: string;
  /// The reason template it was written from, if any.
  readonly templateId: string | null;
  /// The article, by id, of a later version that answers the comment, if any. Ids survive
  /// renumbering, so the link does too.
  readonly linkedArticleId: string | null;
  /// The version holding that article; null for the live draft.
  readonly linkedVersionId: string | null;
  /// The suggestion (tracked change) that carries the decision out, if any.
  readonly linkedSuggestionId?: string | null;
  /// Who decided (a username), or null when unknown (imported, or the user was removed).
  readonly decidedBy: string | null;
  /// When, in milliseconds since the epoch.
  readonly decidedAt: number;
}

/// A comment's disposition in force, and where it comes from.
export interface EffectiveDisposition extends Disposition {
  /// `comment` when recorded against the comment itself, `cluster` when inherited from its cluster.
  readonly source: DispositionTarget;
}

/// A cluster as dispositions need it: its id and its members.
export interface DispositionCluster {
  readonly id: string;
  readonly members: readonly string[];
}

/// The disposition in force for each clustered comment: its own if it has one, else its cluster's.
/// Comments with neither are absent from the map. Dispositions naming unknown comments or clusters
/// are ignored; when two name the same target, the later one in `dispositions` wins.
export function effectiveDispositions(
  clusters: Iterable<DispositionCluster>,
  dispositions: Iterable<Disposition>,
): Map<string, EffectiveDisposition> {
  const own = new Map<string, Disposition>();
  const ofCluster = new Map<string, Disposition>();
  for (const d of dispositions) (d.target === 'comment' ? own : ofCluster).set(d.targetId, d);
  const result = new Map<string, EffectiveDisposition>();
  for (const cluster of clusters) {
    // One object for every member that inherits: a cluster of 30,000 copies needs no 30,000 copies.
    const found = ofCluster.get(cluster.id);
    const inherited: EffectiveDisposition | undefined = found && { ...found, source: 'cluster' };
    for (const id of cluster.members) {
      const mine = own.get(id);
      if (mine) result.set(id, { ...mine, source: 'comment' });
      else if (inherited) result.set(id, inherited);
    }
  }
  return result;
}

/// After re-clustering: the comment-level dispositions to add so that no comment loses the
/// disposition it had. A comment that was in a cluster with a cluster-level disposition and is now in
/// a cluster of another id (it was moved out, split off, or merged into a cluster that kept the other
/// id) keeps that disposition as its own — unless it already has one of its own. The copies keep the
/// original's kind, reason, template, link, decider and time. Returned in comment id order.
export function carriedDispositions(
  previous: Iterable<{ readonly commentId: string; readonly clusterId: string }>,
  clusters: Iterable<DispositionCluster>,
  dispositions: Iterable<Disposition>,
): Disposition[] {
  const own = new Set<string>();
  const ofCluster = new Map<string, Disposition>();
  for (const d of dispositions) {
    if (d.target === 'comment') own.add(d.targetId);
    else ofCluster.set(d.targetId, d);
  }
  const now = new Map<string, string>();
  for (const cluster of clusters) for (const id of cluster.members) now.set(id, cluster.id);
  const carried: Disposition[] = [];
  for (const { commentId, clusterId } of previous) {
    const before = ofCluster.get(clusterId);
    const after = now.get(commentId);
    if (!before || after === undefined || after === clusterId || own.has(commentId)) continue;
    carried.push({ ...before, target: 'comment', targetId: commentId });
    own.add(commentId);
  }
  return carried.sort((a, b) => (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
}

/// How many comments of `ids` are in each disposition kind, and how many are pending.
export type DispositionCounts = Readonly<Record<DispositionKind | 'pending', number>>;

/// Counts of the dispositions in force for `ids` (see `effectiveDispositions`).
export function countDispositions(
  ids: Iterable<string>,
  effective: ReadonlyMap<string, Disposition>,
): DispositionCounts {
  const counts: Record<DispositionKind | 'pending', number> = {
    adopted: 0,
    'partly-adopted': 0,
    'not-adopted': 0,
    noted: 0,
    'out-of-scope': 0,
    pending: 0,
  };
  for (const id of ids) counts[effective.get(id)?.kind ?? 'pending']++;
  return counts;
}

/// A reusable reason: a short label for the clerk's list, the text the report prints, and
/// optionally the kind it is usually given with.
export interface ReasonTemplate {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  readonly kind: DispositionKind | null;
}
