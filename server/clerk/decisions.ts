/// The clerk's cluster operations — merge clusters, split one, move comments out of one — turned
/// into core's decisions, recorded, and applied by clustering again at once.
import { mergeClusters, moveOut, splitCluster } from '../../core/index.ts';
import type { ClusterDecision } from '../../core/index.ts';
import type { Storage } from '../storage/interface.ts';
import type { ClusterRun } from './clustering.ts';
import { clerkLock, clusterIn, clusteringStale } from './clustering.ts';
import { ClerkError } from './errors.ts';

/// One cluster operation.
export type ClusterOperation =
  /// Every member of the clusters together, from now on.
  | { readonly action: 'merge'; readonly clusters: readonly string[] }
  /// `part` (members of `cluster`) on one side, the rest on the other.
  | { readonly action: 'split'; readonly cluster: string; readonly part: readonly string[] }
  /// Each of `comments` out of `cluster`, never again with the rest of it.
  | { readonly action: 'move-out'; readonly cluster: string; readonly comments: readonly string[] };

/// The decisions `operation` amounts to on the stored clustering of `draftId`. Throws ClerkError 409
/// when the clustering is out of date (cluster again first, so the clerk sees what they change), 404
/// for an unknown cluster, 400 for comments not in the cluster or an operation that changes nothing.
export async function operationDecisions(
  storage: Storage,
  draftId: string,
  operation: ClusterOperation,
): Promise<ClusterDecision[]> {
  if (await clusteringStale(storage, draftId)) {
    throw new ClerkError('comments arrived since the last clustering: cluster again, then decide', 409);
  }
  // The members of every cluster named, read first: core's operations below are synchronous.
  const named = operation.action === 'merge' ? [...new Set(operation.clusters)] : [operation.cluster];
  const stored = new Map<string, string[]>();
  for (const id of named) stored.set(id, (await storage.clusters.members(draftId, id)).map(String));
  const membersOf = (id: string) => {
    const members = stored.get(id) ?? [];
    if (members.length === 0) throw new ClerkError(`no cluster ${id}`, 404);
    return { members };
  };
  try {
    switch (operation.action) {
      case 'merge': {
        const ids = named;
        if (ids.length < 2) throw new ClerkError('merge needs two clusters or more');
        let decision = mergeClusters(membersOf(ids[0]), membersOf(ids[1]));
        for (const id of ids.slice(2)) {
          decision = mergeClusters(
            { members: decision.kind === 'together' ? decision.ids : [] },
            membersOf(id),
          );
        }
        return [decision];
      }
      case 'split':
        return splitCluster(membersOf(operation.cluster), operation.part);
      case 'move-out': {
        const cluster = membersOf(operation.cluster);
        const moving = [...new Set(operation.comments)];
        if (moving.length === 0) throw new ClerkError('name the comments to move out');
        if (moving.length >= cluster.members.length)
          throw new ClerkError('moving every member out changes nothing');
        return moving.map((id) => moveOut(cluster, id));
      }
    }
  } catch (error) {
    if (error instanceof RangeError) throw new ClerkError(error.message);
    throw error;
  }
}

/// Apply `operation` (see operationDecisions) by `userId`: record its decisions and cluster again,
/// in one transaction under the draft's clerk lock (the clustering it was checked against is the
/// one it changes).
export function applyClusterOperation(
  storage: Storage,
  draftId: string,
  operation: ClusterOperation,
  userId: number | null,
): Promise<ClusterRun> {
  return storage.transaction(
    async (tx) => clusterIn(tx, draftId, await operationDecisions(tx, draftId, operation), userId),
    { lock: clerkLock(draftId) },
  );
}
