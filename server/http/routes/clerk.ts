/// The clerk's workspace: clusters of comments and the clerk's decisions about them, dispositions with
/// their history, reason templates, the article changes a disposition can be linked to, and the
/// summary report.
///
///     GET  /api/drafts/:id/clusters?minSize=2          clusters, largest first
///     POST /api/drafts/:id/clusters/run                cluster again now
///     GET  /api/drafts/:id/clusters/decisions          the clerk's decisions, oldest first
///     POST /api/drafts/:id/clusters/decisions          {action: merge|split|move-out, …}
///     GET  /api/drafts/:id/clusters/:cid               one cluster with its members
///     GET  /api/drafts/:id/clerk/table                 every comment, as columns (see server/clerk/table.ts)
///     GET  /api/drafts/:id/clerk/grouping              {updating, stale, clusteredAt}: is the grouping being updated
///     GET  /api/drafts/:id/clerk/search?q=             ids of comments whose text contains q
///     GET  /api/drafts/:id/clerk/comments/:cid         one comment in full, with its disposition and history
///     GET  /api/drafts/:id/dispositions                the dispositions recorded
///     PUT  /api/drafts/:id/dispositions                {comments?, clusters?, kind, reason, …}
///     POST /api/drafts/:id/dispositions/clear          {comments?, clusters?}
///     GET  /api/drafts/:id/dispositions/history?comment=|cluster=
///     GET|POST /api/drafts/:id/reason-templates, PATCH|DELETE /api/drafts/:id/reason-templates/:tid
///       (PATCH takes any of label, text, kind: `{label}` alone renames)
///     GET  /api/drafts/:id/article-changes?from=&to=   the changes between two texts, by article id
///     GET  /api/drafts/:id/summary?format=docx|csv|md|html&from=&to=&personal=true
///
/// Every member of a draft reads all of this (drafters need to see what was adopted); owners and
/// clerks write. Submitters' names and contact details reach owners and clerks only, and a summary
/// with personal data is refused to everyone else.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  buildOutline,
  commentPlainText,
  dispositionKinds,
  effectiveDispositions,
  excerpt,
  isValidId,
  randomId,
  summaryFormats,
  summaryTypes,
} from '../../../core/index.ts';
import type { DispositionKind, SummaryFormat } from '../../../core/index.ts';
import type { Role } from '../../auth/roles.ts';
import { pseudonym, seesPersonalData, submitterView } from '../../comments/privacy.ts';
import { clusterDraft, clusteringStale } from '../../clerk/clustering.ts';
import type { ClusterRun } from '../../clerk/clustering.ts';
import { applyClusterOperation } from '../../clerk/decisions.ts';
import { clearDispositions, setDispositions } from '../../clerk/dispositions.ts';
import { ClerkError } from '../../clerk/errors.ts';
import { SummaryRequestError, compareSides, renderDraftSummary } from '../../clerk/summary.ts';
import type { SummaryData } from '../../clerk/summary.ts';
import { clerkTable } from '../../clerk/table.ts';
import { clerkStorage } from '../../storage/clerk.ts';
import { attachmentJson } from '../../attachments/view.ts';
import type { DraftRecord } from '../../storage/drafts.ts';
import { currentUser, requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { sendDownload } from '../security.ts';
import { liveDoc } from './versions.ts';
import { repositories } from '../unconverted.ts';

/// Whether `role` may record dispositions, cluster decisions and reason templates.
export function canTriage(role: Role): boolean {
  return role === 'owner' || role === 'clerk';
}

/// Most targets of one bulk request: every comment of a large consultation.
const maxTargets = 200_000;
const commentIdString = z.string().regex(/^\d{1,15}$/, 'must be a comment id');
const clusterIdString = z.string().min(1).max(80);
const kind = z.enum(dispositionKinds as unknown as [DispositionKind, ...DispositionKind[]]);
const reason = z.string().max(4000, 'must be at most 4000 characters');
const optionalId = (what: string) => z.string().refine(isValidId, `must be ${what} id`).nullable().optional();

const targets = {
  comments: z.array(commentIdString).max(maxTargets).optional(),
  clusters: z.array(clusterIdString).max(maxTargets).optional(),
};
const dispositionBody = z.strictObject({
  ...targets,
  kind,
  reason: reason.default(''),
  templateId: optionalId('a template'),
  linkedArticleId: optionalId('an article'),
  linkedVersionId: optionalId('a version'),
  linkedSuggestionId: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a suggestion id')
    .nullable()
    .optional(),
  overrideMembers: z.boolean().optional(),
});
const clearBody = z.strictObject(targets);
const operationBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('merge'), clusters: z.array(clusterIdString).min(2).max(1000) }),
  z.strictObject({
    action: z.literal('split'),
    cluster: clusterIdString,
    part: z.array(commentIdString).min(1).max(maxTargets),
  }),
  z.strictObject({
    action: z.literal('move-out'),
    cluster: clusterIdString,
    comments: z.array(commentIdString).min(1).max(maxTargets),
  }),
]);
const templateBody = z.strictObject({
  label: z
    .string()
    .max(120)
    .refine((t) => t.trim().length > 0, 'must not be blank'),
  text: reason.refine((t) => t.trim().length > 0, 'must not be blank'),
  kind: kind.nullable().optional(),
});
// A change of a template: any of its fields (a rename sends the label alone).
const templatePatch = templateBody
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'must change at least one of label, text, kind');
const side = z.string().refine((v) => v === 'live' || isValidId(v), 'must be a version id or live');
const summaryQuery = z.object({
  format: z.enum(summaryFormats as unknown as [SummaryFormat, ...SummaryFormat[]]).default('docx'),
  from: side.optional(),
  to: side.optional(),
  personal: z.enum(['true', 'false']).optional(),
});
const changesQuery = z.object({ from: side.optional(), to: side.optional() });
const clustersQuery = z.object({
  minSize: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a number')
    .transform(Number)
    .optional(),
});
const historyQuery = z
  .object({ comment: commentIdString.optional(), cluster: clusterIdString.optional() })
  .refine((q) => (q.comment === undefined) !== (q.cluster === undefined), 'give comment or cluster');
