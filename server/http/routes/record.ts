/// The record of a draft (issue 15):
///   `GET /api/drafts/:id/articles/:articleId/history`   the article's author sessions with their diffs
///   `GET /api/drafts/:id/articles/:articleId/blame`     its current text as runs by author
///   `GET /api/drafts/:id/articles/:articleId/text?at=`  its text at a past time
///   `GET /api/drafts/:id/timeline[?format=json|csv&kind=…&from=…&to=…&user=…]`
/// and the text restore behind `POST /api/drafts/:id/restore {at | versionId, articleId?}` (drafts.ts
/// routes the request here when it names a moment). Anyone who may read the draft sees its history;
/// only members' usernames appear, never a public commenter's details.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  isTimelineKind,
  isValidId,
  namedTimelineActions,
  renderTimelineCsv,
  timelineKindOf,
  timelineKinds,
} from '../../../core/index.ts';
import type { RestoreJson, TimelineEventJson, TimelineJson, TimelineKind } from '../../../core/index.ts';
import { DraftContentError } from '../../document.ts';
import { articleAt, articleSessions, blameJson, historyJson } from '../../record/history.ts';
import type { UsernameOf } from '../../record/history.ts';
import { RestoreError, restore } from '../../record/restore.ts';
import type { RestoreSource } from '../../record/restore.ts';
import type { Storage as Store } from '../../storage/interface.ts';
import type { Storage } from '../../storage/storage.ts';
import { requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { sendDownload } from '../security.ts';
import { repositories } from '../unconverted.ts';

const articleParams = z.object({ id: z.string(), articleId: z.string() });
const idParams = z.object({ id: z.string() });

const isoTime = z
  .string()
  .max(40)
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO 8601 time, e.g. 2026-03-01T09:30:00Z',
  })
  .transform((value) => Date.parse(value));

const textQuery = z.object({ at: isoTime });

const timelineQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  kind: z
    .string()
    .max(200)
    .refine((value) => value.split(',').every((kind) => isTimelineKind(kind.trim())), {
      message: `must be a comma-separated list of ${timelineKinds.join(', ')}`,
    })
    .optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  user: z.string().max(100).optional(),
});

/// What `POST /api/drafts/:id/restore` accepts: a moment (a time or a version) and optionally an article.
export const restoreBody = z.strictObject({
  at: isoTime.optional(),
  versionId: z.string().max(32).optional(),
  articleId: z.string().max(32).optional(),
});

/// Register the record routes (under requireAuth).
export function recordRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  const storage = repositories(ctx); // TRANSITION: 503 on PostgreSQL (http/unconverted.ts)
  const usernameOf = usernames(storage);

  const article = async (request: FastifyRequest) => {
    const { id, articleId } = validate(articleParams, request.params, 'params');
    const { draft } = await requireDraft(store, request, id, 'read');
    if (!isValidId(articleId)) throw new HttpError(400, 'params.articleId: not an article id');
    const index = await ctx.indexes.index(id);
    return { draft, articleId, index };
  };

  app.get('/api/drafts/:id/articles/:articleId/history', async (request) => {
    const { draft, articleId, index } = await article(request);
    const found = articleSessions(index, articleId, draft.language);
    if (!found) throw new HttpError(404, `draft ${draft.id} never had an article ${articleId}`);
    return historyJson(articleId, found, draft.language, usernameOf);
  });

  app.get('/api/drafts/:id/articles/:articleId/blame', async (request) => {
    const { draft, articleId, index } = await article(request);
    const found = articleSessions(index, articleId, draft.language);
    if (!found || found.current === null)
      throw new HttpError(404, `draft ${draft.id} has no article ${articleId}`);
    return blameJson(articleId, found, draft.language, usernameOf);
  });

  app.get('/api/drafts/:id/articles/:articleId/text', async (request) => {
    const { draft, articleId, index } = await article(request);
    const { at } = validate(textQuery, request.query, 'query');
    const seq = Math.min(await store.record.seqAt(draft.id, at), index.lastSeq);
    const found = seq > 0 ? articleAt(index, articleId, seq, draft.language) : undefined;
    if (!found) {
      throw new HttpError(
        404,
        `draft ${draft.id} had no article ${articleId} at ${new Date(at).toISOString()}`,
      );
    }
    return { articleId, at: new Date(at).toISOString(), seq, label: found.label, text: found.text };
  });

  app.get('/api/drafts/:id/timeline', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    const { draft } = await requireDraft(store, request, id, 'read');
    const query = validate(timelineQuery, request.query, 'query');
    const events = await timeline(store, draft.id, query);
    if (query.format === 'csv') {
      const csv = renderTimelineCsv(events);
      return sendDownload(reply, csv, 'text/csv; charset=utf-8', `timeline-${draft.id}.csv`);
    }
    const body: TimelineJson = { draftId: draft.id, events };
    return body;
  });
}

