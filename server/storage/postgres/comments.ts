/// Comments, their submitters and comment periods on PostgreSQL (the counterparts of ../comments.ts,
/// ../submitters.ts and ../comment-periods.ts; the meaning of each method is documented there).
import type { CommentAnchor, CommentKind, CommentStatus } from '../../../core/index.ts';
import type { CommentPeriod } from '../comment-periods.ts';
import type { CommentChange, CommentEdit, CommentFilter, CommentRecord, NewComment } from '../comments.ts';
import type { CommentPeriodStore, CommentStore, SubmitterStore } from '../interface.ts';
import { submitterIdentity } from '../submitters.ts';
import type { SubmitterDetails, SubmitterRecord, SubmitterType } from '../submitters.ts';
import type { PgDb } from './db.ts';

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
  withdrawn: boolean;
  cited_article_id: string | null;
  tags: string[];
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
         ARRAY(SELECT t.tag FROM comment_tags t WHERE t.comment_id = c.id ORDER BY t.tag COLLATE "C") AS tags,
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

const comment = (row: Row): CommentRecord => ({
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
  withdrawn: row.withdrawn,
  citedArticleId: row.cited_article_id,
  tags: [...row.tags].sort(),
  edits: row.edits,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
});

/// The `comments`, `comment_tags` and `comment_edits` tables.
export class PgComments implements CommentStore {
  constructor(private readonly db: PgDb) {}

  create(input: NewComment): Promise<CommentRecord> {
    return this.db.atomic(
      async (db) => (await new PgComments(db).get(await new PgComments(db).insert(input)))!,
    );
  }

