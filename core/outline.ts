/// The outline of a draft: its parts, chapters, sections and articles with their computed numbers,
/// labels and text. Everything that reads a draft by article (comparison, exports, comments, the
/// outline pane) reads this, not the ProseMirror tree.
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from './language.ts';
import { citationLabel, label } from './numbering.ts';

/// One numbered entry of a paragraph's list: an item (项) or a subitem (目).
export interface OutlineItem {
  readonly label: string;
  readonly text: string;
  readonly subitems: readonly OutlineItem[];
}

/// One paragraph (款) of an article: its lead text and its items.
export interface OutlineParagraph {
  readonly text: string;
  readonly items: readonly OutlineItem[];
}

/// A part, chapter or section.
export interface OutlineDivision {
  readonly kind: 'part' | 'chapter' | 'section';
  readonly id: string | null;
  /// 1-based number within its parent (chapters restart in each part, sections in each chapter).
  readonly number: number;
  readonly label: string;
  readonly heading: string;
  /// The id of the enclosing part or chapter, or null at top level.
  readonly parentId: string | null;
  /// Position of the node in the document (for the editor to jump to).
  readonly pos: number;
}

/// An article with everything needed to show, cite or compare it.
export interface OutlineArticle {
  readonly id: string | null;
  /// 1-based number: articles are numbered through the whole draft.
  readonly number: number;
  readonly label: string;
  readonly partId: string | null;
  readonly chapterId: string | null;
  readonly sectionId: string | null;
  readonly paragraphs: readonly OutlineParagraph[];
  /// The article's text without its label: paragraphs on their own lines, each item on its own line
  /// after its label, cross-references rendered from the current numbering.
  readonly text: string;
  readonly pos: number;
}

/// A cross-reference whose target article no longer exists.
export interface DanglingReference {
  readonly target: string | null;
  /// The article that holds the reference, or null in the preamble.
  readonly articleId: string | null;
  readonly pos: number;
}

/// The outline of a whole draft.
export interface Outline {
  readonly title: string;
  readonly language: Language;
  readonly preamble: readonly string[];
  readonly divisions: readonly OutlineDivision[];
  readonly articles: readonly OutlineArticle[];
  readonly dangling: readonly DanglingReference[];
}

/// Text shown for a cross-reference whose target is gone.
export function danglingLabel(language: Language): string {
  return language === 'zh' ? '【失效引用】' : '[missing reference]';
}

