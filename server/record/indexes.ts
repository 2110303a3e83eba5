/// The record indexes of the drafts whose history was asked for lately, kept in memory and brought up
/// to date with the entries appended since, so the second look at a history costs only what changed.
/// Building one replays the whole record; it runs in slices that yield to the event loop, so a long
/// record never stalls the sync of other drafts.
import type { Storage } from '../storage/interface.ts';
import { RecordIndex } from './record-index.ts';

/// Options of RecordIndexes.
export interface RecordIndexOptions {
  /// How many drafts' indexes are kept. Defaults to 3.
  readonly keep?: number;
  /// An index not asked for in this long is dropped. Defaults to 10 minutes.
  readonly idleTimeout?: number;
  /// Entries replayed between two yields to the event loop. Defaults to 2,000.
  readonly slice?: number;
}

interface Held {
  readonly index: RecordIndex;
  /// The catch-up in progress, if any: callers queue behind it.
  pending: Promise<RecordIndex>;
  used: number;
  timer: NodeJS.Timeout | null;
}

/// A cache of RecordIndex per draft over one storage.
export class RecordIndexes {
  private readonly held = new Map<string, Held>();
  private readonly keep: number;
  private readonly idleTimeout: number;
  private readonly slice: number;

  constructor(
    private readonly storage: Storage,
    options: RecordIndexOptions = {},
  ) {
    this.keep = options.keep ?? 3;
    this.idleTimeout = options.idleTimeout ?? 10 * 60_000;
    this.slice = options.slice ?? 2000;
  }

  /// The index of draft `draftId`, holding every entry stored when the call was made. Rejects with
  /// what storage throws.
  index(draftId: string): Promise<RecordIndex> {
    let held = this.held.get(draftId);
    if (!held) {
      const index = new RecordIndex();
      held = { index, pending: Promise.resolve(index), used: 0, timer: null };
      this.held.set(draftId, held);
      this.trim(draftId);
    }
    const entry = held;
    entry.used = performance.now();
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.drop(draftId), this.idleTimeout);
    entry.timer.unref();
    // The head now: entries stored after this call are for the next one.
    const through = this.storage.record.head(draftId).then((head) => head.seq);
    through.catch(() => {}); // what it rejects with rejects entry.pending below
    entry.pending = entry.pending.then(async () => this.catchUp(draftId, entry.index, await through));
    entry.pending.catch(() => this.drop(draftId));
    return entry.pending;
  }

  /// Forget the index of `draftId` (for example when the draft is deleted for good).
  drop(draftId: string): void {
    const held = this.held.get(draftId);
    if (!held) return;
    this.held.delete(draftId);
    if (held.timer) clearTimeout(held.timer);
    void held.pending.finally(() => held.index.destroy()).catch(() => {});
  }

  /// Forget every index.
  clear(): void {
    for (const draftId of [...this.held.keys()]) this.drop(draftId);
  }

  private async catchUp(draftId: string, index: RecordIndex, through: number): Promise<RecordIndex> {
    while (index.lastSeq < through) {
      const entries = await this.storage.record.entries(
        draftId,
        index.lastSeq,
        Math.min(through, index.lastSeq + this.slice),
      );
      if (entries.length === 0) break;
      index.catchUp(entries);
      if (index.lastSeq < through) await new Promise((resolve) => setImmediate(resolve));
    }
    return index;
  }

  // Keep at most `keep` indexes: drop the least recently used, never `keepId`.
  private trim(keepId: string): void {
    while (this.held.size > this.keep) {
      let oldest: string | null = null;
      let oldestUse = Infinity;
      for (const [id, held] of this.held) {
        if (id !== keepId && held.used < oldestUse) {
          oldest = id;
          oldestUse = held.used;
        }
      }
      if (oldest === null) return;
      this.drop(oldest);
    }
  }
}
