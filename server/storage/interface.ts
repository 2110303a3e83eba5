/// The storage interface: what the server, the CLI and the clerk see of the database, whichever engine
/// holds it — SQLite in a data folder (the embedded default, server/storage/sqlite-storage.ts) or
/// PostgreSQL shared by several processes (server/storage/postgres/). Every method returns a promise;
/// the meaning of each (arguments, results, what it throws) is the one documented on the SQLite
/// repository of the same name, and test/storage/contract.ts holds both engines to it.
///
/// Two differences from the repositories, both for several processes over one database:
///  - the record's append takes no head: the database's head is the truth (another process may have
///    appended since), and the stored head is read under a lock in the same transaction;
///  - transactions take a function that awaits, and may name a lock that serializes them with other
///    transactions naming it, across processes (PostgreSQL advisory transaction locks).
import type { AttachmentRepository } from './attachments.ts';
import type { AuditLog } from './audit.ts';
import type { ClerkComments } from './clerk.ts';
import type { ClusterRepository } from './clusters.ts';
import type { CommentPeriodRepository } from './comment-periods.ts';
import type { CommentRepository } from './comments.ts';
import type { DispositionRepository } from './dispositions.ts';
import type { DraftRepository } from './drafts.ts';
import type { MembershipRepository } from './memberships.ts';
import type { MetaRepository } from './meta.ts';
import type { ReasonTemplateRepository } from './reason-templates.ts';
import type { Checkpoint, RecordConnection, RecordEntry, StoredState } from './record.ts';
import type { Attribution, ChainCheck, RecordHead } from './record-chain.ts';
import type { SessionRepository } from './sessions.ts';
import type { SubmitterRepository } from './submitters.ts';
import type { SuggestionRepository } from './suggestions.ts';
import type { TicketRepository } from './tickets.ts';
import type { UserRepository } from './users.ts';
import type { VersionRepository } from './versions.ts';

