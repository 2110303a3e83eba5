/// Export to the plain-text format (DESIGN.md "The plain-text format"), in the style of the corpus:
///
///     # 中华人民共和国网络安全法
///
///     2016年11月7日 …通过
///
///     ## 第一章 总则
///
///     第一条 为了……
///
///     （一）……
///
/// Labels come from the computed numbering, cross-references are written as their citation
/// ("第十二条第二款"), marks (emphasis) are dropped. `parseLaw` reads the result back to the same outline.
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../language.ts';
import { buildOutline, isSourceComment, joinLabel } from '../outline.ts';
import type { OutlineArticle, OutlineDivision, OutlineItem } from '../outline.ts';

/// Options of serializeLaw.
export interface SerializeOptions {
  /// Whether the source's comment lines kept in the preamble (`<!-- … -->`: a licence, a note on
  /// where the text came from) are written back. Defaults to true, so that a law read and written
  /// again loses nothing; exports for readers leave them out.
  readonly sourceComments?: boolean;
}

/// The text of `doc` (a document of core's schema) in the plain-text format, labels in `language`:
/// `# title`, the preamble notes, then headings (`## 第一章 总则`, `### 第一节 …`; one `#` more inside
/// a part), articles (`第一条 text` / `Article 1 text`), and each further paragraph, item and subitem,
/// one block each, blocks separated by one blank line, ending in a newline. An empty paragraph after
/// an article's first has no line of its own.
export function serializeLaw(doc: PMNode, language: Language, options: SerializeOptions = {}): string {
  const outline = buildOutline(doc, language);
  const blocks: string[] = [outline.title ? `# ${outline.title}` : '#'];
  const keepComments = options.sourceComments ?? true;
  for (const note of outline.preamble)
    if (note && (keepComments || !isSourceComment(note))) blocks.push(note);

  const divisions = outline.divisions;
  let next = 0;
  for (const article of outline.articles) {
    while (next < divisions.length && divisions[next].pos < article.pos) {
      blocks.push(headingLine(doc, divisions[next++]));
    }
    writeArticle(blocks, article);
  }
  // A valid document has no division after its last article; a lenient writer still writes it.
  while (next < divisions.length) blocks.push(headingLine(doc, divisions[next++]));
  return blocks.join('\n\n') + '\n';
}

// `##` for a division at the top level, one `#` more for each division around it.
function headingLine(doc: PMNode, division: OutlineDivision): string {
  const depth = doc.resolve(division.pos).depth;
  return `${'#'.repeat(2 + depth)} ${joinLabel(division.label, division.heading)}`;
}

function writeArticle(blocks: string[], article: OutlineArticle): void {
  article.paragraphs.forEach((paragraph, index) => {
    if (index === 0) blocks.push(joinLabel(article.label, paragraph.text));
    else if (paragraph.text) blocks.push(paragraph.text);
    writeItems(blocks, paragraph.items);
  });
}

function writeItems(blocks: string[], items: readonly OutlineItem[]): void {
  for (const item of items) {
    blocks.push(joinLabel(item.label, item.text));
    writeItems(blocks, item.subitems);
  }
}
