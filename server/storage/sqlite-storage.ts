/// SQLite behind the storage interface (interface.ts): the synchronous repositories of this folder,
/// each method run at once and its result (or error) handed back as a promise. better-sqlite3 has one
/// connection, so a transaction that awaits must keep everyone else's statements out of it until it
/// ends: while one is open, calls from outside it wait their turn (the gate below), and calls made
/// through the storage it was given run inside it.
import { clerkStorage } from './clerk.ts';
import type { Async, LockOutcome, RecordStore, Storage, TransactionOptions } from './interface.ts';
import { checkChainAsync } from './record-chain.ts';
import type { Attribution, RecordHead } from './record-chain.ts';
import type { RecordEntry } from './record.ts';
import type { Storage as Repositories } from './storage.ts';
import { suggestionStorage } from './suggestions.ts';

// One transaction at a time over the connection; statements from outside it wait.
class Gate {
  private open: Promise<void> | null = null;

  /// Run `fn` now when no transaction is open, else once none is.
  run<T>(fn: () => T): Promise<T> {
    if (!this.open) {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.open.then(() => this.run(fn));
  }

  /// Take the gate for a transaction; resolves to the function that gives it back.
  async enter(): Promise<() => void> {
    while (this.open) await this.open;
    let leave!: () => void;
    this.open = new Promise<void>((resolve) => (leave = resolve));
    return () => {
      this.open = null;
      leave();
    };
  }
}

// Statements of a transaction's own storage run at once.
const inside = {
  run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

type Runner = Pick<Gate, 'run'>;

// What every storage over one connection shares: the locks held, and the head of each draft's
// record as this process last appended it (so the write path need not read it back each time).
interface Shared {
  readonly locks: Set<string>;
  readonly heads: Map<string, RecordHead>;
  /// Appends waiting for the end of this turn of the event loop (see record.append).
  readonly pending: PendingAppend[];
}

// One append waiting to be committed.
interface PendingAppend {
  readonly draftId: string;
  readonly update: Uint8Array;
  readonly by: Attribution;
  readonly now: number;
  resolve(head: RecordHead): void;
  reject(error: unknown): void;
}

// The methods `methods` of `repository`, each run through `runner`.
function promised<T extends object, K extends keyof T>(
  repository: T,
  methods: readonly K[],
  runner: Runner,
): Async<T, K> {
  const out: Record<string, unknown> = {};
  for (const name of methods) {
    const method = repository[name] as (...args: unknown[]) => unknown;
    out[name as string] = (...args: unknown[]) => runner.run(() => method.apply(repository, args));
  }
  return out as Async<T, K>;
}

const page = 1000;

/// The storage interface over the SQLite repositories `repos` (an open Storage of storage.ts).
export class SqliteStorage implements Storage {
  readonly engine = 'sqlite' as const;
  readonly meta;
  readonly drafts;
  readonly record: RecordStore;
  readonly versions;
  readonly users;
  readonly sessions;
  readonly tickets;
  readonly memberships;
  readonly audit;
  readonly comments;
  readonly submitters;
  readonly commentPeriods;
  readonly attachments;
  readonly clusters;
  readonly dispositions;
  readonly reasonTemplates;
  readonly clerkComments;
  readonly suggestions;
  private readonly locks: Set<string>;

  constructor(
    /// The synchronous repositories (for the few callers that need SQLite itself: the CLI's migrate).
    readonly repositories: Repositories,
    private readonly gate: Gate = new Gate(),
    private readonly runner: Runner = gate,
    private readonly shared: Shared = { locks: new Set(), heads: new Map(), pending: [] },
  ) {
    this.locks = shared.locks;
    const r = repositories;
    const db = r.db;
    this.meta = promised(r.meta, ['get', 'set'], runner);
    this.drafts = promised(
      r.drafts,
      ['create', 'countCreatedBy', 'get', 'list', 'rename', 'touch', 'softDelete', 'restore'],
      runner,
    );
    this.versions = promised(r.versions, ['create', 'list', 'get'], runner);
    this.users = promised(
      r.users,
      ['create', 'update', 'setPasswordHash', 'byName', 'credentials', 'byId', 'count'],
      runner,
    );
    this.tickets = promised(
      r.tickets,
      ['create', 'redeem', 'countForSession', 'deleteOldest', 'purgeExpired'],
      runner,
    );
    this.sessions = promised(
      r.sessions,
      ['create', 'lookup', 'delete', 'deleteForUser', 'purgeExpired'],
      runner,
    );
    this.memberships = promised(r.memberships, ['set', 'get', 'list', 'remove', 'owners'], runner);
    this.audit = promised(r.audit, ['record', 'forDraft', 'timeline'], runner);
    this.comments = promised(
      r.comments,
      [
        'setCitedArticle',
        'create',
        'insert',
        'get',
        'byExternalId',
        'lastBySender',
        'count',
        'countsByKind',
        'list',
        'update',
        'softDelete',
        'history',
      ],
      runner,
    );
    this.submitters = promised(r.submitters, ['resolve', 'get'], runner);
    this.commentPeriods = promised(r.commentPeriods, ['get', 'set', 'remove'], runner);
    this.attachments = promised(
      r.attachments,
      [
        'addFile',
        'file',
        'link',
        'get',
        'ofComment',
        'ofComments',
        'filesAfter',
        'pending',
        'setResult',
        'release',
        'collectOrphans',
        'isUsed',
        'setPublished',
        'commentsOf',
        'counts',
        'summaries',
        'published',
      ],
      runner,
    );
    const clerk = clerkStorage(repositories);
    this.clusters = promised(
      clerk.clusters,
      ['info', 'save', 'assignments', 'list', 'get', 'members', 'clusterOf', 'addDecisions', 'decisions'],
      runner,
    );
    this.dispositions = promised(clerk.dispositions, ['list', 'get', 'set', 'clear', 'history'], runner);
    this.reasonTemplates = promised(
      clerk.reasonTemplates,
      ['list', 'get', 'create', 'update', 'delete'],
      runner,
    );
    this.clerkComments = promised(
      clerk.comments,
      ['all', 'get', 'textOf', 'ids', 'texts', 'source', 'textsAfter', 'search', 'mainVersion'],
      runner,
    );
    this.suggestions = promised(
      suggestionStorage(repositories),
      ['create', 'get', 'list', 'edit', 'markStale', 'decide', 'reopen', 'history', 'addComment', 'comments'],
      runner,
    );
    const record = r.record;
    // Append one pending entry after the head this process last wrote for its draft. If anyone else
    // appended meanwhile (a rolled-back transaction forgets its head; another process on the folder)
    // that entry number is taken and the insert fails without writing: then append after the stored
    // head. Settles the entry's promise either way.
    const appendPending = (entry: PendingAppend): void => {
      const heads = this.shared.heads;
      const { draftId, update, by, now } = entry;
      try {
        const known = heads.get(draftId);
        let head: RecordHead | undefined;
        if (known) {
          try {
            head = record.append(draftId, known, update, by, now);
          } catch (error) {
            if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
          }
        }
        head ??= record.append(draftId, record.head(draftId), update, by, now);
        heads.set(draftId, head);
        entry.resolve(head);
      } catch (error) {
        heads.delete(draftId);
        entry.reject(error);
      }
    };
    // Commit every pending append: one alone as one statement, several in one transaction (a
    // failing one is left out, the others commit). When the commit itself fails none is stored.
    const appendBatch = db.transaction((batch: PendingAppend[]) => batch.forEach(appendPending));
    const commitPending = (): void => {
      const batch = this.shared.pending.splice(0);
      if (batch.length === 1) return appendPending(batch[0]);
      const settled = batch.map((entry) => ({ ...entry }));
      const results: Array<{ head?: RecordHead; error?: unknown }> = batch.map(() => ({}));
      settled.forEach((entry, i) => {
        entry.resolve = (head) => (results[i].head = head);
        entry.reject = (error) => (results[i].error = error);
      });
      try {
        appendBatch(settled);
      } catch (error) {
        for (const entry of settled) this.shared.heads.delete(entry.draftId);
        for (const entry of batch) entry.reject(error);
        return;
      }
      batch.forEach((entry, i) => {
        const { head, error } = results[i];
        if (head) entry.resolve(head);
        else entry.reject(error);
      });
    };
    const sync = promised(
      record,
      [
        'head',
        'load',
        'checkpointOf',
        'sinceCheckpoint',
        'entries',
        'seqAt',
        'drafts',
        'openConnection',
        'connection',
      ],
      runner,
    );
    this.record = {
      ...sync,
      append: (draftId: string, update: Uint8Array, by: Attribution, now: number) => {
        // Inside a transaction the entry may yet be rolled back: read the head, and forget it after.
        if (runner === inside)
          return runner.run(() => {
            this.shared.heads.delete(draftId);
            return record.append(draftId, record.head(draftId), update, by, now);
          });
        // The write path: appends made in one turn of the event loop (a room storing what arrived in
        // one read of its sockets) commit together, at the end of the turn.
        return new Promise<RecordHead>((resolve, reject) => {
          const pending = this.shared.pending;
          pending.push({ draftId, update, by, now, resolve, reject });
          if (pending.length === 1) queueMicrotask(() => void runner.run(commitPending));
        });
      },
      create: (draftId: string, state: Uint8Array, by: Attribution, now?: number) =>
        runner.run(() => {
          this.shared.heads.delete(draftId);
          return record.create(draftId, state, by, now);
        }),
      checkpoint: (draftId: string, state: Uint8Array, head: RecordHead, now?: number) =>
        runner.run(() =>
          db.transaction(() => {
            const stored = record.checkpointOf(draftId);
            if (!stored || stored.seq <= head.seq) record.checkpoint(draftId, state, head, now);
          })(),
        ),
      iterate: (draftId: string) => pages(this.record, draftId),
      check: (draftId: string) => checkChainAsync(draftId, pages(this.record, draftId)),
    };
  }

  async transaction<T>(fn: (tx: Storage) => Promise<T>, _options: TransactionOptions = {}): Promise<T> {
    // One writer at a time: every SQLite transaction is serialized already, so a lock adds nothing.
    if (this.runner === inside) return fn(this);
    const leave = await this.gate.enter();
    const db = this.repositories.db;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(new SqliteStorage(this.repositories, this.gate, inside, this.shared));
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      leave();
    }
  }

  async tryLock<T>(key: string, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    // One process owns an SQLite file: a lock in memory is enough.
    if (this.locks.has(key)) return { ran: false };
    this.locks.add(key);
    try {
      return { ran: true, value: await fn() };
    } finally {
      this.locks.delete(key);
    }
  }

  ping(): Promise<void> {
    return this.runner.run(() => {
      this.repositories.db.prepare('SELECT 1').get();
    });
  }

  get isClosed(): boolean {
    return this.repositories.isClosed;
  }

  async close(): Promise<void> {
    const leave = await this.gate.enter();
    try {
      this.repositories.close();
    } finally {
      leave();
    }
    // The files are left alone from here on (a caller may remove the folder).
    await this.repositories.released;
  }
}

// The record's entries a page of numbers at a time, up to the last stored entry.
async function* pages(record: RecordStore, draftId: string): AsyncIterable<RecordEntry> {
  const last = (await record.head(draftId)).seq;
  for (let after = 0; after < last; after += page) {
    for (const entry of await record.entries(draftId, after, after + page)) yield entry;
  }
}
