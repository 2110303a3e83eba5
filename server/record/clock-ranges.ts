/// Disjoint ranges of one Yjs client's clocks, each tagged with the record entry (its seq) that
/// inserted — or deleted — the structs in it. Every clock is integrated once and deleted at most once,
/// so ranges never overlap; they are kept sorted for binary search. Lookups allocate nothing: they
/// run for every character of every history read.
///
/// Insertions of one client arrive in clock order (a client numbers its structs as it makes them,
/// and they are integrated in that order), so their seqs never go down as clocks go up: `ordered`
/// stays true and visibleUntil can binary-search by seq.

/// The ranges of one client.
export class ClockRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly seqs: number[] = [];
  private inOrder = true;

  /// Tag clocks [start, end) with `seq`. Appending after the last range (the usual case: a client's
  /// clocks grow) is constant time; anything else is a sorted insert.
  add(start: number, end: number, seq: number): void {
    if (end <= start) return;
    const n = this.starts.length;
    if (n > 0 && seq < this.seqs[n - 1]) this.inOrder = false;
    if (n === 0 || start >= this.ends[n - 1]) {
      if (n > 0 && this.ends[n - 1] === start && this.seqs[n - 1] === seq) this.ends[n - 1] = end;
      else {
        this.starts.push(start);
        this.ends.push(end);
        this.seqs.push(seq);
      }
      return;
    }
    this.inOrder = false;
    const at = this.firstAfter(start);
    this.starts.splice(at, 0, start);
    this.ends.splice(at, 0, end);
    this.seqs.splice(at, 0, seq);
  }

  /// The seq of the range holding `clock`, or 0 when none does.
  seqAt(clock: number): number {
    const i = this.firstAfter(clock) - 1;
    return i >= 0 && clock < this.ends[i] ? this.seqs[i] : 0;
  }

  /// Where the run of clocks from `clock` with one tag ends: the end of the range holding `clock`, or
  /// the start of the next range (Infinity when there is none).
  runEnd(clock: number): number {
    const i = this.firstAfter(clock) - 1;
    if (i >= 0 && clock < this.ends[i]) return this.ends[i];
    return i + 1 < this.starts.length ? this.starts[i + 1] : Infinity;
  }

  /// Whether seqs never go down as clocks go up (always so for insertions).
  get ordered(): boolean {
    return this.inOrder;
  }

  /// For ordered ranges: where, from `clock` on, the clocks tagged with a seq above `seq` begin (the
  /// start of the first range tagged above `seq` at or after `clock`, or `clock` itself when it lies
  /// in such a range); Infinity when there is none. Clocks between ranges count as tagged 0.
  visibleUntil(clock: number, seq: number): number {
    let lo = Math.max(0, this.firstAfter(clock) - 1);
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] <= seq) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.starts.length) return Infinity;
    return Math.max(clock, this.starts[lo]);
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