const searchQuery = z.object({ q: z.string().min(1).max(200) });
const idParams = z.object({ id: z.string() });
const subParams = z.object({ id: z.string(), sub: z.string() });

/// `fn()`, with a ClerkError or SummaryRequestError turned into an HttpError.
function clerkCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ClerkError) throw new HttpError(error.status, error.message);
    if (error instanceof SummaryRequestError) throw new HttpError(400, error.message);
    throw error;
  }
}

/// The summary of a clustering run, as the API shows it.
function runJson(run: ClusterRun) {
  return {
    clusteredAt: new Date(run.clusteredAt).toISOString(),
    comments: run.comments,
    clusters: run.clustering.clusters.length,
    clustersOfMany: run.clustering.clusters.filter((c) => c.members.length > 1).length,
    carried: run.carried,
  };
}

/// Register the clerk's routes (under requireAuth).
export function clerkRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;
  const storage = repositories(ctx); // TRANSITION: 503 on PostgreSQL (http/unconverted.ts)
  // TRANSITION: on PostgreSQL the stand-in itself, whose every use answers 503.
  const clerk = ctx.storage ? clerkStorage(storage) : (storage as unknown as ReturnType<typeof clerkStorage>);

  const access = async (request: FastifyRequest, write: boolean) => {
    const { id } = validate(idParams, request.params, 'params');
    const found = await requireDraft(store, request, id, 'read');
    if (write && !canTriage(found.role)) {
      throw new HttpError(403, `only owners and clerks may do this; you are a ${found.role}`);
    }
    return found;
  };
  const userId = (request: FastifyRequest) => currentUser(request).id;
  const live = (id: string) => async () => (await liveDoc(ctx, id)).doc;
  const excerptOf = (body: string, length = 200) =>
    excerpt(commentPlainText(body.slice(0, length * 4)), length);
  // A comment's excerpt reads on into its attachments: a cover note alone says nothing.
  const commentExcerpt = (id: number, length = 200) =>
    excerptOf(clerk.comments.textOf(id, length * 4) ?? '', length);

  app.get('/api/drafts/:id/clusters', async (request) => {
    const { draft, role } = await access(request, false);
    const { minSize = 2 } = validate(clustersQuery, request.query, 'query');
    const info = clerk.clusters.info(draft.id);
    const clusters = clerk.clusters.list(draft.id).filter((c) => c.size >= minSize);
    const personal = seesPersonalData(role);
    return {
      clusteredAt: info ? new Date(info.clusteredAt).toISOString() : null,
      stale: clusteringStale(storage, draft.id),
      comments: info?.comments ?? 0,
      clusters: clusters.map((c) => {
        const shown = clerk.comments.get(draft.id, c.representative);
        return {
          id: c.id,
          kind: c.kind,
          size: c.size,
          representative: {
            id: String(c.representative),
            excerpt: shown ? commentExcerpt(shown.id) : '',
            submitter: shown ? submitterName(shown, personal, draft.language) : null,
          },
        };
      }),
    };
  });

  app.post('/api/drafts/:id/clusters/run', async (request) => {
    const { draft } = await access(request, true);
    const run = clusterDraft(storage, draft.id);
    storage.audit.record('clusters.run', userId(request), draft.id, {
      clusters: run.clustering.clusters.length,
    });
    return runJson(run);
  });

  app.get('/api/drafts/:id/clusters/decisions', async (request) => {
    const { draft } = await access(request, false);
    return {
      decisions: clerk.clusters.decisions(draft.id).map((d) => ({
        id: String(d.id),
        decision: d.decision,
        decidedBy: d.decidedBy,
        decidedAt: new Date(d.decidedAt).toISOString(),
      })),
    };
  });

  app.post('/api/drafts/:id/clusters/decisions', async (request) => {
    const { draft } = await access(request, true);
    const operation = validate(operationBody, request.body);
    const run = clerkCall(() => applyClusterOperation(storage, draft.id, operation, userId(request)));
    storage.audit.record('clusters.decide', userId(request), draft.id, { action: operation.action });
    return runJson(run);
  });

  app.get('/api/drafts/:id/clusters/:sub', async (request) => {
    const { draft, role } = await access(request, false);
    const { sub } = validate(subParams, request.params, 'params');
    const cluster = clerk.clusters.get(draft.id, sub);
    if (!cluster) throw new HttpError(404, `no cluster ${sub}`);
    const personal = seesPersonalData(role);
    const members = clerk.clusters.members(draft.id, cluster.id).map(String);
    const effective = effectiveDispositions([{ id: cluster.id, members }], clerk.dispositions.list(draft.id));
    const own = clerk.dispositions.get(draft.id, 'cluster', cluster.id);
    return {
      id: cluster.id,
      kind: cluster.kind,
      size: cluster.size,
      representative: String(cluster.representative),
      disposition: own ? dispositionJson(own) : null,
      members: members.map((id) => {
        const comment = clerk.comments.get(draft.id, Number(id));
        const d = effective.get(id);
        return {
          id,
          excerpt: comment ? commentExcerpt(comment.id, 160) : '',
          articleId: comment?.articleId ?? comment?.citedArticleId ?? null,
          submitter: comment ? submitterName(comment, personal, draft.language) : null,
          disposition: d ? { ...dispositionJson(d), source: d.source } : null,
        };
      }),
    };
  });

  app.get('/api/drafts/:id/clerk/table', async (request) => {
    const { draft, role } = await access(request, false);
    // Comments imported outside this server (`lifa comments import`) are noticed here.
    if (clusteringStale(storage, draft.id)) ctx.clustering.changed(draft.id);
    const liveArticles = buildOutline(await live(draft.id)(), draft.language).articles;
    return clerkTable(
      storage,
      draft.id,
      liveArticles,
      role,
      draft.language,
      ctx.clustering.updating(draft.id),
    );
  });

  app.get('/api/drafts/:id/clerk/grouping', async (request) => {
    const { draft } = await access(request, false);
    const stale = clusteringStale(storage, draft.id);
    if (stale) ctx.clustering.changed(draft.id);
    const info = clerk.clusters.info(draft.id);
    return {
      updating: ctx.clustering.updating(draft.id),
      stale,
      clusteredAt: info ? new Date(info.clusteredAt).toISOString() : null,
    };
  });

  app.get('/api/drafts/:id/clerk/search', async (request) => {
    const { draft } = await access(request, false);
    const { q } = validate(searchQuery, request.query, 'query');
    return { ids: clerk.comments.search(draft.id, q) };
  });

  app.get('/api/drafts/:id/clerk/comments/:sub', async (request) => {
    const { draft, role } = await access(request, false);
    const { sub } = validate(subParams, request.params, 'params');
    const comment = /^\d{1,15}$/.test(sub) ? clerk.comments.get(draft.id, Number(sub)) : undefined;
    if (!comment) throw new HttpError(404, `no comment ${sub} in this draft`);
    const clusterId = clerk.clusters.clusterOf(comment.id) ?? null;
    const cluster = clusterId ? clerk.clusters.get(draft.id, clusterId) : undefined;
    const own = clerk.dispositions.get(draft.id, 'comment', String(comment.id));
    const ofCluster = clusterId ? clerk.dispositions.get(draft.id, 'cluster', clusterId) : undefined;
    const submitter =
      comment.submitterNumber === null
        ? null
        : submitterView(
            {
              id: 0,
              draftId: draft.id,
              number: comment.submitterNumber,
              name: comment.name ?? '',
              contact: comment.contact,
              organization: comment.organization,
              type: comment.submitterType,
            },
            role,
            draft.language,
          );
    return {
      id: String(comment.id),
      kind: comment.kind,
      articleId: comment.articleId,
      citedArticleId: comment.citedArticleId,
      versionId: comment.versionId,
      externalId: comment.externalId,
      body: comment.body,
      attachments: storage.attachments
        .ofComment(comment.id)
        .map((a) => attachmentJson(a, role, comment.kind, true)),
      status: comment.status,
      withdrawn: comment.withdrawn,
      receivedAt: new Date(comment.createdAt).toISOString(),
      submitter,
      cluster: cluster ? { id: cluster.id, size: cluster.size, kind: cluster.kind } : null,
      disposition: own ? dispositionJson(own) : null,
      clusterDisposition: ofCluster ? dispositionJson(ofCluster) : null,
      history: clerk.dispositions.history(draft.id, 'comment', String(comment.id)).map(changeJson),
    };
  });

  app.get('/api/drafts/:id/dispositions', async (request) => {
    const { draft } = await access(request, false);
    return {
      dispositions: clerk.dispositions.list(draft.id).map((d) => ({
        target: d.target,
        targetId: d.targetId,
        ...dispositionJson(d),
      })),
    };
  });

  app.put('/api/drafts/:id/dispositions', async (request) => {
    const { draft } = await access(request, true);
    const body = validate(dispositionBody, request.body);
    const user = currentUser(request);
    const result = clerkCall(() =>
      setDispositions(
        storage,
        draft.id,
        { comments: body.comments ?? [], clusters: body.clusters ?? [] },
        {
          kind: body.kind,
          reason: body.reason,
          templateId: body.templateId ?? null,
          linkedArticleId: body.linkedArticleId ?? null,
          linkedVersionId: body.linkedVersionId ?? null,
          linkedSuggestionId: body.linkedSuggestionId ?? null,
        },
        user.id,
        body.overrideMembers ?? false,
      ),
    );
    storage.audit.record('dispositions.set', user.id, draft.id, {
      kind: body.kind,
      comments: body.comments?.length ?? 0,
      clusters: body.clusters?.length ?? 0,
    });
    return {
      set: result.set,
      overridden: result.overridden,
      decidedBy: user.username,
      decidedAt: new Date(result.decidedAt).toISOString(),
    };
  });

  app.post('/api/drafts/:id/dispositions/clear', async (request) => {
    const { draft } = await access(request, true);
    const body = validate(clearBody, request.body);
    const cleared = clerkCall(() =>
      clearDispositions(
        storage,
        draft.id,
        { comments: body.comments ?? [], clusters: body.clusters ?? [] },
        userId(request),
      ),
    );
    storage.audit.record('dispositions.clear', userId(request), draft.id, { cleared });
    return { cleared };
  });

  app.get('/api/drafts/:id/dispositions/history', async (request) => {
    const { draft } = await access(request, false);
    const query = validate(historyQuery, request.query, 'query');
    const changes =
      query.comment !== undefined
        ? clerk.dispositions.history(draft.id, 'comment', query.comment)
        : clerk.dispositions.history(draft.id, 'cluster', query.cluster!);
    return { changes: changes.map(changeJson) };
  });

  app.get('/api/drafts/:id/reason-templates', async (request) => {
    const { draft } = await access(request, false);
    return { templates: clerk.reasonTemplates.list(draft.id) };
  });

  app.post('/api/drafts/:id/reason-templates', async (request, reply) => {
    const { draft } = await access(request, true);
    const body = validate(templateBody, request.body);
    const template = clerk.reasonTemplates.create(draft.id, randomId(), {
      label: body.label.trim(),
      text: body.text.trim(),
      kind: body.kind ?? null,
    });
    storage.audit.record('reason-template.create', userId(request), draft.id, { template: template.id });
    return reply.code(201).send(template);
  });

  app.patch('/api/drafts/:id/reason-templates/:sub', async (request) => {
    const { draft } = await access(request, true);
    const { sub } = validate(subParams, request.params, 'params');
    const body = validate(templatePatch, request.body);
    const before = clerk.reasonTemplates.get(draft.id, sub);
    if (!before) throw new HttpError(404, `no reason template ${sub}`);
    const template = clerk.reasonTemplates.update(draft.id, sub, {
      label: body.label?.trim() ?? before.label,
      text: body.text?.trim() ?? before.text,
      kind: body.kind === undefined ? before.kind : body.kind,
    });
    if (!template) throw new HttpError(404, `no reason template ${sub}`);
    storage.audit.record('reason-template.update', userId(request), draft.id, {
      template: sub,
      fields: Object.keys(body),
    });
    return template;
  });

  app.delete('/api/drafts/:id/reason-templates/:sub', async (request, reply) => {
    const { draft } = await access(request, true);
    const { sub } = validate(subParams, request.params, 'params');
    if (!clerk.reasonTemplates.delete(draft.id, sub)) throw new HttpError(404, `no reason template ${sub}`);
    return reply.code(204).send();
  });

  app.get('/api/drafts/:id/article-changes', async (request) => {
    const { draft } = await access(request, false);
    const query = validate(changesQuery, request.query, 'query');
    const { from, to, changes } = await clerkAsync(() =>
      compareSides(storage, draft, { ...query, liveDoc: live(draft.id) }),
    );
    return {
      from: { id: from.id, label: from.label },
      to: { id: to.id, label: to.label },
      changes: changes.all,
    };
  });

  app.get('/api/drafts/:id/summary', async (request, reply) => {
    const { draft, role } = await access(request, false);
    const query = validate(summaryQuery, request.query, 'query');
    const personalData = query.personal === 'true';
    if (personalData && !seesPersonalData(role)) {
      throw new HttpError(403, `only owners and clerks may see submitters' personal data; you are a ${role}`);
    }
    const { data, fileName } = await clerkAsync(() =>
      renderDraftSummary(storage, draft, query.format, {
        from: query.from,
        to: query.to,
        personalData,
        liveDoc: live(draft.id),
        author: currentUser(request).username,
      }),
    );
    storage.audit.record('summary.export', userId(request), draft.id, { format: query.format, personalData });
    return sendFile(reply, data, query.format, fileName);
  });
}

