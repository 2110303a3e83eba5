/// What other layers make of a clustering: the JSON that `lifa comments cluster --json` prints,
/// and the rows storage keeps so the next clustering can keep cluster ids (see `ClusterOptions.previous`).
import type { ClusterAssignment, Clustering } from './cluster.ts';
import { normalizeText } from './normalize.ts';

/// A stored comment, as far as the cluster report needs it: its id, its id in the source it was
/// imported from (`null` for comments made in Lifa) and its text as submitted.
export interface CommentRow {
  readonly id: string;
  readonly externalId: string | null;
  readonly text: string | null;
}

/// The cluster report's JSON: clusters largest first (ties by id), each with its size, the plain
/// text (`normalizeText`) of its representative and its members in id order.
export interface ClustersJson {
  readonly clusters: readonly {
    readonly id: string;
    readonly size: number;
    readonly representative: string;
    readonly members: readonly { readonly id: string; readonly externalId: string | null }[];
  }[];
}

/// The report of `clustering` in exactly the shape `ClustersJson`, taking external ids and texts
/// from `rows` (which may hold more comments than the clustering). Throws RangeError naming the
/// first clustered comment that has no row.
export function clustersJson(clustering: Clustering, rows: Iterable<CommentRow>): ClustersJson {
  const byId = new Map<string, CommentRow>();
  for (const row of rows) byId.set(row.id, row);
  const row = (id: string): CommentRow => {
    const found = byId.get(id);
    if (!found) throw new RangeError(`No row for clustered comment ${id}`);
    return found;
  };
  return {
    clusters: clustering.clusters.map((c) => ({
      id: c.id,
      size: c.members.length,
      representative: normalizeText(row(c.representative).text ?? ''),
      members: c.members.map((id) => ({ id, externalId: row(id).externalId })),
    })),
  };
}

/// One row per clustered comment, naming its cluster, in cluster order: what storage keeps and
/// passes back as `ClusterOptions.previous` next time.
export function clusterAssignments(clustering: Clustering): ClusterAssignment[] {
  return clustering.clusters.flatMap((c) => c.members.map((commentId) => ({ commentId, clusterId: c.id })));
}
