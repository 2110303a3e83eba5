/// The clerk's dispositions — per comment, or per cluster for all its members — and the history of
/// every change to them: who decided what, when, and what it replaced. The rules of which disposition
/// is in force for a comment are core's (core/comments/disposition.ts).
import type { Statement } from 'better-sqlite3';
import type { Disposition, DispositionKind, DispositionTarget } from '../../core/index.ts';
import type { Db } from './database.ts';

/// What a disposition says, apart from its target and who made it.
export interface DispositionFields {
  readonly kind: DispositionKind;
  readonly reason: string;
  readonly templateId: string | null;
  readonly linkedArticleId: string | null;
  readonly linkedVersionId: string | null;
  /// The suggestion that carries the decision out, if any.
  readonly linkedSuggestionId?: string | null;
}

/// One change in the history of a target's disposition.
export interface DispositionChange {
  /// `set` by a clerk, `cleared` by a clerk (or when its cluster was gone), `carried` over from a
  /// cluster the comment left on re-clustering.
  readonly action: 'set' | 'cleared' | 'carried';
  readonly target: DispositionTarget;
  readonly targetId: string;
  /// What it was set to; null fields for `cleared`.
  readonly kind: DispositionKind | null;
  readonly reason: string | null;
  readonly templateId: string | null;
  readonly linkedArticleId: string | null;
  readonly linkedVersionId: string | null;
  readonly linkedSuggestionId: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: number;
}

