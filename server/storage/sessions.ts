/// Sign-in sessions. Only a hash of each token is stored (server/auth/tokens.ts), so a copy of the
/// database does not let anyone sign in.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import type { User } from './users.ts';

/// The `sessions` table.
export class SessionRepository {
  private readonly insertStmt: Statement<[string, number, number, number]>;
  private readonly lookupStmt: Statement<
    [string, number],
    { id: number; username: string; is_admin: number }
  >;
  private readonly deleteStmt: Statement<[string]>;
  private readonly purgeStmt: Statement<[number]>;
  private readonly userStmt: Statement<[number]>;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.lookupStmt = db.prepare(
      `SELECT u.id, u.username, u.is_admin FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    );
    this.deleteStmt = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.purgeStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
    this.userStmt = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  }

  /// Store a session for `userId` under `tokenHash`, valid until `expiresAt` (ms since the epoch).
  create(tokenHash: string, userId: number, expiresAt: number, now = Date.now()): void {
    this.insertStmt.run(tokenHash, userId, now, expiresAt);
  }

  /// The user of the live session stored under `tokenHash`, or undefined when there is none or it expired.
  lookup(tokenHash: string, now = Date.now()): User | undefined {
    const row = this.lookupStmt.get(tokenHash, now);
    return row && { id: row.id, username: row.username, isAdmin: row.is_admin === 1 };
  }

  /// End the session stored under `tokenHash` (nothing happens when there is none).
  delete(tokenHash: string): void {
    this.deleteStmt.run(tokenHash);
  }

  /// End every session of user `userId`. Returns how many were ended.
  deleteForUser(userId: number): number {
    return this.userStmt.run(userId).changes;
  }

  /// Remove expired sessions. Returns how many were removed.
  purgeExpired(now = Date.now()): number {
    return this.purgeStmt.run(now).changes;
  }
}
