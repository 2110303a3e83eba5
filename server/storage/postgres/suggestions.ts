/// Suggestions, their threads and history on PostgreSQL (the counterpart of ../suggestions.ts; the
/// meaning of each method is documented there).
import type { BlockPlace, SuggestionKind, SuggestionStatus } from '../../../core/index.ts';
import type { SuggestionStore } from '../interface.ts';
import type {
  NewSuggestion,
  SuggestionComment,
  SuggestionEdit,
  SuggestionFilter,
  SuggestionHistoryEntry,
  SuggestionRecord,
} from '../suggestions.ts';
import type { PgDb } from './db.ts';

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

const suggestion = (row: Row): SuggestionRecord => ({
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

const columnOf: Record<keyof SuggestionEdit, string> = {
  quote: 'quote',
  replacement: 'replacement',
  prefix: 'prefix',
  suffix: 'suffix',
  place: 'place',
  anchorStart: 'anchor_start',
  anchorEnd: 'anchor_end',
  note: 'note',
};

const commentSelect = `SELECT c.id, c.suggestion_id, c.author_id, u.username AS author, c.body, c.created_at
  FROM suggestion_comments c LEFT JOIN users u ON u.id = c.author_id`;

interface CommentRow {
  id: number;
  suggestion_id: number;
  author_id: number | null;
  author: string | null;
  body: string;
  created_at: number;
}

const comment = (row: CommentRow): SuggestionComment => ({
  id: row.id,
  suggestionId: row.suggestion_id,
  authorId: row.author_id,
  author: row.author,
  body: row.body,
  createdAt: row.created_at,
});

/// The `suggestions`, `suggestion_comments` and `suggestion_history` tables.
export class PgSuggestions implements SuggestionStore {
  constructor(private readonly db: PgDb) {}

  create(input: NewSuggestion): Promise<SuggestionRecord> {
    return this.db.atomic(async (db) => {
      const now = Date.now();
      const createdAt = input.createdAt ?? now;
      const row = await db.row<{ id: number }>(
        `INSERT INTO suggestions (draft_id, kind, article_id, quote, replacement, prefix, suffix, place,
           anchor_start, anchor_end, note, status, author_id, word_author, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $14, $15) RETURNING id`,
        [
          input.draftId,
          input.kind,
          input.articleId,
          input.quote,
          input.replacement,
          input.prefix,
          input.suffix,
          input.place ? JSON.stringify(input.place) : null,
          input.anchorStart ?? null,
          input.anchorEnd ?? null,
          input.note ?? null,
          input.authorId,
          input.wordAuthor ?? null,
          createdAt,
          Math.max(createdAt, now),
        ],
      );
      await history(db, row!.id, 'created', input.authorId, now, null);
      return (await new PgSuggestions(db).get(row!.id))!;
    });
  }

  async get(id: number): Promise<SuggestionRecord | undefined> {
    const row = await this.db.row<Row>({ name: 'lifa.suggestion.get', text: `${select} WHERE s.id = $1` }, [
      id,
    ]);
    return row && suggestion(row);
  }

  async list(draftId: string, filter: SuggestionFilter = {}): Promise<SuggestionRecord[]> {
    const args: unknown[] = [draftId];
    const param = (value: unknown) => {
      args.push(value);
      return `$${args.length}`;
    };
    const where = ['s.draft_id = $1'];
    if (filter.status !== undefined) {
      const statuses = typeof filter.status === 'string' ? [filter.status] : filter.status;
      where.push(`s.status = ANY(${param(statuses)}::text[])`);
    }
    if (filter.articleId !== undefined) where.push(`s.article_id = ${param(filter.articleId)}`);
    if (filter.authorId !== undefined) where.push(`s.author_id = ${param(filter.authorId)}`);
    const rows = await this.db.rows<Row>(`${select} WHERE ${where.join(' AND ')} ORDER BY s.id`, args);
    return rows.map(suggestion);
  }

  edit(
    id: number,
    change: SuggestionEdit,
    userId: number | null,
    action: 'edited' | 'rebased' | null,
  ): Promise<SuggestionRecord | undefined> {
    return this.db.atomic(async (db) => {
      const suggestions = new PgSuggestions(db);
      const before = await suggestions.get(id);
      if (!before) return undefined;
      const sets: string[] = [];
      const args: unknown[] = [];
      for (const key of Object.keys(columnOf) as (keyof SuggestionEdit)[]) {
        const value = change[key];
        if (value === undefined) continue;
        args.push(key === 'place' ? (value === null ? null : JSON.stringify(value)) : value);
        sets.push(`${columnOf[key]} = $${args.length}`);
      }
      if (!sets.length) return before;
      const now = Date.now();
      if (action) {
        args.push(now);
        sets.push(`updated_at = $${args.length}`);
      }
      args.push(id);
      await db.exec(`UPDATE suggestions SET ${sets.join(', ')} WHERE id = $${args.length}`, args);
      if (action) {
        const detail: Record<string, unknown> = {};
        if (change.replacement !== undefined && change.replacement !== before.replacement)
          detail.replacement = before.replacement;
        if (change.quote !== undefined && change.quote !== before.quote) detail.quote = before.quote;
        if (change.note !== undefined && change.note !== before.note) detail.note = before.note;
        await history(db, id, action, userId, now, JSON.stringify({ before: detail }));
      }
      return suggestions.get(id);
    });
  }

  markStale(id: number, stale: boolean): Promise<boolean> {
    return this.db.atomic(async (db) => {
      const before = await new PgSuggestions(db).get(id);
      const to: SuggestionStatus = stale ? 'stale' : 'open';
      if (!before || (before.status !== 'open' && before.status !== 'stale') || before.status === to)
        return false;
      const now = Date.now();
      await db.exec('UPDATE suggestions SET status = $1, updated_at = $2 WHERE id = $3', [to, now, id]);
      await history(db, id, to, null, now, null);
      return true;
    });
  }

  decide(
    id: number,
    status: 'accepted' | 'rejected' | 'withdrawn',
    userId: number | null,
    reason: string | null = null,
    applied: unknown = null,
  ): Promise<SuggestionRecord | undefined> {
    return this.db.atomic(async (db) => {
      const now = Date.now();
      await db.exec(
        `UPDATE suggestions SET status = $1, decided_by = $2, decided_at = $3, reason = $4, applied = $5,
           updated_at = $3 WHERE id = $6`,
        [status, userId, now, reason, applied === null ? null : JSON.stringify(applied), id],
      );
      await history(db, id, status, userId, now, reason === null ? null : JSON.stringify({ reason }));
      return new PgSuggestions(db).get(id);
    });
  }

  reopen(id: number, userId: number | null, detail: unknown = null): Promise<SuggestionRecord | undefined> {
    return this.db.atomic(async (db) => {
      const now = Date.now();
      await db.exec(
        `UPDATE suggestions SET status = 'open', decided_by = NULL, decided_at = NULL, reason = NULL,
           applied = NULL, updated_at = $1 WHERE id = $2`,
        [now, id],
      );
      await history(db, id, 'reopened', userId, now, detail === null ? null : JSON.stringify(detail));
      return new PgSuggestions(db).get(id);
    });
  }

  async history(id: number): Promise<SuggestionHistoryEntry[]> {
    const rows = await this.db.rows<{
      action: string;
      user: string | null;
      at: number;
      detail: string | null;
    }>(
      `SELECT h.action, u.username AS user, h.at, h.detail FROM suggestion_history h
       LEFT JOIN users u ON u.id = h.user_id WHERE h.suggestion_id = $1 ORDER BY h.id`,
      [id],
    );
    return rows.map((row) => ({
      action: row.action,
      user: row.user,
      at: row.at,
      detail: parseJson(row.detail),
    }));
  }

  async addComment(id: number, authorId: number | null, body: string): Promise<SuggestionComment> {
    const row = await this.db.row<CommentRow>(
      `WITH c AS (
         INSERT INTO suggestion_comments (suggestion_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING *)
       SELECT c.id, c.suggestion_id, c.author_id, u.username AS author, c.body, c.created_at
       FROM c LEFT JOIN users u ON u.id = c.author_id`,
      [id, authorId, body, Date.now()],
    );
    return comment(row!);
  }

  async comments(id: number): Promise<SuggestionComment[]> {
    return (
      await this.db.rows<CommentRow>(`${commentSelect} WHERE c.suggestion_id = $1 ORDER BY c.id`, [id])
    ).map(comment);
  }
}

async function history(
  db: PgDb,
  id: number,
  action: string,
  userId: number | null,
  at: number,
  detail: string | null,
): Promise<void> {
  await db.exec(
    'INSERT INTO suggestion_history (suggestion_id, action, user_id, at, detail) VALUES ($1, $2, $3, $4, $5)',
    [id, action, userId, at, detail],
  );
}
