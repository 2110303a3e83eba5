/// Who sent a public or imported comment: name, contact, organisation and type — personal information
/// that only owners and clerks see (server/comments/privacy.ts decides) — and the number of the
/// pseudonym everyone else sees ("Commenter 12"), drawn from a per-draft sequence and stable for the
/// submitter.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import type { SubmitterType } from '../../core/index.ts';

export type { SubmitterType } from '../../core/index.ts';
export { submitterTypes, isSubmitterType } from '../../core/index.ts';

/// A submitter as stored.
export interface SubmitterRecord {
  readonly id: number;
  readonly draftId: string;
  /// The pseudonym number, 1, 2, 3… within the draft.
  readonly number: number;
  /// Empty for an anonymous submitter.
  readonly name: string;
  readonly contact: string | null;
  readonly organization: string | null;
  readonly type: SubmitterType | null;
}

/// What identifies a submitter: the name and contact as sent.
export interface SubmitterDetails {
  readonly name: string;
  readonly contact?: string | null;
  readonly organization?: string | null;
  readonly type?: SubmitterType | null;
}

interface Row {
  id: number;
  draft_id: string;
  number: number;
  name: string;
  contact: string | null;
  organization: string | null;
  submitter_type: SubmitterType | null;
}

const fromRow = (row: Row): SubmitterRecord => ({
  id: row.id,
  draftId: row.draft_id,
  number: row.number,
  name: row.name,
  contact: row.contact,
  organization: row.organization,
  type: row.submitter_type,
});

/// The key under which two submissions count as the same submitter: name and contact, trimmed, case
/// and width folded. Null (never merged with anyone) when there is no name.
export function submitterIdentity(name: string, contact: string | null | undefined): string | null {
  const fold = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  const who = fold(name);
  if (!who) return null;
  return `${who}\u0000${fold(contact ?? '')}`;
}

/// The `submitters` table.
export class SubmitterRepository {
  private readonly byIdentityStmt: Statement<[string, string], Row>;
  private readonly byIdStmt: Statement<[number], Row>;
  private readonly nextStmt: Statement<[string], { n: number }>;
  private readonly insertStmt: Statement<
    [string, number, string | null, string, string | null, string | null, string | null, number]
  >;
  private readonly refreshStmt: Statement<[string | null, string | null, number]>;

  constructor(db: Db) {
    const columns = 'id, draft_id, number, name, contact, organization, submitter_type';
    this.byIdentityStmt = db.prepare(`SELECT ${columns} FROM submitters WHERE draft_id = ? AND identity = ?`);
    this.byIdStmt = db.prepare(`SELECT ${columns} FROM submitters WHERE id = ?`);
    this.nextStmt = db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM submitters WHERE draft_id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO submitters (draft_id, number, identity, name, contact, organization, submitter_type, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.refreshStmt = db.prepare(
      `UPDATE submitters SET organization = coalesce(?, organization),
         submitter_type = coalesce(?, submitter_type) WHERE id = ?`,
    );
  }

  /// The submitter of draft `draftId` with these details: the one seen before under the same name and
  /// contact (its organisation and type updated when given), else a new one with the next pseudonym
  /// number. Call inside a transaction when several writers may race.
  resolve(draftId: string, details: SubmitterDetails, now = Date.now()): SubmitterRecord {
    const identity = submitterIdentity(details.name, details.contact);
    const organization = details.organization?.trim() || null;
    const type = details.type ?? null;
    if (identity !== null) {
      const found = this.byIdentityStmt.get(draftId, identity);
      if (found) {
        if (
          (organization && organization !== found.organization) ||
          (type && type !== found.submitter_type)
        ) {
          this.refreshStmt.run(organization, type, found.id);
          return fromRow(this.byIdStmt.get(found.id)!);
        }
        return fromRow(found);
      }
    }
    const number = this.nextStmt.get(draftId)!.n;
    const id = Number(
      this.insertStmt.run(
        draftId,
        number,
        identity,
        details.name.trim(),
        details.contact?.trim() || null,
        organization,
        type,
        now,
      ).lastInsertRowid,
    );
    return fromRow(this.byIdStmt.get(id)!);
  }

  /// The submitter with `id`, or undefined.
  get(id: number): SubmitterRecord | undefined {
    const row = this.byIdStmt.get(id);
    return row && fromRow(row);
  }
}
