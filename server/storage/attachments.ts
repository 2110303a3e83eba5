/// Attachments of comments: one row per stored file (`attachment_files`, keyed by the SHA-256 of its
/// bytes, with what extraction made of it) and one per use of a file by a comment
/// (`comment_attachments`: the name it was sent under, its place among the comment's files, whether
/// the clerk published it). The bytes themselves are in a BlobStore (server/attachments/blob-store.ts).
import type { Statement } from 'better-sqlite3';
import type { AttachmentState, AttachmentType } from '../../core/index.ts';
import type { Db } from './database.ts';

/// A stored file and what extraction made of it.
export interface AttachmentFile {
  readonly sha256: string;
  readonly size: number;
  readonly type: AttachmentType;
  /// The media type its content says it is (`application/pdf`, `image/png` …).
  readonly mediaType: string;
  readonly state: AttachmentState;
  /// Why it could not be read (state `unreadable`), or null.
  readonly reason: string | null;
  /// The text extracted (state `read`), or null.
  readonly text: string | null;
  /// Pages of a PDF, or null.
  readonly pages: number | null;
  readonly createdAt: number;
  readonly extractedAt: number | null;
}

/// One file attached to one comment.
export interface AttachmentRecord extends AttachmentFile {
  readonly id: number;
  readonly commentId: number;
  readonly draftId: string;
  readonly fileName: string;
  /// 0-based place among the comment's attachments.
  readonly position: number;
  readonly published: boolean;
  readonly linkedAt: number;
}

/// A file to record (its bytes are already in the blob store).
export interface NewAttachmentFile {
  readonly sha256: string;
  readonly size: number;
  readonly type: AttachmentType;
  readonly mediaType: string;
}

/// What extraction made of a file.
export interface ExtractionResult {
  readonly state: 'read' | 'unreadable' | 'not-read';
  readonly text?: string | null;
  readonly reason?: string | null;
  readonly pages?: number | null;
}

/// How many attachments of a draft's clerk comments are in each state.
export interface AttachmentCounts {
  readonly total: number;
  readonly read: number;
  readonly unreadable: number;
  readonly notRead: number;
  readonly pending: number;
}

/// A row of attachment_files, as both engines return it.
export interface FileRow {
  sha256: string;
  size: number;
  type: AttachmentType;
  media_type: string;
  state: AttachmentState;
  reason: string | null;
  text: string | null;
  pages: number | null;
  created_at: number;
  extracted_at: number | null;
}

/// A comment_attachments row joined with its file (linkSelect).
export interface LinkRow extends FileRow {
  id: number;
  comment_id: number;
  draft_id: string;
  file_name: string;
  position: number;
  /// 0/1 on SQLite, a boolean on PostgreSQL.
  published: number | boolean;
  linked_at: number;
}

/// The file columns of linkSelect (`f` is attachment_files).
export const fileColumns = `f.sha256, f.size, f.type, f.media_type, f.state, f.reason, f.text, f.pages, f.created_at,
  f.extracted_at`;
/// The select of a link with its file, the same on both engines.
export const linkSelect = `SELECT a.id, a.comment_id, a.draft_id, a.file_name, a.position, a.published,
  a.created_at AS linked_at, ${fileColumns}
  FROM comment_attachments a JOIN attachment_files f ON f.sha256 = a.sha256`;

/// The file a row describes.
export const fileFromRow = (row: FileRow): AttachmentFile => ({
  sha256: row.sha256,
  size: row.size,
  type: row.type,
  mediaType: row.media_type,
  state: row.state,
  reason: row.reason,
  text: row.text,
  pages: row.pages,
  createdAt: row.created_at,
  extractedAt: row.extracted_at,
});

/// The link a row describes.
export const linkFromRow = (row: LinkRow): AttachmentRecord => ({
  ...fileFromRow(row),
  id: row.id,
  commentId: row.comment_id,
  draftId: row.draft_id,
  fileName: row.file_name,
  position: row.position,
  published: row.published === 1 || row.published === true,
  linkedAt: row.linked_at,
});

