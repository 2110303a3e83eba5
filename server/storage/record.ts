/// The legislative record of each draft: every accepted Y update, with its author, the server's time,
/// the connection it came through and its place in the draft's hash chain; plus one checkpoint (the
/// merged state through some entry) so a draft loads without replaying its whole life.
///
/// Nothing is ever removed: compaction writes a new checkpoint and keeps every entry, so the text at
/// any past time is the first entry followed by the entries up to that time. Appending is
/// synchronous, so an update is committed before the caller applies and broadcasts it.
///
/// This class is the record's storage interface. Another store (PostgreSQL, issue 16) implements the
/// same methods with the same meaning; record-chain.ts defines the hashes byte for byte.
///  - append(draftId, head, update, by, now) → new head      (the write path, one entry)
///  - create(draftId, state, by, now)                         (a new draft's first entry)
///  - load(draftId) → checkpoint + entries since             (loading a draft)
///  - checkpoint(draftId, state, head, now)                   (compaction)
///  - entries(draftId, after, through) / seqAt(draftId, time) (history range queries)
///  - check(draftId) → ChainCheck                             (chain verification)
///  - openConnection(draftId, userId, address, now) → id     (a connection's first write)
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import { checkChain, emptyHead, entryHash, isEntryKind } from './record-chain.ts';
import type { Attribution, ChainCheck, EntryKind, RecordHead, StoredEntry } from './record-chain.ts';

/// What loading a draft needs: the checkpoint (null when there is none yet: then every entry is
/// replayed from the first), the entries after it in order, and the head of the chain.
export interface StoredState {
  readonly checkpoint: Uint8Array | null;
  /// The entry the checkpoint includes everything up to (0 without a checkpoint).
  readonly checkpointSeq: number;
  readonly updates: readonly Uint8Array[];
  readonly head: RecordHead;
}

/// One stored entry with its attribution.
export interface RecordEntry extends StoredEntry {
  readonly kind: EntryKind | null;
}

/// The stored checkpoint of a draft.
export interface Checkpoint {
  readonly seq: number;
  /// The chain's hash at `seq` when the checkpoint was written.
  readonly hash: Uint8Array;
  readonly state: Uint8Array;
  readonly createdAt: number;
}

/// A sync connection that wrote to a draft.
export interface RecordConnection {
  readonly id: number;
  readonly draftId: string;
  readonly userId: number | null;
  readonly address: string | null;
  readonly openedAt: number;
}

interface EntryRow {
  seq: number;
  at: number;
  user_id: number | null;
  suggested_by: number | null;
  connection: number | null;
  kind: string | null;
  data: Uint8Array;
  hash: Uint8Array;
}

const entryColumns = 'seq, at, user_id, suggested_by, connection, kind, data, hash';

function fromRow(row: EntryRow): RecordEntry {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    suggestedBy: row.suggested_by,
    connection: row.connection,
    kind: isEntryKind(row.kind) ? row.kind : null,
    data: row.data,
    hash: row.hash,
  };
}

/// The `record_entries`, `record_checkpoints` and `record_connections` tables.
export class RecordRepository {
  private readonly db: Db;
  private readonly insertStmt: Statement<
    [
      string,
      number,
      number,
      number | null,
      number | null,
      number | null,
      string | null,
      Uint8Array,
      Uint8Array,
    ]
  >;
  private readonly headStmt: Statement<[string], { seq: number; hash: Uint8Array; at: number }>;
  private readonly checkpointStmt: Statement<
    [string],
    { seq: number; hash: Uint8Array; state: Uint8Array; created_at: number }
  >;
  private readonly checkpointSeqStmt: Statement<[string], { seq: number }>;
  private readonly putCheckpointStmt: Statement<[string, number, Uint8Array, Uint8Array, number]>;
  private readonly dataAfterStmt: Statement<[string, number], { data: Uint8Array }>;
  private readonly rangeStmt: Statement<[string, number, number], EntryRow>;
  private readonly allStmt: Statement<[string], EntryRow>;
  private readonly sizeStmt: Statement<[string, number], { n: number; bytes: number | null }>;
  private readonly seqAtStmt: Statement<[string, number], { seq: number }>;
  private readonly draftsStmt: Statement<[], { draft_id: string }>;
  private readonly connectStmt: Statement<[string, number | null, string | null, number]>;
  private readonly connectionStmt: Statement<
    [number],
    { id: number; draft_id: string; user_id: number | null; address: string | null; opened_at: number }
  >;

