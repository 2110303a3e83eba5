/// PostgreSQL storage: every store of this folder over one pool, with group commit of record appends
/// and advisory locks, behind the storage interface (../interface.ts).
import type pg from 'pg';
import type { LockOutcome, Storage, TransactionOptions } from '../interface.ts';
import { PgMemberships, PgMeta, PgSessions, PgTickets, PgUsers } from './accounts.ts';
import { PgAttachments, PgBlobStore } from './attachments.ts';
import { PgAudit } from './audit.ts';
import { PgClerkComments, PgClusters, PgDispositions, PgReasonTemplates } from './clerk.ts';
import { PgCommentPeriods, PgComments, PgSubmitters } from './comments.ts';
import { openPool, PgDb } from './db.ts';
import type { PoolOptions } from './db.ts';
import { PgDrafts, PgVersions } from './drafts.ts';
import { GroupCommit } from './group-commit.ts';
import { PgRecord } from './record.ts';
import { migratePostgres } from './schema.ts';
import { PgSuggestions } from './suggestions.ts';

/// Options of openPostgresStorage.
export interface PostgresOptions extends PoolOptions {
  /// Milliseconds a batch of appends waits before committing (see GroupCommit). Defaults to 0.
  readonly commitDelay?: number;
}

/// The stores of one PostgreSQL database, used outside a transaction (`group` set) or inside one.
export class PostgresStorage implements Storage {
  readonly engine = 'postgres' as const;
  readonly meta: PgMeta;
  readonly drafts: PgDrafts;
  readonly record: PgRecord;
  readonly versions: PgVersions;
  readonly users: PgUsers;
  readonly sessions: PgSessions;
  readonly tickets: PgTickets;
  readonly memberships: PgMemberships;
  readonly audit: PgAudit;
  readonly comments: PgComments;
  readonly submitters: PgSubmitters;
  readonly commentPeriods: PgCommentPeriods;
  readonly attachments: PgAttachments;
  readonly clusters: PgClusters;
  readonly dispositions: PgDispositions;
  readonly reasonTemplates: PgReasonTemplates;
  readonly clerkComments: PgClerkComments;
  readonly suggestions: PgSuggestions;
  /// The bytes of attachments, in the database (see PgBlobStore).
  readonly blobs: PgBlobStore;
  private closed = false;

  private constructor(
    private readonly db: PgDb,
    /// Null inside a transaction: appends there are part of it.
    readonly group: GroupCommit | null,
    private readonly root: PostgresStorage | null,
  ) {
    this.meta = new PgMeta(db);
    this.drafts = new PgDrafts(db);
    this.record = new PgRecord(db, group);
    this.versions = new PgVersions(db);
    this.users = new PgUsers(db);
    this.sessions = new PgSessions(db);
    this.tickets = new PgTickets(db);
    this.memberships = new PgMemberships(db);
    this.audit = new PgAudit(db);
    this.comments = new PgComments(db);
    this.submitters = new PgSubmitters(db);
    this.commentPeriods = new PgCommentPeriods(db);
    this.attachments = new PgAttachments(db);
    this.clusters = new PgClusters(db);
    this.dispositions = new PgDispositions(db);
    this.reasonTemplates = new PgReasonTemplates(db);
    this.clerkComments = new PgClerkComments(db);
    this.suggestions = new PgSuggestions(db);
    this.blobs = new PgBlobStore(db);
  }

  /// Storage over `pool`, whose database is migrated already.
  static over(pool: pg.Pool, commitDelay = 0): PostgresStorage {
    const db = new PgDb(pool);
    return new PostgresStorage(db, new GroupCommit(db, commitDelay), null);
  }

  /// The pool (for tools that read the database directly: `lifa migrate`'s checks, tests).
  get pool(): pg.Pool {
    return this.db.pool;
  }

  transaction<T>(fn: (tx: Storage) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.db.inTransaction) return this.db.atomic(() => fn(this), options.lock);
    return this.db.atomic((db) => fn(new PostgresStorage(db, null, this)), options.lock);
  }

  async tryLock<T>(key: string, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    // A session lock lives on one connection: that client is held until fn settles.
    const client = await this.db.pool.connect();
    let broken: Error | undefined;
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
        [key],
      );
      if (!rows[0].ok) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        try {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        } catch (error) {
          broken = error as Error; // the connection died, and the lock with it
        }
      }
    } finally {
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.db.exec('SELECT 1');
  }

  get isClosed(): boolean {
    return (this.root ?? this).closed;
  }

  async close(): Promise<void> {
    if (this.root) return this.root.close();
    if (this.closed) return;
    this.closed = true;
    await this.group?.drain();
    await this.db.pool.end();
  }
}

/// Open the PostgreSQL database at `url` and bring its schema up to date (processes starting at once
/// migrate one at a time). Rejects when it cannot be reached or is newer than this Lifa.
export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<PostgresStorage> {
  const pool = openPool(url, options);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return PostgresStorage.over(pool, options.commitDelay);
}
