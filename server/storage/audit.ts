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

/// The `audit` table.
export class AuditLog {
  private readonly insertStmt: Statement<[number, number | null, string | null, string, string | null]>;
  private readonly listStmt: Statement<
    [string, number],
    { at: number; user_id: number | null; draft_id: string | null; action: string; detail: string | null }
  >;

  constructor(db: Db) {
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
}
