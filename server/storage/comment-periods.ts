/// The public comment period of each draft: which named version is published for comment, whether
/// the period is open, and when it closes by itself.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

/// A draft's comment period. Times are milliseconds since the epoch.
export interface CommentPeriod {
  readonly draftId: string;
  readonly versionId: string;
  /// Whether the owner has it open; see isAccepting for whether comments are taken now.
  readonly open: boolean;
  /// When it closes by itself, or null.
  readonly closesAt: number | null;
  readonly openedAt: number;
  /// When the owner closed it, or null.
  readonly closedAt: number | null;
}

interface Row {
  draft_id: string;
  version_id: string;
  open: number;
  closes_at: number | null;
  opened_at: number;
  closed_at: number | null;
}

const fromRow = (row: Row): CommentPeriod => ({
  draftId: row.draft_id,
  versionId: row.version_id,
  open: row.open === 1,
  closesAt: row.closes_at,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
});

/// Whether `period` takes comments at `now`: open, and its closing time (if any) not reached.
export function isAccepting(period: CommentPeriod, now = Date.now()): boolean {
  return period.open && (period.closesAt === null || now < period.closesAt);
}

/// The `comment_periods` table.
export class CommentPeriodRepository {
  private readonly getStmt: Statement<[string], Row>;
  private readonly putStmt: Statement<[string, string, number, number | null, number, number | null, number]>;
  private readonly removeStmt: Statement<[string]>;

  constructor(db: Db) {
    this.getStmt = db.prepare(
      'SELECT draft_id, version_id, open, closes_at, opened_at, closed_at FROM comment_periods WHERE draft_id = ?',
    );
    this.removeStmt = db.prepare('DELETE FROM comment_periods WHERE draft_id = ?');
    this.putStmt = db.prepare(
      `INSERT INTO comment_periods (draft_id, version_id, open, closes_at, opened_at, closed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (draft_id) DO UPDATE SET version_id = excluded.version_id, open = excluded.open,
         closes_at = excluded.closes_at, opened_at = excluded.opened_at, closed_at = excluded.closed_at,
         updated_at = excluded.updated_at`,
    );
  }

  /// Withdraw the publication of `draftId`: the draft is no longer published for comment (its
  /// comments stay). Returns false when it was not published.
  remove(draftId: string): boolean {
    return this.removeStmt.run(draftId).changes > 0;
  }

  /// The period of `draftId`, or undefined when it was never opened (or was withdrawn).
  get(draftId: string): CommentPeriod | undefined {
    const row = this.getStmt.get(draftId);
    return row && fromRow(row);
  }

  /// Open or close the period of `draftId` on version `versionId`. Opening keeps the first opening
  /// time while the same version stays published; closing records when. Returns the period.
  set(
    draftId: string,
    versionId: string,
    open: boolean,
    closesAt: number | null,
    now = Date.now(),
  ): CommentPeriod {
    const before = this.get(draftId);
    const sameVersion = before?.versionId === versionId;
    const openedAt = open ? (sameVersion && before.open ? before.openedAt : now) : (before?.openedAt ?? now);
    const closedAt = open ? null : before && !before.open && sameVersion ? before.closedAt : now;
    this.putStmt.run(draftId, versionId, open ? 1 : 0, closesAt, openedAt, closedAt, now);
    return this.get(draftId)!;
  }
}
