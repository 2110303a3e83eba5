/// Clustering a draft's comments on the server: core's clusterComments over the stored comments, with
/// the clerk's decisions and the previous clustering (so clusters keep their ids), then stored. A
/// comment that leaves a cluster with a disposition keeps that disposition as its own, and the
/// disposition of a cluster that no longer exists is removed once every member has its copy.
import { carriedDispositions, clusterComments } from '../../core/index.ts';
import type { Clustering, ClusterDecision } from '../../core/index.ts';
import { clerkStorage } from '../storage/clerk.ts';
import type { Storage } from '../storage/storage.ts';

/// What a clustering run did.
export interface ClusterRun {
  readonly clustering: Clustering;
  /// Comments clustered (withdrawn ones are not).
  readonly comments: number;
  /// Dispositions carried over to comments that left a decided cluster.
  readonly carried: number;
  readonly clusteredAt: number;
}

/// Cluster the comments of `draftId` now and store the result. `decisions` (made by `userId`) are
/// recorded first, in the same transaction as the result, so a decision is never stored without the
/// clustering that honours it. Throws RangeError (from core) when a decision is malformed.
export function clusterDraft(
  storage: Storage,
  draftId: string,
  decisions: readonly ClusterDecision[] = [],
  userId: number | null = null,
): ClusterRun {
  const clerk = clerkStorage(storage);
  const at = Date.now();
  const texts = clerk.comments.texts(draftId);
  const source = clerk.comments.source(draftId);
  const previous = clerk.clusters.assignments(draftId);
  const all = [...clerk.clusters.decisions(draftId).map((d) => d.decision), ...decisions];
  const clustering = clusterComments(texts, { decisions: all, previous });
  const dispositions = clerk.dispositions.list(draftId);
  const carried = carriedDispositions(previous, clustering.clusters, dispositions);
  const live = new Set(clustering.clusters.map((c) => c.id));
  storage.transaction(() => {
    if (decisions.length) clerk.clusters.addDecisions(draftId, decisions, userId, at);
    clerk.clusters.save(
      draftId,
      clustering.clusters.map((c) => ({
        id: c.id,
        kind: c.kind,
        representative: Number(c.representative),
        members: c.members.map(Number),
      })),
      source,
      at,
    );
    // Each copy keeps who decided and when: the decision is theirs, only its target changed.
    for (const d of carried) {
      const decider = d.decidedBy === null ? null : (storage.users.byName(d.decidedBy)?.id ?? null);
      clerk.dispositions.set(draftId, 'comment', d.targetId, d, decider, d.decidedAt, 'carried');
    }
    // A cluster disposition whose cluster is gone has been carried to every former member.
    for (const d of dispositions) {
      if (d.target === 'cluster' && !live.has(d.targetId))
        clerk.dispositions.clear(draftId, 'cluster', d.targetId, null, at);
    }
  });
  return {
    clustering,
    comments: texts.filter((t) => !t.withdrawn).length,
    carried: carried.length,
    clusteredAt: at,
  };
}

/// Whether the stored clustering of `draftId` is missing or older than its comments.
export function clusteringStale(storage: Storage, draftId: string): boolean {
  const clerk = clerkStorage(storage);
  const info = clerk.clusters.info(draftId);
  return !info || info.source !== clerk.comments.source(draftId);
}

/// Cluster `draftId` when its stored clustering is stale (see clusteringStale). Returns the run, or
/// null when the stored clustering was current.
export function ensureClustered(storage: Storage, draftId: string): ClusterRun | null {
  return clusteringStale(storage, draftId) ? clusterDraft(storage, draftId) : null;
}

/// The stored clustering of `draftId` in core's shape (clusters largest first, members ascending as
/// strings), for the report and the CLI. Comments not clustered yet are absent.
export function storedClustering(storage: Storage, draftId: string): Clustering {
  const clerk = clerkStorage(storage);
  const members = new Map<string, string[]>();
  for (const { commentId, clusterId } of clerk.clusters.assignments(draftId)) {
    const list = members.get(clusterId);
    if (list) list.push(commentId);
    else members.set(clusterId, [commentId]);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const clusters = clerk.clusters.list(draftId).map((c) => ({
    id: c.id,
    kind: c.kind,
    members: (members.get(c.id) ?? []).sort(byId),
    representative: String(c.representative),
    previousIds: [],
  }));
  clusters.sort((a, b) => b.members.length - a.members.length || byId(a.id, b.id));
  return { clusters, withdrawn: [] };
}
