/// Stable cluster ids: a cluster keeps the id it had in the previous clustering when it shares
/// members with it, so that what the clerk recorded against a cluster survives re-clustering.
/// Internal to clustering.
import type { ClusterAssignment } from './cluster.ts';

/// Comment and cluster ids in UTF-16 code unit order, the one order clustering uses everywhere.
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/// Ids for clusters given as their member ids (ascending), inheriting from `previous` where they
/// overlap, with the ids of the previous clusters each shares members with, most shared first. See
/// `Cluster.id` for the rules.
export function clusterIds(
  clusters: readonly (readonly string[])[],
  previous: Iterable<ClusterAssignment> | undefined,
): { id: string; previousIds: string[] }[] {
  const oldCluster = new Map<string, string>();
  for (const a of previous ?? []) oldCluster.set(a.commentId, a.clusterId);
  const overlaps = clusters.map((members) => {
    const shared = new Map<string, number>();
    if (oldCluster.size > 0) {
      for (const id of members) {
        const old = oldCluster.get(id);
        if (old !== undefined) shared.set(old, (shared.get(old) ?? 0) + 1);
      }
    }
    return [...shared].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]));
  });
  const names: (string | undefined)[] = clusters.map(() => undefined);
  // Old ids are never given to a cluster that did not inherit them.
  const used = new Set<string>(oldCluster.values());
  const claims = overlaps.flatMap((list, c) => list.map(([old, shared]) => ({ c, old, shared })));
  claims.sort(
    (a, b) =>
      b.shared - a.shared || compareIds(clusters[a.c][0], clusters[b.c][0]) || compareIds(a.old, b.old),
  );
  const inherited = new Set<string>();
  for (const { c, old } of claims) {
    if (names[c] !== undefined || inherited.has(old)) continue;
    names[c] = old;
    inherited.add(old);
  }
  const fresh = clusters.map((_, c) => c).filter((c) => names[c] === undefined);
  fresh.sort((a, b) => compareIds(clusters[a][0], clusters[b][0]));
  for (const c of fresh) {
    let name = clusters[c].find((id) => !used.has(id));
    for (let k = 2; name === undefined; k++)
      if (!used.has(`${clusters[c][0]}~${k}`)) name = `${clusters[c][0]}~${k}`;
    names[c] = name;
    used.add(name);
  }
  return clusters.map((_, c) => ({ id: names[c]!, previousIds: overlaps[c].map(([old]) => old) }));
}
