/// Comments on drafts — review comments of members, public comments from the comment page, comments
/// imported from files — with their tags and edit history. One table for all three kinds (`kind`);
/// a thread is a first comment and its replies (`parentId`, one level). Bodies are stored exactly as
/// sent (plain text; whoever shows them renders them as text). Ids are integers here; the API shows
/// them as strings.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import type { CommentAnchor, CommentKind, CommentStatus } from '../../core/index.ts';
import type { SubmitterRecord, SubmitterType } from './submitters.ts';

export type { CommentKind, CommentStatus, CommentAnchor } from '../../core/index.ts';
export { commentKinds } from '../../core/index.ts';

/// A comment as stored, with its author's username or its submitter, and its tags.
export interface CommentRecord {
  readonly id: number;
  readonly draftId: string;
  readonly kind: CommentKind;
  /// The article it is about, or null for the draft as a whole.
  readonly articleId: string | null;
  /// The version it was made on, or null for the live draft.
  readonly versionId: string | null;
  /// The first comment of its thread, or null when it is one.
  readonly parentId: number | null;
  readonly status: CommentStatus;
  readonly body: string;
  readonly authorId: number | null;
  /// Username of the author of a review comment (null when the user was removed, and for the other kinds).
  readonly author: string | null;
  readonly submitter: SubmitterRecord | null;
  readonly anchor: CommentAnchor | null;
  /// The id the comment had in the file it was imported from.
  readonly externalId: string | null;
  /// What the public commenter was given to quote.
  readonly receipt: string | null;
  /// Hash of the sender's address (public comments), to accept a repeated submission once.
  readonly sender: string | null;
  /// Other fields of an imported record (title, category…), as JSON-serialisable data.
  readonly source: unknown;
  readonly withdrawn: boolean;
  /// For a comment on the draft as a whole: the article its text (with its attachments) cites most,
  /// or null (see core's citedArticleNumber).
  readonly citedArticleId: string | null;
  readonly tags: readonly string[];
  /// How many times the body was edited.
  readonly edits: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly deletedAt: number | null;
}

/// What is needed to store a comment.
export interface NewComment {
  readonly draftId: string;
  readonly kind: CommentKind;
  readonly articleId: string | null;
  readonly versionId?: string | null;
  readonly parentId?: number | null;
  readonly body: string;
  readonly authorId?: number | null;
  readonly submitterId?: number | null;
  readonly anchor?: CommentAnchor | null;
  readonly externalId?: string | null;
  readonly receipt?: string | null;
  readonly sender?: string | null;
  readonly source?: unknown;
  readonly withdrawn?: boolean;
  /// The article the text cites (comments on the draft as a whole).
  readonly citedArticleId?: string | null;
  readonly tags?: readonly string[];
  /// Defaults to now; imports pass the date the comment was received.
  readonly createdAt?: number;
}

/// A change to a comment; absent fields stay as they are.
export interface CommentChange {
  readonly body?: string;
  readonly status?: CommentStatus;
  readonly tags?: readonly string[];
}

/// Which comments to list. Filters select threads (by their first comment); a thread's replies come
/// with it.
export interface CommentFilter {
  /// An article id, or null for comments on the draft as a whole; undefined for all.
  readonly articleId?: string | null;
  readonly status?: CommentStatus;
  readonly tag?: string;
  /// One kind, or any of several.
  readonly kind?: CommentKind | readonly CommentKind[];
  /// Only comments with a larger id (the cursor of the previous page).
  readonly after?: number;
  /// At most this many. Defaults to 100.
  readonly limit?: number;
}

/// An earlier body of an edited comment.
export interface CommentEdit {
  readonly body: string;
  readonly editor: string | null;
  /// When this body was replaced.
  readonly editedAt: number;
}