/// Compute the outline of `doc` (a document of core's schema) in `language`.
export function buildOutline(doc: PMNode, language: Language): Outline {
  // First pass: where each article id stands, so references render whatever their order.
  const articleNumbers = new Map<string, number>();
  let count = 0;
  doc.descendants((node) => {
    if (node.type.name === 'article') {
      count++;
      if (node.attrs.id) articleNumbers.set(node.attrs.id, count);
      return false;
    }
    return node.isBlock && !node.isTextblock;
  });

  const dangling: DanglingReference[] = [];
  const divisions: OutlineDivision[] = [];
  const articles: OutlineArticle[] = [];
  let title = '';
  const preamble: string[] = [];

  const inlineText = (node: PMNode, articleId: string | null, start: number): string => {
    let text = '';
    node.forEach((child, offset) => {
      if (child.isText) text += child.text;
      else if (child.type.name === 'ref') {
        const target = child.attrs.target as string | null;
        const number = target ? articleNumbers.get(target) : undefined;
        if (number === undefined) {
          dangling.push({ target, articleId, pos: start + 1 + offset });
          text += danglingLabel(language);
        } else {
          const { paragraph, item, bare } = child.attrs;
          text += citationLabel({ article: number, paragraph, item, bare }, language);
        }
      }
    });
    return text;
  };

  const readItems = (node: PMNode, articleId: string | null, start: number, kind: 'item' | 'subitem') => {
    const items: OutlineItem[] = [];
    node.forEach((child, offset) => {
      if (child.type.name !== kind) return;
      const pos = start + 1 + offset;
      const lead = child.firstChild!;
      items.push({
        label: label(kind, items.length + 1, language),
        text: inlineText(lead, articleId, pos + 1),
        subitems: kind === 'item' ? readItems(child, articleId, pos, 'subitem') : [],
      });
    });
    return items;
  };

  let partNumber = 0;
  let chapterNumber = 0;
  let sectionNumber = 0;
  let articleNumber = 0;

  const readArticle = (
    node: PMNode,
    pos: number,
    partId: string | null,
    chapterId: string | null,
    sectionId: string | null,
  ) => {
    const id = (node.attrs.id as string | null) ?? null;
    const paragraphs: OutlineParagraph[] = [];
    node.forEach((paragraph, offset) => {
      const paragraphPos = pos + 1 + offset;
      paragraphs.push({
        text: inlineText(paragraph.firstChild!, id, paragraphPos + 1),
        items: readItems(paragraph, id, paragraphPos, 'item'),
      });
    });
    articleNumber++;
    articles.push({
      id,
      number: articleNumber,
      label: label('article', articleNumber, language),
      partId,
      chapterId,
      sectionId,
      paragraphs,
      text: articleText(paragraphs),
      pos,
    });
  };

  const readDivision = (node: PMNode, pos: number, number: number, parentId: string | null) => {
    const kind = node.type.name as 'part' | 'chapter' | 'section';
    divisions.push({
      kind,
      id: (node.attrs.id as string | null) ?? null,
      number,
      label: label(kind, number, language),
      heading: node.firstChild!.textContent,
      parentId,
      pos,
    });
  };

  const readChildren = (
    node: PMNode,
    start: number,
    partId: string | null,
    chapterId: string | null,
    sectionId: string | null,
  ) => {
    node.forEach((child, offset) => {
      const pos = start + offset;
      switch (child.type.name) {
        case 'title':
          title = child.textContent;
          break;
        case 'preamble':
          child.forEach((note, noteOffset) => preamble.push(inlineText(note, null, pos + 1 + noteOffset)));
          break;
        case 'part':
          readDivision(child, pos, ++partNumber, null);
          chapterNumber = 0;
          readChildren(child, pos + 1, child.attrs.id, null, null);
          break;
        case 'chapter':
          readDivision(child, pos, ++chapterNumber, partId);
          sectionNumber = 0;
          readChildren(child, pos + 1, partId, child.attrs.id, null);
          break;
        case 'section':
          readDivision(child, pos, ++sectionNumber, chapterId);
          readChildren(child, pos + 1, partId, chapterId, child.attrs.id);
          break;
        case 'article':
          readArticle(child, pos, partId, chapterId, sectionId);
          break;
      }
    });
  };
  readChildren(doc, 0, null, null, null);

  return { title, language, preamble, divisions, articles, dangling };
}

/// The plain text of an article from its paragraphs: one line per paragraph, item and subitem,
/// items prefixed by their labels. Item labels in zh are followed by nothing ("（一）文字"), in en by a space.
export function articleText(paragraphs: readonly OutlineParagraph[]): string {
  const lines: string[] = [];
  const pushItems = (items: readonly OutlineItem[]) => {
    for (const item of items) {
      lines.push(joinLabel(item.label, item.text));
      pushItems(item.subitems);
    }
  };
  for (const paragraph of paragraphs) {
    lines.push(paragraph.text);
    pushItems(paragraph.items);
  }
  return lines.join('\n');
}

/// Join a label and its text the way the language writes them: "（一）文字", "(1) text", "第一条 文字".
export function joinLabel(labelText: string, text: string): string {
  if (!text) return labelText;
  return /[）]$/.test(labelText) ? labelText + text : `${labelText} ${text}`;
}

/// Whether a preamble note is an HTML comment kept from the source file (`<!-- … -->`, e.g. a
/// translation's licence, or `<!-- INFO END -->`; also one left open, which import reads as a one-line
/// comment). Import keeps every such comment as a preamble note; documents for readers leave them out
/// and the editor shows them as collapsed notes.
export function isSourceComment(note: string): boolean {
  return note.trimStart().startsWith('<!--');
}

/// The preamble notes a reader sees: every note but source comments.
export function readerPreamble(outline: Outline): readonly string[] {
  return outline.preamble.filter((note) => !isSourceComment(note));
}
