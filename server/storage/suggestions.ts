/// Suggestions (tracked changes) of drafts, their comment threads and the history of every change to
/// them. A suggestion lives here, beside the text, never in the draft's Y.Doc: a reviewer's proposal
/// is a row, and only an owner's or drafter's accept turns it into an edit (see the README's design
/// notes). Reached through suggestionStorage(storage), one per open storage. Ids are integers here;
/// the API shows them as strings.
import type { Statement } from 'better-sqlite3';
import type { BlockPlace, SuggestionKind, SuggestionStatus } from '../../core/index.ts';
import type { Db } from './database.ts';
import type { Storage } from './storage.ts';

/// A suggestion as stored, with the usernames of its author and decider.
export interface SuggestionRecord {
  readonly id: number;
  readonly draftId: string;
  readonly kind: SuggestionKind;
  readonly articleId: string;
  readonly quote: string;
  readonly replacement: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly place: BlockPlace | null;
  /// Relative positions (base64) of the start and end of the words, or null.
  readonly anchorStart: string | null;
  readonly anchorEnd: string | null;
  readonly note: string | null;
  readonly status: SuggestionStatus;
  readonly authorId: number | null;
  readonly author: string | null;
  /// The author named in the Word document it was imported from (authorId is then the importer).
  readonly wordAuthor: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly decidedById: number | null;
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  readonly reason: string | null;
  /// How to take an accepted change back (JSON written by the applier), or null.
  readonly applied: unknown;
  readonly comments: number;
}

/// What is needed to store a suggestion.
export interface NewSuggestion {
  readonly draftId: string;
  readonly kind: SuggestionKind;
  readonly articleId: string;
  readonly quote: string;
  readonly replacement: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly place?: BlockPlace | null;
  readonly anchorStart?: string | null;
  readonly anchorEnd?: string | null;
  readonly note?: string | null;
  readonly authorId: number | null;
  readonly wordAuthor?: string | null;
  /// Defaults to now; imports pass the date the Word document gives.
  readonly createdAt?: number;
}

/// A change to an undecided suggestion's wording or place; absent fields stay as they are.
export interface SuggestionEdit {
  readonly quote?: string;
  readonly replacement?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly place?: BlockPlace | null;
  readonly anchorStart?: string | null;
  readonly anchorEnd?: string | null;
  readonly note?: string | null;
}

/// Which suggestions to list.
export interface SuggestionFilter {
  readonly status?: SuggestionStatus | readonly SuggestionStatus[];
  readonly articleId?: string;
  readonly authorId?: number;
}

/// One step in a suggestion's history.
export interface SuggestionHistoryEntry {
  /// `created`, `edited`, `rebased`, `stale`, `open` (its words are back), `accepted`, `rejected`,
  /// `withdrawn`, `reopened` (a decision undone).
  readonly action: string;
  readonly user: string | null;
  readonly at: number;
  readonly detail: unknown;
}

/// One comment of a suggestion's thread.
export interface SuggestionComment {
  readonly id: number;
  readonly suggestionId: number;
  readonly authorId: number | null;
  readonly author: string | null;
  readonly body: string;
  readonly createdAt: number;
}

interface Row {
  id: number;
  draft_id: string;
  kind: SuggestionKind;
  article_id: string;
  quote: string;
  replacement: string;
  prefix: string;
  suffix: string;
  place: string | null;
  anchor_start: string | null;
  anchor_end: string | null;
  note: string | null;
  status: SuggestionStatus;
  author_id: number | null;
  author: string | null;
  word_author: string | null;
  created_at: number;
  updated_at: number;
  decided_by_id: number | null;
  decided_by: string | null;
  decided_at: number | null;
  reason: string | null;
  applied: string | null;
  comments: number;
}

const select = `
  SELECT s.id, s.draft_id, s.kind, s.article_id, s.quote, s.replacement, s.prefix, s.suffix, s.place,
         s.anchor_start, s.anchor_end, s.note, s.status, s.author_id, a.username AS author, s.word_author,
         s.created_at, s.updated_at, s.decided_by AS decided_by_id, d.username AS decided_by, s.decided_at,
         s.reason, s.applied,
         (SELECT count(*) FROM suggestion_comments c WHERE c.suggestion_id = s.id) AS comments
  FROM suggestions s
  LEFT JOIN users a ON a.id = s.author_id
  LEFT JOIN users d ON d.id = s.decided_by`;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const fromRow = (row: Row): SuggestionRecord => ({
  id: row.id,
  draftId: row.draft_id,
  kind: row.kind,
  articleId: row.article_id,
  quote: row.quote,
  replacement: row.replacement,
  prefix: row.prefix,
  suffix: row.suffix,
  place: parseJson(row.place) as BlockPlace | null,
  anchorStart: row.anchor_start,
  anchorEnd: row.anchor_end,
  note: row.note,
  status: row.status,
  authorId: row.author_id,
  author: row.author,
  wordAuthor: row.word_author,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  decidedById: row.decided_by_id,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  reason: row.reason,
  applied: parseJson(row.applied),
  comments: row.comments,
});

