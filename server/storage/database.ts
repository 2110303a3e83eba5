/// Opening the SQLite database: WAL journal, foreign keys, and the numbered migrations of migrations.ts.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations.ts';
import type { Migration } from './migrations.ts';

/// An open better-sqlite3 connection.
export type Db = Database.Database;

/// How hard a commit waits for the disk. `normal` (the default) survives a crash or `kill -9` of the
/// process, since WAL frames are in the OS's page cache; `full` also survives power loss, at the
/// cost of an fsync per commit.
export type Durability = 'normal' | 'full';

/// Options of openDatabase.
export interface OpenDatabaseOptions {
  /// Defaults to `normal`.
  readonly durability?: Durability;
  /// Migrations to apply; defaults to every migration of migrations.ts (tests pass fewer).
  readonly migrations?: readonly Migration[];
}

/// Open (creating it and its folder if needed) the database at `file`, or an in-memory one for
/// `:memory:`, and bring its schema up to date. The database holds names, contacts and the key that
/// hashes commenters' addresses, so a folder it creates is readable by its owner only (0700), and the
/// database and its WAL files are 0600. Throws when the file cannot be opened, is not a database, or
/// was written by a newer Lifa (its schema version is above ours).
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (file !== ':memory:') makePrivate(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_size_limit = 16777216'); // a WAL grown by a burst shrinks back to 16 MiB
    migrate(db, options.migrations ?? migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

// Create the folder (0700) and the file (0600) before SQLite does, and tighten a file that exists:
// SQLite gives its -wal and -shm files the permissions of the database file.
function makePrivate(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

/// The schema version of `db`: how many migrations have been applied.
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/// Apply the migrations `db` has not seen yet, each in its own transaction. Throws RangeError when
/// the database is newer than `list`, or when `list` is not numbered 1, 2, 3…
export function migrate(db: Db, list: readonly Migration[] = migrations): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new RangeError(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > list.length) {
    throw new RangeError(`Database schema version ${current} is newer than this Lifa (${list.length})`);
  }
  for (const m of list.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
