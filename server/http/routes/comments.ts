/// Review comments and their threads:
/// `POST /api/drafts/:id/comments {articleId, body, anchor?, parentId?, tags?, versionId?}` → 201, as
/// JSON or as multipart/form-data with files in `attachments` (`anchor` and `tags` then JSON text),
/// `GET /api/drafts/:id/comments?articleId=&status=&tag=&kind=&cursor=&limit=` → `{comments, nextCursor}`
/// (`kind` one of review, public, imported, or several separated by commas),
/// `GET /api/drafts/:id/comments/counts` → `{review, public, imported}` each `{count, open}` (threads),
/// `PATCH /api/comments/:id {body?, status?, tags?}`, `DELETE /api/comments/:id` (soft),
/// `GET /api/comments/:id/history`; and the public comment period of a draft:
/// `PUT /api/drafts/:id/public {versionId, open, closesAt?}`, `GET /api/drafts/:id/public`,
/// `DELETE /api/drafts/:id/public` (withdraw the publication; the comments stay).
///
/// Owners, drafters, reviewers and clerks comment; viewers read. Only the author edits or deletes a
/// comment; any commenter resolves, reopens and tags a thread.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as Y from 'yjs';
import { z } from 'zod';
import { characterCount, isValidId, maxCommentCharacters } from '../../../core/index.ts';
import { draftAccess } from '../../auth/access.ts';
import type { Role } from '../../auth/roles.ts';
import { liveArticleIds, versionOutline } from '../../comments/articles.ts';
import { commentEvents } from '../../comments/events.ts';
import { commentJson } from '../../comments/view.ts';
import type { Reader } from '../../comments/view.ts';
import { isAccepting } from '../../storage/comment-periods.ts';
import type { CommentPeriod } from '../../storage/comment-periods.ts';
import { commentKinds } from '../../storage/comments.ts';
import type { CommentKind } from '../../storage/comments.ts';
import { currentUser, requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { readCommentRequest, takesMultipart } from '../../attachments/multipart.ts';
import { repositories } from '../unconverted.ts';

/// Longest comment body, in characters (code points, as people count them): core's maxCommentCharacters.
export const maxCommentLength = maxCommentCharacters;

/// Refuse a comment body longer than maxCommentLength: HttpError 413 naming the length and the limit.
/// A longer comment is never cut to fit.
export function checkCommentLength(text: string, field = 'body.body'): void {
  const length = characterCount(text);
  if (length > maxCommentLength) {
    const n = (value: number) => value.toLocaleString('en-US');
    throw new HttpError(
      413,
      `${field}: ${n(length)} characters; the limit is ${n(maxCommentLength)} characters`,
    );
  }
}

/// Whether `role` may write comments (every role but viewer).
export function canComment(role: Role): boolean {
  return role !== 'viewer';
}

/// A comment body: plain text, not only spaces. Its length is checked by checkCommentLength (413).
export const commentBody = z.string().refine((text) => text.trim().length > 0, 'must not be blank');

const tag = z
  .string()
  .transform((t) => t.trim())
  .pipe(
    z
      .string()
      .min(1, 'a tag must not be blank')
      .max(40, 'a tag is at most 40 characters')
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]+$/, 'a tag holds no control characters'),
  );
const tags = z
  .array(tag)
  .max(20, 'at most 20 tags')
  .transform((list) => [...new Set(list)]);

const base64 = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

/// A passage anchor: relative positions (base64) and the quoted text with its context.
const anchor = z.strictObject({
  start: base64,
  end: base64,
  quote: z.string().min(1).max(2000),
  prefix: z.string().max(200),
  suffix: z.string().max(200),
});

const articleIdField = z.string().refine(isValidId, 'must be an article id').nullable();

const newComment = z.strictObject({
  articleId: articleIdField.optional(),
  body: commentBody,
  anchor: anchor.optional(),
  parentId: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a comment id')
    .optional(),
  tags: tags.optional(),
  versionId: z.string().refine(isValidId, 'must be a version id').nullable().optional(),
});

const commentPatch = z
  .strictObject({
    body: commentBody.optional(),
    status: z.enum(['open', 'resolved']).optional(),
    tags: tags.optional(),
  })
  .refine((p) => p.body !== undefined || p.status !== undefined || p.tags !== undefined, {
    message: 'give body, status or tags',
  });

