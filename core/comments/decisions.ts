/// The clerk's manual decisions about clusters, and what they add up to. Clustering runs again
/// whenever comments arrive; these decisions are what it must not undo. A decision names comments,
/// never clusters (cluster membership is what clustering recomputes), and decisions are applied
/// oldest first, a newer one overriding what an older one said about the same comments.

/// One manual decision about which comments share a cluster.
/// - `together`: the comments `ids` are in one cluster (a merge of two clusters is this, with the
///   members of both). A single id only lifts an earlier `alone` for that comment.
/// - `apart`: none of the comments `ids` shares a cluster with any comment in `from` (moving a
///   comment out of a cluster is this, with the rest of the cluster as `from`). Comments listed in
///   both are ignored in `from`.
/// - `alone`: comment `id` is in a cluster of its own, whatever its text; a later `together`
///   naming it lifts this.
export type ClusterDecision =
  | { readonly kind: 'together'; readonly ids: readonly string[] }
  | { readonly kind: 'apart'; readonly ids: readonly string[]; readonly from: readonly string[] }
  | { readonly kind: 'alone'; readonly id: string };

/// The members of one cluster, as the decision builders need them.
export interface ClusterMembers {
  readonly members: readonly string[];
}

/// The decision that merges clusters `a` and `b`: all their members together.
export function mergeClusters(a: ClusterMembers, b: ClusterMembers): ClusterDecision {
  return { kind: 'together', ids: [...new Set([...a.members, ...b.members])] };
}

/// The decisions that split `cluster` in two: the comments `part` (members of the cluster) on one
/// side, the rest on the other, each side pinned together so that it stays one cluster. Throws
/// RangeError when `part` is empty, names a comment outside the cluster or takes every member.
export function splitCluster(cluster: ClusterMembers, part: readonly string[]): ClusterDecision[] {
  const members = new Set(cluster.members);
  const side = new Set(part);
  for (const id of side) if (!members.has(id)) throw new RangeError(`Comment ${id} is not in the cluster`);
  const rest = cluster.members.filter((id) => !side.has(id));
  if (side.size === 0 || rest.length === 0) throw new RangeError('A split must leave members on both sides');
  const ids = [...side];
  const decisions: ClusterDecision[] = [{ kind: 'apart', ids, from: rest }];
  if (ids.length > 1) decisions.push({ kind: 'together', ids });
  if (rest.length > 1) decisions.push({ kind: 'together', ids: rest });
  return decisions;
}

/// The decision that moves comment `id` out of `cluster`: apart from every other member. Throws
/// RangeError when `id` is not a member.
export function moveOut(cluster: ClusterMembers, id: string): ClusterDecision {
  if (!cluster.members.includes(id)) throw new RangeError(`Comment ${id} is not in the cluster`);
  return { kind: 'apart', ids: [id], from: cluster.members.filter((m) => m !== id) };
}

/// A decision as stored (parsed JSON), checked: an object of one of the `ClusterDecision` shapes,
/// ids non-empty strings, `together` and `apart` naming at least one comment each. Returns a fresh
/// object with only the known fields. Throws TypeError describing the first problem.
export function decisionFromJSON(value: unknown): ClusterDecision {
  if (typeof value !== 'object' || value === null)
    throw new TypeError('A cluster decision must be an object');
  const v = value as Record<string, unknown>;
  switch (v.kind) {
    case 'together':
      return { kind: 'together', ids: idList(v.ids, 'ids') };
    case 'apart':
      return { kind: 'apart', ids: idList(v.ids, 'ids'), from: idList(v.from, 'from') };
    case 'alone':
      if (typeof v.id !== 'string' || v.id === '') throw new TypeError('An alone decision needs an id');
      return { kind: 'alone', id: v.id };
    default:
      throw new TypeError(`Unknown cluster decision kind ${JSON.stringify(v.kind)}`);
  }
}

function idList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new TypeError(`${field} must be a non-empty array of ids`);
  for (const id of value) {
    if (typeof id !== 'string' || id === '') throw new TypeError(`${field} must hold non-empty string ids`);
  }
  return [...(value as string[])];
}

/// What a list of decisions adds up to, with every conflict settled in favour of the newer
/// decision: groups of comments that must share a cluster (disjoint), pairs of comment sets that
/// must not, and comments that stay alone. Internal to clustering.
export interface ResolvedDecisions {
  readonly groups: readonly (readonly string[])[];
  readonly apart: readonly { readonly ids: readonly string[]; readonly from: readonly string[] }[];
  readonly alone: ReadonlySet<string>;
}

/// Settles `decisions` (oldest first) into constraints that hold together:
/// - `together` joins the groups of its comments into one and lifts `alone` for them; where the
///   new group meets both sides of an earlier `apart`, the `ids` side gives way (those comments are
///   no longer kept apart), so the newer decision holds;
/// - `apart` takes its `ids` out of any group that also holds one of `from` (comments moved out
///   together are not kept together by it: `splitCluster` adds a `together` for that);
/// - `alone` takes the comment out of its group.
/// No group ever holds comments from both sides of one `apart`, so the constraints can all be met.
export function resolveDecisions(decisions: readonly ClusterDecision[]): ResolvedDecisions {
  const groupOf = new Map<string, Set<string>>();
  const apart: { ids: Set<string>; from: Set<string> }[] = [];
  const alone = new Set<string>();

  const leaveGroup = (id: string): void => {
    groupOf.get(id)?.delete(id);
    groupOf.delete(id);
  };

  for (const d of decisions) {
    if (d.kind === 'together') {
      const group = new Set<string>();
      for (const id of d.ids) {
        alone.delete(id);
        for (const member of groupOf.get(id) ?? [id]) group.add(member);
      }
      for (const id of group) groupOf.set(id, group);
      for (const rule of apart) {
        if (meets(group, rule.from) && meets(group, rule.ids)) for (const id of group) rule.ids.delete(id);
      }
    } else if (d.kind === 'apart') {
      const ids = new Set(d.ids);
      const from = new Set(d.from.filter((id) => !ids.has(id)));
      for (const id of ids) {
        const group = groupOf.get(id);
        if (group && meets(group, from)) leaveGroup(id);
      }
      apart.push({ ids, from });
    } else {
      leaveGroup(d.id);
      alone.add(d.id);
    }
  }

  const groups = [...new Set(groupOf.values())].filter((g) => g.size > 1).map((g) => [...g]);
  return {
    groups,
    apart: apart
      .filter((r) => r.ids.size > 0 && r.from.size > 0)
      .map((r) => ({ ids: [...r.ids], from: [...r.from] })),
    alone,
  };
}

function meets(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}
