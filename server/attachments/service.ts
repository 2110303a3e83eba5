/// Attachments end to end on the server: files received with a comment are kept in the blob store
/// and recorded, then read in the background by the extraction pool — never on the request path —
/// and what they say joins the comment's text: the article it cites is worked out again, and the
/// clerk's clustering knows it is out of date. A comment deleted lets go of its files; a file no
/// comment uses any more is removed.
import type { Logger } from 'pino';
import { buildOutline, citedArticleNumber, combinedText } from '../../core/index.ts';
import type { OutlineArticle } from '../../core/index.ts';
import { versionOutline } from '../comments/articles.ts';
import { docFromState } from '../document.ts';
import type { AttachmentFile } from '../storage/attachments.ts';
import type { Storage } from '../storage/interface.ts';
import { storedState } from '../sync/persistence.ts';
import type { BlobStore } from './blob-store.ts';
import type { DetectedType } from './detect.ts';
import { ExtractionPool } from './extraction-pool.ts';
import type { ExtractionPoolOptions } from './extraction-pool.ts';

/// A file received with a comment, its type already told by its content (detect.ts).
export interface IncomingFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly detected: DetectedType;
}

/// A file whose bytes are in the blob store, not yet recorded.
export interface StagedFile {
  readonly sha256: string;
  readonly fileName: string;
  readonly size: number;
  readonly type: DetectedType['type'];
  readonly mediaType: string;
}

/// Options of the service.
export interface AttachmentServiceOptions {
  /// The extraction pool's options (workers, time and memory limits).
  readonly extraction?: ExtractionPoolOptions;
  /// Called after files were read, with the comments whose text changed.
  readonly onExtracted?: (comments: readonly { commentId: number; draftId: string }[]) => void;
}

/// Longest file name kept, in characters (the rest of a longer name is cut, keeping the extension).
export const maxFileNameLength = 200;

/// `name` made safe to keep and show: no folders, no control characters, at most maxFileNameLength
/// characters; `attachment` when nothing is left.
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  let clean = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (clean.length > maxFileNameLength) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = clean.slice(0, maxFileNameLength - ext.length) + ext;
  }
  return clean || 'attachment';
}