// The clerk's comments (as in storage/clerk.ts): public and imported, first of their thread, not deleted.
const clerkComment = `c.parent_id IS NULL AND c.deleted_at IS NULL AND c.kind IN ('public', 'imported')`;

/// The `attachment_files` and `comment_attachments` tables.
export class AttachmentRepository {
  private readonly db: Db;
  private readonly addFileStmt: Statement<[string, number, string, string, string, number]>;
  private readonly fileStmt: Statement<[string], FileRow>;
  private readonly linkStmt: Statement<[number, string, string, string, number, number]>;
  private readonly positionStmt: Statement<[number], { next: number }>;
  private readonly getStmt: Statement<[number], LinkRow>;
  private readonly ofCommentStmt: Statement<[number], LinkRow>;
  private readonly ofCommentsStmt: Statement<[string], LinkRow>;
  private readonly filesAfterStmt: Statement<
    [string, string, number, number],
    { comment_id: number; file_name: string; state: AttachmentState; reason: string | null }
  >;
  private readonly pendingStmt: Statement<[number], FileRow>;
  private readonly resultStmt: Statement<
    [string, string | null, string | null, number | null, number, string]
  >;
  private readonly unlinkStmt: Statement<[number]>;
  private readonly shasOfCommentStmt: Statement<[number], string>;
  private readonly usesStmt: Statement<[string], { n: number }>;
  private readonly deleteFileStmt: Statement<[string]>;
  private readonly orphansStmt: Statement<[], string>;
  private readonly publishStmt: Statement<[number, number]>;
  private readonly commentsOfFileStmt: Statement<[string], { comment_id: number; draft_id: string }>;
  private readonly countsStmt: Statement<[string], { state: AttachmentState; n: number }>;
  private readonly summariesStmt: Statement<
    [string],
    { comment_id: number; n: number; unreadable: number; pending: number; text: string | null }
  >;
  private readonly publishedStmt: Statement<[string], LinkRow>;

