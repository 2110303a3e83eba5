/// Union-find over items 0…n−1 with cannot-link constraints: an item may carry tags, and two sets
/// whose tags include some tag t and its negation −t are never joined. Internal to clustering.
export class ConstrainedUnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  // Tags of a set, held by its root; only sets with tagged members have an entry.
  private readonly tags = new Map<number, Set<number>>();

  /// `n` items, each in a set of its own.
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.size = new Int32Array(n).fill(1);
  }

  /// The root of `item`'s set.
  find(item: number): number {
    let root = item;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[item] !== root) {
      const next = this.parent[item];
      this.parent[item] = root;
      item = next;
    }
    return root;
  }

  /// How many items share `item`'s set.
  sizeOf(item: number): number {
    return this.size[this.find(item)];
  }

  /// Marks `item` with the non-zero integer `tag`. Its set can then never be joined with a set
  /// marked `-tag`.
  tag(item: number, tag: number): void {
    const root = this.find(item);
    let set = this.tags.get(root);
    if (!set) this.tags.set(root, (set = new Set()));
    set.add(tag);
  }

  /// Joins the sets of `a` and `b` unless their tags forbid it. Returns whether they are now one set.
  join(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return true;
    let ta = this.tags.get(ra);
    let tb = this.tags.get(rb);
    if (ta && tb && conflict(ta, tb)) return false;
    if (this.size[ra] < this.size[rb]) [ra, rb, ta, tb] = [rb, ra, tb, ta];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    if (tb) {
      this.tags.delete(rb);
      if (!ta) this.tags.set(ra, tb);
      else if (ta.size >= tb.size) for (const t of tb) ta.add(t);
      else {
        for (const t of ta) tb.add(t);
        this.tags.set(ra, tb);
      }
    }
    return true;
  }
}

function conflict(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const t of small) if (large.has(-t)) return true;
  return false;
}
