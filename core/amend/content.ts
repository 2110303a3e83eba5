/// Quoted content: the text an instrument quotes for a new or rewritten article, paragraph or item,
/// one line per paragraph, item and subitem, items and subitems with their labels (“（一）……”,
/// “(1) …”), as the plain-text format writes them.
import type { Language } from '../language.ts';
import { label } from '../numbering.ts';
import type { OutlineArticle, OutlineParagraph } from '../outline.ts';
import { joinLabel } from '../outline.ts';
import { readLabel } from '../format/labels.ts';
import type { ItemText, ParagraphText } from './model.ts';

/// The paragraphs of an outline article as quoted content.
export function articleParagraphs(article: OutlineArticle): ParagraphText[] {
  return article.paragraphs.map(paragraphText);
}

/// One outline paragraph as quoted content.
export function paragraphText(paragraph: OutlineParagraph): ParagraphText {
  return {
    text: paragraph.text,
    items: paragraph.items.map((item) => ({ text: item.text, subitems: item.subitems.map((s) => s.text) })),
  };
}

/// The lines of `paragraphs`, labels written; items numbered from 1 in each paragraph.
export function contentLines(paragraphs: readonly ParagraphText[], language: Language): string[] {
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    lines.push(paragraph.text);
    paragraph.items.forEach((item, k) => lines.push(...itemLines(item, k + 1, language)));
  }
  return lines;
}

/// The lines of one item numbered `number`: its own line and one per subitem.
export function itemLines(item: ItemText, number: number, language: Language): string[] {
  return [
    joinLabel(label('item', number, language), item.text),
    ...item.subitems.map((s, k) => joinLabel(label('subitem', k + 1, language), s)),
  ];
}

/// Quoted lines read back: the paragraphs, or the problems that make them unreadable.
export interface ReadContent {
  readonly paragraphs: readonly ParagraphText[];
  /// The numbers written on the items, per paragraph, in order.
  readonly itemNumbers: readonly (readonly (number | null)[])[];
  readonly problems: readonly string[];
}

/// Read quoted lines as paragraphs, items and subitems (`items`: the quote is one item, whose first
/// line is the item even without its label). Subitem numbers must run from 1 in each item; item
/// numbers are returned for the caller to check.
export function readContent(lines: readonly string[], language: Language, items = false): ReadContent {
  const paragraphs: Array<{ text: string; items: Array<{ text: string; subitems: string[] }> }> = [];
  const itemNumbers: Array<Array<number | null>> = [];
  const problems: string[] = [];
  let item: { text: string; subitems: string[] } | null = null;
  lines.forEach((line, index) => {
    const read = readLabel(line, language);
    if (read?.kind === 'item' || (items && index === 0)) {
      if (paragraphs.length === 0) {
        paragraphs.push({ text: '', items: [] });
        itemNumbers.push([]);
      }
      item = { text: read?.kind === 'item' ? read.text : line, subitems: [] };
      paragraphs[paragraphs.length - 1].items.push(item);
      itemNumbers[itemNumbers.length - 1].push(read?.kind === 'item' ? read.number : null);
      return;
    }
    if (read?.kind === 'subitem' && item) {
      const expected = item.subitems.length + 1;
      if (read.number !== expected)
        problems.push(`subitem ${read.written} where ${label('subitem', expected, language)} was expected`);
      item.subitems.push(read.text);
      return;
    }
    if (items) {
      problems.push(`the quoted item has a line that is not a subitem: ${line}`);
      return;
    }
    item = null;
    paragraphs.push({ text: line, items: [] });
    itemNumbers.push([]);
  });
  return { paragraphs, itemNumbers, problems };
}
