/// `GET /api/drafts/:id/amendment?from=VID|live&to=VID|live&style=decision|amendment&format=json|html|docx|txt|md`
/// `[&effective=DATE][&title=T]`: the amending instrument that turns one version of a draft into
/// another (or into the live draft), articles aligned by their stable ids — the same instrument as
/// `lifa amend`. Its instructions name the rows of the comparison `GET …/compare` gives for the same
/// two sides.
import type { FastifyInstance } from 'fastify';
import type { Node as PMNode } from 'prosemirror-model';
import { z } from 'zod';
import {
  buildOutline,
  draftInstrument,
  instrumentFormats,
  instrumentStyles,
  instrumentTypes,
  renderInstrument,
} from '../../../core/index.ts';
import type { InstrumentFormat, InstrumentStyle } from '../../../core/index.ts';
import { docFromState } from '../../document.ts';
import { requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { validate } from '../errors.ts';
import { liveDoc, readable, storedVersion } from './versions.ts';

const query = z.object({
  from: z.string().min(1),
  to: z.string().min(1).default('live'),
  style: z.enum(instrumentStyles as unknown as [InstrumentStyle, ...InstrumentStyle[]]).default('decision'),
  format: z.enum(instrumentFormats as unknown as [InstrumentFormat, ...InstrumentFormat[]]).default('json'),
  effective: oneLine(100).optional(),
  title: oneLine(300).optional(),
});

// Words printed into the instrument as given: one line, not blank.
function oneLine(max: number) {
  return (
    z
      .string()
      .trim()
      .min(1)
      .max(max)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]+$/, 'one line of text, without control characters')
  );
}

/// Register the amendment route (under requireAuth).
export function amendmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/drafts/:id/amendment', async (request, reply) => {
    const { id } = validate(z.object({ id: z.string() }), request.params, 'params');
    const { draft } = await requireDraft(ctx.store, request, id, 'read');
    const { from, to, style, format, effective, title } = validate(query, request.query, 'query');
    const read = async (which: string): Promise<{ doc: PMNode; label: string }> => {
      if (which === 'live') return { doc: (await liveDoc(ctx, id)).doc, label: 'live' };
      const version = await storedVersion(ctx, id, which);
      return { doc: readable(() => docFromState(version.state)), label: version.label };
    };
    const [older, newer] = [await read(from), await read(to)];
    const language = draft.language;
    const instrument = draftInstrument(buildOutline(older.doc, language), buildOutline(newer.doc, language), {
      style,
      ...(effective !== undefined && { effective }),
      ...(title !== undefined && { title }),
    });
    const data = await renderInstrument(instrument, format);
    const { mime, extension } = instrumentTypes[format];
    const file = `${instrument.title} (${older.label} → ${newer.label}).${extension}`;
    return reply
      .type(mime)
      .header(
        'content-disposition',
        `inline; filename="amendment.${extension}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      )
      .send(typeof data === 'string' ? data : Buffer.from(data));
  });
}
