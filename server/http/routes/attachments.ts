/// Attachments of comments:
///
///     GET   /api/attachment-limits               what a comment may carry (files, sizes, types)
///     GET   /api/comments/:id/attachments        the comment's files, each with its text
///     GET   /api/attachments/:aid                one file with its text
///     GET   /api/attachments/:aid/download       the original (see view.ts for who may)
///     PATCH /api/attachments/:aid {published}    owners and clerks publish a public or imported
///                                                comment's file on the public page, or withdraw it
///     GET   /api/public/drafts/:id/attachments   the files published, no account needed
///     GET   /api/public/attachments/:aid         a published original, no account needed
///
/// Files are sent in the comment itself (multipart/form-data on the comment routes); a file's text
/// is read in the background, so `state` says `pending` until it is read, `read`, `unreadable`
/// (with `reason`) or `not-read` (images).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isValidId } from '../../../core/index.ts';
import { pseudonym } from '../../comments/privacy.ts';
import { attachmentJson, attachmentLimitsJson, mayDownload } from '../../attachments/view.ts';
import type { AttachmentRecord } from '../../storage/attachments.ts';
import { currentUser, requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { canTriage } from './clerk.ts';
import { repositories } from '../unconverted.ts';

const idParams = z.object({ id: z.string() });
const publishBody = z.strictObject({ published: z.boolean() });

function numericId(request: FastifyRequest, what: string): number {
  const { id } = validate(idParams, request.params, 'params');
  if (!/^\d{1,15}$/.test(id)) throw new HttpError(404, `no ${what} with that id`);
  return Number(id);
}

/// Send the original bytes of `attachment` as a download: its own media type, never sniffed, never
/// run as a page (a sandbox policy), under the name it was sent with.
async function sendOriginal(ctx: ServerContext, reply: FastifyReply, attachment: AttachmentRecord) {
  const bytes = await ctx.attachments.read(attachment.sha256);
  if (!bytes) throw new HttpError(404, `the file of attachment ${attachment.id} is missing from the store`);
  const ascii = attachment.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', attachment.mediaType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
}

/// Register the routes for members (under requireAuth).
export function attachmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  const storage = repositories(ctx); // TRANSITION: 503 on PostgreSQL (http/unconverted.ts)

  /// Attachment `id`, its comment and the reader's role. 404 unless the reader reads its draft.
  const load = async (request: FastifyRequest) => {
    const id = numericId(request, 'attachment');
    const attachment = storage.attachments.get(id);
    if (!attachment) throw new HttpError(404, `no attachment ${id}`);
    const comment = storage.comments.get(attachment.commentId)!;
    const { role } = await requireDraft(store, request, attachment.draftId, 'read');
    if (comment.deletedAt !== null) throw new HttpError(404, `no attachment ${id}`);
    return { attachment, comment, role };
  };

  app.get('/api/attachment-limits', async () => attachmentLimitsJson(ctx.attachmentLimits));

  app.get('/api/comments/:id/attachments', async (request) => {
    const id = numericId(request, 'comment');
    const comment = storage.comments.get(id);
    if (!comment) throw new HttpError(404, `no comment ${id}`);
    const { role } = await requireDraft(store, request, comment.draftId, 'read');
    if (comment.deletedAt !== null) return { attachments: [] };
    return {
      attachments: storage.attachments.ofComment(id).map((a) => attachmentJson(a, role, comment.kind, true)),
    };
  });

  app.get('/api/attachments/:id', async (request) => {
    const { attachment, comment, role } = await load(request);
    return attachmentJson(attachment, role, comment.kind, true);
  });

  app.get('/api/attachments/:id/download', async (request, reply) => {
    const { attachment, comment, role } = await load(request);
    if (!mayDownload(role, comment.kind, attachment.published)) {
      throw new HttpError(
        403,
        `only owners and clerks download the files of public comments; you are a ${role}`,
      );
    }
    storage.audit.record('attachment.download', currentUser(request).id, attachment.draftId, {
      attachment: attachment.id,
    });
    return sendOriginal(ctx, reply, attachment);
  });

  app.patch('/api/attachments/:id', async (request) => {
    const { attachment, comment, role } = await load(request);
    if (!canTriage(role))
      throw new HttpError(403, `only owners and clerks publish attachments; you are a ${role}`);
    const body = validate(publishBody, request.body);
    if (comment.kind === 'review') {
      throw new HttpError(400, 'body.published: review comments are not shown on the public page');
    }
    if (body.published !== attachment.published) {
      storage.attachments.setPublished(attachment.id, body.published);
      storage.audit.record(
        body.published ? 'attachment.publish' : 'attachment.unpublish',
        currentUser(request).id,
        attachment.draftId,
        { attachment: attachment.id, comment: comment.id },
      );
    }
    return attachmentJson(storage.attachments.get(attachment.id)!, role, comment.kind, true);
  });
}

/// Register the public routes (no account).
export function publicAttachmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const storage = repositories(ctx); // TRANSITION: 503 on PostgreSQL (http/unconverted.ts)

  /// Whether `draftId` is published for comment (its public page exists).
  const isPublished = (draftId: string) => {
    const draft = isValidId(draftId) ? storage.drafts.get(draftId) : undefined;
    return !!draft && draft.deletedAt === null && !!storage.commentPeriods.get(draftId);
  };

  app.get('/api/public/drafts/:id/attachments', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    if (!isPublished(id)) throw new HttpError(404, 'this draft is not published for comment');
    const language = storage.drafts.get(id)!.language;
    reply.header('cache-control', 'no-store');
    return {
      attachments: storage.attachments.published(id).map((a) => {
        const comment = storage.comments.get(a.commentId)!;
        return {
          ...attachmentJson(a, 'public', comment.kind),
          articleId: comment.articleId ?? comment.citedArticleId,
          // The public sees the pseudonym, never the name (privacy.ts).
          submitter: comment.submitter ? pseudonym(comment.submitter.number, language) : null,
        };
      }),
    };
  });

  app.get('/api/public/attachments/:id', async (request, reply) => {
    const id = numericId(request, 'attachment');
    const attachment = storage.attachments.get(id);
    const comment = attachment && storage.comments.get(attachment.commentId);
    if (
      !attachment ||
      !comment ||
      !attachment.published ||
      comment.deletedAt !== null ||
      comment.kind === 'review' ||
      !isPublished(attachment.draftId)
    ) {
      throw new HttpError(404, `no published attachment ${id}`);
    }
    return sendOriginal(ctx, reply, attachment);
  });
}
