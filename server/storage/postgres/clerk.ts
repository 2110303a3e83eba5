/// The clerk's storage on PostgreSQL — clusters, dispositions, reason templates and the bulk reads of
/// a draft's comments (the counterparts of ../clusters.ts, ../dispositions.ts, ../reason-templates.ts
/// and ../clerk.ts; the meaning of each method is documented there).
import { decisionFromJSON } from '../../../core/index.ts';
import type {
  ClusterAssignment,
  ClusterDecision,
  Disposition,
  DispositionKind,
  DispositionTarget,
  ReasonTemplate,
} from '../../../core/index.ts';
import type { ClerkComment } from '../clerk.ts';
import type { ClusteringInfo, NewCluster, StoredCluster, StoredDecision } from '../clusters.ts';
import type { DispositionChange, DispositionFields } from '../dispositions.ts';
import type { ClerkCommentStore, ClusterStore, DispositionStore, ReasonTemplateStore } from '../interface.ts';
import type { TemplateFields } from '../reason-templates.ts';
import type { SubmitterType } from '../submitters.ts';
import type { PgDb } from './db.ts';

/// The `clusterings`, `clusters`, `cluster_members` and `cluster_decisions` tables.
export class PgClusters implements ClusterStore {
  constructor(private readonly db: PgDb) {}

  async info(draftId: string): Promise<ClusteringInfo | undefined> {
    const row = await this.db.row<{ clustered_at: number; comments: number; source: string }>(
      'SELECT clustered_at, comments, source FROM clusterings WHERE draft_id = $1',
      [draftId],
    );
    return row && { clusteredAt: row.clustered_at, comments: row.comments, source: row.source };
  }

  save(draftId: string, clusters: readonly NewCluster[], source: string, at = Date.now()): Promise<void> {
    return this.db.atomic(async (db) => {
      await db.exec('DELETE FROM cluster_members WHERE draft_id = $1', [draftId]);
      await db.exec('DELETE FROM clusters WHERE draft_id = $1', [draftId]);
      const members = clusters.flatMap((c) => c.members.map((m) => [m, c.id] as const));
      await db.exec(
        `INSERT INTO clusters (draft_id, id, kind, representative, size)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[])`,
        [
          draftId,
          clusters.map((c) => c.id),
          clusters.map((c) => c.kind),
          clusters.map((c) => c.representative),
          clusters.map((c) => c.members.length),
        ],
      );
      await db.exec(
        `INSERT INTO cluster_members (comment_id, draft_id, cluster_id)
         SELECT m, $1, c FROM unnest($2::bigint[], $3::text[]) AS u(m, c)`,
        [draftId, members.map((m) => m[0]), members.map((m) => m[1])],
      );
      await db.exec(
        `INSERT INTO clusterings (draft_id, clustered_at, comments, source) VALUES ($1, $2, $3, $4)
         ON CONFLICT (draft_id) DO UPDATE SET clustered_at = excluded.clustered_at,
           comments = excluded.comments, source = excluded.source`,
        [draftId, at, members.length, source],
      );
    });
  }

  async assignments(draftId: string): Promise<ClusterAssignment[]> {
    const rows = await this.db.rows<{ comment_id: number; cluster_id: string }>(
      'SELECT comment_id, cluster_id FROM cluster_members WHERE draft_id = $1 ORDER BY comment_id',
      [draftId],
    );
    return rows.map((row) => ({ commentId: String(row.comment_id), clusterId: row.cluster_id }));
  }

  list(draftId: string): Promise<StoredCluster[]> {
    return this.db.rows<StoredCluster>(
      'SELECT id, kind, representative, size FROM clusters WHERE draft_id = $1 ORDER BY size DESC, id COLLATE "C"',
      [draftId],
    );
  }

  get(draftId: string, id: string): Promise<StoredCluster | undefined> {
    return this.db.row<StoredCluster>(
      'SELECT id, kind, representative, size FROM clusters WHERE draft_id = $1 AND id = $2',
      [draftId, id],
    );
  }

  async members(draftId: string, id: string): Promise<number[]> {
    const rows = await this.db.rows<{ comment_id: number }>(
      'SELECT comment_id FROM cluster_members WHERE draft_id = $1 AND cluster_id = $2 ORDER BY comment_id',
      [draftId, id],
    );
    return rows.map((row) => row.comment_id);
  }