/// The methods `K` of `T`, each returning a promise of what it returned.
export type Async<T, K extends keyof T> = {
  readonly [P in K]: T[P] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/// Which engine a storage runs on.
export type Engine = 'sqlite' | 'postgres';

/// Key–value settings (MetaRepository).
export type MetaStore = Async<MetaRepository, 'get' | 'set'>;
/// Draft metadata (DraftRepository).
export type DraftStore = Async<
  DraftRepository,
  'create' | 'countCreatedBy' | 'get' | 'list' | 'rename' | 'touch' | 'softDelete' | 'restore'
>;
/// Named versions (VersionRepository).
export type VersionStore = Async<VersionRepository, 'create' | 'list' | 'get'>;
/// User accounts (UserRepository).
export type UserStore = Async<
  UserRepository,
  'create' | 'update' | 'setPasswordHash' | 'byName' | 'credentials' | 'byId' | 'count'
>;
/// Sign-in sessions (SessionRepository).
export type SessionStore = Async<
  SessionRepository,
  'create' | 'lookup' | 'delete' | 'deleteForUser' | 'purgeExpired'
>;
/// Single-use connection tickets (TicketRepository).
export type TicketStore = Async<
  TicketRepository,
  'create' | 'redeem' | 'countForSession' | 'deleteOldest' | 'purgeExpired'
>;
/// Roles on drafts (MembershipRepository).
export type MembershipStore = Async<MembershipRepository, 'set' | 'get' | 'list' | 'remove' | 'owners'>;
/// The audit log (AuditLog).
export type AuditStore = Async<AuditLog, 'record' | 'forDraft' | 'timeline'>;
/// Comments with tags and edit history (CommentRepository).
export type CommentStore = Async<
  CommentRepository,
  | 'setCitedArticle'
  | 'create'
  | 'insert'
  | 'get'
  | 'byExternalId'
  | 'lastBySender'
  | 'count'
  | 'countsByKind'
  | 'list'
  | 'update'
  | 'softDelete'
  | 'history'
>;
/// Submitters of public and imported comments (SubmitterRepository).
export type SubmitterStore = Async<SubmitterRepository, 'resolve' | 'get'>;
/// Comment periods (CommentPeriodRepository).
export type CommentPeriodStore = Async<CommentPeriodRepository, 'get' | 'set' | 'remove'>;
/// Clusterings and cluster decisions (ClusterRepository).
export type ClusterStore = Async<
  ClusterRepository,
  'info' | 'save' | 'assignments' | 'list' | 'get' | 'members' | 'clusterOf' | 'addDecisions' | 'decisions'
>;
/// Dispositions and their history (DispositionRepository).
export type DispositionStore = Async<DispositionRepository, 'list' | 'get' | 'set' | 'clear' | 'history'>;
/// Reason templates (ReasonTemplateRepository).
export type ReasonTemplateStore = Async<
  ReasonTemplateRepository,
  'list' | 'get' | 'create' | 'update' | 'delete'
>;
/// Bulk reads of the comments a clerk works on (ClerkComments).
export type ClerkCommentStore = Async<
  ClerkComments,
  'all' | 'get' | 'textOf' | 'ids' | 'texts' | 'source' | 'textsAfter' | 'search' | 'mainVersion'
>;
/// Files attached to comments and what extraction made of them (AttachmentRepository); their bytes
/// are in a BlobStore (server/attachments/blob-store.ts).
export type AttachmentStore = Async<
  AttachmentRepository,
  | 'addFile'
  | 'file'
  | 'link'
  | 'get'
  | 'ofComment'
  | 'ofComments'
  | 'filesAfter'
  | 'pending'
  | 'setResult'
  | 'release'
  | 'collectOrphans'
  | 'isUsed'
  | 'setPublished'
  | 'commentsOf'
  | 'counts'
  | 'summaries'
  | 'published'
>;
/// Suggestions, their threads and history (SuggestionRepository).
export type SuggestionStore = Async<
  SuggestionRepository,
  | 'create'
  | 'get'
  | 'list'
  | 'edit'
  | 'markStale'
  | 'decide'
  | 'reopen'
  | 'history'
  | 'addComment'
  | 'comments'
>;

/// The record of each draft's text (see record.ts for what it keeps and why).
export interface RecordStore {
  /// The head of `draftId`'s chain as stored (emptyHead for a draft with no record).
  head(draftId: string): Promise<RecordHead>;
  /// Append `update` to the record of `draftId` after its stored head, attributed to `by`, at server
  /// time `now` (raised to the head's time if the clock went back). Resolves to the new head once the
  /// entry is committed — durable before anyone is sent the update. Concurrent appends (from this
  /// process or another) are numbered in the order they commit; on PostgreSQL, appends arriving
  /// while a commit is in flight are written together in the next one (group commit). Rejects when
  /// the draft does not exist or the database refuses or cannot be reached (nothing is then stored).
  append(draftId: string, update: Uint8Array, by: Attribution, now: number): Promise<RecordHead>;
  /// Start the record of a new draft with its first state (kind defaults to `create`). Rejects when
  /// the draft already has a record.
  create(draftId: string, state: Uint8Array, by: Attribution, now?: number): Promise<RecordHead>;
  /// The checkpoint, the entries after it and the head, read at one moment.
  load(draftId: string): Promise<StoredState>;
  /// The stored checkpoint of `draftId`, or undefined.
  checkpointOf(draftId: string): Promise<Checkpoint | undefined>;
  /// Replace the checkpoint of `draftId` by `state`, which holds every entry through `head`. A
  /// checkpoint older than the stored one is ignored (two processes may compact one draft).
  checkpoint(draftId: string, state: Uint8Array, head: RecordHead, now?: number): Promise<void>;
  /// How many entries follow the checkpoint of `draftId`, and their total size in bytes.
  sinceCheckpoint(draftId: string): Promise<{ updates: number; bytes: number }>;
  /// The entries of `draftId` numbered above `after` and up to `through` (inclusive), in order.
  entries(draftId: string, after?: number, through?: number): Promise<RecordEntry[]>;
  /// Every entry of `draftId` in order, read a page at a time (for walking a long record).
  iterate(draftId: string): AsyncIterable<RecordEntry>;
  /// The number of the last entry of `draftId` made at or before `time` (ms), or 0 when none was.
  seqAt(draftId: string, time: number): Promise<number>;
  /// The ids of every draft that has a record, sorted.
  drafts(): Promise<string[]>;
  /// Walk the chain of `draftId` (see checkChain).
  check(draftId: string): Promise<ChainCheck>;
  /// Note a sync connection's first write; resolves to the id its entries carry.
  openConnection(
    draftId: string,
    userId: number | null,
    address: string | null,
    now?: number,
  ): Promise<number>;
  /// Connection `id`, or undefined.
  connection(id: number): Promise<RecordConnection | undefined>;
}

/// Options of Storage.transaction.
export interface TransactionOptions {
  /// Serialize with every other transaction naming the same lock, in any process (on SQLite, where
  /// one writer runs at a time, every transaction already is).
  readonly lock?: string;
}

/// The outcome of Storage.tryLock.
export type LockOutcome<T> = { readonly ran: true; readonly value: T } | { readonly ran: false };

/// Every store over one database.
export interface Storage {
  readonly engine: Engine;
  readonly meta: MetaStore;
  readonly drafts: DraftStore;
  readonly record: RecordStore;
  readonly versions: VersionStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly tickets: TicketStore;
  readonly memberships: MembershipStore;
  readonly audit: AuditStore;
  readonly comments: CommentStore;
  readonly submitters: SubmitterStore;
  readonly commentPeriods: CommentPeriodStore;
  readonly attachments: AttachmentStore;
  readonly clusters: ClusterStore;
  readonly dispositions: DispositionStore;
  readonly reasonTemplates: ReasonTemplateStore;
  readonly clerkComments: ClerkCommentStore;
  readonly suggestions: SuggestionStore;
  /// Run `fn` in one transaction, on the storage it is given (use that one inside, not this): its
  /// writes commit together when it resolves and are rolled back when it rejects. A transaction
  /// inside a transaction joins it. Keep them short and about storage only: on SQLite other work
  /// on the database waits for them.
  transaction<T>(fn: (tx: Storage) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /// Run `fn` only if no other holder of lock `key` (in any process) runs now; the lock is held until
  /// `fn` settles. For per-draft background work (compaction, clustering): one process at a time.
  tryLock<T>(key: string, fn: () => Promise<T>): Promise<LockOutcome<T>>;
  /// Resolves when the database answers; rejects with the reason when it does not.
  ping(): Promise<void>;
  /// Whether close() was called.
  readonly isClosed: boolean;
  /// Finish pending writes and close the database. Calling it twice does nothing.
  close(): Promise<void>;
}