/// Restore as `POST /api/drafts/:id/restore {at | versionId, articleId?}` asks (owners and drafters
/// only); records a `restore.article` or `restore.draft` event on the timeline.
export async function restoreText(
  ctx: ServerContext,
  request: FastifyRequest,
  id: string,
): Promise<RestoreJson> {
  const { store } = ctx;
  const { draft } = await requireDraft(store, request, id, 'write');
  const body = validate(restoreBody, request.body);
  if ((body.at === undefined) === (body.versionId === undefined)) {
    throw new HttpError(400, 'body: give either at (a time) or versionId, not both');
  }
  if (body.articleId !== undefined && !isValidId(body.articleId)) {
    throw new HttpError(400, 'body.articleId: not an article id');
  }
  let source: RestoreSource;
  if (body.at !== undefined) {
    if (body.at > Date.now()) throw new HttpError(400, 'body.at: must not be in the future');
    const seq = await store.record.seqAt(draft.id, body.at);
    if (seq === 0) {
      throw new HttpError(409, `draft ${draft.id} did not exist yet at ${new Date(body.at).toISOString()}`);
    }
    source = { seq };
  } else {
    if (!isValidId(body.versionId)) throw new HttpError(400, 'body.versionId: not a version id');
    source = { versionId: body.versionId };
  }
  let result: RestoreJson;
  try {
    result = await restore(store, ctx.rooms, {
      draftId: draft.id,
      language: draft.language,
      source,
      articleId: body.articleId,
      userId: request.user!.id,
    });
  } catch (error) {
    if (error instanceof RestoreError) throw new HttpError(409, error.message);
    if (error instanceof DraftContentError) throw new HttpError(422, error.message);
    throw error;
  }
  if (result.changed) {
    await store.audit.record(`restore.${result.restored}`, request.user!.id, draft.id, {
      ...(body.articleId !== undefined && { articleId: body.articleId }),
      ...(body.at !== undefined && { at: new Date(body.at).toISOString() }),
      ...(body.versionId !== undefined && { versionId: body.versionId }),
      seq: result.seq,
    });
  }
  return result;
}

/// The timeline events of `draftId` that `query` selects, oldest first.
async function timeline(
  storage: Store,
  draftId: string,
  query: { kind?: string; from?: number; to?: number; user?: string },
): Promise<TimelineEventJson[]> {
  const kinds = query.kind
    ? new Set(query.kind.split(',').map((kind) => kind.trim() as TimelineKind))
    : new Set<TimelineKind>(timelineKinds);
  let userId: number | undefined;
  if (query.user !== undefined) {
    const user = await storage.users.byName(query.user);
    if (!user) return [];
    userId = user.id;
  }
  const entries = await storage.audit.timeline(draftId, {
    prefixes: [...kinds],
    actions: namedTimelineActions.filter((action) => kinds.has(timelineKindOf(action)!)),
    from: query.from,
    to: query.to,
    userId,
  });
  return entries.map((entry) => ({
    at: new Date(entry.at).toISOString(),
    kind: timelineKindOf(entry.action)!,
    action: entry.action,
    user: entry.username,
    detail: (entry.detail as Record<string, unknown> | null) ?? null,
  }));
}

/// Usernames by user id, from storage.
function usernames(storage: Storage): UsernameOf {
  return (userId) => storage.users.byId(userId)?.username ?? null;
}
