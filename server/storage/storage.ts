/// The server's storage: one SQLite database with a repository per concern.
import { join } from 'node:path';
import { AttachmentRepository } from './attachments.ts';
import { AuditLog } from './audit.ts';
import { Checkpointer } from './checkpointer.ts';
import { CommentPeriodRepository } from './comment-periods.ts';
import { CommentRepository } from './comments.ts';
import { openDatabase } from './database.ts';
import type { Db, Durability } from './database.ts';
import { DraftRepository } from './drafts.ts';
import { MembershipRepository } from './memberships.ts';
import { MetaRepository } from './meta.ts';
import { RecordRepository } from './record.ts';
import { SessionRepository } from './sessions.ts';
import { SubmitterRepository } from './submitters.ts';
import { TicketRepository } from './tickets.ts';
import { UserRepository } from './users.ts';
import { VersionRepository } from './versions.ts';

/// File name of the database inside the data folder.
export const databaseFileName = 'lifa.sqlite';

/// Every repository over one open database.
export class Storage {
  readonly meta: MetaRepository;
  readonly drafts: DraftRepository;
  /// The record of each draft's text: attributed, hash-chained updates and a checkpoint.
  readonly record: RecordRepository;
  readonly versions: VersionRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly tickets: TicketRepository;
  readonly memberships: MembershipRepository;
  readonly audit: AuditLog;
  readonly comments: CommentRepository;
  readonly submitters: SubmitterRepository;
  readonly commentPeriods: CommentPeriodRepository;
  /// Files attached to comments (their bytes are in a BlobStore) and what extraction made of them.
  readonly attachments: AttachmentRepository;
  private closed = false;
  private checkpointer: Checkpointer | null = null;
  /// Resolves once, after close(), nothing of this storage touches its files any more (the
  /// checkpoint worker has closed its connection and ended).
  released: Promise<void> = Promise.resolve();

  constructor(readonly db: Db) {
    this.meta = new MetaRepository(db);
    this.drafts = new DraftRepository(db);
    this.record = new RecordRepository(db);
    this.versions = new VersionRepository(db);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.tickets = new TicketRepository(db);
    this.memberships = new MembershipRepository(db);
    this.audit = new AuditLog(db);
    this.comments = new CommentRepository(db);
    this.submitters = new SubmitterRepository(db);
    this.commentPeriods = new CommentPeriodRepository(db);
    this.attachments = new AttachmentRepository(db);
  }

  /// Run `fn` in one transaction; rolled back when it throws.
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /// Whether close() was called.
  get isClosed(): boolean {
    return this.closed;
  }

  /// Move WAL checkpoints (and the disk syncs they do) to a worker thread, so no commit on this
  /// thread waits for the disk. Does nothing for an in-memory database or when already on. When the
  /// worker fails, `onError` is told and automatic checkpoints are turned back on.
  checkpointInBackground(onError: (message: string) => void = () => {}): void {
    if (this.checkpointer || this.closed || this.db.memory) return;
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointer = new Checkpointer(this.db.name, (message) => {
      if (!this.closed) this.db.pragma('wal_autocheckpoint = 1000');
      onError(message);
    });
  }

  /// Checkpoint the WAL into the database file and close it. Calling it twice does nothing. The
  /// background checkpoint worker, if one runs, ends a moment later: see `released`.
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.released = this.checkpointer?.stop() ?? Promise.resolve();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy (the worker's last checkpoint still runs): the WAL stays, and the next open replays it.
    } finally {
      this.db.close();
    }
  }
}

/// Options of openStorage.
export interface StorageOptions {
  /// Defaults to `normal` (see Durability).
  readonly durability?: Durability;
  /// Checkpoint the WAL in a worker thread (see Storage.checkpointInBackground). Defaults to false:
  /// short-lived users such as the CLI let SQLite checkpoint on its own.
  readonly backgroundCheckpoints?: boolean;
}

/// Open the storage kept in folder `dataDir` (created when missing), or in memory for `:memory:`.
/// Throws when the database cannot be opened or migrated.
export function openStorage(dataDir: string, options: StorageOptions = {}): Storage {
  const file = dataDir === ':memory:' ? dataDir : join(dataDir, databaseFileName);
  const storage = new Storage(openDatabase(file, { durability: options.durability }));
  if (options.backgroundCheckpoints) storage.checkpointInBackground();
  return storage;
}