const listQuery = z.object({
  articleId: z
    .string()
    .refine((v) => v === 'none' || isValidId(v), 'must be an article id, or none for the draft as a whole')
    .optional(),
  status: z.enum(['open', 'resolved']).optional(),
  tag: z.string().min(1).max(40).optional(),
  kind: z
    .string()
    .transform((v) => v.split(','))
    .pipe(z.array(z.enum(commentKinds as [CommentKind, ...CommentKind[]])).min(1))
    .optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a cursor from nextCursor')
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a number from 1 to 500')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, 'must be a number from 1 to 500')
    .optional(),
});

const publicPeriod = z.strictObject({
  versionId: z.string().refine(isValidId, 'must be a version id'),
  open: z.boolean(),
  closesAt: z.iso.datetime({ offset: true, message: 'must be an ISO date and time' }).nullable().optional(),
});

const idParams = z.object({ id: z.string() });

/// `{id}` of a comment route, as a number. Throws HttpError 404 for anything but a comment id.
function commentId(request: FastifyRequest): number {
  const { id } = validate(idParams, request.params, 'params');
  if (!/^\d{1,15}$/.test(id)) throw new HttpError(404, 'no comment with that id');
  return Number(id);
}

/// The period as the API shows it.
export function periodJson(period: CommentPeriod, now = Date.now()) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    versionId: period.versionId,
    open: period.open,
    accepting: isAccepting(period, now),
    closesAt: iso(period.closesAt),
    openedAt: iso(period.openedAt),
    closedAt: iso(period.closedAt),
  };
}

/// The fields of a multipart review comment as the JSON body carries them: `anchor` and `tags` are
/// JSON text; an empty or "null" articleId is the draft as a whole; other empty fields are absent.
function reviewFormFields(fields: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'articleId') out[key] = value === '' || value === 'null' ? null : value;
    else if (key === 'anchor' || key === 'tags') {
      if (value === '') continue;
      try {
        out[key] = JSON.parse(value);
      } catch {
        throw new HttpError(400, `body.${key}: must be JSON text in a form`);
      }
    } else if (value === '' && key !== 'body') continue;
    else out[key] = value;
  }
  return out;
}

/// Decode an anchor's relative position, or throw HttpError 400.
function checkRelativePosition(value: string, field: string): void {
  try {
    Y.decodeRelativePosition(Buffer.from(value, 'base64'));
  } catch {
    throw new HttpError(400, `body.anchor.${field}: not an encoded relative position`);
  }
}

