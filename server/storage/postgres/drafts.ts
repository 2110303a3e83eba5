/// Draft metadata and named versions on PostgreSQL (the counterparts of ../drafts.ts and
/// ../versions.ts; the meaning of each method is documented there).
import type { Language } from '../../../core/index.ts';
import type { Role } from '../../auth/roles.ts';
import type { DraftListing, DraftRecord } from '../drafts.ts';
import type { DraftStore, VersionStore } from '../interface.ts';
import type { NewVersion, VersionInfo, VersionRecord } from '../versions.ts';
import type { PgDb } from './db.ts';

interface DraftRow {
  id: string;
  title: string;
  language: Language;
  status: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

const draft = (row: DraftRow): DraftRecord => ({
  id: row.id,
  title: row.title,
  language: row.language,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
});

const columns = 'd.id, d.title, d.language, d.status, d.created_at, d.updated_at, d.deleted_at';

/// The `drafts` table.
export class PgDrafts implements DraftStore {
  constructor(private readonly db: PgDb) {}

  async create(
    id: string,
    title: string,
    language: Language,
    now = Date.now(),
    createdBy: number | null = null,
  ): Promise<DraftRecord> {
    const row = await this.db.row<DraftRow>(
      `INSERT INTO drafts AS d (id, title, language, created_at, updated_at, created_by)
       VALUES ($1, $2, $3, $4, $4, $5) RETURNING ${columns}`,
      [id, title, language, now, createdBy],
    );
    return draft(row!);
  }

  async countCreatedBy(userId: number): Promise<number> {
    return (await this.db.row<{ n: number }>('SELECT count(*) AS n FROM drafts WHERE created_by = $1', [
      userId,
    ]))!.n;
  }

  async get(id: string): Promise<DraftRecord | undefined> {
    const row = await this.db.row<DraftRow>(
      { name: 'lifa.draft.get', text: `SELECT ${columns} FROM drafts d WHERE d.id = $1` },
      [id],
    );
    return row && draft(row);
  }

  async list(userId: number, isAdmin: boolean, deleted = false): Promise<DraftListing[]> {
    const rows = await this.db.rows<DraftRow & { role: Role | null }>(
      `SELECT ${columns}, m.role FROM drafts d ${isAdmin ? 'LEFT ' : ''}JOIN memberships m
         ON m.draft_id = d.id AND m.user_id = $1
       WHERE (d.deleted_at IS NOT NULL) = $2 ORDER BY d.updated_at DESC, d.id COLLATE "C"`,
      [userId, deleted],
    );
    return rows.map((row) => ({ ...draft(row), role: row.role ?? 'owner' }));
  }

  async rename(id: string, title: string, now = Date.now()): Promise<boolean> {
    return (
      (await this.db.exec('UPDATE drafts SET title = $1, updated_at = $2 WHERE id = $3', [title, now, id])) >
      0
    );
  }

  async touch(id: string, at = Date.now()): Promise<void> {
    await this.db.exec('UPDATE drafts SET updated_at = greatest(updated_at, $1) WHERE id = $2', [at, id]);
  }

  async softDelete(id: string, now = Date.now()): Promise<boolean> {
    return (
      (await this.db.exec('UPDATE drafts SET deleted_at = $1, updated_at = $1 WHERE id = $2', [now, id])) > 0
    );
  }

  async restore(id: string, now = Date.now()): Promise<boolean> {
    return (
      (await this.db.exec('UPDATE drafts SET deleted_at = NULL, updated_at = $1 WHERE id = $2', [now, id])) >
      0
    );
  }
}

interface VersionRow {
  id: string;
  draft_id: string;
  label: string;
  created_at: number;
  author: string | null;
  record_seq: number | null;
  record_hash: Uint8Array | null;
}

const info = (row: VersionRow): VersionInfo => ({
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

const versionColumns = `v.id, v.draft_id, v.label, v.created_at, u.username AS author, v.record_seq, v.record_hash`;

/// The `versions` table.
export class PgVersions implements VersionStore {
  constructor(private readonly db: PgDb) {}

  async create(version: NewVersion): Promise<VersionInfo> {
    const createdAt = version.createdAt ?? Date.now();
    const row = await this.db.row<VersionRow>(
      `WITH v AS (
         INSERT INTO versions (id, draft_id, label, created_at, author_id, state, outline, record_seq, record_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *)
       SELECT ${versionColumns} FROM v LEFT JOIN users u ON u.id = v.author_id`,
      [
        version.id,
        version.draftId,
        version.label,
        createdAt,
        version.authorId,
        version.state,
        version.outline,
        version.head?.seq ?? null,
        version.head?.hash ?? null,
      ],
    );
    return info(row!);
  }

  async list(draftId: string): Promise<VersionInfo[]> {
    const rows = await this.db.rows<VersionRow>(
      `SELECT ${versionColumns} FROM versions v LEFT JOIN users u ON u.id = v.author_id
       WHERE v.draft_id = $1 ORDER BY v.created_at, v.ord`,
      [draftId],
    );
    return rows.map(info);
  }

  async get(draftId: string, id: string): Promise<VersionRecord | undefined> {
    const row = await this.db.row<VersionRow & { state: Uint8Array; outline: string }>(
      `SELECT ${versionColumns}, v.state, v.outline FROM versions v LEFT JOIN users u ON u.id = v.author_id
       WHERE v.draft_id = $1 AND v.id = $2`,
      [draftId, id],
    );
    return row && { ...info(row), state: row.state, outline: row.outline };
  }
}
