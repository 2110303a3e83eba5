/// Attachments of comments on PostgreSQL (the counterpart of ../attachments.ts; the meaning of each
/// method is documented there), and the bytes of the files in a table (PgBlobStore), so that several
/// processes sharing one database, with no data folder in common, share the files too.
import type { AttachmentState } from '../../../core/index.ts';
import type { BlobStore } from '../../attachments/blob-store.ts';
import { isSha256, sha256Hex } from '../../attachments/blob-store.ts';
import { fileColumns, fileFromRow, linkFromRow, linkSelect } from '../attachments.ts';
import type {
  AttachmentCounts,
  AttachmentFile,
  AttachmentRecord,
  ExtractionResult,
  FileRow,
  LinkRow,
  NewAttachmentFile,
} from '../attachments.ts';
import type { AttachmentStore } from '../interface.ts';
import type { PgDb } from './db.ts';

// The clerk's comments: public and imported, first of their thread, not deleted.
const clerkComment = `c.parent_id IS NULL AND c.deleted_at IS NULL AND c.kind IN ('public', 'imported')`;

/// The `attachment_files` and `comment_attachments` tables.
export class PgAttachments implements AttachmentStore {
  constructor(private readonly db: PgDb) {}

  async addFile(file: NewAttachmentFile, now = Date.now()): Promise<AttachmentFile> {
    const state: AttachmentState = file.type === 'image' ? 'not-read' : 'pending';
    // A known file is "updated" to itself: that locks its row until the transaction ends, so a
    // release in another process cannot forget it between this and the link that uses it.
    const row = await this.db.row<FileRow>(
      `INSERT INTO attachment_files AS f (sha256, size, type, media_type, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO UPDATE SET sha256 = f.sha256
       RETURNING ${fileColumns}`,
      [file.sha256, file.size, file.type, file.mediaType, state, now],
    );
    return fileFromRow(row!);
  }

  async file(sha256: string): Promise<AttachmentFile | undefined> {
    const row = await this.db.row<FileRow>(
      `SELECT ${fileColumns} FROM attachment_files f WHERE f.sha256 = $1`,
      [sha256],
    );
    return row && fileFromRow(row);
  }

