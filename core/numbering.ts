/// Labels computed from position (DESIGN.md "The document"): numbers are never stored.
///
///     zh  第一编 / 第一章 / 第一节 / 第一条 / （一） / 1.     paragraphs cited as 第二款
///     en  Part 1 / Chapter I / Section 1 / Article 1 / (1) / (a)
import type { Language } from './language.ts';
import { chineseNumeral, letterNumeral, romanNumeral } from './numerals.ts';

/// The levels that carry a number.
export type NumberedKind = 'part' | 'chapter' | 'section' | 'article' | 'paragraph' | 'item' | 'subitem';

const zhSuffix = { part: '编', chapter: '章', section: '节', article: '条', paragraph: '款' } as const;

/// The label of the `n`th (1-based) node of `kind` in `language`: `label('article', 101, 'zh')` is
/// "第一百零一条"; `label('chapter', 4, 'en')` is "Chapter IV". Paragraph labels are the citation form
/// ("第二款", "paragraph 2"), since paragraphs are not numbered in the text. Throws RangeError for n < 1.
export function label(kind: NumberedKind, n: number, language: Language): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`No ${kind} number ${n}`);
  if (language === 'zh') {
    switch (kind) {
      case 'item':
        return `（${chineseNumeral(n)}）`;
      case 'subitem':
        return `${n}.`;
      default:
        return `第${chineseNumeral(n)}${zhSuffix[kind]}`;
    }
  }
  switch (kind) {
    case 'part':
      return `Part ${n}`;
    case 'chapter':
      return `Chapter ${romanNumeral(n)}`;
    case 'section':
      return `Section ${n}`;
    case 'article':
      return `Article ${n}`;
    case 'paragraph':
      return `paragraph ${n}`;
    case 'item':
      return `(${n})`;
    case 'subitem':
      return `(${letterNumeral(n)})`;
  }
}

/// A place in a draft that a citation can name: an article, optionally one of its paragraphs (款),
/// optionally one item (项) of that paragraph. Numbers are 1-based.
export interface CitationTarget {
  readonly article: number;
  readonly paragraph?: number | null;
  readonly item?: number | null;
  /// The number alone, without "Article" or 第…条: an element of a list whose word is written once
  /// ("Articles 23 and 27"). Paragraph and item are then ignored. Defaults to false.
  readonly bare?: boolean | null;
}

/// The text of a citation as a drafter writes it: zh "第十二条第二款第三项", en "Article 12(2)(3)".
/// An item without a paragraph refers to the article's first paragraph: zh "第十二条第三项", en "Article 12(1)(3)".
/// A bare target is the number alone: en "23", zh "二十三".
export function citationLabel(target: CitationTarget, language: Language): string {
  const { article, paragraph, item } = target;
  if (target.bare) return language === 'zh' ? chineseNumeral(article) : String(article);
  if (language === 'zh') {
    let text = label('article', article, 'zh');
    if (paragraph) text += label('paragraph', paragraph, 'zh');
    if (item) text += `第${chineseNumeral(item)}项`;
    return text;
  }
  let text = `Article ${article}`;
  if (paragraph || item) text += `(${paragraph ?? 1})`;
  if (item) text += `(${item})`;
  return text;
}
