/// Clustering a draft's comments on the server: core's clusterComments over the stored comments, with
/// the clerk's decisions and the previous clustering (so clusters keep their ids), then stored. A
/// comment that leaves a cluster with a disposition keeps that disposition as its own, and the
/// disposition of a cluster that no longer exists is removed once every member has its copy.
import { carriedDispositions, clusterComments } from '../../core/index.ts';
import type { Clustering, ClusterDecision } from '../../core/index.ts';
import type { Storage } from '../storage/interface.ts';

/// What a clustering run did.
export interface ClusterRun {
  readonly clustering: Clustering;
  /// Comments clustered (withdrawn ones are not).
  readonly comments: number;
  /// Dispositions carried over to comments that left a decided cluster.
  readonly carried: number;
  readonly clusteredAt: number;
}

/// The lock of the clerk's work on `draftId` (clustering, decisions, dispositions): transactions
/// naming it run one at a time, in every process, so a clustering never carries over dispositions
/// that changed while it ran.
export const clerkLock = (draftId: string): string => `clerk:${draftId}`;

/// Cluster the comments of `draftId` now and store the result. `decisions` (made by `userId`) are
/// recorded first, in the same transaction as the result, so a decision is never stored without the
/// clustering that honours it. Reads, clustering and writes run in one transaction under the draft's
/// clerk lock (clerkLock). Rejects with RangeError (from core) when a decision is malformed.
export function clusterDraft(
  storage: Storage,
  draftId: string,
  decisions: readonly ClusterDecision[] = [],
  userId: number | null = null,
): Promise<ClusterRun> {
  return storage.transaction((tx) => clusterIn(tx, draftId, decisions, userId), { lock: clerkLock(draftId) });
}

/// clusterDraft inside the transaction `tx`, which holds the draft's clerk lock.
export async function clusterIn(
  tx: Storage,
  draftId: string,
  decisions: readonly ClusterDecision[] = [],
  userId: number | null = null,
): Promise<ClusterRun> {
  const at = Date.now();
  const texts = await tx.clerkComments.texts(draftId);
  const source = await tx.clerkComments.source(draftId);
  const previous = await tx.clusters.assignments(draftId);
  const all = [...(await tx.clusters.decisions(draftId)).map((d) => d.decision), ...decisions];
  const clustering = clusterComments(texts, { decisions: all, previous });
  const dispositions = await tx.dispositions.list(draftId);
  const carried = carriedDispositions(previous, clustering.clusters, dispositions);
  const live = new Set(clustering.clusters.map((c) => c.id));
  if (decisions.length) await tx.clusters.addDecisions(draftId, decisions, userId, at);
  await tx.clusters.save(
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
    const decider = d.decidedBy === null ? null : ((await tx.users.byName(d.decidedBy))?.id ?? null);
    await tx.dispositions.set(draftId, 'comment', d.targetId, d, decider, d.decidedAt, 'carried');
  }
  // A cluster disposition whose cluster is gone has been carried to every former member.
  for (const d of dispositions) {
    if (d.target === 'cluster' && !live.has(d.targetId))
      await tx.dispositions.clear(draftId, 'cluster', d.targetId, null, at);
  }
  return {
    clustering,
    comments: texts.filter((t) => !t.withdrawn).length,
    carried: carried.length,
    clusteredAt: at,
  };
}

/// Whether the stored clustering of `draftId` is missing or older than its comments.
export async function clusteringStale(storage: Storage, draftId: string): Promise<boolean> {
  const info = await storage.clusters.info(draftId);
  return !info || info.source !== (await storage.clerkComments.source(draftId));
}

/// Cluster `draftId` when its stored clustering is stale (see clusteringStale). Resolves to the run,
/// or null when the stored clustering was current (checked again under the clerk lock: a run
/// elsewhere may just have brought it up to date).
export async function ensureClustered(storage: Storage, draftId: string): Promise<ClusterRun | null> {
  if (!(await clusteringStale(storage, draftId))) return null;
  return storage.transaction(
    async (tx) => ((await clusteringStale(tx, draftId)) ? clusterIn(tx, draftId) : null),
    { lock: clerkLock(draftId) },
  );
}

/// The stored clustering of `draftId` in core's shape (clusters largest first, members ascending as
/// strings), for the report and the CLI. Comments not clustered yet are absent.
export async function storedClustering(storage: Storage, draftId: string): Promise<Clustering> {
  const members = new Map<string, string[]>();
  for (const { commentId, clusterId } of await storage.clusters.assignments(draftId)) {
    const list = members.get(clusterId);
    if (list) list.push(commentId);
    else members.set(clusterId, [commentId]);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const clusters = (await storage.clusters.list(draftId)).map((c) => ({
    id: c.id,
    kind: c.kind,
    members: (members.get(c.id) ?? []).sort(byId),
    representative: String(c.representative),
    previousIds: [],
  }));
  clusters.sort((a, b) => b.members.length - a.members.length || byId(a.id, b.id));
  return { clusters, withdrawn: [] };
}
