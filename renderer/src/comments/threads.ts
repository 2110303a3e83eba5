/// The review threads of an open draft, kept current: loaded once, then changed by the server's event
/// stream (and by the user's own actions, which arrive the same way). Panels and the editor's margin
/// read the index; nobody else talks to the comment API for review threads.
import type { AttachmentRules, CommentInfo, CommentsApi } from '../api/comments.ts';
import { Store } from '../lib/store.ts';
import type { ReadableStore } from '../lib/store.ts';

/// A first comment and its replies, oldest first.
export interface Thread {
  readonly root: CommentInfo;
  readonly replies: readonly CommentInfo[];
}

/// The threads of a draft, indexed.
export interface ThreadIndex {
  /// Every visible thread, oldest first. A deleted first comment stays while it has live replies.
  readonly threads: readonly Thread[];
  /// The threads of each article (key: article id; null for the draft as a whole).
  readonly byArticle: ReadonlyMap<string | null, readonly Thread[]>;
  /// Whether the first load is done.
  readonly loaded: boolean;
}

/// Counts of one article's threads, as the margin shows them.
export interface ArticleCount {
  readonly threads: number;
  readonly open: number;
}

const emptyIndex: ThreadIndex = { threads: [], byArticle: new Map(), loaded: false };

/// The index of `comments`.
export function indexThreads(comments: Iterable<CommentInfo>, loaded = true): ThreadIndex {
  const roots = new Map<string, CommentInfo>();
  const replies = new Map<string, CommentInfo[]>();
  for (const comment of comments) {
    if (comment.parentId === null) roots.set(comment.id, comment);
    else {
      const list = replies.get(comment.parentId);
      if (list) list.push(comment);
      else replies.set(comment.parentId, [comment]);
    }
  }
  const byNumber = (a: CommentInfo, b: CommentInfo) => Number(a.id) - Number(b.id);
  const threads: Thread[] = [];
  for (const root of [...roots.values()].sort(byNumber)) {
    const live = (replies.get(root.id) ?? []).filter((reply) => !reply.deleted).sort(byNumber);
    if (root.deleted && live.length === 0) continue;
    threads.push({ root, replies: live });
  }
  const byArticle = new Map<string | null, Thread[]>();
  for (const thread of threads) {
    const key = thread.root.articleId;
    const list = byArticle.get(key);
    if (list) list.push(thread);
    else byArticle.set(key, [thread]);
  }
  return { threads, byArticle, loaded };
}

/// The margin's counts: threads and open threads per article.
export function articleCounts(index: ThreadIndex): Map<string, ArticleCount> {
  const counts = new Map<string, ArticleCount>();
  for (const [articleId, threads] of index.byArticle) {
    if (articleId === null) continue;
    counts.set(articleId, {
      threads: threads.length,
      open: threads.filter((t) => t.root.status === 'open' && !t.root.deleted).length,
    });
  }
  return counts;
}

/// What the user is about to comment on: an article (or the draft, null), perhaps a passage.
export interface PendingComment {
  readonly articleId: string | null;
  readonly anchor?: CommentInfo['anchor'];
}

/// Whether `comment` is older news than `known` (the same comment): changed before it, or as of the
/// same change with fewer of its files read — a file's reading only moves on, so the answer to a
/// request that raced an event about the file is not taken over that event.
export function isStale(comment: CommentInfo, known: CommentInfo): boolean {
  if (comment.updatedAt !== known.updatedAt) return comment.updatedAt < known.updatedAt;
  const done = (c: CommentInfo) => c.attachments.filter((a) => a.state !== 'pending').length;
  return done(comment) < done(known);
}

/// The review threads of one draft, live.
export class DraftThreads {
  /// The index, replaced on every change.
  readonly index: ReadableStore<ThreadIndex>;
  /// The thread the user is looking at (its first comment's id), or null.
  readonly active = new Store<string | null>(null);
  /// A comment being written, or null.
  readonly pending = new Store<PendingComment | null>(null);
  /// The latest public or imported comment the event stream reported (for panels listing those).
  readonly lastOther = new Store<CommentInfo | null>(null);
  private readonly indexStore = new Store<ThreadIndex>(emptyIndex);
  private readonly comments = new Map<string, CommentInfo>();
  private stopEvents: (() => void) | null = null;
  private rules: Promise<AttachmentRules> | null = null;
  private destroyed = false;

  constructor(
    readonly api: CommentsApi,
    readonly draftId: string,
  ) {
    this.index = this.indexStore;
  }

  /// Load the threads and follow the event stream. Resolves after the first load; rejects when it fails.
  async start(): Promise<void> {
    this.stopEvents = this.api.events(
      this.draftId,
      ({ comment }) => this.apply(comment),
      () => void this.reload().catch(() => {}),
    );
    await this.reload();
  }

  /// Load every review comment again.
  async reload(): Promise<void> {
    const all = await this.api.listAll(this.draftId, { kind: 'review' });
    if (this.destroyed) return;
    this.comments.clear();
    for (const comment of all) this.comments.set(comment.id, comment);
    this.publish();
  }

  /// Take in a new or changed comment (from the event stream or an answer of the API). Comments of
  /// other kinds are left to the panels that list them.
  apply(comment: CommentInfo): void {
    if (comment.draftId !== this.draftId) return;
    if (comment.kind !== 'review') {
      this.lastOther.set(comment);
      return;
    }
    const before = this.comments.get(comment.id);
    if (before && isStale(comment, before)) return;
    this.comments.set(comment.id, comment);
    this.publish();
  }

  /// What a comment may carry (the server's limits), asked once per draft.
  attachmentRules(): Promise<AttachmentRules> {
    this.rules ??= this.api.attachmentLimits();
    // A failed request is asked again next time.
    this.rules.catch(() => (this.rules = null));
    return this.rules;
  }

  /// Stop following the event stream.
  destroy(): void {
    this.destroyed = true;
    this.stopEvents?.();
  }

  private publish(): void {
    this.indexStore.set(indexThreads(this.comments.values()));
  }
}
