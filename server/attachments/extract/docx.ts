/// The text of a Word document (DOCX) with mammoth, after the container and its XML are checked:
/// mammoth is handed an archive rebuilt from the entries readZip expanded within the limits, so it
/// never sees more than was checked.
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { Unreadable, checkTextLength } from './unreadable.ts';
import type { ExtractionLimits } from './unreadable.ts';
import { readZip } from './zip.ts';
import { checkXmlDepth, xmlText } from './xml.ts';

/// The text of the DOCX `bytes`, paragraphs on lines of their own. Throws Unreadable.
export async function docxText(bytes: Uint8Array, limits: ExtractionLimits): Promise<string> {
  const entries = readZip(bytes, limits);
  const document = entries.get('word/document.xml');
  if (!document) throw new Unreadable('not a Word document (no word/document.xml)');
  for (const [name, data] of entries) {
    if (name.endsWith('.xml') || name.endsWith('.rels'))
      checkXmlDepth(xmlText(data, name), limits.maxXmlDepth, name);
  }
  const checked = zipSync(Object.fromEntries(entries), { level: 0 });
  let result: { value: string };
  try {
    result = await mammoth.extractRawText({
      buffer: Buffer.from(checked.buffer, checked.byteOffset, checked.length),
    });
  } catch (error) {
    throw new Unreadable(
      `a damaged Word document (${(error as Error).message.split('\n')[0].slice(0, 200)})`,
    );
  }
  return checkTextLength(result.value.replace(/\n{3,}/g, '\n\n').trim(), limits);
}