interface Row {
  id: number;
  draft_id: string;
  kind: CommentKind;
  article_id: string | null;
  version_id: string | null;
  parent_id: number | null;
  status: CommentStatus;
  body: string;
  author_id: number | null;
  author: string | null;
  submitter_id: number | null;
  s_number: number | null;
  s_name: string | null;
  s_contact: string | null;
  s_organization: string | null;
  s_type: SubmitterType | null;
  anchor: string | null;
  external_id: string | null;
  receipt: string | null;
  sender: string | null;
  source: string | null;
  withdrawn: number;
  cited_article_id: string | null;
  tags: string;
  edits: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

const select = `
  SELECT c.id, c.draft_id, c.kind, c.article_id, c.version_id, c.parent_id, c.status, c.body,
         c.author_id, u.username AS author, c.submitter_id, s.number AS s_number, s.name AS s_name,
         s.contact AS s_contact, s.organization AS s_organization, s.submitter_type AS s_type,
         c.anchor, c.external_id, c.receipt, c.sender, c.source, c.withdrawn, c.cited_article_id,
         (SELECT json_group_array(t.tag) FROM comment_tags t WHERE t.comment_id = c.id) AS tags,
         (SELECT count(*) FROM comment_edits e WHERE e.comment_id = c.id) AS edits,
         c.created_at, c.updated_at, c.deleted_at
  FROM comments c
  LEFT JOIN users u ON u.id = c.author_id
  LEFT JOIN submitters s ON s.id = c.submitter_id`;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const fromRow = (row: Row): CommentRecord => ({
  id: row.id,
  draftId: row.draft_id,
  kind: row.kind,
  articleId: row.article_id,
  versionId: row.version_id,
  parentId: row.parent_id,
  status: row.status,
  body: row.body,
  authorId: row.author_id,
  author: row.author,
  submitter:
    row.submitter_id === null
      ? null
      : {
          id: row.submitter_id,
          draftId: row.draft_id,
          number: row.s_number!,
          name: row.s_name!,
          contact: row.s_contact,
          organization: row.s_organization,
          type: row.s_type,
        },
  anchor: parseJson(row.anchor) as CommentAnchor | null,
  externalId: row.external_id,
  receipt: row.receipt,
  sender: row.sender,
  source: parseJson(row.source),
  withdrawn: row.withdrawn === 1,
  citedArticleId: row.cited_article_id,
  tags: (JSON.parse(row.tags) as string[]).sort(),
  edits: row.edits,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
});

type InsertArgs = [
  string,
  string,
  string | null,
  string | null,
  number | null,
  string,
  number | null,
  number | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number,
  string | null,
  number,
  number,
];

/// The `comments`, `comment_tags` and `comment_edits` tables.
export class CommentRepository {
  private readonly db: Db;
  private readonly insertStmt: Statement<InsertArgs>;
  private readonly getStmt: Statement<[number], Row>;
  private readonly tagStmt: Statement<[number, string]>;
  private readonly untagStmt: Statement<[number]>;
  private readonly bodyStmt: Statement<[string, number, number]>;
  private readonly editStmt: Statement<[number, string, number | null, number]>;
  private readonly statusStmt: Statement<[string, number, number]>;
  private readonly touchStmt: Statement<[number, number]>;
  private readonly deleteStmt: Statement<[number, number, number]>;
  private readonly historyStmt: Statement<
    [number],
    { body: string; editor: string | null; edited_at: number }
  >;
  private readonly externalStmt: Statement<[string, string], { id: number }>;
  private readonly lastBySenderStmt: Statement<[string, string], Row>;
  private readonly countStmt: Statement<[string], { n: number }>;
  private readonly citedStmt: Statement<[string | null, number]>;
  private readonly kindCountsStmt: Statement<[string], { kind: CommentKind; n: number; open: number }>;
  private readonly listStmts = new Map<string, Statement<unknown[], Row>>();

