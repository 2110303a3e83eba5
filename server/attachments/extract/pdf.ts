/// The text of a PDF with pdfjs-dist (4.10, the last line that runs on Node 20), page by page. An
/// encrypted PDF that needs a password, a damaged one, or one with more pages than the limit is
/// Unreadable; pdfjs's own loop and recursion checks catch a page tree that refers to itself.
import { Unreadable, checkTextLength } from './unreadable.ts';
import type { ExtractionLimits } from './unreadable.ts';

import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;
let loaded: Promise<PdfJs> | null = null;

/// The text of the PDF `bytes` and its page count. Throws Unreadable.
export async function pdfText(
  bytes: Uint8Array,
  limits: ExtractionLimits,
): Promise<{ text: string; pages: number }> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjs = await loaded;
  // pdfjs takes ownership of the buffer it is given; a copy keeps the caller's intact.
  const task = pdfjs.getDocument({
    data: Uint8Array.from(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    throw new Unreadable(reasonOf(error));
  }
  try {
    const pages = document.numPages;
    if (pages > limits.maxPages) {
      throw new Unreadable(`an enormous PDF: ${pages} pages, more than the ${limits.maxPages} read`);
    }
    const out: string[] = [];
    let length = 0;
    for (let n = 1; n <= pages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      page.cleanup();
      length += text.length;
      if (length > limits.maxTextLength) checkTextLength(' '.repeat(length), limits);
      out.push(text.trim());
    }
    return { text: out.filter((t) => t !== '').join('\n\n'), pages };
  } catch (error) {
    if (error instanceof Unreadable) throw error;
    throw new Unreadable(reasonOf(error));
  } finally {
    await document.destroy().catch(() => {});
  }
}

function reasonOf(error: unknown): string {
  const e = error as { name?: string; message?: string };
  if (e.name === 'PasswordException') return 'an encrypted PDF: it needs a password';
  if (e.name === 'InvalidPDFException') return `a damaged PDF (${e.message ?? 'invalid'})`;
  if (e instanceof RangeError) return 'a PDF that nests or loops too deep';
  if (/circular reference/i.test(e.message ?? '')) return 'a PDF whose page tree loops back on itself';
  return `a damaged PDF (${String(e.message ?? error)
    .split('\n')[0]
    .slice(0, 200)})`;
}