  constructor(db: Db) {
    this.db = db;
    this.addFileStmt = db.prepare(
      `INSERT INTO attachment_files (sha256, size, type, media_type, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
    );
    this.fileStmt = db.prepare(`SELECT ${fileColumns} FROM attachment_files f WHERE f.sha256 = ?`);
    this.linkStmt = db.prepare(
      `INSERT INTO comment_attachments (comment_id, draft_id, sha256, file_name, position, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.positionStmt = db.prepare(
      'SELECT coalesce(max(position) + 1, 0) AS next FROM comment_attachments WHERE comment_id = ?',
    );
    this.getStmt = db.prepare(`${linkSelect} WHERE a.id = ?`);
    this.ofCommentStmt = db.prepare(`${linkSelect} WHERE a.comment_id = ? ORDER BY a.position`);
    this.ofCommentsStmt = db.prepare(
      `${linkSelect} WHERE a.comment_id IN (SELECT value FROM json_each(?)) ORDER BY a.comment_id, a.position`,
    );
    this.filesAfterStmt = db.prepare(
      `SELECT a.comment_id, a.file_name, f.state, f.reason
       FROM comment_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
       WHERE a.draft_id = ? AND a.comment_id IN (
         SELECT DISTINCT comment_id FROM comment_attachments WHERE draft_id = ? AND comment_id > ?
         ORDER BY comment_id LIMIT ?)
       ORDER BY a.comment_id, a.position`,
    );
    this.pendingStmt = db.prepare(
      `SELECT ${fileColumns} FROM attachment_files f WHERE f.state = 'pending' ORDER BY f.created_at LIMIT ?`,
    );
    this.resultStmt = db.prepare(
      `UPDATE attachment_files SET state = ?, text = ?, reason = ?, pages = ?, extracted_at = ? WHERE sha256 = ?`,
    );
    this.unlinkStmt = db.prepare('DELETE FROM comment_attachments WHERE comment_id = ?');
    this.shasOfCommentStmt = db
      .prepare<[number], string>('SELECT DISTINCT sha256 FROM comment_attachments WHERE comment_id = ?')
      .pluck(true);
    this.usesStmt = db.prepare('SELECT count(*) AS n FROM comment_attachments WHERE sha256 = ?');
    this.deleteFileStmt = db.prepare('DELETE FROM attachment_files WHERE sha256 = ?');
    this.orphansStmt = db
      .prepare<[], string>(
        `SELECT f.sha256 FROM attachment_files f
         WHERE NOT EXISTS (SELECT 1 FROM comment_attachments a WHERE a.sha256 = f.sha256)`,
      )
      .pluck(true);
    this.publishStmt = db.prepare('UPDATE comment_attachments SET published = ? WHERE id = ?');
    this.commentsOfFileStmt = db.prepare(
      'SELECT DISTINCT comment_id, draft_id FROM comment_attachments WHERE sha256 = ?',
    );
    this.countsStmt = db.prepare(
      `SELECT f.state, count(*) AS n FROM comment_attachments a
       JOIN attachment_files f ON f.sha256 = a.sha256 JOIN comments c ON c.id = a.comment_id
       WHERE a.draft_id = ? AND ${clerkComment} GROUP BY f.state`,
    );
    this.summariesStmt = db.prepare(
      `SELECT a.comment_id, count(*) AS n,
              sum(f.state = 'unreadable') AS unreadable, sum(f.state = 'pending') AS pending,
              (SELECT substr(f2.text, 1, 600) FROM comment_attachments a2
                 JOIN attachment_files f2 ON f2.sha256 = a2.sha256
                 WHERE a2.comment_id = a.comment_id AND f2.state = 'read' ORDER BY a2.position LIMIT 1) AS text
       FROM comment_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
       WHERE a.draft_id = ? GROUP BY a.comment_id`,
    );
    this.publishedStmt = db.prepare(
      `${linkSelect} JOIN comments c ON c.id = a.comment_id
       WHERE a.draft_id = ? AND a.published = 1 AND c.deleted_at IS NULL ORDER BY a.comment_id, a.position`,
    );
  }

  /// Record a file (nothing happens when it is known). A type that is not read (images) starts as
  /// `not-read`, any other as `pending`. Returns the file as stored.
  addFile(file: NewAttachmentFile, now = Date.now()): AttachmentFile {
    const state: AttachmentState = file.type === 'image' ? 'not-read' : 'pending';
    this.addFileStmt.run(file.sha256, file.size, file.type, file.mediaType, state, now);
    return this.file(file.sha256)!;
  }

  /// The file stored under `sha256`, or undefined.
  file(sha256: string): AttachmentFile | undefined {
    const row = this.fileStmt.get(sha256);
    return row && fileFromRow(row);
  }

  /// Attach the recorded files `files` to comment `commentId` of `draftId`, after any it has.
  /// Returns the new attachment ids. Throws when a file is not recorded or the comment is unknown.
  link(
    commentId: number,
    draftId: string,
    files: readonly { sha256: string; fileName: string }[],
    now = Date.now(),
  ): number[] {
    return this.db.transaction(() => {
      let position = this.positionStmt.get(commentId)!.next;
      return files.map((f) =>
        Number(this.linkStmt.run(commentId, draftId, f.sha256, f.fileName, position++, now).lastInsertRowid),
      );
    })();
  }

  /// Attachment `id`, or undefined.
  get(id: number): AttachmentRecord | undefined {
    const row = this.getStmt.get(id);
    return row && linkFromRow(row);
  }

  /// The attachments of comment `commentId`, in order.
  ofComment(commentId: number): AttachmentRecord[] {
    return this.ofCommentStmt.all(commentId).map(linkFromRow);
  }

  /// The attachments of each of `commentIds` that has any, in order: one query for a page of comments.
  ofComments(commentIds: readonly number[]): Map<number, AttachmentRecord[]> {
    const out = new Map<number, AttachmentRecord[]>();
    if (commentIds.length === 0) return out;
    for (const row of this.ofCommentsStmt.all(JSON.stringify(commentIds))) {
      const record = linkFromRow(row);
      const list = out.get(record.commentId);
      if (list) list.push(record);
      else out.set(record.commentId, [record]);
    }
    return out;
  }

  /// The names and reading states of the files of the next `limit` comments of `draftId` with files,
  /// numbered above `afterCommentId`: by comment number, each comment's files in order. For writing
  /// the register a page at a time.
  filesAfter(
    draftId: string,
    afterCommentId: number,
    limit: number,
  ): { commentId: number; files: { fileName: string; state: AttachmentState; reason: string | null }[] }[] {
    const out: ReturnType<AttachmentRepository['filesAfter']> = [];
    for (const row of this.filesAfterStmt.all(draftId, draftId, afterCommentId, limit)) {
      const file = { fileName: row.file_name, state: row.state, reason: row.reason };
      const last = out[out.length - 1];
      if (last?.commentId === row.comment_id) last.files.push(file);
      else out.push({ commentId: row.comment_id, files: [file] });
    }
    return out;
  }

  /// Up to `limit` files waiting for extraction, oldest first.
  pending(limit = 100): AttachmentFile[] {
    return this.pendingStmt.all(limit).map(fileFromRow);
  }

  /// Store what extraction made of file `sha256`.
  setResult(sha256: string, result: ExtractionResult, now = Date.now()): void {
    this.resultStmt.run(
      result.state,
      result.text ?? null,
      result.reason ?? null,
      result.pages ?? null,
      now,
      sha256,
    );
  }

  /// Detach every file from comment `commentId` and forget the files no other comment uses. Returns
  /// the SHA-256 of the files forgotten: the caller removes their bytes from the blob store.
  release(commentId: number): string[] {
    return this.db.transaction(() => {
      const shas = this.shasOfCommentStmt.all(commentId);
      this.unlinkStmt.run(commentId);
      const unused = shas.filter((sha) => this.usesStmt.get(sha)!.n === 0);
      for (const sha of unused) this.deleteFileStmt.run(sha);
      return unused;
    })();
  }

  /// Forget every file no comment uses (left by a draft removed from the database, or a crash
  /// between the two steps of a release). Returns their SHA-256.
  collectOrphans(): string[] {
    return this.db.transaction(() => {
      const orphans = this.orphansStmt.all();
      for (const sha of orphans) this.deleteFileStmt.run(sha);
      return orphans;
    })();
  }

  /// Whether any comment uses file `sha256`.
  isUsed(sha256: string): boolean {
    return this.usesStmt.get(sha256)!.n > 0;
  }

  /// Publish attachment `id` on the public page, or withdraw it.
  setPublished(id: number, published: boolean): void {
    this.publishStmt.run(published ? 1 : 0, id);
  }

  /// The comments (with their drafts) that use file `sha256`.
  commentsOf(sha256: string): { commentId: number; draftId: string }[] {
    return this.commentsOfFileStmt.all(sha256).map((r) => ({ commentId: r.comment_id, draftId: r.draft_id }));
  }

  /// How many attachments of the clerk comments of `draftId` are in each state.
  counts(draftId: string): AttachmentCounts {
    const by = new Map(this.countsStmt.all(draftId).map((r) => [r.state, r.n]));
    const read = by.get('read') ?? 0;
    const unreadable = by.get('unreadable') ?? 0;
    const notRead = by.get('not-read') ?? 0;
    const pending = by.get('pending') ?? 0;
    return { total: read + unreadable + notRead + pending, read, unreadable, notRead, pending };
  }

  /// Per comment of `draftId` with attachments: how many, how many are unreadable or waiting, and
  /// the first 600 characters of the first one read (null when none is).
  summaries(
    draftId: string,
  ): Map<number, { count: number; unreadable: number; pending: number; text: string | null }> {
    const out = new Map<
      number,
      { count: number; unreadable: number; pending: number; text: string | null }
    >();
    for (const r of this.summariesStmt.all(draftId)) {
      out.set(r.comment_id, { count: r.n, unreadable: r.unreadable, pending: r.pending, text: r.text });
    }
    return out;
  }

  /// The attachments of `draftId` the clerk published, of comments not deleted.
  published(draftId: string): AttachmentRecord[] {
    return this.publishedStmt.all(draftId).map(linkFromRow);
  }
}
