/// Exports and versions: `GET /api/drafts/:id/export?format=…` (the live draft),
/// `POST /api/drafts/:id/versions {label}`, `GET /api/drafts/:id/versions`,
/// `GET /api/drafts/:id/versions/:vid/export?format=…`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Node as PMNode } from 'prosemirror-model';
import * as Y from 'yjs';
import {
  buildOutline,
  draftExportFormats,
  draftExportTypes,
  exportDraft,
  isValidId,
  randomId,
} from '../../../core/index.ts';
import type { DraftExportFormat, Language } from '../../../core/index.ts';
import { DraftContentError, docFromState } from '../../document.ts';
import { hashHex } from '../../storage/record-chain.ts';
import type { RecordHead } from '../../storage/record-chain.ts';
import { exportTracked } from '../../suggestions/export.ts';
import type { VersionInfo } from '../../storage/versions.ts';
import { requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { z } from 'zod';

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

/// Send `doc` exported to `format`, named after `name`.
export async function sendExport(
  reply: FastifyReply,
  doc: PMNode,
  language: Language,
  format: DraftExportFormat,
  name: string,
): Promise<FastifyReply> {
  return sendFile(reply, await exportDraft(doc, language, format), format, name);
}

/// Send `data`, an export in `format`, named after `name`.
export function sendFile(
  reply: FastifyReply,
  data: string | Uint8Array,
  format: DraftExportFormat,
  name: string,
): FastifyReply {
  const { mime, extension } = draftExportTypes[format];
  const file = `${name}.${extension}`;
  return reply
    .type(mime)
    .header(
      'content-disposition',
      `inline; filename="${file.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
    )
    .send(typeof data === 'string' ? data : Buffer.from(data));
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

/// The stored version `vid` of draft `id`. Throws HttpError 404 when there is none.
export function storedVersion(ctx: ServerContext, id: string, vid: string) {
  const version = isValidId(vid) ? ctx.storage.versions.get(id, vid) : undefined;
  if (!version) throw new HttpError(404, `draft ${id} has no version ${isValidId(vid) ? vid : ''}`.trim());
  return version;
}

/// Register the export and version routes (under requireAuth).
export function versionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { storage } = ctx;

  app.get('/api/drafts/:id/export', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    const { draft } = requireDraft(storage, request, id, 'read');
    const { format, suggestions } = validate(liveExportQuery, request.query, 'query');
    if (suggestions === 'tracked') {
      if (format !== 'docx' && format !== 'html')
        throw new HttpError(400, 'query.suggestions: tracked changes are shown in docx and html only');
      const data = await exportTracked(ctx, id, draft.language, format);
      storage.audit.record('export.draft', request.user!.id, id, { format, suggestions: 'tracked' });
      return sendFile(reply, data, format, draft.title);
    }
    const { doc, head } = await liveDoc(ctx, id);
    storage.audit.record('export.draft', request.user!.id, id, { format, seq: head.seq });
    return sendExport(reply, doc, draft.language, format, draft.title);
  });

  app.post('/api/drafts/:id/versions', async (request, reply) => {
    const { id } = validate(idParams, request.params, 'params');
    const { draft } = requireDraft(storage, request, id, 'write');
    const { label } = validate(newVersion, request.body);
    const { doc, state, head } = await liveDoc(ctx, id);
    const outline = buildOutline(doc, draft.language);
    const version = storage.versions.create({
      id: randomId(),
      draftId: id,
      label: label.trim(),
      authorId: request.user!.id,
      state,
      outline: JSON.stringify(outline),
      head,
    });
    storage.audit.record('version.create', request.user!.id, id, {
      version: version.id,
      label: version.label,
      head: { seq: head.seq, hash: hashHex(head.hash) },
    });
    return reply.code(201).send(versionJson(version));
  });

  app.get('/api/drafts/:id/versions', async (request) => {
    const { id } = validate(idParams, request.params, 'params');
    requireDraft(storage, request, id, 'read');
    return storage.versions.list(id).map(versionJson);
  });

  app.get('/api/drafts/:id/versions/:vid/export', async (request, reply) => {
    const { id, vid } = validate(versionParams, request.params, 'params');
    const { draft } = requireDraft(storage, request, id, 'read');
    const version = storedVersion(ctx, id, vid);
    const { format } = validate(formatQuery, request.query, 'query');
    const doc = readable(() => docFromState(version.state));
    storage.audit.record('export.version', request.user!.id, id, {
      format,
      version: version.id,
      label: version.label,
    });
    return sendExport(reply, doc, draft.language, format, `${draft.title} (${version.label})`);
  });
}
