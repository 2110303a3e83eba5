/// The Y update log of each draft: a snapshot (one merged state update) plus the updates appended
/// since. Appending is synchronous, so an update is on disk before the caller goes on to apply and
/// broadcast it. Compaction replaces snapshot + log by one new snapshot in a single transaction.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

/// What is stored for one draft: its snapshot (null before the first compaction of an empty draft)
/// and the updates appended after it, in order; `lastSeq` is the sequence number of the last update
/// (0 when there is none).
export interface StoredState {
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly Uint8Array[];
  readonly lastSeq: number;
}

/// The `draft_snapshots` and `draft_updates` tables.
export class UpdateLog {
  private readonly db: Db;
  private readonly appendStmt: Statement<[string, number, Uint8Array]>;
  private readonly snapshotStmt: Statement<[string], { state: Uint8Array }>;
  private readonly logStmt: Statement<[string], { seq: number; data: Uint8Array }>;
  private readonly countStmt: Statement<[string], { n: number; bytes: number | null }>;
  private readonly putSnapshotStmt: Statement<[string, Uint8Array, number]>;
  private readonly trimStmt: Statement<[string, number]>;
  private readonly compactTx: (draftId: string, state: Uint8Array, throughSeq: number, now: number) => void;

  constructor(db: Db) {
    this.db = db;
    this.appendStmt = db.prepare('INSERT INTO draft_updates (draft_id, seq, data) VALUES (?, ?, ?)');
    this.snapshotStmt = db.prepare('SELECT state FROM draft_snapshots WHERE draft_id = ?');
    this.logStmt = db.prepare('SELECT seq, data FROM draft_updates WHERE draft_id = ? ORDER BY seq');
    this.countStmt = db.prepare(
      'SELECT count(*) AS n, sum(length(data)) AS bytes FROM draft_updates WHERE draft_id = ?',
    );
    this.putSnapshotStmt = db.prepare(
      `INSERT INTO draft_snapshots (draft_id, state, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (draft_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    );
    this.trimStmt = db.prepare('DELETE FROM draft_updates WHERE draft_id = ? AND seq <= ?');
    this.compactTx = db.transaction((draftId: string, state: Uint8Array, throughSeq: number, now: number) => {
      this.putSnapshotStmt.run(draftId, state, now);
      this.trimStmt.run(draftId, throughSeq);
    });
  }

  /// Append `update` to the log of `draftId` as number `seq`, which must be above every number in
  /// the log (StoredState.lastSeq + 1, + 2, …: the log is written by one loaded room at a time).
  /// Synchronous: when it returns, the update is committed. Throws when the draft does not exist,
  /// `seq` is taken, or the disk refuses.
  append(draftId: string, seq: number, update: Uint8Array): void {
    this.appendStmt.run(draftId, seq, update);
  }

  /// The snapshot and log of `draftId` (empty for an unknown draft).
  load(draftId: string): StoredState {
    const snapshot = this.snapshotStmt.get(draftId)?.state ?? null;
    const rows = this.logStmt.all(draftId);
    return {
      snapshot,
      updates: rows.map((r) => r.data),
      lastSeq: rows.length ? rows[rows.length - 1].seq : 0,
    };
  }

  /// How many updates the log of `draftId` holds beyond its snapshot, and their total size in bytes.
  size(draftId: string): { updates: number; bytes: number } {
    const row = this.countStmt.get(draftId)!;
    return { updates: row.n, bytes: row.bytes ?? 0 };
  }

  /// Replace the snapshot of `draftId` by `state` and drop the log up to and including `throughSeq`,
  /// atomically. `state` must contain the old snapshot and every update up to `throughSeq`.
  compact(draftId: string, state: Uint8Array, throughSeq: number, now = Date.now()): void {
    this.compactTx(draftId, state, throughSeq, now);
  }

  /// Set the first snapshot of a new draft (same as compact with an empty log).
  initialize(draftId: string, state: Uint8Array, now = Date.now()): void {
    this.putSnapshotStmt.run(draftId, state, now);
  }

  /// Run `fn` in one transaction (for callers that append several updates at once).
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