  insert(input: NewComment): Promise<number> {
    return this.db.atomic(async (db) => {
      const now = Date.now();
      const createdAt = input.createdAt ?? now;
      const row = await db.row<{ id: number }>(
        {
          name: 'lifa.comment.insert',
          text: `INSERT INTO comments (draft_id, kind, article_id, version_id, parent_id, body, author_id,
                   submitter_id, anchor, external_id, receipt, sender, source, withdrawn, cited_article_id,
                   created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        },
        [
          input.draftId,
          input.kind,
          input.articleId,
          input.versionId ?? null,
          input.parentId ?? null,
          input.body,
          input.authorId ?? null,
          input.submitterId ?? null,
          input.anchor ? JSON.stringify(input.anchor) : null,
          input.externalId ?? null,
          input.receipt ?? null,
          input.sender ?? null,
          input.source === undefined || input.source === null ? null : JSON.stringify(input.source),
          input.withdrawn ?? false,
          input.citedArticleId ?? null,
          createdAt,
          Math.max(createdAt, now),
        ],
      );
      if (input.tags?.length) await addTags(db, row!.id, input.tags);
      return row!.id;
    });
  }

  async setCitedArticle(id: number, articleId: string | null): Promise<void> {
    await this.db.exec('UPDATE comments SET cited_article_id = $1 WHERE id = $2', [articleId, id]);
  }

  async countsByKind(
    draftId: string,
  ): Promise<Record<CommentKind, { readonly count: number; readonly open: number }>> {
    const counts = {
      review: { count: 0, open: 0 },
      public: { count: 0, open: 0 },
      imported: { count: 0, open: 0 },
    };
    const rows = await this.db.rows<{ kind: CommentKind; n: number; open: number }>(
      `SELECT kind, count(*) AS n, count(*) FILTER (WHERE status = 'open') AS open FROM comments
       WHERE draft_id = $1 AND parent_id IS NULL AND deleted_at IS NULL GROUP BY kind`,
      [draftId],
    );
    for (const row of rows) counts[row.kind] = { count: row.n, open: row.open };
    return counts;
  }

  async get(id: number): Promise<CommentRecord | undefined> {
    const row = await this.db.row<Row>({ name: 'lifa.comment.get', text: `${select} WHERE c.id = $1` }, [id]);
    return row && comment(row);
  }

  async byExternalId(draftId: string, externalId: string): Promise<number | undefined> {
    return (
      await this.db.row<{ id: number }>('SELECT id FROM comments WHERE draft_id = $1 AND external_id = $2', [
        draftId,
        externalId,
      ])
    )?.id;
  }

  async lastBySender(draftId: string, sender: string): Promise<CommentRecord | undefined> {
    const row = await this.db.row<Row>(
      `${select} WHERE c.draft_id = $1 AND c.sender = $2 ORDER BY c.id DESC LIMIT 1`,
      [draftId, sender],
    );
    return row && comment(row);
  }

  async count(draftId: string): Promise<number> {
    return (await this.db.row<{ n: number }>('SELECT count(*) AS n FROM comments WHERE draft_id = $1', [
      draftId,
    ]))!.n;
  }

  async list(draftId: string, filter: CommentFilter = {}): Promise<CommentRecord[]> {
    const args: unknown[] = [draftId, filter.after ?? 0];
    const param = (value: unknown) => {
      args.push(value);
      return `$${args.length}`;
    };
    const where = ['c.draft_id = $1', 'c.id > $2'];
    if (filter.articleId !== undefined)
      where.push(`r.article_id IS NOT DISTINCT FROM ${param(filter.articleId)}::text`);
    if (filter.status !== undefined) where.push(`r.status = ${param(filter.status)}`);
    if (filter.kind !== undefined) {
      const kinds: readonly CommentKind[] = typeof filter.kind === 'string' ? [filter.kind] : filter.kind;
      where.push(`r.kind = ANY(${param(kinds)}::text[])`);
    }
    if (filter.tag !== undefined)
      where.push(
        `EXISTS (SELECT 1 FROM comment_tags t WHERE t.comment_id = r.id AND t.tag = ${param(filter.tag)})`,
      );
    const limit = param(filter.limit ?? 100);
    const rows = await this.db.rows<Row>(
      `${select} JOIN comments r ON r.id = coalesce(c.parent_id, c.id)
       WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ${limit}`,
      args,
    );
    return rows.map(comment);
  }

  update(id: number, change: CommentChange, editorId: number | null): Promise<CommentRecord | undefined> {
    return this.db.atomic(async (db) => {
      const comments = new PgComments(db);
      const before = await comments.get(id);
      if (!before) return undefined;
      const now = Date.now();
      if (change.body !== undefined && change.body !== before.body) {
        await db.exec(
          'INSERT INTO comment_edits (comment_id, body, editor_id, edited_at) VALUES ($1, $2, $3, $4)',
          [id, before.body, editorId, now],
        );
        await db.exec('UPDATE comments SET body = $1, updated_at = $2 WHERE id = $3', [change.body, now, id]);
      }
      if (change.status !== undefined && change.status !== before.status) {
        await db.exec('UPDATE comments SET status = $1, updated_at = $2 WHERE id = $3', [
          change.status,
          now,
          id,
        ]);
      }
      if (change.tags !== undefined && !sameTags(change.tags, before.tags)) {
        await db.exec('DELETE FROM comment_tags WHERE comment_id = $1', [id]);
        await addTags(db, id, change.tags);
        await db.exec('UPDATE comments SET updated_at = $1 WHERE id = $2', [now, id]);
      }
      return comments.get(id);
    });
  }

  async softDelete(id: number, now = Date.now()): Promise<boolean> {
    return (
      (await this.db.exec(
        'UPDATE comments SET deleted_at = $1, updated_at = $1 WHERE id = $2 AND deleted_at IS NULL',
        [now, id],
      )) > 0
    );
  }

  async history(id: number): Promise<CommentEdit[]> {
    const rows = await this.db.rows<{ body: string; editor: string | null; edited_at: number }>(
      `SELECT e.body, u.username AS editor, e.edited_at FROM comment_edits e
       LEFT JOIN users u ON u.id = e.editor_id WHERE e.comment_id = $1 ORDER BY e.id`,
      [id],
    );
    return rows.map((row) => ({ body: row.body, editor: row.editor, editedAt: row.edited_at }));
  }
}

async function addTags(db: PgDb, id: number, tags: readonly string[]): Promise<void> {
  await db.exec(
    'INSERT INTO comment_tags (comment_id, tag) SELECT $1, t FROM unnest($2::text[]) AS t ON CONFLICT DO NOTHING',
    [id, tags],
  );
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === b.length && b.every((tag) => set.has(tag));
}

interface SubmitterRow {
  id: number;
  draft_id: string;
  number: number;
  name: string;
  contact: string | null;
  organization: string | null;
  submitter_type: SubmitterType | null;
}

const submitter = (row: SubmitterRow): SubmitterRecord => ({
  id: row.id,
  draftId: row.draft_id,
  number: row.number,
  name: row.name,
  contact: row.contact,
  organization: row.organization,
  type: row.submitter_type,
});

/// A submitter identity (submitterIdentity) as PostgreSQL stores it: its text cannot hold the NUL that
/// separates name from contact, so backslashes are doubled and NUL becomes `\0` (one to one).
export function storedIdentity(identity: string | null): string | null {
  return identity === null ? null : identity.replaceAll('\\', '\\\\').replaceAll('\u0000', '\\0');
}

const submitterColumns = 'id, draft_id, number, name, contact, organization, submitter_type';

/// The `submitters` table. Resolving holds a per-draft advisory lock for the rest of its transaction,
/// so processes taking comments at once neither give two submitters one number nor make one twice.
export class PgSubmitters implements SubmitterStore {
  constructor(private readonly db: PgDb) {}

  resolve(draftId: string, details: SubmitterDetails, now = Date.now()): Promise<SubmitterRecord> {
    return this.db.atomic(async (db) => {
      const identity = storedIdentity(submitterIdentity(details.name, details.contact));
      const organization = details.organization?.trim() || null;
      const type = details.type ?? null;
      if (identity !== null) {
        const found = await db.row<SubmitterRow>(
          {
            name: 'lifa.submitter.byIdentity',
            text: `SELECT ${submitterColumns} FROM submitters WHERE draft_id = $1 AND identity = $2`,
          },
          [draftId, identity],
        );
        if (found) {
          if (
            (organization && organization !== found.organization) ||
            (type && type !== found.submitter_type)
          ) {
            const row = await db.row<SubmitterRow>(
              `UPDATE submitters SET organization = coalesce($1, organization),
                 submitter_type = coalesce($2, submitter_type) WHERE id = $3 RETURNING ${submitterColumns}`,
              [organization, type, found.id],
            );
            return submitter(row!);
          }
          return submitter(found);
        }
      }
      const row = await db.row<SubmitterRow>(
        {
          name: 'lifa.submitter.insert',
          text: `INSERT INTO submitters (draft_id, number, identity, name, contact, organization, submitter_type, created_at)
                 VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM submitters WHERE draft_id = $1), $2, $3, $4, $5, $6, $7)
                 RETURNING ${submitterColumns}`,
        },
        [draftId, identity, details.name.trim(), details.contact?.trim() || null, organization, type, now],
      );
      return submitter(row!);
    }, `submitters:${draftId}`);
  }

  async get(id: number): Promise<SubmitterRecord | undefined> {
    const row = await this.db.row<SubmitterRow>(`SELECT ${submitterColumns} FROM submitters WHERE id = $1`, [
      id,
    ]);
    return row && submitter(row);
  }
}

interface PeriodRow {
  draft_id: string;
  version_id: string;
  open: boolean;
  closes_at: number | null;
  opened_at: number;
  closed_at: number | null;
}

const period = (row: PeriodRow): CommentPeriod => ({
  draftId: row.draft_id,
  versionId: row.version_id,
  open: row.open,
  closesAt: row.closes_at,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
});

/// The `comment_periods` table.
export class PgCommentPeriods implements CommentPeriodStore {
  constructor(private readonly db: PgDb) {}

  async remove(draftId: string): Promise<boolean> {
    return (await this.db.exec('DELETE FROM comment_periods WHERE draft_id = $1', [draftId])) > 0;
  }

  async get(draftId: string): Promise<CommentPeriod | undefined> {
    const row = await this.db.row<PeriodRow>(
      {
        name: 'lifa.period.get',
        text: 'SELECT draft_id, version_id, open, closes_at, opened_at, closed_at FROM comment_periods WHERE draft_id = $1',
      },
      [draftId],
    );
    return row && period(row);
  }

  set(
    draftId: string,
    versionId: string,
    open: boolean,
    closesAt: number | null,
    now = Date.now(),
  ): Promise<CommentPeriod> {
    return this.db.atomic(async (db) => {
      const periods = new PgCommentPeriods(db);
      const before = await periods.get(draftId);
      const sameVersion = before?.versionId === versionId;
      const openedAt = open
        ? sameVersion && before.open
          ? before.openedAt
          : now
        : (before?.openedAt ?? now);
      const closedAt = open ? null : before && !before.open && sameVersion ? before.closedAt : now;
      await db.exec(
        `INSERT INTO comment_periods (draft_id, version_id, open, closes_at, opened_at, closed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (draft_id) DO UPDATE SET version_id = excluded.version_id, open = excluded.open,
           closes_at = excluded.closes_at, opened_at = excluded.opened_at, closed_at = excluded.closed_at,
           updated_at = excluded.updated_at`,
        [draftId, versionId, open, closesAt, openedAt, closedAt, now],
      );
      return (await periods.get(draftId))!;
    }, `comment-period:${draftId}`);
  }
}
