/// The server's storage: one SQLite database with a repository per concern.
import { join } from 'node:path';
import { AuditLog } from './audit.ts';
import { CommentPeriodRepository } from './comment-periods.ts';
import { CommentRepository } from './comments.ts';
import { openDatabase } from './database.ts';
import type { Db, Durability } from './database.ts';
import { DraftRepository } from './drafts.ts';
import { MembershipRepository } from './memberships.ts';
import { MetaRepository } from './meta.ts';
import { SessionRepository } from './sessions.ts';
import { SubmitterRepository } from './submitters.ts';
import { UpdateLog } from './updates.ts';
import { UserRepository } from './users.ts';
import { VersionRepository } from './versions.ts';

/// File name of the database inside the data folder.
export const databaseFileName = 'lifa.sqlite';

/// Every repository over one open database.
export class Storage {
  readonly meta: MetaRepository;
  readonly drafts: DraftRepository;
  readonly updates: UpdateLog;
  readonly versions: VersionRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly memberships: MembershipRepository;
  readonly audit: AuditLog;
  readonly comments: CommentRepository;
  readonly submitters: SubmitterRepository;
  readonly commentPeriods: CommentPeriodRepository;
  private closed = false;

  constructor(readonly db: Db) {
    this.meta = new MetaRepository(db);
    this.drafts = new DraftRepository(db);
    this.updates = new UpdateLog(db);
    this.versions = new VersionRepository(db);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.memberships = new MembershipRepository(db);
    this.audit = new AuditLog(db);
    this.comments = new CommentRepository(db);
    this.submitters = new SubmitterRepository(db);
    this.commentPeriods = new CommentPeriodRepository(db);
  }

  /// Run `fn` in one transaction; rolled back when it throws.
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /// Whether close() was called.
  get isClosed(): boolean {
    return this.closed;
  }

  /// Checkpoint the WAL into the database file and close it. Calling it twice does nothing.
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}

/// Options of openStorage.
export interface StorageOptions {
  /// Defaults to `normal` (see Durability).
  readonly durability?: Durability;
}

/// Open the storage kept in folder `dataDir` (created when missing), or in memory for `:memory:`.
/// Throws when the database cannot be opened or migrated.
export function openStorage(dataDir: string, options: StorageOptions = {}): Storage {
  const file = dataDir === ':memory:' ? dataDir : join(dataDir, databaseFileName);
  return new Storage(openDatabase(file, { durability: options.durability }));
}