/// Register the comment routes (under requireAuth).
export function commentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  const storage = repositories(ctx); // TRANSITION: 503 on PostgreSQL (http/unconverted.ts)
  const events = commentEvents(storage);

  const reader = (request: FastifyRequest, role: Role): Reader => ({
    viewer: role,
    userId: currentUser(request).id,
  });

  /// The comment `id` with the draft it belongs to and the reader's role. 404 `no comment ID` when the
  /// comment does not exist or its draft is not readable by the user (not told apart).
  const loadComment = async (request: FastifyRequest, id: number) => {
    const comment = await store.comments.get(id);
    const access = comment && (await draftAccess(store, currentUser(request), comment.draftId));
    // One answer whatever the reason: naming the draft would let anyone map comment ids to drafts.
    if (!comment || !access) throw new HttpError(404, `no comment ${id}`);
    return { comment, ...access };
  };

  const requireCommenter = (role: Role) => {
    if (!canComment(role)) throw new HttpError(403, `a ${role} may read comments but not write them`);
  };

  app.post('/api/drafts/:id/comments', { config: takesMultipart }, async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    const { draft, role } = await requireDraft(store, request, id, 'read');
    requireCommenter(role);
    const { body: raw, files } = await readCommentRequest(request, ctx.attachmentLimits, reviewFormFields);
    const body = validate(newComment, raw);
    checkCommentLength(body.body);
    const user = currentUser(request);

    let articleId = body.articleId;
    let versionId = body.versionId ?? null;
    let parentId: number | null = null;
    if (body.parentId !== undefined) {
      const parent = await store.comments.get(Number(body.parentId));
      if (!parent || parent.draftId !== id)
        throw new HttpError(400, `body.parentId: no comment ${body.parentId} in this draft`);
      if (parent.deletedAt !== null) throw new HttpError(409, `comment ${body.parentId} was deleted`);
      if (body.anchor) throw new HttpError(400, 'body.anchor: a reply has no passage of its own');
      // Threads are one level deep: a reply to a reply joins the thread of its first comment.
      const root = parent.parentId === null ? parent : (await store.comments.get(parent.parentId))!;
      if (articleId !== undefined && articleId !== root.articleId) {
        throw new HttpError(400, 'body.articleId: a reply is on the article of its thread');
      }
      articleId = root.articleId;
      versionId = root.versionId;
      parentId = root.id;
    } else if (articleId === undefined) {
      throw new HttpError(400, 'body.articleId: give an article id, or null for the draft as a whole');
    }
    if (body.anchor) {
      if (articleId === null) throw new HttpError(400, 'body.anchor: a passage belongs to an article');
      checkRelativePosition(body.anchor.start, 'start');
      checkRelativePosition(body.anchor.end, 'end');
    }
    if (parentId === null) {
      if (versionId !== null) {
        const outline = versionOutline(storage, id, versionId);
        if (!outline) throw new HttpError(400, `body.versionId: draft ${id} has no version ${versionId}`);
        if (articleId !== null && !outline.articles.some((a) => a.id === articleId)) {
          throw new HttpError(400, `body.articleId: version ${versionId} has no article ${articleId}`);
        }
      } else if (articleId !== null) {
        const ids = await ctx.rooms.use(id, (room) => liveArticleIds(room.doc));
        if (!ids.includes(articleId))
          throw new HttpError(400, `body.articleId: the draft has no article ${articleId}`);
      }
    }

    const staged = await ctx.attachments.stage(files);
    let created;
    try {
      created = storage.transaction(() => {
        const comment = storage.comments.create({
          draftId: id,
          kind: 'review',
          articleId: articleId ?? null,
          versionId,
          parentId,
          body: body.body,
          authorId: user.id,
          anchor: body.anchor ?? null,
          tags: body.tags ?? [],
        });
        ctx.attachments.link(comment.id, id, staged);
        return comment;
      });
    } catch (error) {
      await ctx.attachments.discard(staged);
      throw error;
    }
    ctx.attachments.kick();
    await store.audit.record('comment.create', user.id, id, {
      comment: created.id,
      ...(files.length ? { attachments: files.length } : {}),
    });
    events.emit('comment.created', created);
    return reply
      .code(201)
      .send(
        commentJson(
          created,
          reader(request, role),
          draft.language,
          storage.attachments.ofComment(created.id),
        ),
      );
  });

  app.get('/api/drafts/:id/comments', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    const { draft, role } = await requireDraft(store, request, id, 'read');
    const query = validate(listQuery, request.query, 'query');
    const limit = query.limit ?? 100;
    const rows = await store.comments.list(id, {
      articleId:
        query.articleId === undefined ? undefined : query.articleId === 'none' ? null : query.articleId,
      status: query.status,
      tag: query.tag,
      kind: query.kind,
      after: query.cursor === undefined ? 0 : Number(query.cursor),
      limit,
    });
    const who = reader(request, role);
    // TRANSITION: attachments are not on PostgreSQL yet; there comments have none.
    const files = ctx.storage ? storage.attachments.ofComments(rows.map((c) => c.id)) : new Map();
    return {
      comments: rows.map((c) => commentJson(c, who, draft.language, files.get(c.id) ?? [])),
      nextCursor: rows.length === limit ? String(rows[rows.length - 1].id) : null,
    };
  });

  app.get('/api/drafts/:id/comments/counts', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    await requireDraft(store, request, id, 'read');
    return store.comments.countsByKind(id);
  });

  app.patch('/api/comments/:id', async (request) => {
    const { comment, draft, role } = await loadComment(request, commentId(request));
    requireCommenter(role);
    const patch = validate(commentPatch, request.body);
    if (patch.body !== undefined) checkCommentLength(patch.body);
    const user = currentUser(request);
    if (comment.deletedAt !== null) throw new HttpError(409, `comment ${comment.id} was deleted`);
    if (patch.body !== undefined && patch.body !== comment.body) {
      if (comment.kind !== 'review')
        throw new HttpError(403, 'public and imported comments are kept as submitted');
      if (comment.authorId !== user.id) throw new HttpError(403, 'only its author may edit a comment');
    }
    if (patch.status !== undefined && comment.parentId !== null && patch.status !== comment.status) {
      throw new HttpError(
        400,
        "body.status: a reply has no status of its own; resolve the thread's first comment",
      );
    }
    const updated = (await store.comments.update(comment.id, patch, user.id))!;
    if (updated.updatedAt !== comment.updatedAt) {
      await store.audit.record('comment.update', user.id, comment.draftId, {
        comment: comment.id,
        fields: Object.keys(patch),
      });
      events.emit('comment.updated', updated);
    }
    return commentJson(
      updated,
      reader(request, role),
      draft.language,
      ctx.storage ? storage.attachments.ofComment(updated.id) : [], // TRANSITION: none on PostgreSQL yet
    );
  });

  app.delete('/api/comments/:id', async (request, reply) => {
    const { comment, role } = await loadComment(request, commentId(request));
    requireCommenter(role);
    const user = currentUser(request);
    if (comment.kind !== 'review' || comment.authorId !== user.id) {
      throw new HttpError(403, 'only its author may delete a comment');
    }
    if (await store.comments.softDelete(comment.id)) {
      // Its files go with it, unless another comment carries the same file.
      await ctx.attachments.release(comment.id);
      await store.audit.record('comment.delete', user.id, comment.draftId, { comment: comment.id });
      events.emit('comment.updated', (await store.comments.get(comment.id))!);
    }
    return reply.code(204).send();
  });

  app.get('/api/comments/:id/history', async (request) => {
    const { comment } = await loadComment(request, commentId(request));
    if (comment.deletedAt !== null) return { edits: [] };
    return {
      edits: (await store.comments.history(comment.id)).map((e) => ({
        body: e.body,
        editor: e.editor,
        editedAt: new Date(e.editedAt).toISOString(),
      })),
    };
  });

  app.put('/api/drafts/:id/public', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    await requireDraft(store, request, id, 'manage');
    const body = validate(publicPeriod, request.body);
    if (!(await store.versions.get(id, body.versionId))) {
      throw new HttpError(400, `body.versionId: draft ${id} has no version ${body.versionId}`);
    }
    const closesAt = body.closesAt ? Date.parse(body.closesAt) : null;
    if (body.open && closesAt !== null && closesAt <= Date.now()) {
      throw new HttpError(400, 'body.closesAt: must be in the future to open the period');
    }
    if (!body.open) {
      // Closing never publishes: not a draft that was never opened, nor another version.
      const current = await store.commentPeriods.get(id);
      if (!current)
        throw new HttpError(409, 'the comment period was never opened: there is nothing to close');
      if (current.versionId !== body.versionId) {
        throw new HttpError(
          409,
          `version ${current.versionId} is the one published; closing keeps it (DELETE /api/drafts/${id}/public withdraws it)`,
        );
      }
    }
    const period = await store.commentPeriods.set(id, body.versionId, body.open, closesAt);
    await store.audit.record(body.open ? 'public.open' : 'public.close', currentUser(request).id, id, {
      version: body.versionId,
      closesAt: body.closesAt ?? null,
    });
    return periodJson(period);
  });

  app.delete('/api/drafts/:id/public', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    await requireDraft(store, request, id, 'manage');
    const withdrawn = await store.commentPeriods.get(id);
    if (!withdrawn || !(await store.commentPeriods.remove(id))) {
      throw new HttpError(404, `draft ${id} is not published for comment`);
    }
    await store.audit.record('public.withdraw', currentUser(request).id, id, {
      version: withdrawn.versionId,
    });
    return reply.code(204).send();
  });

  app.get('/api/drafts/:id/public', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    await requireDraft(store, request, id, 'read');
    const period = await store.commentPeriods.get(id);
    if (!period) throw new HttpError(404, `draft ${id} has never been published for comment`);
    return periodJson(period);
  });
}
