/// The audit log: who did what to which draft, and when. Append-only.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

/// One audit entry.
export interface AuditEntry {
  readonly at: number;
  readonly userId: number | null;
  readonly draftId: string | null;
  /// What happened, as a dotted name: `session.create`, `draft.delete`, `sync.refused`…
  readonly action: string;
  /// Anything else worth keeping, as JSON-serialisable data.
  readonly detail: unknown;
}

/// An audit entry with the username of whoever did it (null for the server, the CLI, or a removed user).
export interface NamedAuditEntry extends AuditEntry {
  readonly username: string | null;
}

/// Which entries timeline() returns: actions named `PREFIX.…` for one of `prefixes`, or in `actions`,
/// between `from` and `to` (ms, inclusive), by `userId` when given.
export interface AuditFilter {
  readonly prefixes: readonly string[];
  readonly actions: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly userId?: number;
}

/// The `audit` table.
export class AuditLog {
  private readonly db: Db;
  private readonly insertStmt: Statement<[number, number | null, string | null, string, string | null]>;
  private readonly listStmt: Statement<
    [string, number],
    { at: number; user_id: number | null; draft_id: string | null; action: string; detail: string | null }
  >;

  constructor(db: Db) {
    this.db = db;
    this.insertStmt = db.prepare(
      'INSERT INTO audit (at, user_id, draft_id, action, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.listStmt = db.prepare(
      'SELECT at, user_id, draft_id, action, detail FROM audit WHERE draft_id = ? ORDER BY id DESC LIMIT ?',
    );
  }

  /// Record that `userId` did `action` (to `draftId`), with optional `detail`.
  record(action: string, userId: number | null, draftId: string | null = null, detail?: unknown): void {
    this.insertStmt.run(
      Date.now(),
      userId,
      draftId,
      action,
      detail === undefined ? null : JSON.stringify(detail),
    );
  }

  /// The latest `limit` entries about `draftId`, newest first.
  forDraft(draftId: string, limit = 100): AuditEntry[] {
    return this.listStmt.all(draftId, limit).map((row) => ({
      at: row.at,
      userId: row.user_id,
      draftId: row.draft_id,
      action: row.action,
      detail: row.detail === null ? null : JSON.parse(row.detail),
    }));
  }

  /// The entries about `draftId` that `filter` selects, oldest first, with usernames.
  timeline(draftId: string, filter: AuditFilter): NamedAuditEntry[] {
    const kinds = [
      ...filter.prefixes.map(() => "substr(a.action, 1, instr(a.action, '.') - 1) = ?"),
      ...filter.actions.map(() => 'a.action = ?'),
    ];
    if (kinds.length === 0) return [];
    const where = ['a.draft_id = ?', `(${kinds.join(' OR ')})`];
    const params: Array<string | number> = [draftId, ...filter.prefixes, ...filter.actions];
    const add = (condition: string, value: number | undefined) => {
      if (value === undefined) return;
      where.push(condition);
      params.push(value);
    };
    add('a.at >= ?', filter.from);
    add('a.at <= ?', filter.to);
    add('a.user_id = ?', filter.userId);
    const rows = this.db
      .prepare(
        `SELECT a.at, a.user_id, a.draft_id, a.action, a.detail, u.username
         FROM audit a LEFT JOIN users u ON u.id = a.user_id
         WHERE ${where.join(' AND ')} ORDER BY a.at, a.id`,
      )
      .all(...params) as Array<{
      at: number;
      user_id: number | null;
      draft_id: string | null;
      action: string;
      detail: string | null;
      username: string | null;
    }>;
    return rows.map((row) => ({
      at: row.at,
      userId: row.user_id,
      draftId: row.draft_id,
      action: row.action,
      detail: row.detail === null ? null : JSON.parse(row.detail),
      username: row.username,
    }));
  }
}
