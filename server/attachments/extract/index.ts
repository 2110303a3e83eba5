/// Text extraction of one file by its type, inside the extraction worker.
import type { AttachmentType } from '../../../core/index.ts';
import { docxText } from './docx.ts';
import { odtText } from './odt.ts';
import { pdfText } from './pdf.ts';
import { decodeText } from './txt.ts';
import { Unreadable, checkTextLength } from './unreadable.ts';
import type { ExtractionLimits } from './unreadable.ts';

export { Unreadable, defaultExtractionLimits } from './unreadable.ts';
export type { ExtractionLimits } from './unreadable.ts';

/// What extraction made of a file: its text (and pages of a PDF, the encoding of plain text), or why
/// it could not be read.
export type Extracted =
  | { readonly ok: true; readonly text: string; readonly pages: number | null; readonly encoding?: string }
  | { readonly ok: false; readonly reason: string };

/// Extract the text of `bytes`, a file of `type`. Never throws: an unreadable file is `{ok: false}`.
export async function extractText(
  bytes: Uint8Array,
  type: AttachmentType,
  limits: ExtractionLimits,
): Promise<Extracted> {
  try {
    switch (type) {
      case 'pdf': {
        const { text, pages } = await pdfText(bytes, limits);
        return { ok: true, text, pages };
      }
      case 'docx':
        return { ok: true, text: await docxText(bytes, limits), pages: null };
      case 'odt':
        return { ok: true, text: odtText(bytes, limits), pages: null };
      case 'txt': {
        const { text, encoding } = decodeText(bytes);
        return {
          ok: true,
          text: checkTextLength(text.replace(/\r\n?/g, '\n').trim(), limits),
          pages: null,
          encoding,
        };
      }
      case 'image':
        return { ok: false, reason: 'an image (kept, not read)' };
    }
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, reason: error.reason };
    if (error instanceof RangeError) return { ok: false, reason: 'a file that nests too deep to read' };
    return {
      ok: false,
      reason: `could not be read (${String((error as Error).message ?? error).slice(0, 200)})`,
    };
  }
}
