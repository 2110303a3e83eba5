/// User accounts. Passwords are stored as scrypt hashes (see server/auth/password.ts), never in clear.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

/// A user as the rest of the server sees it (without the password hash).
export interface User {
  readonly id: number;
  readonly username: string;
  readonly isAdmin: boolean;
}

/// A user with the stored password hash, for signing in.
export interface UserCredentials extends User {
  readonly passwordHash: string;
}

interface Row {
  id: number;
  username: string;
  is_admin: number;
  password_hash: string;
}

const user = (row: Row): User => ({ id: row.id, username: row.username, isAdmin: row.is_admin === 1 });

/// Whether `name` is an acceptable username: 1–64 letters (any script), digits, `.`, `_` or `-`.
export function isValidUsername(name: unknown): name is string {
  return typeof name === 'string' && /^[\p{L}\p{N}._-]{1,64}$/u.test(name);
}

/// The `users` table.
export class UserRepository {
  private readonly insertStmt: Statement<[string, string, number, number]>;
  private readonly byNameStmt: Statement<[string], Row>;
  private readonly byIdStmt: Statement<[number], Row>;
  private readonly passwordStmt: Statement<[string, number, number]>;
  private readonly countStmt: Statement<[], { n: number }>;
  private readonly hashStmt: Statement<[string, number]>;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO users (username, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?)',
    );
    this.byNameStmt = db.prepare(
      'SELECT id, username, is_admin, password_hash FROM users WHERE username = ?',
    );
    this.byIdStmt = db.prepare('SELECT id, username, is_admin, password_hash FROM users WHERE id = ?');
    this.passwordStmt = db.prepare('UPDATE users SET password_hash = ?, is_admin = ? WHERE id = ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM users');
    this.hashStmt = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  }

  /// Create a user. Throws RangeError for an invalid username, and when the name is taken.
  create(username: string, passwordHash: string, isAdmin = false): User {
    if (!isValidUsername(username)) throw new RangeError(`Invalid username "${username}"`);
    if (this.byNameStmt.get(username)) throw new RangeError(`User "${username}" already exists`);
    const id = Number(
      this.insertStmt.run(username, passwordHash, isAdmin ? 1 : 0, Date.now()).lastInsertRowid,
    );
    return { id, username, isAdmin };
  }

  /// Replace the password hash and admin flag of user `id`.
  update(id: number, passwordHash: string, isAdmin: boolean): void {
    this.passwordStmt.run(passwordHash, isAdmin ? 1 : 0, id);
  }

  /// Replace the password hash of user `id` (nothing happens for an unknown id).
  setPasswordHash(id: number, passwordHash: string): void {
    this.hashStmt.run(passwordHash, id);
  }

  /// The user named `username`, or undefined.
  byName(username: string): User | undefined {
    const row = this.byNameStmt.get(username);
    return row && user(row);
  }

  /// The user named `username` with the password hash, or undefined.
  credentials(username: string): UserCredentials | undefined {
    const row = this.byNameStmt.get(username);
    return row && { ...user(row), passwordHash: row.password_hash };
  }

  /// The user with `id`, or undefined.
  byId(id: number): User | undefined {
    const row = this.byIdStmt.get(id);
    return row && user(row);
  }

  /// How many users exist.
  count(): number {
    return this.countStmt.get()!.n;
  }
}
