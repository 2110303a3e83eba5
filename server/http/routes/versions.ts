/// Exports and versions: `GET /api/drafts/:id/export?format=…` (the live draft),
/// `POST /api/drafts/:id/versions {label}`, `GET /api/drafts/:id/versions`,
/// `GET /api/drafts/:id/versions/:vid/export?format=…`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Node as PMNode } from 'prosemirror-model';
import * as Y from 'yjs';
import { draftExportFormats, draftExportTypes, isValidId, randomId } from '../../../core/index.ts';
import type { DraftExportFormat, DraftExportOptions, Language } from '../../../core/index.ts';
import { DraftContentError, docFromState } from '../../document.ts';
import { emptyHead, hashHex } from '../../storage/record-chain.ts';
import type { RecordHead } from '../../storage/record-chain.ts';
import { exportTracked } from '../../suggestions/export.ts';
import { sourceSize } from '../../work/draft-jobs.ts';
import type { DraftSource } from '../../work/draft-jobs.ts';
import type { VersionInfo } from '../../storage/versions.ts';
import { currentUser, requireDraft } from '../auth.ts';
import { sendDownload } from '../security.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { z } from 'zod';
import { repositories } from '../unconverted.ts';

const formatQuery = z.object({
  format: z.enum(draftExportFormats as unknown as [DraftExportFormat, ...DraftExportFormat[]]),
});
const liveExportQuery = formatQuery.extend({ suggestions: z.enum(['tracked', 'none']).optional() });
const idParams = z.object({ id: z.string() });
const versionParams = z.object({ id: z.string(), vid: z.string() });
const newVersion = z.strictObject({
  label: z
    .string()
    .max(200)
    .refine((t) => t.trim().length > 0, 'must not be blank'),
});

/// A version as the API shows it, with the head of the draft's record when it was cut (`{seq, hash}`
/// with the SHA-256 in hex; null for versions cut before the record), so that a published version can
/// be checked against the record later (`lifa verify`).
export function versionJson(version: VersionInfo) {
  return {
    id: version.id,
    label: version.label,
    createdAt: new Date(version.createdAt).toISOString(),
    author: version.author,
    head: version.head && { seq: version.head.seq, hash: hashHex(version.head.hash) },
  };
}

/// `fn(doc)`, with a DraftContentError turned into a 422.
export function readable<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DraftContentError) throw new HttpError(422, error.message);
    throw error;
  }
}

/// `promise`, with a DraftContentError turned into a 422.
export async function readableAsync<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof DraftContentError) throw new HttpError(422, error.message);
    throw error;
  }
}

/// Send the draft `source` exported to `format`, named after `name`; `options` give the author (the
/// signed-in user) and the draft's dates. A big draft is exported in the worker (server/work/pool.ts).
export async function sendExport(
  ctx: ServerContext,
  reply: FastifyReply,
  source: DraftSource,
  language: Language,
  format: DraftExportFormat,
  name: string,
  options: DraftExportOptions = {},
): Promise<FastifyReply> {
  const data = await readableAsync(
    ctx.work.run({ job: 'export', source, language, format, options }, sourceSize(source)),
  );
  return sendFile(reply, data, format, name);
}

/// Send `data`, an export in `format`, named after `name`, as a download.
export function sendFile(
  reply: FastifyReply,
  data: string | Uint8Array,
  format: DraftExportFormat,
  name: string,
): FastifyReply {
  const { mime, extension } = draftExportTypes[format];
  return sendDownload(reply, data, mime, `${name}.${extension}`);
}

/// The live text of draft `id` as a ProseMirror document, its Y state and the head of its record
/// that the state holds everything up to (the draft is loaded if it is not).
export async function liveDoc(
  ctx: ServerContext,
  id: string,
): Promise<{ doc: PMNode; state: Uint8Array; head: RecordHead }> {
  return ctx.rooms.use(id, (room) => {
    const state = Y.encodeStateAsUpdate(room.doc);
    return { state, head: room.head, doc: readable(() => docFromState(state)) };
  });
}