  constructor(db: Db) {
    this.db = db;
    this.insertStmt = db.prepare(
      `INSERT INTO comments (draft_id, kind, article_id, version_id, parent_id, body, author_id, submitter_id,
         anchor, external_id, receipt, sender, source, withdrawn, cited_article_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare(`${select} WHERE c.id = ?`);
    this.tagStmt = db.prepare('INSERT OR IGNORE INTO comment_tags (comment_id, tag) VALUES (?, ?)');
    this.untagStmt = db.prepare('DELETE FROM comment_tags WHERE comment_id = ?');
    this.bodyStmt = db.prepare('UPDATE comments SET body = ?, updated_at = ? WHERE id = ?');
    this.editStmt = db.prepare(
      'INSERT INTO comment_edits (comment_id, body, editor_id, edited_at) VALUES (?, ?, ?, ?)',
    );
    this.statusStmt = db.prepare('UPDATE comments SET status = ?, updated_at = ? WHERE id = ?');
    this.touchStmt = db.prepare('UPDATE comments SET updated_at = ? WHERE id = ?');
    this.deleteStmt = db.prepare(
      'UPDATE comments SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
    );
    this.historyStmt = db.prepare(
      `SELECT e.body, u.username AS editor, e.edited_at FROM comment_edits e
       LEFT JOIN users u ON u.id = e.editor_id WHERE e.comment_id = ? ORDER BY e.id`,
    );
    this.externalStmt = db.prepare('SELECT id FROM comments WHERE draft_id = ? AND external_id = ?');
    this.lastBySenderStmt = db.prepare(
      `${select} WHERE c.draft_id = ? AND c.sender = ? ORDER BY c.id DESC LIMIT 1`,
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM comments WHERE draft_id = ?');
    this.citedStmt = db.prepare('UPDATE comments SET cited_article_id = ? WHERE id = ?');
    this.kindCountsStmt = db.prepare(
      `SELECT kind, count(*) AS n, coalesce(sum(status = 'open'), 0) AS open FROM comments
       WHERE draft_id = ? AND parent_id IS NULL AND deleted_at IS NULL GROUP BY kind`,
    );
  }

  /// Record the article comment `id`'s text cites (null for none). Not an edit: updatedAt stays.
  setCitedArticle(id: number, articleId: string | null): void {
    this.citedStmt.run(articleId, id);
  }

  /// Store a new comment and return it. Throws when the draft, parent, author or submitter is
  /// unknown, or when `externalId` or `receipt` is taken.
  create(comment: NewComment): CommentRecord {
    return this.db.transaction(() => this.get(this.insert(comment))!)();
  }

  /// Store a new comment and return its id (create without reading it back, for bulk imports).
  /// Throws as create does.
  insert(comment: NewComment): number {
    return this.db.transaction(() => {
      const now = Date.now();
      const createdAt = comment.createdAt ?? now;
      const id = Number(
        this.insertStmt.run(
          comment.draftId,
          comment.kind,
          comment.articleId,
          comment.versionId ?? null,
          comment.parentId ?? null,
          comment.body,
          comment.authorId ?? null,
          comment.submitterId ?? null,
          comment.anchor ? JSON.stringify(comment.anchor) : null,
          comment.externalId ?? null,
          comment.receipt ?? null,
          comment.sender ?? null,
          comment.source === undefined || comment.source === null ? null : JSON.stringify(comment.source),
          comment.withdrawn ? 1 : 0,
          comment.citedArticleId ?? null,
          createdAt,
          Math.max(createdAt, now),
        ).lastInsertRowid,
      );
      for (const tag of comment.tags ?? []) this.tagStmt.run(id, tag);
      return id;
    })();
  }

  /// The comment with `id` (deleted or not), or undefined.
  get(id: number): CommentRecord | undefined {
    const row = this.getStmt.get(id);
    return row && fromRow(row);
  }

  /// The id of the comment of `draftId` imported with `externalId`, or undefined.
  byExternalId(draftId: string, externalId: string): number | undefined {
    return this.externalStmt.get(draftId, externalId)?.id;
  }

  /// The latest comment of `draftId` sent from `sender`, or undefined.
  lastBySender(draftId: string, sender: string): CommentRecord | undefined {
    const row = this.lastBySenderStmt.get(draftId, sender);
    return row && fromRow(row);
  }

  /// How many comments `draftId` has, of every kind, deleted ones included.
  count(draftId: string): number {
    return this.countStmt.get(draftId)!.n;
  }

  /// How many first comments (threads) of each kind `draftId` has, deleted ones left out, and how many
  /// of them are open.
  countsByKind(draftId: string): Record<CommentKind, { readonly count: number; readonly open: number }> {
    const counts = {
      review: { count: 0, open: 0 },
      public: { count: 0, open: 0 },
      imported: { count: 0, open: 0 },
    };
    for (const row of this.kindCountsStmt.all(draftId)) counts[row.kind] = { count: row.n, open: row.open };
    return counts;
  }

  /// The comments of `draftId` matching `filter`, in id order (replies after their thread's first
  /// comment), deleted ones included.
  list(draftId: string, filter: CommentFilter = {}): CommentRecord[] {
    const where = ['c.draft_id = ?', 'c.id > ?'];
    const args: unknown[] = [draftId, filter.after ?? 0];
    if (filter.articleId !== undefined) {
      where.push('r.article_id IS ?');
      args.push(filter.articleId);
    }
    if (filter.status !== undefined) {
      where.push('r.status = ?');
      args.push(filter.status);
    }
    if (filter.kind !== undefined) {
      const kinds: readonly CommentKind[] = typeof filter.kind === 'string' ? [filter.kind] : filter.kind;
      where.push(`r.kind IN (${kinds.map(() => '?').join(', ')})`);
      args.push(...kinds);
    }
    if (filter.tag !== undefined) {
      where.push('EXISTS (SELECT 1 FROM comment_tags t WHERE t.comment_id = r.id AND t.tag = ?)');
      args.push(filter.tag);
    }
    args.push(filter.limit ?? 100);
    const sql = `${select} JOIN comments r ON r.id = coalesce(c.parent_id, c.id)
      WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ?`;
    let stmt = this.listStmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.listStmts.set(sql, stmt);
    }
    return stmt.all(...args).map(fromRow);
  }

  /// Apply `change` to comment `id`; an edited body keeps the old one in the history, attributed to
  /// `editorId`. Returns the comment as it is now, or undefined when there is none.
  update(id: number, change: CommentChange, editorId: number | null): CommentRecord | undefined {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (!before) return undefined;
      const now = Date.now();
      if (change.body !== undefined && change.body !== before.body) {
        this.editStmt.run(id, before.body, editorId, now);
        this.bodyStmt.run(change.body, now, id);
      }
      if (change.status !== undefined && change.status !== before.status) {
        this.statusStmt.run(change.status, now, id);
      }
      if (change.tags !== undefined && !sameTags(change.tags, before.tags)) {
        this.untagStmt.run(id);
        for (const tag of change.tags) this.tagStmt.run(id, tag);
        this.touchStmt.run(now, id);
      }
      return this.get(id);
    })();
  }

  /// Mark comment `id` deleted (its row and history stay). Returns false when there is no such
  /// comment or it was deleted before.
  softDelete(id: number, now = Date.now()): boolean {
    return this.deleteStmt.run(now, now, id).changes > 0;
  }

  /// The earlier bodies of comment `id`, oldest first.
  history(id: number): CommentEdit[] {
    return this.historyStmt
      .all(id)
      .map((row) => ({ body: row.body, editor: row.editor, editedAt: row.edited_at }));
  }
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === b.length && b.every((tag) => set.has(tag));
}