/// `fn()`'s promise, with a ClerkError or SummaryRequestError turned into an HttpError.
async function clerkAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    return clerkCall(() => {
      throw error;
    });
  }
}

function sendFile(reply: FastifyReply, data: SummaryData, format: SummaryFormat, name: string) {
  const { mime, extension } = summaryTypes[format];
  return sendDownload(reply, data, mime, name, `summary.${extension}`);
}

function submitterName(
  comment: { submitterNumber: number | null; name: string | null },
  personal: boolean,
  language: DraftRecord['language'],
): string | null {
  if (personal && comment.name) return comment.name;
  return comment.submitterNumber === null ? null : pseudonym(comment.submitterNumber, language);
}

function dispositionJson(d: {
  kind: DispositionKind;
  reason: string;
  templateId: string | null;
  linkedArticleId: string | null;
  linkedVersionId: string | null;
  linkedSuggestionId?: string | null;
  decidedBy: string | null;
  decidedAt: number;
}) {
  return {
    kind: d.kind,
    reason: d.reason,
    templateId: d.templateId,
    linkedArticleId: d.linkedArticleId,
    linkedVersionId: d.linkedVersionId,
    linkedSuggestionId: d.linkedSuggestionId ?? null,
    decidedBy: d.decidedBy,
    decidedAt: new Date(d.decidedAt).toISOString(),
  };
}

function changeJson(change: {
  action: string;
  kind: DispositionKind | null;
  reason: string | null;
  templateId: string | null;
  linkedArticleId: string | null;
  linkedVersionId: string | null;
  linkedSuggestionId?: string | null;
  decidedBy: string | null;
  decidedAt: number;
}) {
  return {
    action: change.action,
    kind: change.kind,
    reason: change.reason,
    templateId: change.templateId,
    linkedArticleId: change.linkedArticleId,
    linkedVersionId: change.linkedVersionId,
    linkedSuggestionId: change.linkedSuggestionId ?? null,
    decidedBy: change.decidedBy,
    decidedAt: new Date(change.decidedAt).toISOString(),
  };
}