/// The attachments of one server (or one CLI run).
export class AttachmentService {
  readonly pool: ExtractionPool;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    readonly storage: Storage,
    readonly blobs: BlobStore,
    private readonly logger: Logger | null = null,
    private readonly options: AttachmentServiceOptions = {},
  ) {
    this.pool = new ExtractionPool(options.extraction);
  }

  /// Keep `files` and attach them to comment `commentId` of `draftId`, after any it has. Resolves to
  /// the new attachment ids. Extraction starts in the background.
  async attach(commentId: number, draftId: string, files: readonly IncomingFile[]): Promise<number[]> {
    const staged = await this.stage(files);
    try {
      const ids = await this.storage.transaction((tx) => this.link(tx, commentId, draftId, staged));
      this.kick();
      return ids;
    } catch (error) {
      await this.discard(staged);
      throw error;
    }
  }

  /// Put the bytes of `files` in the blob store, before the comment that carries them is stored.
  async stage(files: readonly IncomingFile[]): Promise<StagedFile[]> {
    const staged: StagedFile[] = [];
    for (const file of files) {
      staged.push({
        sha256: await this.blobs.put(file.bytes),
        fileName: cleanFileName(file.fileName),
        size: file.bytes.length,
        type: file.detected.type,
        mediaType: file.detected.mediaType,
      });
    }
    return staged;
  }

  /// Record the staged files and attach them to comment `commentId`, through `tx` (the transaction
  /// that stores the comment; then kick()). Resolves to the new attachment ids.
  async link(
    tx: Storage,
    commentId: number,
    draftId: string,
    staged: readonly StagedFile[],
  ): Promise<number[]> {
    if (staged.length === 0) return [];
    for (const s of staged) await tx.attachments.addFile(s);
    return tx.attachments.link(commentId, draftId, staged);
  }

  /// Remove the bytes of staged files that no comment came to use (the comment was refused).
  async discard(staged: readonly StagedFile[]): Promise<void> {
    for (const s of staged) {
      if (!(await this.storage.attachments.file(s.sha256))) await this.blobs.delete(s.sha256);
    }
  }

  /// Detach the files of comment `commentId` (deleted) and remove those no other comment uses.
  async release(commentId: number): Promise<void> {
    for (const sha256 of await this.storage.attachments.release(commentId)) await this.blobs.delete(sha256);
  }

  /// Remove every file no comment uses. Resolves to how many were removed.
  async collectGarbage(): Promise<number> {
    const orphans = await this.storage.attachments.collectOrphans();
    for (const sha256 of orphans) await this.blobs.delete(sha256);
    return orphans.length;
  }

  /// The bytes of file `sha256`, or undefined when they are missing.
  read(sha256: string): Promise<Uint8Array | undefined> {
    return this.blobs.get(sha256);
  }

  /// Read every file waiting for extraction, in the background. Calling it while a run is under way
  /// makes that run look again when it is done.
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger?.error({ err: error }, 'attachment extraction failed'))
      .finally(() => {
        this.running = null;
        if (this.again && !this.closed) {
          this.again = false;
          this.kick();
        }
      });
  }

  /// Resolves when no file waits for extraction (files attached meanwhile included).
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /// Stop reading files (those waiting stay pending for the next start) and end the workers.
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
    await this.running;
  }

  /// Extract the pending files, a batch at a time, as many at once as the pool has workers.
  private async drain(): Promise<void> {
    const repo = this.storage.attachments;
    const failed = new Set<string>();
    for (;;) {
      if (this.closed || this.storage.isClosed) return;
      const batch = (await repo.pending(16)).filter((f) => !failed.has(f.sha256));
      if (batch.length === 0) return;
      await Promise.all(batch.map((file) => this.extractOne(file, failed)));
    }
  }

  private async extractOne(file: AttachmentFile, failed: Set<string>): Promise<void> {
    const repo = this.storage.attachments;
    const bytes = await this.blobs.get(file.sha256);
    if (this.closed || this.storage.isClosed) return;
    if (!bytes) {
      await repo.setResult(file.sha256, { state: 'unreadable', reason: 'the stored file is missing' });
    } else {
      const result = await this.pool.extract(bytes, file.type);
      if (this.closed || this.storage.isClosed) return;
      if (result.ok)
        await repo.setResult(file.sha256, { state: 'read', text: result.text, pages: result.pages });
      else if (file.type === 'image')
        await repo.setResult(file.sha256, { state: 'not-read', reason: result.reason });
      else await repo.setResult(file.sha256, { state: 'unreadable', reason: result.reason, pages: null });
      if (!result.ok && file.type !== 'image')
        this.logger?.info({ sha256: file.sha256, reason: result.reason }, 'attachment unreadable');
    }
    if ((await repo.file(file.sha256))?.state === 'pending') failed.add(file.sha256);
    const comments = await repo.commentsOf(file.sha256);
    await this.updateCitedArticles(comments.map((c) => c.commentId));
    this.options.onExtracted?.(comments);
  }

  /// Work out again the article each of `commentIds` cites (comments on the draft as a whole only),
  /// from its own text and what its attachments say. The articles are read first; each comment is
  /// read and its cited article written in one transaction, so a comment changed meanwhile is seen.
  async updateCitedArticles(commentIds: readonly number[]): Promise<void> {
    const outlines = new Map<string, readonly Pick<OutlineArticle, 'id' | 'number'>[] | null>();
    for (const id of commentIds) {
      const comment = await this.storage.comments.get(id);
      if (!comment || comment.articleId !== null || comment.kind === 'review') continue;
      const key = `${comment.draftId}/${comment.versionId ?? 'live'}`;
      if (!outlines.has(key)) outlines.set(key, await this.articlesOf(comment.draftId, comment.versionId));
      const articles = outlines.get(key);
      if (!articles) continue;
      await this.storage.transaction(async (tx) => {
        const now = await tx.comments.get(id);
        if (!now) return;
        const texts = (await tx.attachments.ofComment(id)).map((a) => (a.state === 'read' ? a.text : null));
        const n = citedArticleNumber(combinedText(now.body, texts), articles.length);
        const cited = n === null ? null : (articles.find((a) => a.number === n)?.id ?? null);
        if (cited !== now.citedArticleId) await tx.comments.setCitedArticle(id, cited);
      });
    }
  }

  private async articlesOf(draftId: string, versionId: string | null) {
    try {
      if (versionId !== null)
        return (await versionOutline(this.storage, draftId, versionId))?.articles ?? null;
      const draft = await this.storage.drafts.get(draftId);
      if (!draft) return null;
      return buildOutline(docFromState(await storedState(this.storage, draftId)), draft.language).articles;
    } catch (error) {
      this.logger?.warn({ err: error, draftId }, 'cannot read the articles to map a comment to');
      return null;
    }
  }
}
