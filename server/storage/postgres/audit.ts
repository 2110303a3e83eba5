/// The audit log on PostgreSQL (the counterpart of ../audit.ts; the meaning of each method is
/// documented there).
import type { AuditEntry, AuditFilter, NamedAuditEntry } from '../audit.ts';
import type { AuditStore } from '../interface.ts';
import type { PgDb } from './db.ts';

interface Row {
  at: number;
  user_id: number | null;
  draft_id: string | null;
  action: string;
  detail: string | null;
}

const entry = (row: Row): AuditEntry => ({
  at: row.at,
  userId: row.user_id,
  draftId: row.draft_id,
  action: row.action,
  detail: row.detail === null ? null : JSON.parse(row.detail),
});

/// The `audit` table.
export class PgAudit implements AuditStore {
  constructor(private readonly db: PgDb) {}

  async record(
    action: string,
    userId: number | null,
    draftId: string | null = null,
    detail?: unknown,
  ): Promise<void> {
    await this.db.exec(
      {
        name: 'lifa.audit.record',
        text: 'INSERT INTO audit (at, user_id, draft_id, action, detail) VALUES ($1, $2, $3, $4, $5)',
      },
      [Date.now(), userId, draftId, action, detail === undefined ? null : JSON.stringify(detail)],
    );
  }

  async forDraft(draftId: string, limit = 100): Promise<AuditEntry[]> {
    const rows = await this.db.rows<Row>(
      'SELECT at, user_id, draft_id, action, detail FROM audit WHERE draft_id = $1 ORDER BY id DESC LIMIT $2',
      [draftId, limit],
    );
    return rows.map(entry);
  }

  async timeline(draftId: string, filter: AuditFilter): Promise<NamedAuditEntry[]> {
    const params: unknown[] = [draftId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // The part of the action before its first dot ('' when it has none), as the SQLite log compares.
    const prefix = "CASE WHEN strpos(a.action, '.') > 0 THEN split_part(a.action, '.', 1) ELSE '' END";
    const kinds = [
      ...filter.prefixes.map((p) => `${prefix} = ${param(p)}`),
      ...filter.actions.map((a) => `a.action = ${param(a)}`),
    ];
    if (kinds.length === 0) return [];
    const where = ['a.draft_id = $1', `(${kinds.join(' OR ')})`];
    if (filter.from !== undefined) where.push(`a.at >= ${param(filter.from)}`);
    if (filter.to !== undefined) where.push(`a.at <= ${param(filter.to)}`);
    if (filter.userId !== undefined) where.push(`a.user_id = ${param(filter.userId)}`);
    const rows = await this.db.rows<Row & { username: string | null }>(
      `SELECT a.at, a.user_id, a.draft_id, a.action, a.detail, u.username
       FROM audit a LEFT JOIN users u ON u.id = a.user_id
       WHERE ${where.join(' AND ')} ORDER BY a.at, a.id`,
      params,
    );
    return rows.map((row) => ({ ...entry(row), username: row.username }));
  }
}