/// The `suggestions`, `suggestion_comments` and `suggestion_history` tables.
export class SuggestionRepository {
  private readonly db: Db;
  private readonly insertStmt: Statement<unknown[]>;
  private readonly getStmt: Statement<[number], Row>;
  private readonly historyStmt: Statement<[number, string, number | null, number, string | null]>;
  private readonly readHistoryStmt: Statement<
    [number],
    { action: string; user: string | null; at: number; detail: string | null }
  >;
  private readonly statusStmt: Statement<[string, number, number]>;
  private readonly decideStmt: Statement<
    [string, number | null, number, string | null, string | null, number, number]
  >;
  private readonly reopenStmt: Statement<[number, number]>;
  private readonly addCommentStmt: Statement<[number, number | null, string, number]>;
  private readonly commentsStmt: Statement<[number], Row & { body: string; suggestion_id: number }>;
  private readonly getCommentStmt: Statement<[number], Row & { body: string; suggestion_id: number }>;
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(db: Db) {
    this.db = db;
    this.insertStmt = db.prepare(
      `INSERT INTO suggestions (draft_id, kind, article_id, quote, replacement, prefix, suffix, place,
         anchor_start, anchor_end, note, status, author_id, word_author, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare(`${select} WHERE s.id = ?`);
    this.historyStmt = db.prepare(
      'INSERT INTO suggestion_history (suggestion_id, action, user_id, at, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.readHistoryStmt = db.prepare(
      `SELECT h.action, u.username AS user, h.at, h.detail FROM suggestion_history h
       LEFT JOIN users u ON u.id = h.user_id WHERE h.suggestion_id = ? ORDER BY h.id`,
    );
    this.statusStmt = db.prepare('UPDATE suggestions SET status = ?, updated_at = ? WHERE id = ?');
    this.decideStmt = db.prepare(
      `UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ?, reason = ?, applied = ?,
         updated_at = ? WHERE id = ?`,
    );
    this.reopenStmt = db.prepare(
      `UPDATE suggestions SET status = 'open', decided_by = NULL, decided_at = NULL, reason = NULL,
         applied = NULL, updated_at = ? WHERE id = ?`,
    );
    this.addCommentStmt = db.prepare(
      'INSERT INTO suggestion_comments (suggestion_id, author_id, body, created_at) VALUES (?, ?, ?, ?)',
    );
    const comments = `SELECT c.id, c.suggestion_id, c.author_id, u.username AS author, c.body, c.created_at
      FROM suggestion_comments c LEFT JOIN users u ON u.id = c.author_id`;
    this.commentsStmt = db.prepare(`${comments} WHERE c.suggestion_id = ? ORDER BY c.id`);
    this.getCommentStmt = db.prepare(`${comments} WHERE c.id = ?`);
  }

  /// Store a new open suggestion, record its creation, and return it. Throws when the draft or
  /// author does not exist.
  create(suggestion: NewSuggestion): SuggestionRecord {
    return this.db.transaction(() => {
      const now = Date.now();
      const createdAt = suggestion.createdAt ?? now;
      const id = Number(
        this.insertStmt.run(
          suggestion.draftId,
          suggestion.kind,
          suggestion.articleId,
          suggestion.quote,
          suggestion.replacement,
          suggestion.prefix,
          suggestion.suffix,
          suggestion.place ? JSON.stringify(suggestion.place) : null,
          suggestion.anchorStart ?? null,
          suggestion.anchorEnd ?? null,
          suggestion.note ?? null,
          suggestion.authorId,
          suggestion.wordAuthor ?? null,
          createdAt,
          Math.max(createdAt, now),
        ).lastInsertRowid,
      );
      this.historyStmt.run(id, 'created', suggestion.authorId, now, null);
      return this.get(id)!;
    })();
  }

  /// The suggestion with `id`, or undefined.
  get(id: number): SuggestionRecord | undefined {
    const row = this.getStmt.get(id);
    return row && fromRow(row);
  }

  /// The suggestions of `draftId` matching `filter`, oldest first.
  list(draftId: string, filter: SuggestionFilter = {}): SuggestionRecord[] {
    const where = ['s.draft_id = ?'];
    const args: unknown[] = [draftId];
    if (filter.status !== undefined) {
      const statuses = typeof filter.status === 'string' ? [filter.status] : filter.status;
      where.push(`s.status IN (${statuses.map(() => '?').join(', ')})`);
      args.push(...statuses);
    }
    if (filter.articleId !== undefined) {
      where.push('s.article_id = ?');
      args.push(filter.articleId);
    }
    if (filter.authorId !== undefined) {
      where.push('s.author_id = ?');
      args.push(filter.authorId);
    }
    const sql = `${select} WHERE ${where.join(' AND ')} ORDER BY s.id`;
    return (this.statement(sql) as Statement<unknown[], Row>).all(...args).map(fromRow);
  }

  /// The prepared statement of `sql` (prepared once: lists and edits vary in a few shapes only).
  private statement(sql: string): Statement<unknown[]> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /// Change the wording, place or anchor of suggestion `id` and record it as `action` (`edited` by
  /// its author, `rebased`), unless `action` is null (a refreshed anchor, which is not news).
  /// Returns the suggestion as it is now, or undefined when there is none.
  edit(
    id: number,
    edit: SuggestionEdit,
    userId: number | null,
    action: 'edited' | 'rebased' | null,
  ): SuggestionRecord | undefined {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (!before) return undefined;
      const sets: string[] = [];
      const args: unknown[] = [];
      const column: Record<keyof SuggestionEdit, string> = {
        quote: 'quote',
        replacement: 'replacement',
        prefix: 'prefix',
        suffix: 'suffix',
        place: 'place',
        anchorStart: 'anchor_start',
        anchorEnd: 'anchor_end',
        note: 'note',
      };
      for (const key of Object.keys(column) as (keyof SuggestionEdit)[]) {
        const value = edit[key];
        if (value === undefined) continue;
        sets.push(`${column[key]} = ?`);
        args.push(key === 'place' ? (value === null ? null : JSON.stringify(value)) : value);
      }
      if (!sets.length) return before;
      const now = Date.now();
      if (action) {
        sets.push('updated_at = ?');
        args.push(now);
      }
      this.statement(`UPDATE suggestions SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
      if (action) {
        const detail: Record<string, unknown> = {};
        if (edit.replacement !== undefined && edit.replacement !== before.replacement)
          detail.replacement = before.replacement;
        if (edit.quote !== undefined && edit.quote !== before.quote) detail.quote = before.quote;
        if (edit.note !== undefined && edit.note !== before.note) detail.note = before.note;
        this.historyStmt.run(id, action, userId, now, JSON.stringify({ before: detail }));
      }
      return this.get(id);
    })();
  }

  /// Mark undecided suggestion `id` stale or open again (its words changed, or came back). Returns
  /// false when it is decided or already so.
  markStale(id: number, stale: boolean): boolean {
    return this.db.transaction(() => {
      const before = this.get(id);
      const to: SuggestionStatus = stale ? 'stale' : 'open';
      if (!before || (before.status !== 'open' && before.status !== 'stale') || before.status === to)
        return false;
      const now = Date.now();
      this.statusStmt.run(to, now, id);
      this.historyStmt.run(id, to, null, now, null);
      return true;
    })();
  }

  /// Record the decision on suggestion `id`: accepted (with how to take it back), rejected (with the
  /// reason) or withdrawn by its author. Returns the suggestion as it is now.
  decide(
    id: number,
    status: 'accepted' | 'rejected' | 'withdrawn',
    userId: number | null,
    reason: string | null = null,
    applied: unknown = null,
  ): SuggestionRecord | undefined {
    return this.db.transaction(() => {
      const now = Date.now();
      this.decideStmt.run(
        status,
        userId,
        now,
        reason,
        applied === null ? null : JSON.stringify(applied),
        now,
        id,
      );
      this.historyStmt.run(id, status, userId, now, reason === null ? null : JSON.stringify({ reason }));
      return this.get(id);
    })();
  }

  /// Undo the decision on suggestion `id`: it is open again. Returns the suggestion as it is now.
  reopen(id: number, userId: number | null, detail: unknown = null): SuggestionRecord | undefined {
    return this.db.transaction(() => {
      const now = Date.now();
      this.reopenStmt.run(now, id);
      this.historyStmt.run(id, 'reopened', userId, now, detail === null ? null : JSON.stringify(detail));
      return this.get(id);
    })();
  }

  /// The history of suggestion `id`, oldest first.
  history(id: number): SuggestionHistoryEntry[] {
    return this.readHistoryStmt
      .all(id)
      .map((row) => ({ action: row.action, user: row.user, at: row.at, detail: parseJson(row.detail) }));
  }

  /// Add a comment to suggestion `id`'s thread and return it.
  addComment(id: number, authorId: number | null, body: string): SuggestionComment {
    const comment = Number(this.addCommentStmt.run(id, authorId, body, Date.now()).lastInsertRowid);
    return commentFromRow(this.getCommentStmt.get(comment)!);
  }

  /// The thread of suggestion `id`, oldest first.
  comments(id: number): SuggestionComment[] {
    return this.commentsStmt.all(id).map(commentFromRow);
  }
}

function commentFromRow(row: {
  id: number;
  suggestion_id: number;
  author_id: number | null;
  author: string | null;
  body: string;
  created_at: number;
}): SuggestionComment {
  return {
    id: row.id,
    suggestionId: row.suggestion_id,
    authorId: row.author_id,
    author: row.author,
    body: row.body,
    createdAt: row.created_at,
  };
}

const made = new WeakMap<Storage, SuggestionRepository>();

/// The suggestion repository of `storage` (made on first use).
export function suggestionStorage(storage: Storage): SuggestionRepository {
  let repository = made.get(storage);
  if (!repository) made.set(storage, (repository = new SuggestionRepository(storage.db)));
  return repository;
}