  link(
    commentId: number,
    draftId: string,
    files: readonly { sha256: string; fileName: string }[],
    now = Date.now(),
  ): Promise<number[]> {
    return this.db.atomic(async (db) => {
      // The comment's row is locked: two links to one comment at once number their files in turn.
      await db.exec('SELECT 1 FROM comments WHERE id = $1 FOR UPDATE', [commentId]);
      let position = (await db.row<{ next: number }>(
        'SELECT coalesce(max(position) + 1, 0) AS next FROM comment_attachments WHERE comment_id = $1',
        [commentId],
      ))!.next;
      const ids: number[] = [];
      for (const f of files) {
        const row = await db.row<{ id: number }>(
          `INSERT INTO comment_attachments (comment_id, draft_id, sha256, file_name, position, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [commentId, draftId, f.sha256, f.fileName, position++, now],
        );
        ids.push(row!.id);
      }
      return ids;
    });
  }

  async get(id: number): Promise<AttachmentRecord | undefined> {
    const row = await this.db.row<LinkRow>(`${linkSelect} WHERE a.id = $1`, [id]);
    return row && linkFromRow(row);
  }

  async ofComment(commentId: number): Promise<AttachmentRecord[]> {
    const rows = await this.db.rows<LinkRow>(`${linkSelect} WHERE a.comment_id = $1 ORDER BY a.position`, [
      commentId,
    ]);
    return rows.map(linkFromRow);
  }

  async ofComments(commentIds: readonly number[]): Promise<Map<number, AttachmentRecord[]>> {
    const out = new Map<number, AttachmentRecord[]>();
    if (commentIds.length === 0) return out;
    const rows = await this.db.rows<LinkRow>(
      `${linkSelect} WHERE a.comment_id = ANY($1::bigint[]) ORDER BY a.comment_id, a.position`,
      [commentIds],
    );
    for (const row of rows) {
      const record = linkFromRow(row);
      const list = out.get(record.commentId);
      if (list) list.push(record);
      else out.set(record.commentId, [record]);
    }
    return out;
  }

  async filesAfter(
    draftId: string,
    afterCommentId: number,
    limit: number,
  ): Promise<
    { commentId: number; files: { fileName: string; state: AttachmentState; reason: string | null }[] }[]
  > {
    const rows = await this.db.rows<{
      comment_id: number;
      file_name: string;
      state: AttachmentState;
      reason: string | null;
    }>(
      `SELECT a.comment_id, a.file_name, f.state, f.reason
       FROM comment_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
       WHERE a.draft_id = $1 AND a.comment_id IN (
         SELECT DISTINCT comment_id FROM comment_attachments WHERE draft_id = $1 AND comment_id > $2
         ORDER BY comment_id LIMIT $3)
       ORDER BY a.comment_id, a.position`,
      [draftId, afterCommentId, limit],
    );
    const out: {
      commentId: number;
      files: { fileName: string; state: AttachmentState; reason: string | null }[];
    }[] = [];
    for (const row of rows) {
      const file = { fileName: row.file_name, state: row.state, reason: row.reason };
      const last = out[out.length - 1];
      if (last?.commentId === row.comment_id) last.files.push(file);
      else out.push({ commentId: row.comment_id, files: [file] });
    }
    return out;
  }

  async pending(limit = 100): Promise<AttachmentFile[]> {
    const rows = await this.db.rows<FileRow>(
      `SELECT ${fileColumns} FROM attachment_files f WHERE f.state = 'pending' ORDER BY f.created_at, f.sha256 LIMIT $1`,
      [limit],
    );
    return rows.map(fileFromRow);
  }

  async setResult(sha256: string, result: ExtractionResult, now = Date.now()): Promise<void> {
    await this.db.exec(
      'UPDATE attachment_files SET state = $1, text = $2, reason = $3, pages = $4, extracted_at = $5 WHERE sha256 = $6',
      [result.state, result.text ?? null, result.reason ?? null, result.pages ?? null, now, sha256],
    );
  }

  release(commentId: number): Promise<string[]> {
    return this.db.atomic(async (db) => {
      // The files are locked first (in one order), so two releases of comments sharing a file, in
      // two processes, see each other's unlinking: the last one forgets the file.
      const shas = (
        await db.rows<{ sha256: string }>(
          `SELECT sha256 FROM attachment_files WHERE sha256 IN
             (SELECT sha256 FROM comment_attachments WHERE comment_id = $1)
           ORDER BY sha256 FOR UPDATE`,
          [commentId],
        )
      ).map((row) => row.sha256);
      await db.exec('DELETE FROM comment_attachments WHERE comment_id = $1', [commentId]);
      if (shas.length === 0) return [];
      const unused = await db.rows<{ sha256: string }>(
        `DELETE FROM attachment_files f WHERE f.sha256 = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM comment_attachments a WHERE a.sha256 = f.sha256)
         RETURNING f.sha256`,
        [shas],
      );
      return unused.map((row) => row.sha256).sort();
    });
  }

  async collectOrphans(): Promise<string[]> {
    const rows = await this.db.rows<{ sha256: string }>(
      `DELETE FROM attachment_files f
       WHERE NOT EXISTS (SELECT 1 FROM comment_attachments a WHERE a.sha256 = f.sha256)
       RETURNING f.sha256`,
    );
    return rows.map((row) => row.sha256);
  }

  async isUsed(sha256: string): Promise<boolean> {
    return !!(await this.db.row('SELECT 1 FROM comment_attachments WHERE sha256 = $1 LIMIT 1', [sha256]));
  }

  async setPublished(id: number, published: boolean): Promise<void> {
    await this.db.exec('UPDATE comment_attachments SET published = $1 WHERE id = $2', [published, id]);
  }

  async commentsOf(sha256: string): Promise<{ commentId: number; draftId: string }[]> {
    const rows = await this.db.rows<{ comment_id: number; draft_id: string }>(
      'SELECT DISTINCT comment_id, draft_id FROM comment_attachments WHERE sha256 = $1 ORDER BY comment_id',
      [sha256],
    );
    return rows.map((r) => ({ commentId: r.comment_id, draftId: r.draft_id }));
  }

  async counts(draftId: string): Promise<AttachmentCounts> {
    const rows = await this.db.rows<{ state: AttachmentState; n: number }>(
      `SELECT f.state, count(*) AS n FROM comment_attachments a
       JOIN attachment_files f ON f.sha256 = a.sha256 JOIN comments c ON c.id = a.comment_id
       WHERE a.draft_id = $1 AND ${clerkComment} GROUP BY f.state`,
      [draftId],
    );
    const by = new Map(rows.map((r) => [r.state, r.n]));
    const read = by.get('read') ?? 0;
    const unreadable = by.get('unreadable') ?? 0;
    const notRead = by.get('not-read') ?? 0;
    const pending = by.get('pending') ?? 0;
    return { total: read + unreadable + notRead + pending, read, unreadable, notRead, pending };
  }

  async summaries(
    draftId: string,
  ): Promise<Map<number, { count: number; unreadable: number; pending: number; text: string | null }>> {
    const rows = await this.db.rows<{
      comment_id: number;
      n: number;
      unreadable: number;
      pending: number;
      text: string | null;
    }>(
      `SELECT a.comment_id, count(*) AS n,
              count(*) FILTER (WHERE f.state = 'unreadable') AS unreadable,
              count(*) FILTER (WHERE f.state = 'pending') AS pending,
              (SELECT substr(f2.text, 1, 600) FROM comment_attachments a2
                 JOIN attachment_files f2 ON f2.sha256 = a2.sha256
                 WHERE a2.comment_id = a.comment_id AND f2.state = 'read' ORDER BY a2.position LIMIT 1) AS text
       FROM comment_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
       WHERE a.draft_id = $1 GROUP BY a.comment_id`,
      [draftId],
    );
    const out = new Map<
      number,
      { count: number; unreadable: number; pending: number; text: string | null }
    >();
    for (const r of rows) {
      out.set(r.comment_id, { count: r.n, unreadable: r.unreadable, pending: r.pending, text: r.text });
    }
    return out;
  }

  async published(draftId: string): Promise<AttachmentRecord[]> {
    const rows = await this.db.rows<LinkRow>(
      `${linkSelect} JOIN comments c ON c.id = a.comment_id
       WHERE a.draft_id = $1 AND a.published AND c.deleted_at IS NULL ORDER BY a.comment_id, a.position`,
      [draftId],
    );
    return rows.map(linkFromRow);
  }
}

function checkKey(sha256: string): void {
  if (!isSha256(sha256)) throw new RangeError(`Not a SHA-256 key: ${sha256.slice(0, 80)}`);
}

/// The bytes of attachments in the table `attachment_blobs`, one row per content keyed by its
/// SHA-256: what every process on one PostgreSQL reads and writes, in place of a data folder.
export class PgBlobStore implements BlobStore {
  constructor(private readonly db: PgDb) {}

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    await this.db.exec(
      `INSERT INTO attachment_blobs (sha256, size, bytes, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO NOTHING`,
      [sha256, bytes.length, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Date.now()],
    );
    return sha256;
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    checkKey(sha256);
    const row = await this.db.row<{ bytes: Buffer }>('SELECT bytes FROM attachment_blobs WHERE sha256 = $1', [
      sha256,
    ]);
    return row?.bytes;
  }

  async has(sha256: string): Promise<boolean> {
    checkKey(sha256);
    return !!(await this.db.row('SELECT 1 FROM attachment_blobs WHERE sha256 = $1', [sha256]));
  }

  async delete(sha256: string): Promise<boolean> {
    checkKey(sha256);
    return (await this.db.exec('DELETE FROM attachment_blobs WHERE sha256 = $1', [sha256])) > 0;
  }
}
