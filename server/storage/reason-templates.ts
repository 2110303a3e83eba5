/// Reusable reasons for dispositions, per draft: a short label for the clerk's list, the text the
/// report prints, and optionally the disposition kind it usually goes with. Deleting a template keeps
/// the dispositions written from it (they hold their own copy of the text).
import type { Statement } from 'better-sqlite3';
import type { DispositionKind, ReasonTemplate } from '../../core/index.ts';
import type { Db } from './database.ts';

/// What a template is made of.
export interface TemplateFields {
  readonly label: string;
  readonly text: string;
  readonly kind: DispositionKind | null;
}

interface Row {
  id: string;
  label: string;
  text: string;
  kind: DispositionKind | null;
}

/// The `reason_templates` table.
export class ReasonTemplateRepository {
  private readonly listStmt: Statement<[string], Row>;
  private readonly getStmt: Statement<[string, string], Row>;
  private readonly insertStmt: Statement<[string, string, string, string, string | null, number, number]>;
  private readonly updateStmt: Statement<[string, string, string | null, number, string, string]>;
  private readonly deleteStmt: Statement<[number, string, string]>;

  constructor(db: Db) {
    this.listStmt = db.prepare(
      'SELECT id, label, text, kind FROM reason_templates WHERE draft_id = ? AND deleted_at IS NULL ORDER BY label, id',
    );
    this.getStmt = db.prepare(
      'SELECT id, label, text, kind FROM reason_templates WHERE draft_id = ? AND id = ? AND deleted_at IS NULL',
    );
    this.insertStmt = db.prepare(
      `INSERT INTO reason_templates (id, draft_id, label, text, kind, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE reason_templates SET label = ?, text = ?, kind = ?, updated_at = ?
       WHERE draft_id = ? AND id = ? AND deleted_at IS NULL`,
    );
    this.deleteStmt = db.prepare(
      'UPDATE reason_templates SET deleted_at = ? WHERE draft_id = ? AND id = ? AND deleted_at IS NULL',
    );
  }

  /// The templates of `draftId`, by label.
  list(draftId: string): ReasonTemplate[] {
    return this.listStmt.all(draftId);
  }

  /// Template `id` of `draftId`, or undefined (also when deleted).
  get(draftId: string, id: string): ReasonTemplate | undefined {
    return this.getStmt.get(draftId, id);
  }

  /// Store a new template with id `id`. Throws when the id is taken or the draft unknown.
  create(draftId: string, id: string, fields: TemplateFields, now = Date.now()): ReasonTemplate {
    this.insertStmt.run(id, draftId, fields.label, fields.text, fields.kind, now, now);
    return this.get(draftId, id)!;
  }

  /// Replace template `id`'s fields. Returns it, or undefined when there is no such template.
  update(draftId: string, id: string, fields: TemplateFields, now = Date.now()): ReasonTemplate | undefined {
    if (this.updateStmt.run(fields.label, fields.text, fields.kind, now, draftId, id).changes === 0)
      return undefined;
    return this.get(draftId, id);
  }

  /// Delete template `id`. Returns false when there is no such template.
  delete(draftId: string, id: string, now = Date.now()): boolean {
    return this.deleteStmt.run(now, draftId, id).changes > 0;
  }
}
