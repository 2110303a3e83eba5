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
  /// Applied to every piece of text (not to labels and heading marks). Defaults to none.
  readonly escape?: (text: string) => string;
}

/// The text of `doc` (a document of core's schema) in the plain-text format, labels in `language`:
/// `# title`, the preamble notes, then headings (`## 第一章 总则`, `### 第一节 …`; one `#` more inside
/// a part), articles (`第一条 text` / `Article 1 text`), and each further paragraph, item and subitem,
/// one block each, blocks separated by one blank line, ending in a newline. An empty paragraph after
/// an article's first has no line of its own. `options.escape` is applied to every piece of text (not
/// to labels and heading marks): the Markdown export passes escapeMarkdown, so that text reaches a
/// Markdown renderer as text. Defaults to none: the plain-text format holds the text as written.
export function serializeLaw(doc: PMNode, language: Language, options: SerializeOptions = {}): string {
  const escape = options.escape ?? same;
  const outline = buildOutline(doc, language);
  const blocks: string[] = [outline.title ? `# ${escape(outline.title)}` : '#'];
  const keepComments = options.sourceComments ?? true;
  for (const note of outline.preamble) {
    if (!note || (!keepComments && isSourceComment(note))) continue;
    blocks.push(isComment(note) ? note : escape(note));
  }

  const divisions = outline.divisions;
  let next = 0;
  for (const article of outline.articles) {
    while (next < divisions.length && divisions[next].pos < article.pos) {
      blocks.push(headingLine(doc, divisions[next++], escape));
    }
    writeArticle(blocks, article, escape);
  }
  // A valid document has no division after its last article; a lenient writer still writes it.
  while (next < divisions.length) blocks.push(headingLine(doc, divisions[next++], escape));
  return blocks.join('\n\n') + '\n';
}

const same = (text: string) => text;

// A note that is one whole HTML comment (a source or licence notice) stays one: it shows nowhere.
// Anything after its first `-->` would be live HTML, so such a note is escaped like text.
function isComment(note: string): boolean {
  return note.startsWith('<!--') && note.indexOf('-->') === note.length - 3;
}

// `##` for a division at the top level, one `#` more for each division around it.
function headingLine(doc: PMNode, division: OutlineDivision, escape: (text: string) => string): string {
  const depth = doc.resolve(division.pos).depth;
  return `${'#'.repeat(2 + depth)} ${joinLabel(division.label, escape(division.heading))}`;
}

function writeArticle(blocks: string[], article: OutlineArticle, escape: (text: string) => string): void {
  article.paragraphs.forEach((paragraph, index) => {
    if (index === 0) blocks.push(joinLabel(article.label, escape(paragraph.text)));
    else if (paragraph.text) blocks.push(escape(paragraph.text));
    writeItems(blocks, paragraph.items, escape);
  });
}

function writeItems(blocks: string[], items: readonly OutlineItem[], escape: (text: string) => string): void {
  for (const item of items) {
    blocks.push(joinLabel(item.label, escape(item.text)));
    writeItems(blocks, item.subitems, escape);
  }
}