  constructor(db: Db) {
    this.db = db;
    this.insertStmt = db.prepare(
      `INSERT INTO record_entries (draft_id, ${entryColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.headStmt = db.prepare(
      'SELECT seq, hash, at FROM record_entries WHERE draft_id = ? ORDER BY seq DESC LIMIT 1',
    );
    this.checkpointStmt = db.prepare(
      'SELECT seq, hash, state, created_at FROM record_checkpoints WHERE draft_id = ?',
    );
    this.checkpointSeqStmt = db.prepare('SELECT seq FROM record_checkpoints WHERE draft_id = ?');
    this.putCheckpointStmt = db.prepare(
      `INSERT INTO record_checkpoints (draft_id, seq, hash, state, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (draft_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
         state = excluded.state, created_at = excluded.created_at`,
    );
    this.dataAfterStmt = db.prepare(
      'SELECT data FROM record_entries WHERE draft_id = ? AND seq > ? ORDER BY seq',
    );
    this.rangeStmt = db.prepare(
      `SELECT ${entryColumns} FROM record_entries WHERE draft_id = ? AND seq > ? AND seq <= ? ORDER BY seq`,
    );
    this.allStmt = db.prepare(`SELECT ${entryColumns} FROM record_entries WHERE draft_id = ? ORDER BY seq`);
    this.sizeStmt = db.prepare(
      'SELECT count(*) AS n, sum(length(data)) AS bytes FROM record_entries WHERE draft_id = ? AND seq > ?',
    );
    // Times never go down along a draft's record (append keeps them monotonic), so the last entry
    // at or before a time is found by seq order.
    this.seqAtStmt = db.prepare(
      'SELECT seq FROM record_entries WHERE draft_id = ? AND at <= ? ORDER BY seq DESC LIMIT 1',
    );
    this.draftsStmt = db.prepare('SELECT DISTINCT draft_id FROM record_entries ORDER BY draft_id');
    this.connectStmt = db.prepare(
      'INSERT INTO record_connections (draft_id, user_id, address, opened_at) VALUES (?, ?, ?, ?)',
    );
    this.connectionStmt = db.prepare(
      'SELECT id, draft_id, user_id, address, opened_at FROM record_connections WHERE id = ?',
    );
  }

  /// The head of `draftId`'s chain (emptyHead for a draft with no record).
  head(draftId: string): RecordHead {
    const row = this.headStmt.get(draftId);
    return row ? { seq: row.seq, hash: row.hash, at: row.at } : emptyHead;
  }

  /// Append `update` to the record of `draftId` right after `head` (which must be the current head:
  /// the record is written by one loaded room at a time), attributed to `by`, at server time `now`
  /// (raised to the head's time if the clock went back, so times never go down along a record).
  /// Synchronous: when it returns, the entry is committed. Returns the new head. Throws when the
  /// draft does not exist, the entry number is taken (head was stale), or the disk refuses.
  append(draftId: string, head: RecordHead, update: Uint8Array, by: Attribution, now: number): RecordHead {
    const entry = {
      seq: head.seq + 1,
      at: Math.max(Math.floor(now), head.at),
      userId: by.userId,
      suggestedBy: by.suggestedBy ?? null,
      connection: by.connection ?? null,
      kind: by.kind ?? null,
      data: update,
    };
    const hash = entryHash(head.hash, draftId, entry);
    this.insertStmt.run(
      draftId,
      entry.seq,
      entry.at,
      entry.userId,
      entry.suggestedBy,
      entry.connection,
      entry.kind,
      entry.data,
      hash,
    );
    return { seq: entry.seq, hash, at: entry.at };
  }

  /// Start the record of a new draft with its first state, attributed to `by` (kind defaults to
  /// `create`). Throws when the draft already has a record.
  create(draftId: string, state: Uint8Array, by: Attribution, now = Date.now()): RecordHead {
    if (this.headStmt.get(draftId)) throw new RangeError(`Draft ${draftId} already has a record`);
    return this.append(draftId, emptyHead, state, { ...by, kind: by.kind ?? 'create' }, now);
  }

  /// The checkpoint of `draftId`, the entries after it, and the head (all empty for an unknown draft).
  load(draftId: string): StoredState {
    return this.db.transaction(() => {
      const checkpoint = this.checkpointStmt.get(draftId);
      const checkpointSeq = checkpoint?.seq ?? 0;
      return {
        checkpoint: checkpoint?.state ?? null,
        checkpointSeq,
        updates: this.dataAfterStmt.all(draftId, checkpointSeq).map((row) => row.data),
        head: this.head(draftId),
      };
    })();
  }

  /// The stored checkpoint of `draftId`, or undefined.
  checkpointOf(draftId: string): Checkpoint | undefined {
    const row = this.checkpointStmt.get(draftId);
    return row && { seq: row.seq, hash: row.hash, state: row.state, createdAt: row.created_at };
  }

  /// Replace the checkpoint of `draftId` by `state`, which must hold every entry through `head`.
  /// Entries are kept. Throws when storage fails.
  checkpoint(draftId: string, state: Uint8Array, head: RecordHead, now = Date.now()): void {
    this.putCheckpointStmt.run(draftId, head.seq, head.hash, state, now);
  }

  /// How many entries follow the checkpoint of `draftId`, and their total size in bytes.
  sinceCheckpoint(draftId: string): { updates: number; bytes: number } {
    const row = this.sizeStmt.get(draftId, this.checkpointSeqStmt.get(draftId)?.seq ?? 0)!;
    return { updates: row.n, bytes: row.bytes ?? 0 };
  }

  /// The entries of `draftId` numbered above `after` and up to `through` (inclusive), in order.
  entries(draftId: string, after = 0, through = Number.MAX_SAFE_INTEGER): RecordEntry[] {
    return this.rangeStmt.all(draftId, after, through).map(fromRow);
  }

  /// Every entry of `draftId` in stored order, read one at a time (for walking a long record).
  *iterate(draftId: string): IterableIterator<RecordEntry> {
    for (const row of this.allStmt.iterate(draftId)) yield fromRow(row);
  }

  /// The number of the last entry of `draftId` made at or before `time` (ms), or 0 when none was.
  seqAt(draftId: string, time: number): number {
    return this.seqAtStmt.get(draftId, time)?.seq ?? 0;
  }

  /// The ids of every draft that has a record, sorted.
  drafts(): string[] {
    return this.draftsStmt.all().map((row) => row.draft_id);
  }

  /// Walk the chain of `draftId` (see checkChain).
  check(draftId: string): ChainCheck {
    return checkChain(draftId, this.iterate(draftId));
  }

  /// Note a sync connection of `userId` (from `address`) to `draftId` when it first writes; returns
  /// its id, which the entries it writes carry.
  openConnection(draftId: string, userId: number | null, address: string | null, now = Date.now()): number {
    return Number(this.connectStmt.run(draftId, userId, address, now).lastInsertRowid);
  }

  /// Connection `id`, or undefined.
  connection(id: number): RecordConnection | undefined {
    const row = this.connectionStmt.get(id);
    return (
      row && {
        id: row.id,
        draftId: row.draft_id,
        userId: row.user_id,
        address: row.address,
        openedAt: row.opened_at,
      }
    );
  }

  /// Run `fn` in one transaction (for callers that append several entries at once).
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
