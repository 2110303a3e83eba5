/// `GET /api/drafts/:id/compare?from=VID|live&to=VID|live&format=json|html|docx|table|md`: the
/// comparison of two versions of a draft (or a version and the live text), articles aligned by their
/// stable ids — the same outputs as `lifa diff`.
import type { FastifyInstance } from 'fastify';
import type { Node as PMNode } from 'prosemirror-model';
import { z } from 'zod';
import { compareDrafts, comparisonFormats, comparisonTypes, renderComparison } from '../../../core/index.ts';
import type { ComparisonFormat } from '../../../core/index.ts';
import { docFromState } from '../../document.ts';
import { currentUser, requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { validate } from '../errors.ts';
import { sendDownload } from '../security.ts';
import { liveDoc, readable, storedVersion } from './versions.ts';

const query = z.object({
  from: z.string().min(1),
  to: z.string().min(1).default('live'),
  format: z.enum(comparisonFormats as unknown as [ComparisonFormat, ...ComparisonFormat[]]).default('json'),
  all: z.enum(['true', 'false']).optional(),
});

/// Register the comparison route (under requireAuth).
export function compareRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/drafts/:id/compare', async (request, reply) => {
    const { id } = validate(z.object({ id: z.string() }), request.params, 'params');
    const { draft } = await requireDraft(ctx.store, request, id, 'read');
    const { from, to, format, all } = validate(query, request.query, 'query');
    const read = async (which: string): Promise<{ doc: PMNode; label: string }> => {
      if (which === 'live') return { doc: (await liveDoc(ctx, id)).doc, label: 'live' };
      const version = await storedVersion(ctx, id, which);
      return { doc: readable(() => docFromState(version.state)), label: version.label };
    };
    const [older, newer] = [await read(from), await read(to)];
    const comparison = compareDrafts(older.doc, newer.doc, draft.language);
    const data = await renderComparison(comparison, format, {
      showUnchanged: all === 'true',
      width: 100,
      author: currentUser(request).username,
    });
    // The JSON is what the comparison view reads; the other formats are downloads.
    if (format !== 'json') {
      await ctx.store.audit.record('export.comparison', request.user!.id, id, { format, from, to });
    }
    const { mime, extension } = comparisonTypes[format];
    const file = `${draft.title} (${older.label} → ${newer.label}).${extension}`;
    return sendDownload(reply, data, mime, file, `comparison.${extension}`);
  });
}
