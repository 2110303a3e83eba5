/// Single-use connection tickets (server/auth/tickets.ts), in the database rather than in memory so
/// that any server process sharing it can redeem a ticket another issued. Only a hash of each ticket
/// is stored; a ticket goes with its session (deleting the session deletes its tickets).
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

/// What a stored ticket grants.
export interface TicketGrant {
  /// The hash of the session token the ticket was issued to.
  readonly sessionHash: string;
  readonly draftId: string;
  /// When it stops being good (ms since the epoch).
  readonly expiresAt: number;
}

/// The `tickets` table.
export class TicketRepository {
  private readonly insertStmt: Statement<[string, string, string, number]>;
  private readonly redeemStmt: Statement<
    [string],
    { session_hash: string; draft_id: string; expires_at: number }
  >;
  private readonly countStmt: Statement<[string], { n: number }>;
  private readonly oldestStmt: Statement<[string]>;
  private readonly purgeStmt: Statement<[number]>;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO tickets (ticket_hash, session_hash, draft_id, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.redeemStmt = db.prepare(
      'DELETE FROM tickets WHERE ticket_hash = ? RETURNING session_hash, draft_id, expires_at',
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM tickets WHERE session_hash = ?');
    this.oldestStmt = db.prepare(
      `DELETE FROM tickets WHERE ticket_hash =
         (SELECT ticket_hash FROM tickets WHERE session_hash = ? ORDER BY expires_at LIMIT 1)`,
    );
    this.purgeStmt = db.prepare('DELETE FROM tickets WHERE expires_at <= ?');
  }

  /// Store a ticket under `ticketHash`. Throws when the session does not exist (foreign key).
  create(ticketHash: string, grant: TicketGrant): void {
    this.insertStmt.run(ticketHash, grant.sessionHash, grant.draftId, grant.expiresAt);
  }

  /// Take the ticket stored under `ticketHash` out: what it granted, or undefined when there is none.
  /// Atomic, so one ticket opens one connection whichever process sees it first.
  redeem(ticketHash: string): TicketGrant | undefined {
    const row = this.redeemStmt.get(ticketHash);
    return row && { sessionHash: row.session_hash, draftId: row.draft_id, expiresAt: row.expires_at };
  }

  /// How many tickets of session `sessionHash` are outstanding.
  countForSession(sessionHash: string): number {
    return this.countStmt.get(sessionHash)!.n;
  }

  /// Delete the ticket of session `sessionHash` that expires first.
  deleteOldest(sessionHash: string): void {
    this.oldestStmt.run(sessionHash);
  }

  /// Delete expired tickets. Returns how many.
  purgeExpired(now = Date.now()): number {
    return this.purgeStmt.run(now).changes;
  }
}
