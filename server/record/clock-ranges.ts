/// Disjoint ranges of one Yjs client's clocks, each tagged with the record entry (its seq) that
/// inserted — or deleted — the structs in it. Every clock is integrated once and deleted at most once,
/// so ranges never overlap; they are kept sorted for binary search.

/// The ranges of one client.
export class ClockRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly seqs: number[] = [];

  /// Tag clocks [start, end) with `seq`. Appending after the last range (the usual case: a client's
  /// clocks grow) is constant time; anything else is a sorted insert.
  add(start: number, end: number, seq: number): void {
    if (end <= start) return;
    const n = this.starts.length;
    if (n === 0 || start >= this.ends[n - 1]) {
      if (n > 0 && this.ends[n - 1] === start && this.seqs[n - 1] === seq) this.ends[n - 1] = end;
      else {
        this.starts.push(start);
        this.ends.push(end);
        this.seqs.push(seq);
      }
      return;
    }
    const at = this.firstAfter(start);
    this.starts.splice(at, 0, start);
    this.ends.splice(at, 0, end);
    this.seqs.splice(at, 0, seq);
  }

  /// The range holding `clock`: its seq and where it ends; else undefined and where the next range
  /// starts (Infinity when none does).
  lookup(clock: number): { seq: number | undefined; until: number } {
    const i = this.firstAfter(clock) - 1;
    if (i >= 0 && clock < this.ends[i]) return { seq: this.seqs[i], until: this.ends[i] };
    const next = i + 1 < this.starts.length ? this.starts[i + 1] : Infinity;
    return { seq: undefined, until: next };
  }

  /// How many ranges there are.
  get size(): number {
    return this.starts.length;
  }

  // Index of the first range starting after `clock`.
  private firstAfter(clock: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] <= clock) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