  async clusterOf(commentId: number): Promise<string | undefined> {
    return (
      await this.db.row<{ cluster_id: string }>(
        'SELECT cluster_id FROM cluster_members WHERE comment_id = $1',
        [commentId],
      )
    )?.cluster_id;
  }

  async addDecisions(
    draftId: string,
    decisions: readonly ClusterDecision[],
    userId: number | null,
    at = Date.now(),
  ): Promise<void> {
    await this.db.exec(
      `INSERT INTO cluster_decisions (draft_id, decision, decided_by, decided_at)
       SELECT $1, d, $3, $4 FROM unnest($2::text[]) WITH ORDINALITY AS u(d, n) ORDER BY n`,
      [draftId, decisions.map((d) => JSON.stringify(d)), userId, at],
    );
  }

  async decisions(draftId: string): Promise<StoredDecision[]> {
    const rows = await this.db.rows<{
      id: number;
      decision: string;
      decided_by: string | null;
      decided_at: number;
    }>(
      `SELECT d.id, d.decision, u.username AS decided_by, d.decided_at FROM cluster_decisions d
       LEFT JOIN users u ON u.id = d.decided_by WHERE d.draft_id = $1 ORDER BY d.id`,
      [draftId],
    );
    const out: StoredDecision[] = [];
    for (const row of rows) {
      try {
        out.push({
          id: row.id,
          decision: decisionFromJSON(JSON.parse(row.decision)),
          decidedBy: row.decided_by,
          decidedAt: row.decided_at,
        });
      } catch {
        // Not a decision: skipped, as on SQLite.
      }
    }
    return out;
  }
}

interface DispositionRow {
  comment_id: number | null;
  cluster_id: string | null;
  kind: DispositionKind;
  reason: string;
  template_id: string | null;
  linked_article_id: string | null;
  linked_version_id: string | null;
  linked_suggestion_id: number | null;
  decided_by: string | null;
  decided_at: number;
}

const disposition = (row: DispositionRow): Disposition => ({
  target: row.comment_id !== null ? 'comment' : 'cluster',
  targetId: row.comment_id !== null ? String(row.comment_id) : row.cluster_id!,
  kind: row.kind,
  reason: row.reason,
  templateId: row.template_id,
  linkedArticleId: row.linked_article_id,
  linkedVersionId: row.linked_version_id,
  linkedSuggestionId: row.linked_suggestion_id === null ? null : String(row.linked_suggestion_id),
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
});

const dispositionColumns = `d.comment_id, d.cluster_id, d.kind, d.reason, d.template_id, d.linked_article_id,
  d.linked_version_id, d.linked_suggestion_id, u.username AS decided_by, d.decided_at`;
const fields =
  'kind, reason, template_id, linked_article_id, linked_version_id, linked_suggestion_id, decided_by, decided_at';
const update = `kind = excluded.kind, reason = excluded.reason, template_id = excluded.template_id,
  linked_article_id = excluded.linked_article_id, linked_version_id = excluded.linked_version_id,
  linked_suggestion_id = excluded.linked_suggestion_id, decided_by = excluded.decided_by,
  decided_at = excluded.decided_at`;

/// The `dispositions` and `disposition_history` tables.
export class PgDispositions implements DispositionStore {
  constructor(private readonly db: PgDb) {}

  async list(draftId: string): Promise<Disposition[]> {
    const rows = await this.db.rows<DispositionRow>(
      `SELECT ${dispositionColumns} FROM dispositions d LEFT JOIN users u ON u.id = d.decided_by
       WHERE d.draft_id = $1 ORDER BY d.id`,
      [draftId],
    );
    return rows.map(disposition);
  }

  async get(draftId: string, target: DispositionTarget, targetId: string): Promise<Disposition | undefined> {
    const column = target === 'comment' ? 'comment_id' : 'cluster_id';
    const row = await this.db.row<DispositionRow>(
      `SELECT ${dispositionColumns} FROM dispositions d LEFT JOIN users u ON u.id = d.decided_by
       WHERE d.draft_id = $1 AND d.${column} = $2`,
      [draftId, target === 'comment' ? Number(targetId) : targetId],
    );
    return row && disposition(row);
  }

