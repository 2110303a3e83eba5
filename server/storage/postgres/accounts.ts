/// Settings, users, sessions and memberships on PostgreSQL (the counterparts of ../meta.ts,
/// ../users.ts, ../sessions.ts and ../memberships.ts; the meaning of each method is documented there).
import type { Role } from '../../auth/roles.ts';
import type { MembershipStore, MetaStore, SessionStore, TicketStore, UserStore } from '../interface.ts';
import type { Member } from '../memberships.ts';
import type { TicketGrant } from '../tickets.ts';
import { isValidUsername } from '../users.ts';
import type { User, UserCredentials } from '../users.ts';
import type { PgDb } from './db.ts';

/// The `meta` table.
export class PgMeta implements MetaStore {
  constructor(private readonly db: PgDb) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.db.row<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]))?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.exec(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }
}

interface UserRow {
  id: number;
  username: string;
  is_admin: boolean;
  password_hash: string;
}

const user = (row: UserRow): User => ({ id: row.id, username: row.username, isAdmin: row.is_admin });

/// The `users` table.
export class PgUsers implements UserStore {
  constructor(private readonly db: PgDb) {}

  async create(username: string, passwordHash: string, isAdmin = false): Promise<User> {
    if (!isValidUsername(username)) throw new RangeError(`Invalid username "${username}"`);
    const row = await this.db.row<{ id: number }>(
      `INSERT INTO users (username, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [username, passwordHash, isAdmin, Date.now()],
    );
    if (!row) throw new RangeError(`User "${username}" already exists`);
    return { id: row.id, username, isAdmin };
  }

  async update(id: number, passwordHash: string, isAdmin: boolean): Promise<void> {
    await this.db.exec('UPDATE users SET password_hash = $1, is_admin = $2 WHERE id = $3', [
      passwordHash,
      isAdmin,
      id,
    ]);
  }

  async setPasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.db.exec('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, id]);
  }

  async byName(username: string): Promise<User | undefined> {
    const row = await this.byNameRow(username);
    return row && user(row);
  }

  async credentials(username: string): Promise<UserCredentials | undefined> {
    const row = await this.byNameRow(username);
    return row && { ...user(row), passwordHash: row.password_hash };
  }

  async byId(id: number): Promise<User | undefined> {
    const row = await this.db.row<UserRow>(
      'SELECT id, username, is_admin, password_hash FROM users WHERE id = $1',
      [id],
    );
    return row && user(row);
  }

  async count(): Promise<number> {
    return (await this.db.row<{ n: number }>('SELECT count(*) AS n FROM users'))!.n;
  }

  private byNameRow(username: string): Promise<UserRow | undefined> {
    return this.db.row<UserRow>(
      'SELECT id, username, is_admin, password_hash FROM users WHERE username = $1',
      [username],
    );
  }
}

/// The `sessions` table.
export class PgSessions implements SessionStore {
  constructor(private readonly db: PgDb) {}

  async create(tokenHash: string, userId: number, expiresAt: number, now = Date.now()): Promise<void> {
    await this.db.exec(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [tokenHash, userId, now, expiresAt],
    );
  }

  async lookup(tokenHash: string, now = Date.now()): Promise<User | undefined> {
    const row = await this.db.row<UserRow>(
      {
        name: 'lifa.session.lookup',
        text: `SELECT u.id, u.username, u.is_admin FROM sessions s JOIN users u ON u.id = s.user_id
               WHERE s.token_hash = $1 AND s.expires_at > $2`,
      },
      [tokenHash, now],
    );
    return row && user(row);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.exec('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  deleteForUser(userId: number): Promise<number> {
    return this.db.exec('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  purgeExpired(now = Date.now()): Promise<number> {
    return this.db.exec('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }
}

/// The `tickets` table.
export class PgTickets implements TicketStore {
  constructor(private readonly db: PgDb) {}

  async create(ticketHash: string, grant: TicketGrant): Promise<void> {
    await this.db.exec(
      'INSERT INTO tickets (ticket_hash, session_hash, draft_id, expires_at) VALUES ($1, $2, $3, $4)',
      [ticketHash, grant.sessionHash, grant.draftId, grant.expiresAt],
    );
  }

  async redeem(ticketHash: string): Promise<TicketGrant | undefined> {
    const row = await this.db.row<{ session_hash: string; draft_id: string; expires_at: number }>(
      'DELETE FROM tickets WHERE ticket_hash = $1 RETURNING session_hash, draft_id, expires_at',
      [ticketHash],
    );
    return row && { sessionHash: row.session_hash, draftId: row.draft_id, expiresAt: row.expires_at };
  }

  async countForSession(sessionHash: string): Promise<number> {
    return (await this.db.row<{ n: number }>('SELECT count(*) AS n FROM tickets WHERE session_hash = $1', [
      sessionHash,
    ]))!.n;
  }

  async deleteOldest(sessionHash: string): Promise<void> {
    await this.db.exec(
      `DELETE FROM tickets WHERE ticket_hash =
         (SELECT ticket_hash FROM tickets WHERE session_hash = $1 ORDER BY expires_at LIMIT 1)`,
      [sessionHash],
    );
  }

  purgeExpired(now = Date.now()): Promise<number> {
    return this.db.exec('DELETE FROM tickets WHERE expires_at <= $1', [now]);
  }
}

/// The `memberships` table.
export class PgMemberships implements MembershipStore {
  constructor(private readonly db: PgDb) {}

  async set(draftId: string, userId: number, role: Role): Promise<void> {
    await this.db.exec(
      `INSERT INTO memberships (draft_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (draft_id, user_id) DO UPDATE SET role = excluded.role`,
      [draftId, userId, role],
    );
  }

  async get(draftId: string, userId: number): Promise<Role | undefined> {
    return (
      await this.db.row<{ role: Role }>(
        {
          name: 'lifa.membership.get',
          text: 'SELECT role FROM memberships WHERE draft_id = $1 AND user_id = $2',
        },
        [draftId, userId],
      )
    )?.role;
  }

  list(draftId: string): Promise<Member[]> {
    return this.db.rows<Member>(
      `SELECT u.username, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.draft_id = $1 ORDER BY u.username COLLATE "C"`,
      [draftId],
    );
  }

  async remove(draftId: string, userId: number): Promise<boolean> {
    return (
      (await this.db.exec('DELETE FROM memberships WHERE draft_id = $1 AND user_id = $2', [
        draftId,
        userId,
      ])) > 0
    );
  }

  async owners(draftId: string): Promise<number> {
    return (await this.db.row<{ n: number }>(
      "SELECT count(*) AS n FROM memberships WHERE draft_id = $1 AND role = 'owner'",
      [draftId],
    ))!.n;
  }
}
