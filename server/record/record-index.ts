/// A draft's record replayed into a Y.Doc that keeps deleted content (gc off), with, for every
/// clock of every client, the entry that inserted it and the entry that deleted it. From it the text
/// of any article after any entry is read without replaying again (article-text.ts).
///
/// Each entry is applied in its own transaction; the transaction's state vectors say which clocks it
/// integrated and its delete set which structs it deleted for the first time, so attribution is
/// exact even when an update repeats what the server already had.
import * as Y from 'yjs';
import type { EntryKind } from '../storage/record-chain.ts';
import type { RecordEntry } from '../storage/record.ts';
import { ClockRanges } from './clock-ranges.ts';

/// What the index keeps of one entry.
export interface EntryInfo {
  readonly seq: number;
  readonly at: number;
  readonly userId: number | null;
  readonly suggestedBy: number | null;
  readonly kind: EntryKind | null;
}

/// The index of one draft's record.
export class RecordIndex {
  /// Every entry replayed, deleted content kept. Read it; never change it.
  readonly doc: Y.Doc;
  private readonly inserted = new Map<number, ClockRanges>();
  private readonly deleted = new Map<number, ClockRanges>();
  private readonly infos = new Map<number, EntryInfo>();
  private current = 0;
  private last = 0;

  constructor() {
    this.doc = new Y.Doc({ gc: false });
    this.doc.on('afterTransaction', this.onTransaction);
  }

  /// The number of the last entry taken in (0 before any).
  get lastSeq(): number {
    return this.last;
  }

  /// Take in `entries`, which must follow the last one taken in, in order. An entry whose update
  /// cannot be applied is kept as an entry that changed nothing (it failed when received too).
  catchUp(entries: Iterable<RecordEntry>): void {
    for (const entry of entries) {
      if (entry.seq <= this.last) continue;
      this.infos.set(entry.seq, {
        seq: entry.seq,
        at: entry.at,
        userId: entry.userId,
        suggestedBy: entry.suggestedBy,
        kind: entry.kind,
      });
      this.current = entry.seq;
      try {
        Y.applyUpdate(this.doc, entry.data);
      } catch {
        // Nothing of it is attributed beyond what was integrated before the failure.
      }
      this.last = entry.seq;
    }
    this.current = 0;
  }

  /// Entry `seq`, or undefined when the index has not taken it in.
  info(seq: number): EntryInfo | undefined {
    return this.infos.get(seq);
  }

  /// Call `fn` for the runs of `item`'s clocks that were inserted by one entry and deleted by one
  /// entry (or not at all): `from` and `to` are offsets into the item, `insertedBy` the entry's seq
  /// (0 if unknown), `deletedBy` the deleting entry's seq or Infinity.
  spans(item: Y.Item, fn: (from: number, to: number, insertedBy: number, deletedBy: number) => void): void {
    const { client, clock } = item.id;
    const inserts = this.inserted.get(client);
    const deletes = this.deleted.get(client);
    const end = clock + item.length;
    let at = clock;
    while (at < end) {
      const until = Math.min(inserts?.runEnd(at) ?? Infinity, deletes?.runEnd(at) ?? Infinity, end);
      fn(at - clock, until - clock, inserts?.seqAt(at) ?? 0, deletes?.seqAt(at) || Infinity);
      at = until;
    }
  }

  /// The part of text item `item` (its string `str`) that exists right after entry `seq`: inserted
  /// by then and not yet deleted. The same as filtering spans(), without visiting every clock: a live
  /// item is never partly deleted, and a client's clocks are inserted in order.
  visibleText(item: Y.Item, str: string, seq: number): string {
    const { client, clock } = item.id;
    const inserts = this.inserted.get(client);
    const end = clock + item.length;
    if (inserts && !inserts.ordered) {
      let out = '';
      this.spans(item, (from, to, insertedBy, deletedBy) => {
        if (insertedBy <= seq && seq < deletedBy) out += str.slice(from, to);
      });
      return out;
    }
    if (!item.deleted) {
      const until = Math.min(end, inserts ? inserts.visibleUntil(clock, seq) : Infinity);
      return until >= end ? str : str.slice(0, until - clock);
    }
    const deletes = this.deleted.get(client);
    let out = '';
    let at = clock;
    while (at < end) {
      const runEnd = Math.min(deletes ? deletes.runEnd(at) : Infinity, end);
      const deletedBy = deletes ? deletes.seqAt(at) : 0;
      if (deletedBy === 0 || seq < deletedBy) {
        const until = Math.min(runEnd, inserts ? inserts.visibleUntil(at, seq) : Infinity);
        if (until > at) out += str.slice(at - clock, until - clock);
      }
      at = runEnd;
    }
    return out;
  }

  /// The entry that inserted the first clock of `item` (0 if unknown) and the one that deleted it
  /// (Infinity if none): for items of length one (nodes, attribute values).
  lifetime(item: Y.Item): { insertedBy: number; deletedBy: number } {
    const { client, clock } = item.id;
    return {
      insertedBy: this.inserted.get(client)?.seqAt(clock) ?? 0,
      deletedBy: this.deleted.get(client)?.seqAt(clock) || Infinity,
    };
  }

  /// Whether the first clock of `item` exists right after entry `seq`.
  existsAt(item: Y.Item, seq: number): boolean {
    const { client, clock } = item.id;
    const insertedBy = this.inserted.get(client)?.seqAt(clock) ?? 0;
    if (insertedBy > seq) return false;
    if (!item.deleted) return true;
    const deletedBy = this.deleted.get(client)?.seqAt(clock) ?? 0;
    return deletedBy === 0 || seq < deletedBy;
  }

  /// Add to `into` every entry that inserted or deleted any clock of `item`.
  touching(item: Y.Item, into: Set<number>): void {
    this.spans(item, (_from, _to, insertedBy, deletedBy) => {
      if (insertedBy > 0) into.add(insertedBy);
      if (deletedBy !== Infinity) into.add(deletedBy);
    });
  }

  /// Release the document.
  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.doc.destroy();
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    const seq = this.current;
    if (seq === 0) return;
    transaction.afterState.forEach((after, client) => {
      const before = transaction.beforeState.get(client) ?? 0;
      if (after > before) ranges(this.inserted, client).add(before, after, seq);
    });
    transaction.deleteSet.clients.forEach((items, client) => {
      const list = ranges(this.deleted, client);
      for (const item of items) list.add(item.clock, item.clock + item.len, seq);
    });
  };
}

function ranges(map: Map<number, ClockRanges>, client: number): ClockRanges {
  let list = map.get(client);
  if (!list) map.set(client, (list = new ClockRanges()));
  return list;
}
