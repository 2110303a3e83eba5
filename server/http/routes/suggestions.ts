/// Suggestions (tracked changes):
///
///     POST   /api/drafts/:id/suggestions               make one (text, insert-article, delete-article,
///                                                      insert-paragraph, insert-item)
///     GET    /api/drafts/:id/suggestions?status=&articleId=&author=
///     POST   /api/drafts/:id/suggestions/decide        {action: accept|reject, articleId? | author?, reason?}
///     POST   /api/drafts/:id/suggestions/import        a marked-up DOCX: its tracked changes become suggestions
///     GET    /api/suggestions/:id
///     PATCH  /api/suggestions/:id                      {replacement?, note?} (its author)
///     DELETE /api/suggestions/:id                      withdraw (its author)
///     POST   /api/suggestions/:id/accept | /reject {reason?} | /undo
///     POST   /api/suggestions/:id/rebase               {quote?, prefix?, suffix?, start?, end?, replacement?, after?, paragraph?}
///     GET    /api/suggestions/:id/history
///     GET|POST /api/suggestions/:id/comments           its thread
///
/// Owners, drafters, reviewers and clerks suggest; viewers read. Only owners and drafters accept,
/// reject and undo; only its author edits, re-bases or withdraws a suggestion.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isValidId, suggestionStatuses } from '../../../core/index.ts';
import type { SuggestionStatus } from '../../../core/index.ts';
import { draftAccess } from '../../auth/access.ts';
import { canWrite } from '../../auth/roles.ts';
import type { Role } from '../../auth/roles.ts';
import { importDocxSuggestions, DocxImportError } from '../../suggestions/import.ts';
import {
  SuggestionError,
  acceptSuggestion,
  commentOnSuggestion,
  createSuggestion,
  decideMany,
  editSuggestion,
  getSuggestion,
  listSuggestions,
  maxSuggestionText,
  rebaseSuggestion,
  rejectSuggestion,
  undoDecision,
  withdrawSuggestion,
} from '../../suggestions/service.ts';
import type { SuggestionRequest } from '../../suggestions/service.ts';
import { suggestionCommentJson, suggestionJson } from '../../suggestions/view.ts';
import { currentUser, requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { checkCommentLength, commentBody } from './comments.ts';
import { repositories } from '../unconverted.ts';

/// Whether `role` may make suggestions (every role but viewer).
export function canSuggest(role: Role): boolean {
  return role !== 'viewer';
}

/// Whether `role` may accept, reject and undo suggestions (owners and drafters: those who edit the text).
export function canDecide(role: Role): boolean {
  return canWrite(role);
}

/// Largest DOCX accepted for import.
export const maxDocxBytes = 20 * 1024 * 1024;

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const idParams = z.object({ id: z.string() });
const articleId = z.string().refine(isValidId, 'must be an article id');
const words = z.string().max(maxSuggestionText, `must be at most ${maxSuggestionText} characters`);
const context = z.string().max(200, 'must be at most 200 characters');
const note = z.string().max(2000, 'must be at most 2000 characters').nullable();
const base64 = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');
const ordinal = z.number().int().min(0).max(10_000);

const newSuggestion: Record<string, z.ZodType<SuggestionRequest & { note?: string | null }>> = {
  text: z.strictObject({
    kind: z.literal('text').optional().default('text'),
    articleId,
    quote: words,
    replacement: words,
    prefix: context.optional(),
    suffix: context.optional(),
    start: base64.optional(),
    end: base64.optional(),
    note: note.optional(),
  }) as never,
  'insert-article': z.strictObject({
    kind: z.literal('insert-article'),
    after: articleId,
    text: words,
    note: note.optional(),
  }),
  'delete-article': z.strictObject({ kind: z.literal('delete-article'), articleId, note: note.optional() }),
  'insert-paragraph': z.strictObject({
    kind: z.literal('insert-paragraph'),
    articleId,
    after: ordinal.optional(),
    text: words,
    note: note.optional(),
  }),
  'insert-item': z.strictObject({
    kind: z.literal('insert-item'),
    articleId,
    paragraph: ordinal.refine((n) => n >= 1, 'must be 1 or more'),
    after: ordinal.optional(),
    text: words,
    note: note.optional(),
  }),
};

const listQuery = z.object({
  status: z
    .string()
    .transform((v) => v.split(','))
    .pipe(z.array(z.enum(suggestionStatuses as [SuggestionStatus, ...SuggestionStatus[]])).min(1))
    .optional(),
  articleId: articleId.optional(),
  author: z.string().min(1).max(100).optional(),
});

const patchBody = z
  .strictObject({ replacement: words.optional(), note: note.optional() })
  .refine((b) => b.replacement !== undefined || b.note !== undefined, {
    message: 'give replacement or note',
  });

const rejectBody = z.strictObject({
  reason: z.string().max(2000, 'must be at most 2000 characters').optional(),
});

const rebaseBody = z.strictObject({
  quote: words.optional(),
  prefix: context.optional(),
  suffix: context.optional(),
  start: base64.optional(),
  end: base64.optional(),
  replacement: words.optional(),
  after: z.union([ordinal, articleId]).optional(),
  paragraph: ordinal.refine((n) => n >= 1, 'must be 1 or more').optional(),
});

const decideBody = z
  .strictObject({
    action: z.enum(['accept', 'reject']),
    articleId: articleId.optional(),
    author: z.string().min(1).max(100).optional(),
    reason: z.string().max(2000).optional(),
  })
  .refine((b) => (b.articleId === undefined) !== (b.author === undefined), {
    message: 'give either articleId (all of an article) or author (all of an author)',
  });

const commentPost = z.strictObject({ body: commentBody });

/// `fn()`, with a SuggestionError or DocxImportError turned into an HttpError.
async function answering<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SuggestionError) throw new HttpError(error.status, error.message);
    if (error instanceof DocxImportError) throw new HttpError(error.status, error.message);
    throw error;
  }
}

