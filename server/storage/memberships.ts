/// Who holds which role on which draft.
import type { Statement } from 'better-sqlite3';
import type { Role } from '../auth/roles.ts';
import type { Db } from './database.ts';

/// A member of a draft, as listed by GET /api/drafts/:id/members.
export interface Member {
  readonly username: string;
  readonly role: Role;
}

/// The `memberships` table.
export class MembershipRepository {
  private readonly setStmt: Statement<[string, number, Role]>;
  private readonly getStmt: Statement<[string, number], { role: Role }>;
  private readonly listStmt: Statement<[string], Member>;
  private readonly removeStmt: Statement<[string, number]>;
  private readonly ownersStmt: Statement<[string], { n: number }>;

  constructor(db: Db) {
    this.setStmt = db.prepare(
      `INSERT INTO memberships (draft_id, user_id, role) VALUES (?, ?, ?)
       ON CONFLICT (draft_id, user_id) DO UPDATE SET role = excluded.role`,
    );
    this.getStmt = db.prepare('SELECT role FROM memberships WHERE draft_id = ? AND user_id = ?');
    this.listStmt = db.prepare(
      `SELECT u.username, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.draft_id = ? ORDER BY u.username`,
    );
    this.removeStmt = db.prepare('DELETE FROM memberships WHERE draft_id = ? AND user_id = ?');
    this.ownersStmt = db.prepare(
      "SELECT count(*) AS n FROM memberships WHERE draft_id = ? AND role = 'owner'",
    );
  }

  /// Give user `userId` `role` on `draftId`, replacing any role held before. Throws when either is unknown.
  set(draftId: string, userId: number, role: Role): void {
    this.setStmt.run(draftId, userId, role);
  }

  /// The role user `userId` holds on `draftId`, or undefined.
  get(draftId: string, userId: number): Role | undefined {
    return this.getStmt.get(draftId, userId)?.role;
  }

  /// The members of `draftId`, by username.
  list(draftId: string): Member[] {
    return this.listStmt.all(draftId);
  }

  /// Remove the role of `userId` on `draftId`. Returns false when there was none.
  remove(draftId: string, userId: number): boolean {
    return this.removeStmt.run(draftId, userId).changes > 0;
  }

  /// How many owners `draftId` has.
  owners(draftId: string): number {
    return this.ownersStmt.get(draftId)!.n;
  }
}
