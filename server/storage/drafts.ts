/// Draft metadata: id, title, language, status, timestamps, soft deletion. The text itself lives in the
/// update log (updates.ts); who may see a draft lives in memberships.ts.
import type { Statement } from 'better-sqlite3';
import type { Language } from '../../core/index.ts';
import type { Role } from '../auth/roles.ts';
import type { Db } from './database.ts';

/// One draft's metadata. Times are milliseconds since the epoch.
export interface DraftRecord {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  readonly status: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /// When the draft was deleted (it can be restored), or null.
  readonly deletedAt: number | null;
}

/// A draft as one user sees it in a listing: with that user's role.
export interface DraftListing extends DraftRecord {
  readonly role: Role;
}

interface Row {
  id: string;
  title: string;
  language: Language;
  status: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

const fromRow = (row: Row): DraftRecord => ({
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
export class DraftRepository {
  private readonly insertStmt: Statement<[string, string, string, number, number, number | null]>;
  private readonly createdByStmt: Statement<[number], { n: number }>;
  private readonly getStmt: Statement<[string], Row>;
  private readonly allStmt: Statement<[number], Row & { role: Role | null }>;
  private readonly mineStmt: Statement<[number], Row & { role: Role }>;
  private readonly renameStmt: Statement<[string, number, string]>;
  private readonly touchStmt: Statement<[number, string]>;
  private readonly deleteStmt: Statement<[number, number, string]>;
  private readonly restoreStmt: Statement<[number, string]>;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO drafts (id, title, language, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.createdByStmt = db.prepare('SELECT count(*) AS n FROM drafts WHERE created_by = ?');
    this.getStmt = db.prepare(`SELECT ${columns} FROM drafts d WHERE d.id = ?`);
    this.allStmt = db.prepare(
      `SELECT ${columns}, m.role FROM drafts d LEFT JOIN memberships m ON m.draft_id = d.id AND m.user_id = ?
       ORDER BY d.updated_at DESC, d.id`,
    );
    this.mineStmt = db.prepare(
      `SELECT ${columns}, m.role FROM drafts d JOIN memberships m ON m.draft_id = d.id AND m.user_id = ?
       ORDER BY d.updated_at DESC, d.id`,
    );
    this.renameStmt = db.prepare('UPDATE drafts SET title = ?, updated_at = ? WHERE id = ?');
    this.touchStmt = db.prepare('UPDATE drafts SET updated_at = max(updated_at, ?) WHERE id = ?');
    this.deleteStmt = db.prepare('UPDATE drafts SET deleted_at = ?, updated_at = ? WHERE id = ?');
    this.restoreStmt = db.prepare('UPDATE drafts SET deleted_at = NULL, updated_at = ? WHERE id = ?');
  }

  /// Insert a new draft, created by user `createdBy` (null for seeded drafts). Throws when `id` is taken.
  create(
    id: string,
    title: string,
    language: Language,
    now = Date.now(),
    createdBy: number | null = null,
  ): DraftRecord {
    this.insertStmt.run(id, title, language, now, now, createdBy);
    return this.get(id)!;
  }

  /// How many drafts user `userId` created, deleted ones included (they keep their storage).
  countCreatedBy(userId: number): number {
    return this.createdByStmt.get(userId)!.n;
  }

  /// The draft with `id` (deleted or not), or undefined.
  get(id: string): DraftRecord | undefined {
    const row = this.getStmt.get(id);
    return row && fromRow(row);
  }

  /// The drafts user `userId` can see, most recently updated first: every draft for an admin (as
  /// owner where the admin holds no other role), else those the user holds a role on. Deleted drafts
  /// are left out unless `deleted` is true, in which case only deleted ones are listed.
  list(userId: number, isAdmin: boolean, deleted = false): DraftListing[] {
    const rows = isAdmin ? this.allStmt.all(userId) : this.mineStmt.all(userId);
    return rows
      .filter((row) => (row.deleted_at !== null) === deleted)
      .map((row) => ({ ...fromRow(row), role: row.role ?? 'owner' }));
  }

  /// Set the title of draft `id`. Returns false when there is no such draft.
  rename(id: string, title: string, now = Date.now()): boolean {
    return this.renameStmt.run(title, now, id).changes > 0;
  }

  /// Record that draft `id` changed at `at` (never moves updatedAt backwards).
  touch(id: string, at = Date.now()): void {
    this.touchStmt.run(at, id);
  }

  /// Mark draft `id` deleted. Returns false when there is no such draft.
  softDelete(id: string, now = Date.now()): boolean {
    return this.deleteStmt.run(now, now, id).changes > 0;
  }

  /// Undo softDelete. Returns false when there is no such draft.
  restore(id: string, now = Date.now()): boolean {
    return this.restoreStmt.run(now, id).changes > 0;
  }
}