  set(
    draftId: string,
    target: DispositionTarget,
    targetId: string,
    values: DispositionFields,
    userId: number | null,
    at = Date.now(),
    action: 'set' | 'carried' = 'set',
  ): Promise<void> {
    const args = [
      values.kind,
      values.reason,
      values.templateId,
      values.linkedArticleId,
      values.linkedVersionId,
      values.linkedSuggestionId ? Number(values.linkedSuggestionId) : null,
      userId,
      at,
    ];
    const comment = target === 'comment' ? Number(targetId) : null;
    const cluster = target === 'cluster' ? targetId : null;
    return this.db.atomic(async (db) => {
      await db.exec(
        target === 'comment'
          ? `INSERT INTO dispositions (draft_id, comment_id, ${fields}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (comment_id) WHERE comment_id IS NOT NULL DO UPDATE SET ${update}`
          : `INSERT INTO dispositions (draft_id, cluster_id, ${fields}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (draft_id, cluster_id) WHERE cluster_id IS NOT NULL DO UPDATE SET ${update}`,
        [draftId, comment ?? cluster, ...args],
      );
      await db.exec(
        `INSERT INTO disposition_history (draft_id, comment_id, cluster_id, action, ${fields})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [draftId, comment, cluster, action, ...args],
      );
    });
  }

  clear(
    draftId: string,
    target: DispositionTarget,
    targetId: string,
    userId: number | null,
    at = Date.now(),
  ): Promise<boolean> {
    const comment = target === 'comment' ? Number(targetId) : null;
    const cluster = target === 'cluster' ? targetId : null;
    return this.db.atomic(async (db) => {
      const removed =
        target === 'comment'
          ? await db.exec('DELETE FROM dispositions WHERE draft_id = $1 AND comment_id = $2', [
              draftId,
              comment,
            ])
          : await db.exec('DELETE FROM dispositions WHERE draft_id = $1 AND cluster_id = $2', [
              draftId,
              cluster,
            ]);
      if (removed === 0) return false;
      await db.exec(
        `INSERT INTO disposition_history (draft_id, comment_id, cluster_id, action, decided_by, decided_at)
         VALUES ($1, $2, $3, 'cleared', $4, $5)`,
        [draftId, comment, cluster, userId, at],
      );
      return true;
    });
  }

  async history(draftId: string, target: DispositionTarget, targetId: string): Promise<DispositionChange[]> {
    const column = target === 'comment' ? 'comment_id' : 'cluster_id';
    const rows = await this.db.rows<DispositionRow & { action: DispositionChange['action'] }>(
      `SELECT h.action, h.comment_id, h.cluster_id, h.kind, h.reason, h.template_id, h.linked_article_id,
              h.linked_version_id, h.linked_suggestion_id, u.username AS decided_by, h.decided_at
       FROM disposition_history h LEFT JOIN users u ON u.id = h.decided_by
       WHERE h.draft_id = $1 AND h.${column} = $2 ORDER BY h.id`,
      [draftId, target === 'comment' ? Number(targetId) : targetId],
    );
    return rows.map((row) => ({
      action: row.action,
      target,
      targetId,
      kind: row.kind,
      reason: row.reason,
      templateId: row.template_id,
      linkedArticleId: row.linked_article_id,
      linkedVersionId: row.linked_version_id,
      linkedSuggestionId: row.linked_suggestion_id === null ? null : String(row.linked_suggestion_id),
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
    }));
  }
}

/// The `reason_templates` table.
export class PgReasonTemplates implements ReasonTemplateStore {
  constructor(private readonly db: PgDb) {}

  list(draftId: string): Promise<ReasonTemplate[]> {
    return this.db.rows<ReasonTemplate>(
      `SELECT id, label, text, kind FROM reason_templates WHERE draft_id = $1 AND deleted_at IS NULL
       ORDER BY label COLLATE "C", id COLLATE "C"`,
      [draftId],
    );
  }

  get(draftId: string, id: string): Promise<ReasonTemplate | undefined> {
    return this.db.row<ReasonTemplate>(
      'SELECT id, label, text, kind FROM reason_templates WHERE draft_id = $1 AND id = $2 AND deleted_at IS NULL',
      [draftId, id],
    );
  }

  async create(
    draftId: string,
    id: string,
    values: TemplateFields,
    now = Date.now(),
  ): Promise<ReasonTemplate> {
    return (await this.db.row<ReasonTemplate>(
      `INSERT INTO reason_templates (id, draft_id, label, text, kind, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id, label, text, kind`,
      [id, draftId, values.label, values.text, values.kind, now],
    ))!;
  }

  update(
    draftId: string,
    id: string,
    values: TemplateFields,
    now = Date.now(),
  ): Promise<ReasonTemplate | undefined> {
    return this.db.row<ReasonTemplate>(
      `UPDATE reason_templates SET label = $1, text = $2, kind = $3, updated_at = $4
       WHERE draft_id = $5 AND id = $6 AND deleted_at IS NULL RETURNING id, label, text, kind`,
      [values.label, values.text, values.kind, now, draftId, id],
    );
  }

  async delete(draftId: string, id: string, now = Date.now()): Promise<boolean> {
    return (
      (await this.db.exec(
        'UPDATE reason_templates SET deleted_at = $1 WHERE draft_id = $2 AND id = $3 AND deleted_at IS NULL',
        [now, draftId, id],
      )) > 0
    );
  }
}

interface ClerkRow {
  id: number;
  kind: 'public' | 'imported';
  article_id: string | null;
  version_id: string | null;
  status: 'open' | 'resolved';
  body: string;
  withdrawn: boolean;
  external_id: string | null;
  created_at: number;
  s_number: number | null;
  s_name: string | null;
  s_contact: string | null;
  s_organization: string | null;
  s_type: SubmitterType | null;
  cited_article_id: string | null;
}

const clerkWhere = `c.draft_id = $1 AND c.parent_id IS NULL AND c.deleted_at IS NULL AND c.kind IN ('public', 'imported')`;
const clerkColumns = (
  body: string,
) => `SELECT c.id, c.kind, c.article_id, c.version_id, c.status, ${body} AS body,
    c.withdrawn, c.external_id, c.created_at, s.number AS s_number, s.name AS s_name, s.contact AS s_contact,
    s.organization AS s_organization, s.submitter_type AS s_type, c.cited_article_id
  FROM comments c LEFT JOIN submitters s ON s.id = c.submitter_id`;

const clerkComment = (row: ClerkRow, tags: readonly string[]): ClerkComment => ({
  id: row.id,
  kind: row.kind,
  articleId: row.article_id,
  versionId: row.version_id,
  status: row.status,
  body: row.body,
  withdrawn: row.withdrawn,
  citedArticleId: row.cited_article_id,
  externalId: row.external_id,
  createdAt: row.created_at,
  submitterNumber: row.s_number,
  name: row.s_name,
  contact: row.s_contact,
  organization: row.s_organization,
  submitterType: row.s_type,
  tags,
});

// What a comment's attachments say: the texts of those read, in order, separated by blank lines.
const attached = `(SELECT string_agg(f.text, E'\\n\\n' ORDER BY a.position) FROM comment_attachments a
  JOIN attachment_files f ON f.sha256 = a.sha256 WHERE a.comment_id = c.id AND f.state = 'read')`;

// A comment's text followed by what its attachments say (a cover note and its files count as one).
const withAttached = (body: string, attachedText: string | null) =>
  attachedText === null ? body : `${body}\n\n${attachedText}`;

/// Bulk reads of a draft's comments for the clerk.
export class PgClerkComments implements ClerkCommentStore {
  constructor(private readonly db: PgDb) {}

  async all(draftId: string, textLimit = 2 ** 31 - 1): Promise<ClerkComment[]> {
    const [tagRows, rows] = await Promise.all([
      this.db.rows<{ comment_id: number; tag: string }>(
        `SELECT t.comment_id, t.tag FROM comment_tags t JOIN comments c ON c.id = t.comment_id
         WHERE ${clerkWhere} ORDER BY t.comment_id, t.tag COLLATE "C"`,
        [draftId],
      ),
      this.db.rows<ClerkRow>(`${clerkColumns('substr(c.body, 1, $2)')} WHERE ${clerkWhere} ORDER BY c.id`, [
        draftId,
        textLimit,
      ]),
    ]);
    const tags = new Map<number, string[]>();
    for (const { comment_id, tag } of tagRows) {
      const list = tags.get(comment_id);
      if (list) list.push(tag);
      else tags.set(comment_id, [tag]);
    }
    return rows.map((row) => clerkComment(row, tags.get(row.id) ?? []));
  }

  async get(draftId: string, id: number): Promise<ClerkComment | undefined> {
    const row = await this.db.row<ClerkRow>(`${clerkColumns('c.body')} WHERE ${clerkWhere} AND c.id = $2`, [
      draftId,
      id,
    ]);
    return row && clerkComment(row, []);
  }

  async textOf(id: number, textLimit = 2 ** 31 - 1): Promise<string | null> {
    const row = await this.db.row<{ body: string; attached: string | null }>(
      `SELECT c.body, ${attached} AS attached FROM comments c WHERE c.id = $1`,
      [id],
    );
    if (!row) return null;
    return withAttached(row.body, row.attached).slice(0, textLimit);
  }

  async ids(draftId: string): Promise<Set<number>> {
    const rows = await this.db.rows<{ id: number }>(`SELECT c.id FROM comments c WHERE ${clerkWhere}`, [
      draftId,
    ]);
    return new Set(rows.map((row) => row.id));
  }

  async texts(draftId: string): Promise<{ id: string; text: string; withdrawn: boolean }[]> {
    const rows = await this.db.rows<{
      id: number;
      body: string;
      withdrawn: boolean;
      attached: string | null;
    }>(
      `SELECT c.id, c.body, c.withdrawn, ${attached} AS attached FROM comments c WHERE ${clerkWhere} ORDER BY c.id`,
      [draftId],
    );
    return rows.map((row) => ({
      id: String(row.id),
      text: withAttached(row.body, row.attached),
      withdrawn: row.withdrawn,
    }));
  }

  async source(draftId: string): Promise<string> {
    const [row, files] = await Promise.all([
      this.db.row<{ n: number; last: number; withdrawn: number }>(
        `SELECT count(*) AS n, coalesce(max(c.id), 0) AS last, count(*) FILTER (WHERE c.withdrawn) AS withdrawn
         FROM comments c WHERE ${clerkWhere}`,
        [draftId],
      ),
      this.db.row<{ n: number; last: number }>(
        `SELECT count(*) AS n, coalesce(max(f.extracted_at), 0) AS last FROM comment_attachments a
         JOIN attachment_files f ON f.sha256 = a.sha256 WHERE a.draft_id = $1 AND f.state <> 'pending'`,
        [draftId],
      ),
    ]);
    const base = `${row!.n}:${row!.last}:${row!.withdrawn}`;
    return files!.n === 0 ? base : `${base}:${files!.n}:${files!.last}`;
  }

  async textsAfter(
    draftId: string,
    afterId: number,
    limit: number,
  ): Promise<Array<{ id: number; body: string }>> {
    const rows = await this.db.rows<{ id: number; body: string; attached: string | null }>(
      `SELECT c.id, c.body, ${attached} AS attached FROM comments c WHERE ${clerkWhere} AND c.id > $2
       ORDER BY c.id LIMIT $3`,
      [draftId, afterId, limit],
    );
    return rows.map((row) => ({ id: row.id, body: withAttached(row.body, row.attached) }));
  }

  async search(draftId: string, query: string): Promise<number[]> {
    const rows = await this.db.rows<{ id: number }>(
      `SELECT c.id FROM comments c WHERE ${clerkWhere} AND (strpos(lower(c.body), lower($2)) > 0 OR EXISTS (
         SELECT 1 FROM comment_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
         WHERE a.comment_id = c.id AND f.state = 'read' AND strpos(lower(f.text), lower($2)) > 0))
       ORDER BY c.id`,
      [draftId, query],
    );
    return rows.map((row) => row.id);
  }

  async mainVersion(draftId: string): Promise<string | null | undefined> {
    const top = await this.db.row<{ version_id: string | null }>(
      `SELECT c.version_id, count(*) AS n FROM comments c WHERE ${clerkWhere}
       GROUP BY c.version_id ORDER BY n DESC, c.version_id COLLATE "C" NULLS FIRST LIMIT 1`,
      [draftId],
    );
    return top ? top.version_id : undefined;
  }
}
