/// Reading the written labels of the plain-text format: division headings (第一编 / 第一章 / 第一节,
/// Part 1 / Chapter I / Section 1), articles (第一条 / Article 1), items (（一） / (1)) and subitems
/// (1. / (a)). Private to core (core/format, and core/amend for quoted content): import drops the
/// numbers and only checks them.
import type { Language } from '../language.ts';
import { parseChineseNumeral, parseLetterNumeral, parseRomanNumeral } from '../numerals.ts';

/// The levels that hold articles.
export type DivisionKind = 'part' | 'chapter' | 'section';

/// A line read by its label.
export interface Labelled {
  readonly kind: DivisionKind | 'article' | 'item' | 'subitem';
  /// The label as written: "第一章", "(一)", "Article 5".
  readonly written: string;
  /// The number the label says, or null when its numeral cannot be read.
  readonly number: number | null;
  /// What follows the label, trimmed; empty when the line is only the label.
  readonly text: string;
}

const zhNumeral = '[〇零一二三四五六七八九十百千万两0-9]+';
const zhDivision = new RegExp(`^(第(${zhNumeral})([编章节]))\\s*(.*)$`, 'u');
const zhArticle = new RegExp(`^(第(${zhNumeral})条)\\s*(.*)$`, 'u');
// Items are written with full-width parentheses, sometimes with ASCII ones, sometimes followed by a space.
const zhItem = /^([（(]([〇零一二三四五六七八九十百]+)[）)])\s*(.*)$/u;
// "1.5 亿元" is not a subitem: the point must not be a decimal point.
const zhSubitem = /^((\d+)[.．])(?!\d)\s*(.*)$/u;
const zhDivisionKind = { 编: 'part', 章: 'chapter', 节: 'section' } as const;

const enDivision =
  /^((Part|PART|Chapter|CHAPTER|Section|SECTION)\s+([IVXLCDM]+|\d+))(?=$|[\s.:])[.:]?\s*(.*)$/u;
const enArticle = /^((?:Article|ARTICLE)\s+(\d+))(?=$|\s)\s*(.*)$/u;
const enItem = /^(\((\d+)\))\s*(.*)$/u;
const enSubitem = /^(\(([a-z]{1,2})\))\s*(.*)$/u;

/// The label at the start of `text` in `language`, or null when the text does not start with one.
/// Whether a division label starts a heading or a sentence is for the caller to judge (see
/// `isHeadingLike`).
export function readLabel(text: string, language: Language): Labelled | null {
  return language === 'zh' ? readChinese(text) : readEnglish(text);
}

function readChinese(text: string): Labelled | null {
  let m = zhArticle.exec(text);
  if (m) return { kind: 'article', written: m[1], number: parseChineseNumeral(m[2]), text: m[3] };
  m = zhDivision.exec(text);
  if (m) {
    const kind = zhDivisionKind[m[3] as keyof typeof zhDivisionKind];
    return { kind, written: m[1], number: parseChineseNumeral(m[2]), text: m[4] };
  }
  m = zhItem.exec(text);
  if (m) return { kind: 'item', written: m[1], number: parseChineseNumeral(m[2]), text: m[3] };
  m = zhSubitem.exec(text);
  if (m) return { kind: 'subitem', written: m[1], number: Number(m[2]) || null, text: m[3] };
  return null;
}

function readEnglish(text: string): Labelled | null {
  let m = enArticle.exec(text);
  if (m) return { kind: 'article', written: m[1], number: Number(m[2]) || null, text: m[3] };
  m = enDivision.exec(text);
  if (m) {
    const kind = m[2].toLowerCase() as DivisionKind;
    const numeral = m[3];
    const number = /^\d+$/.test(numeral) ? Number(numeral) || null : parseRomanNumeral(numeral);
    return { kind, written: m[1], number, text: m[4] };
  }
  m = enItem.exec(text);
  if (m) return { kind: 'item', written: m[1], number: Number(m[2]) || null, text: m[3] };
  m = enSubitem.exec(text);
  if (m) return { kind: 'subitem', written: m[1], number: parseLetterNumeral(m[2]), text: m[3] };
  return null;
}

/// Whether `text` reads like the title of a chapter rather than a sentence: short, and without the
/// punctuation that sentences of legislation have (a heading never ends in 。；：, and in Chinese
/// never holds a comma or a full stop). Empty text counts as a heading (a bare label).
export function isHeadingLike(text: string, language: Language): boolean {
  if (!text) return true;
  if (language === 'zh') return [...text].length <= 30 && !/[。；：，！？;:,!?]/u.test(text);
  return text.length <= 120 && /^[A-Z]/u.test(text) && !/[.;:,!?]$/u.test(text) && !/[.;!?]\s/u.test(text);
}

/// A heading's text as the document keeps it: whitespace runs (U+3000 and zero-width spaces
/// included) made one space, and the spaces that typesetting puts between Chinese characters
/// ("总  则", "附 则") removed, so that the same heading reads the same in every version of a law.
export function tidyHeading(text: string): string {
  return text.replace(/[\s\u200b]+/gu, ' ').replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '');
}
