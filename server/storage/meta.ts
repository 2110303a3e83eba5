/// Key–value settings of the database itself (for example whether the seed drafts were loaded).
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

/// The `meta` table.
export class MetaRepository {
  private readonly getStmt: Statement<[string], { value: string }>;
  private readonly setStmt: Statement<[string, string]>;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /// The value stored under `key`, or undefined.
  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  /// Store `value` under `key`, replacing any previous value.
  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }
}