interface Row {
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

const fromRow = (row: Row): Disposition => ({
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

type FieldArgs = [
  DispositionKind,
  string,
  string | null,
  string | null,
  string | null,
  number | null,
  number | null,
  number,
];

/// The `dispositions` and `disposition_history` tables.
export class DispositionRepository {
  private readonly db: Db;
  private readonly listStmt: Statement<[string], Row>;
  private readonly getCommentStmt: Statement<[string, number], Row>;
  private readonly getClusterStmt: Statement<[string, string], Row>;
  private readonly setCommentStmt: Statement<[string, number, ...FieldArgs]>;
  private readonly setClusterStmt: Statement<[string, string, ...FieldArgs]>;
  private readonly clearCommentStmt: Statement<[string, number]>;
  private readonly clearClusterStmt: Statement<[string, string]>;
  private readonly historyStmt: Statement<[string, number | null, string | null, string, ...FieldArgs]>;
  private readonly commentHistoryStmt: Statement<
    [string, number],
    Row & { action: DispositionChange['action'] }
  >;
  private readonly clusterHistoryStmt: Statement<
    [string, string],
    Row & { action: DispositionChange['action'] }
  >;

  constructor(db: Db) {
    this.db = db;
    const columns = `d.comment_id, d.cluster_id, d.kind, d.reason, d.template_id, d.linked_article_id,
      d.linked_version_id, d.linked_suggestion_id, u.username AS decided_by, d.decided_at`;
    this.listStmt = db.prepare(
      `SELECT ${columns} FROM dispositions d LEFT JOIN users u ON u.id = d.decided_by
       WHERE d.draft_id = ? ORDER BY d.id`,
    );
    this.getCommentStmt = db.prepare(
      `SELECT ${columns} FROM dispositions d LEFT JOIN users u ON u.id = d.decided_by
       WHERE d.draft_id = ? AND d.comment_id = ?`,
    );
    this.getClusterStmt = db.prepare(
      `SELECT ${columns} FROM dispositions d LEFT JOIN users u ON u.id = d.decided_by
       WHERE d.draft_id = ? AND d.cluster_id = ?`,
    );
    const fields =
      'kind, reason, template_id, linked_article_id, linked_version_id, linked_suggestion_id, decided_by, decided_at';
    const update = `kind = excluded.kind, reason = excluded.reason, template_id = excluded.template_id,
      linked_article_id = excluded.linked_article_id, linked_version_id = excluded.linked_version_id,
      linked_suggestion_id = excluded.linked_suggestion_id,
      decided_by = excluded.decided_by, decided_at = excluded.decided_at`;
    this.setCommentStmt = db.prepare(
      `INSERT INTO dispositions (draft_id, comment_id, ${fields}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (comment_id) WHERE comment_id IS NOT NULL DO UPDATE SET ${update}`,
    );
    this.setClusterStmt = db.prepare(
      `INSERT INTO dispositions (draft_id, cluster_id, ${fields}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (draft_id, cluster_id) WHERE cluster_id IS NOT NULL DO UPDATE SET ${update}`,
    );
    this.clearCommentStmt = db.prepare('DELETE FROM dispositions WHERE draft_id = ? AND comment_id = ?');
    this.clearClusterStmt = db.prepare('DELETE FROM dispositions WHERE draft_id = ? AND cluster_id = ?');
    this.historyStmt = db.prepare(
      `INSERT INTO disposition_history (draft_id, comment_id, cluster_id, action, ${fields})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const history = `SELECT h.action, h.comment_id, h.cluster_id, h.kind, h.reason, h.template_id,
        h.linked_article_id, h.linked_version_id, h.linked_suggestion_id, u.username AS decided_by, h.decided_at
      FROM disposition_history h LEFT JOIN users u ON u.id = h.decided_by`;
    this.commentHistoryStmt = db.prepare(
      `${history} WHERE h.draft_id = ? AND h.comment_id = ? ORDER BY h.id`,
    );
    this.clusterHistoryStmt = db.prepare(
      `${history} WHERE h.draft_id = ? AND h.cluster_id = ? ORDER BY h.id`,
    );
  }

  /// Every disposition of `draftId`, oldest first.
  list(draftId: string): Disposition[] {
    return this.listStmt.all(draftId).map(fromRow);
  }

  /// The disposition recorded against `target` `targetId` of `draftId`, or undefined.
  get(draftId: string, target: DispositionTarget, targetId: string): Disposition | undefined {
    const row =
      target === 'comment'
        ? this.getCommentStmt.get(draftId, Number(targetId))
        : this.getClusterStmt.get(draftId, targetId);
    return row && fromRow(row);
  }

  /// Record `fields` as the disposition of `target` `targetId`, replacing any, by user `userId`, and
  /// add the change to the history as `action`. Call inside a transaction to set many at once. Throws
  /// when the comment, template, version or user does not exist.
  set(
    draftId: string,
    target: DispositionTarget,
    targetId: string,
    fields: DispositionFields,
    userId: number | null,
    at = Date.now(),
    action: 'set' | 'carried' = 'set',
  ): void {
    const args: FieldArgs = [
      fields.kind,
      fields.reason,
      fields.templateId,
      fields.linkedArticleId,
      fields.linkedVersionId,
      fields.linkedSuggestionId ? Number(fields.linkedSuggestionId) : null,
      userId,
      at,
    ];
    if (target === 'comment') {
      const id = Number(targetId);
      this.setCommentStmt.run(draftId, id, ...args);
      this.historyStmt.run(draftId, id, null, action, ...args);
    } else {
      this.setClusterStmt.run(draftId, targetId, ...args);
      this.historyStmt.run(draftId, null, targetId, action, ...args);
    }
  }

  /// Remove the disposition of `target` `targetId`, recording who did it. Returns false (and records
  /// nothing) when there was none.
  clear(
    draftId: string,
    target: DispositionTarget,
    targetId: string,
    userId: number | null,
    at = Date.now(),
  ): boolean {
    const removed =
      target === 'comment'
        ? this.clearCommentStmt.run(draftId, Number(targetId)).changes
        : this.clearClusterStmt.run(draftId, targetId).changes;
    if (removed === 0) return false;
    this.historyStmt.run(
      draftId,
      target === 'comment' ? Number(targetId) : null,
      target === 'cluster' ? targetId : null,
      'cleared',
      // The kind column is not null in the arguments' type; history rows of `cleared` keep null.
      null as unknown as DispositionKind,
      null as unknown as string,
      null,
      null,
      null,
      null,
      userId,
      at,
    );
    return true;
  }

  /// The changes to the disposition of `target` `targetId`, oldest first.
  history(draftId: string, target: DispositionTarget, targetId: string): DispositionChange[] {
    const rows =
      target === 'comment'
        ? this.commentHistoryStmt.all(draftId, Number(targetId))
        : this.clusterHistoryStmt.all(draftId, targetId);
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

  /// Run `fn` in one transaction.
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