/// Register the suggestion routes (under requireAuth).
export function suggestionRoutes(app: FastifyInstance, server: ServerContext): void {
  const ctx = { ...server, storage: repositories(server) }; // TRANSITION: 503 on PostgreSQL (http/unconverted.ts)
  const { store } = ctx;
  const repository = store.suggestions;

  /// The suggestion `:id` of the request, its draft and the user's role. 404 when there is no such
  /// suggestion or its draft is not readable by the user.
  const load = async (request: FastifyRequest) => {
    const { id } = validate(idParams, request.params, 'params');
    if (!/^\d{1,15}$/.test(id)) throw new HttpError(404, 'no suggestion with that id');
    const suggestion = await repository.get(Number(id));
    const access = suggestion && (await draftAccess(store, currentUser(request), suggestion.draftId));
    // One answer whatever the reason: naming the draft would let anyone map suggestion ids to drafts.
    if (!suggestion || !access) throw new HttpError(404, `no suggestion ${id}`);
    return { suggestion, ...access };
  };
  const requireSuggester = (role: Role) => {
    if (!canSuggest(role)) throw new HttpError(403, `a ${role} may read suggestions but not make them`);
  };
  const requireDecider = (role: Role) => {
    if (!canDecide(role))
      throw new HttpError(403, `only owners and drafters accept or reject suggestions; you are a ${role}`);
  };

  app.post('/api/drafts/:id/suggestions', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    const { role } = await requireDraft(store, request, id, 'read');
    requireSuggester(role);
    const raw = request.body as { kind?: unknown } | null | undefined;
    const kind = raw && typeof raw === 'object' && raw.kind !== undefined ? raw.kind : 'text';
    const schema = typeof kind === 'string' ? newSuggestion[kind] : undefined;
    if (!schema) throw new HttpError(400, `body.kind: one of ${Object.keys(newSuggestion).join(', ')}`);
    const { note: noteText, ...body } = validate(schema, request.body);
    const user = currentUser(request);
    const created = await answering(() =>
      createSuggestion(ctx, id, body as SuggestionRequest, user.id, { note: noteText ?? null }),
    );
    return reply.code(201).send(suggestionJson(created, user.id));
  });

  app.get('/api/drafts/:id/suggestions', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    await requireDraft(store, request, id, 'read');
    const query = validate(listQuery, request.query, 'query');
    let authorId: number | undefined;
    if (query.author !== undefined) {
      const author = await store.users.byName(query.author);
      if (!author) return [];
      authorId = author.id;
    }
    const list = await answering(() =>
      listSuggestions(ctx, id, { status: query.status, articleId: query.articleId, authorId }),
    );
    const reader = currentUser(request).id;
    return list.map((s) => suggestionJson(s, reader));
  });

  app.post('/api/drafts/:id/suggestions/decide', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    const { role } = await requireDraft(store, request, id, 'read');
    requireDecider(role);
    const body = validate(decideBody, request.body);
    let authorId: number | undefined;
    if (body.author !== undefined) {
      const author = await store.users.byName(body.author);
      if (!author) throw new HttpError(400, `body.author: no user ${body.author}`);
      authorId = author.id;
    }
    const user = currentUser(request);
    const outcome = await answering(() =>
      decideMany(
        ctx,
        id,
        { articleId: body.articleId, authorId },
        body.action,
        user.id,
        body.reason?.trim() || null,
      ),
    );
    return {
      decided: outcome.decided.map((s) => suggestionJson(s, user.id)),
      skipped: outcome.skipped.map(({ suggestion, reason }) => ({
        ...suggestionJson(suggestion, user.id),
        skipped: reason,
      })),
    };
  });

  // The DOCX comes as the body itself; only this route reads such bodies, up to maxDocxBytes.
  void app.register(async (docx) => {
    docx.addContentTypeParser(
      ['application/octet-stream', docxType],
      { parseAs: 'buffer', bodyLimit: maxDocxBytes },
      (_request, body, done) => done(null, body),
    );
    docx.post('/api/drafts/:id/suggestions/import', { bodyLimit: maxDocxBytes }, async (request, reply) => {
      const { id } = validate(idParams, request.params, 'params');
      const { role, draft } = await requireDraft(store, request, id, 'read');
      requireSuggester(role);
      const body = request.body;
      if (!(body instanceof Buffer) || body.length === 0)
        throw new HttpError(
          400,
          'body: send the .docx file itself, as application/vnd.openxmlformats-officedocument.wordprocessingml.document or application/octet-stream',
        );
      const user = currentUser(request);
      const outcome = await answering(() =>
        importDocxSuggestions(ctx, id, draft.language, new Uint8Array(body), user.id),
      );
      return reply.code(201).send({
        created: outcome.created.map((s) => suggestionJson(s, user.id)),
        unmatched: outcome.unmatched,
      });
    });
  });

  app.get('/api/suggestions/:id', async (request) => {
    const { suggestion } = await load(request);
    const now = await answering(() => getSuggestion(ctx, suggestion.id));
    return suggestionJson(now, currentUser(request).id);
  });

  app.patch('/api/suggestions/:id', async (request) => {
    const { suggestion, role } = await load(request);
    requireSuggester(role);
    const body = validate(patchBody, request.body);
    const user = currentUser(request);
    const updated = await answering(() => editSuggestion(ctx, suggestion.id, user.id, body));
    return suggestionJson(updated, user.id);
  });

  app.delete('/api/suggestions/:id', async (request, reply) => {
    const { suggestion, role } = await load(request);
    requireSuggester(role);
    await answering(() => withdrawSuggestion(ctx, suggestion.id, currentUser(request).id));
    return reply.code(204).send();
  });

  app.post('/api/suggestions/:id/accept', async (request) => {
    const { suggestion, role } = await load(request);
    requireDecider(role);
    const user = currentUser(request);
    const accepted = await answering(() => acceptSuggestion(ctx, suggestion.id, user.id));
    return suggestionJson(accepted, user.id);
  });

  app.post('/api/suggestions/:id/reject', async (request) => {
    const { suggestion, role } = await load(request);
    requireDecider(role);
    const body = validate(rejectBody, request.body === undefined ? {} : request.body);
    const user = currentUser(request);
    const rejected = await answering(() =>
      rejectSuggestion(ctx, suggestion.id, user.id, body.reason?.trim() || null),
    );
    return suggestionJson(rejected, user.id);
  });

  app.post('/api/suggestions/:id/undo', async (request) => {
    const { suggestion, role } = await load(request);
    requireDecider(role);
    const user = currentUser(request);
    const reopened = await answering(() => undoDecision(ctx, suggestion.id, user.id));
    return suggestionJson(reopened, user.id);
  });

  app.post('/api/suggestions/:id/rebase', async (request) => {
    const { suggestion, role } = await load(request);
    requireSuggester(role);
    const body = validate(rebaseBody, request.body === undefined ? {} : request.body);
    const user = currentUser(request);
    const rebased = await answering(() => rebaseSuggestion(ctx, suggestion.id, user.id, body));
    return suggestionJson(rebased, user.id);
  });

  app.get('/api/suggestions/:id/history', async (request) => {
    const { suggestion } = await load(request);
    return {
      history: (await repository.history(suggestion.id)).map((entry) => ({
        action: entry.action,
        user: entry.user,
        at: new Date(entry.at).toISOString(),
        detail: entry.detail,
      })),
    };
  });

  app.get('/api/suggestions/:id/comments', async (request) => {
    const { suggestion } = await load(request);
    return { comments: (await repository.comments(suggestion.id)).map(suggestionCommentJson) };
  });

  app.post('/api/suggestions/:id/comments', async (request, reply) => {
    const { suggestion, role } = await load(request);
    if (!canSuggest(role)) throw new HttpError(403, `a ${role} may read comments but not write them`);
    const { body } = validate(commentPost, request.body);
    checkCommentLength(body);
    const comment = await commentOnSuggestion(ctx, suggestion.id, currentUser(request).id, body);
    return reply.code(201).send(suggestionCommentJson(comment));
  });
}
