/// Named versions of a draft: immutable snapshots of its Y state plus its outline at that moment.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import type { RecordHead } from './record-chain.ts';

/// A version without its (large) state: what listings show.
export interface VersionInfo {
  readonly id: string;
  readonly draftId: string;
  readonly label: string;
  readonly createdAt: number;
  /// Username of whoever cut the version, or null when that user was removed.
  readonly author: string | null;
  /// The head of the draft's record when the version was cut (its last entry's number and hash), so a
  /// published version can be checked against the record later; null for versions cut before the record.
  readonly head: { readonly seq: number; readonly hash: Uint8Array } | null;
}

/// A version with its Y state update and outline JSON.
export interface VersionRecord extends VersionInfo {
  readonly state: Uint8Array;
  readonly outline: string;
}

/// What is needed to store a version.
export interface NewVersion {
  readonly id: string;
  readonly draftId: string;
  readonly label: string;
  readonly authorId: number | null;
  readonly state: Uint8Array;
  /// The outline of the draft at that moment, as JSON.
  readonly outline: string;
  /// The head of the draft's record that `state` holds everything up to.
  readonly head: RecordHead | null;
  readonly createdAt?: number;
}

interface InfoRow {
  id: string;
  draft_id: string;
  label: string;
  created_at: number;
  author: string | null;
  record_seq: number | null;
  record_hash: Uint8Array | null;
}

const info = (row: InfoRow): VersionInfo => ({
  id: row.id,
  draftId: row.draft_id,
  label: row.label,
  createdAt: row.created_at,
  author: row.author,
  head:
    row.record_seq !== null && row.record_hash !== null
      ? { seq: row.record_seq, hash: row.record_hash }
      : null,
});

/// The `versions` table.
export class VersionRepository {
  private readonly insertStmt: Statement<
    [string, string, string, number, number | null, Uint8Array, string, number | null, Uint8Array | null]
  >;
  private readonly listStmt: Statement<[string], InfoRow>;
  private readonly getStmt: Statement<[string, string], InfoRow & { state: Uint8Array; outline: string }>;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO versions (id, draft_id, label, created_at, author_id, state, outline, record_seq, record_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const select = `SELECT v.id, v.draft_id, v.label, v.created_at, u.username AS author, v.record_seq, v.record_hash
                    FROM versions v LEFT JOIN users u ON u.id = v.author_id`;
    this.listStmt = db.prepare(`${select} WHERE v.draft_id = ? ORDER BY v.created_at, v.rowid`);
    this.getStmt = db.prepare(
      `SELECT v.id, v.draft_id, v.label, v.created_at, u.username AS author, v.record_seq, v.record_hash,
              v.state, v.outline
       FROM versions v LEFT JOIN users u ON u.id = v.author_id WHERE v.draft_id = ? AND v.id = ?`,
    );
  }

  /// Store a new version and return its listing. Throws when the id is taken or the draft is unknown.
  create(version: NewVersion): VersionInfo {
    const createdAt = version.createdAt ?? Date.now();
    this.insertStmt.run(
      version.id,
      version.draftId,
      version.label,
      createdAt,
      version.authorId,
      version.state,
      version.outline,
      version.head?.seq ?? null,
      version.head?.hash ?? null,
    );
    return info(this.listStmt.all(version.draftId).find((row) => row.id === version.id)!);
  }

  /// The versions of `draftId`, oldest first.
  list(draftId: string): VersionInfo[] {
    return this.listStmt.all(draftId).map(info);
  }

  /// Version `id` of `draftId` with its state, or undefined.
  get(draftId: string, id: string): VersionRecord | undefined {
    const row = this.getStmt.get(draftId, id);
    return row && { ...info(row), state: row.state, outline: row.outline };
  }
}
