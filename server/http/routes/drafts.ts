/// Drafts: list, create (optionally from a plain-text law), read, rename, delete (soft) and undelete;
/// `POST /api/drafts/:id/restore` with a moment in its body restores text instead (record.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../auth/roles.ts';
import { LawTooLongError } from '../../../core/index.ts';
import { storeDraft } from '../../drafts.ts';
import type { DraftRecord } from '../../storage/drafts.ts';
import { closeCodes } from '../../sync/protocol.ts';
import { currentUser, requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { restoreText } from './record.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/// A draft as the API shows it to a user holding `role`.
export function draftJson(draft: DraftRecord, role: Role) {
  return {
    id: draft.id,
    title: draft.title,
    language: draft.language,
    status: draft.status,
    createdAt: iso(draft.createdAt),
    updatedAt: iso(draft.updatedAt),
    deletedAt: iso(draft.deletedAt),
    role,
  };
}

const title = z
  .string()
  .max(500)
  .refine((t) => t.trim().length > 0, 'must not be blank');

const newDraft = z.strictObject({
  title: title.optional(),
  language: z.enum(['zh', 'en']).optional(),
  text: z.string().optional(),
});

const patch = z.strictObject({ title: title.optional() });

const listQuery = z.object({ deleted: z.enum(['true', 'false']).optional() });

/// `{id}` route parameters.
export const idParams = z.object({ id: z.string() });

/// Register the draft routes (under requireAuth).
export function draftRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;

  app.get('/api/drafts', async (request) => {
    const user = currentUser(request);
    const query = validate(listQuery, request.query, 'query');
    return (await store.drafts.list(user.id, user.isAdmin, query.deleted === 'true')).map((d) =>
      draftJson(d, d.role),
    );
  });

  const { maxArticles, maxDraftBytes, maxDraftsPerUser } = ctx.draftLimits;
  const checkQuota = (created: number) => {
    if (created >= maxDraftsPerUser) {
      throw new HttpError(
        403,
        `you have created ${created} drafts; the limit is ${maxDraftsPerUser} drafts (maxDraftsPerUser), deleted ones included`,
      );
    }
  };

  app.post('/api/drafts', async (request, reply) => {
    const user = currentUser(request);
    const body = validate(newDraft, request.body === undefined ? {} : request.body);
    if (!user.isAdmin) checkQuota(await store.drafts.countCreatedBy(user.id));
    const bytes = body.text === undefined ? 0 : Buffer.byteLength(body.text);
    if (bytes > maxDraftBytes) {
      throw new HttpError(
        413,
        `the text is ${bytes} bytes; the limit is ${maxDraftBytes} bytes (maxDraftBytes)`,
      );
    }
    const input = { ...body, title: body.title?.trim() };
    let prepared;
    try {
      // A big text is parsed in the worker: seconds of CPU for thousands of articles.
      prepared = await ctx.work.run({ job: 'prepare', draft: input, maxArticles }, bytes);
    } catch (error) {
      if (!(error instanceof LawTooLongError)) throw error;
      throw new HttpError(
        413,
        `the text has more than ${maxArticles} articles (line ${error.line} starts one more); the limit is ${maxArticles} articles (maxArticles)`,
      );
    }
    // Checked again as the draft is stored: other drafts may have been created meanwhile.
    const draft = await storeDraft(store, prepared, user.id, user.isAdmin ? undefined : checkQuota);
    const problems = prepared.problems;
    await store.audit.record('draft.create', user.id, draft.id, {
      title: draft.title,
      imported: body.text !== undefined,
    });
    return reply.code(201).send({ ...draftJson(draft, 'owner'), problems });
  });

  app.get('/api/drafts/:id', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    const { draft, role } = await requireDraft(store, request, id, 'read');
    return draftJson(draft, role);
  });

  app.patch('/api/drafts/:id', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    const { role } = await requireDraft(store, request, id, 'write');
    const body = validate(patch, request.body === undefined ? {} : request.body);
    if (body.title !== undefined) {
      await store.drafts.rename(id, body.title.trim());
      await store.audit.record('draft.rename', request.user!.id, id, { title: body.title.trim() });
    }
    return draftJson((await store.drafts.get(id))!, role);
  });

  app.delete('/api/drafts/:id', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    await requireDraft(store, request, id, 'manage');
    await store.drafts.softDelete(id);
    await store.audit.record('draft.delete', request.user!.id, id);
    ctx.rooms.closeConnections(id, closeCodes.notFound, 'the draft was deleted');
    return reply.code(204).send();
  });

  app.post('/api/drafts/:id/restore', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    // With a body naming a moment (or an article), this restores text; with none, it undeletes.
    const body = request.body;
    if (body !== undefined && body !== null && (typeof body !== 'object' || Object.keys(body).length > 0)) {
      return restoreText(ctx, request, id);
    }
    const { draft, role } = await requireDraft(store, request, id, 'manage', true);
    if (draft.deletedAt === null) throw new HttpError(409, `draft ${id} is not deleted`);
    await store.drafts.restore(id);
    await store.audit.record('draft.restore', request.user!.id, id);
    return draftJson((await store.drafts.get(id))!, role);
  });
}