/// The live text of draft `id` and the head of its record it holds everything up to: the loaded
/// room's state, or else what the record holds, read without loading the draft (which would build
/// its Y.Doc on this thread).
export async function liveSource(ctx: ServerContext, id: string): Promise<DraftSource> {
  const room = ctx.rooms.loaded(id);
  if (room && !room.failed) {
    const head = room.head;
    const checkpoint = Y.encodeStateAsUpdate(room.doc);
    return { draftId: id, stored: { checkpoint, checkpointSeq: head.seq, updates: [], head } };
  }
  return { draftId: id, stored: await ctx.store.record.load(id) };
}

/// A stored version as a DraftSource.
function versionSource(id: string, state: Uint8Array): DraftSource {
  return { draftId: id, stored: { checkpoint: state, checkpointSeq: 0, updates: [], head: emptyHead } };
}

/// The stored version `vid` of draft `id`. Throws HttpError 404 when there is none.
export async function storedVersion(ctx: ServerContext, id: string, vid: string) {
  const version = isValidId(vid) ? await ctx.store.versions.get(id, vid) : undefined;
  if (!version) throw new HttpError(404, `draft ${id} has no version ${isValidId(vid) ? vid : ''}`.trim());
  return version;
}

/// Register the export and version routes (under requireAuth).
export function versionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;

  app.get('/api/drafts/:id/export', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    const { draft } = await requireDraft(store, request, id, 'read');
    const { format, suggestions } = validate(liveExportQuery, request.query, 'query');
    const author = currentUser(request).username;
    if (suggestions === 'tracked') {
      if (format !== 'docx' && format !== 'html')
        throw new HttpError(400, 'query.suggestions: tracked changes are shown in docx and html only');
      // TRANSITION: 503 on PostgreSQL (http/unconverted.ts)
      const data = await exportTracked({ ...ctx, storage: repositories(ctx) }, id, draft.language, format, {
        author,
      });
      await store.audit.record('export.draft', request.user!.id, id, { format, suggestions: 'tracked' });
      return sendFile(reply, data, format, draft.title);
    }
    const source = await liveSource(ctx, id);
    await store.audit.record('export.draft', request.user!.id, id, { format, seq: source.stored.head.seq });
    return sendExport(ctx, reply, source, draft.language, format, draft.title, {
      author,
      date: isoDay(draft.updatedAt),
      workDate: isoDay(draft.createdAt),
    });
  });

  app.post('/api/drafts/:id/versions', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    const { draft } = await requireDraft(store, request, id, 'write');
    const { label } = validate(newVersion, request.body);
    const source = await liveSource(ctx, id);
    const head: RecordHead = source.stored.head;
    const { state, outline } = await readableAsync(
      ctx.work.run({ job: 'version', source, language: draft.language }, sourceSize(source)),
    );
    const version = await store.versions.create({
      id: randomId(),
      draftId: id,
      label: label.trim(),
      authorId: request.user!.id,
      state,
      outline,
      head,
    });
    await store.audit.record('version.create', request.user!.id, id, {
      version: version.id,
      label: version.label,
      head: { seq: head.seq, hash: hashHex(head.hash) },
    });
    return reply.code(201).send(versionJson(version));
  });

  app.get('/api/drafts/:id/versions', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    await requireDraft(store, request, id, 'read');
    return (await store.versions.list(id)).map(versionJson);
  });

  app.get('/api/drafts/:id/versions/:vid/export', async (request, reply) => {
    const { id, vid } = validate(versionParams, request.params, 'params');
    const { draft } = await requireDraft(store, request, id, 'read');
    const version = await storedVersion(ctx, id, vid);
    const { format } = validate(formatQuery, request.query, 'query');
    await store.audit.record('export.version', request.user!.id, id, {
      format,
      version: version.id,
      label: version.label,
    });
    const name = `${draft.title} (${version.label})`;
    return sendExport(ctx, reply, versionSource(id, version.state), draft.language, format, name, {
      author: currentUser(request).username,
      date: isoDay(version.createdAt),
      workDate: isoDay(draft.createdAt),
    });
  });
}

/// The UTC day of `ms` (milliseconds since the epoch), YYYY-MM-DD.
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
