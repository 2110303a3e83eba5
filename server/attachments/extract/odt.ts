/// The text of an OpenDocument text file (ODT): its `content.xml`, checked, with each paragraph and
/// heading on a line of its own, tabs, line breaks and runs of spaces kept.
import { Unreadable, checkTextLength } from './unreadable.ts';
import type { ExtractionLimits } from './unreadable.ts';
import { readZip } from './zip.ts';
import { checkXmlDepth, decodeEntities, xmlText } from './xml.ts';

/// The text of the ODT `bytes`. Throws Unreadable.
export function odtText(bytes: Uint8Array, limits: ExtractionLimits): string {
  const entries = readZip(bytes, limits);
  const mimetype = entries.get('mimetype');
  if (mimetype && !new TextDecoder().decode(mimetype).startsWith('application/vnd.oasis.opendocument.text')) {
    throw new Unreadable('an OpenDocument file that is not a text document');
  }
  const content = entries.get('content.xml');
  if (!content) throw new Unreadable('not an OpenDocument text (no content.xml)');
  const xml = xmlText(content, 'content.xml');
  checkXmlDepth(xml, limits.maxXmlDepth, 'content.xml');
  const body = /<office:body\b[\s\S]*<\/office:body>/.exec(xml)?.[0] ?? xml;
  const text = body
    // Notes and annotations are not the document's text.
    .replace(/<office:annotation\b[\s\S]*?<\/office:annotation>/g, '')
    .replace(/<text:(?:p|h)\b[^>]*\/>/g, '\n')
    .replace(/<\/text:(?:p|h)>/g, '\n')
    .replace(/<text:tab\b[^>]*\/>/g, '\t')
    .replace(/<text:line-break\b[^>]*\/>/g, '\n')
    .replace(/<text:s\b[^>]*?(?:text:c="(\d+)")?[^>]*\/>/g, (_, n: string | undefined) =>
      ' '.repeat(Math.min(Number(n ?? 1), 1000)),
    )
    .replace(/<[^>]*>/g, '');
  return checkTextLength(
    decodeEntities(text)
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    limits,
  );
}
