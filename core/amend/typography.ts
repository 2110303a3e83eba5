/// Typography that an instrument does not amend, and finding quoted words in spite of it.
///
/// An instrument amends words, not typesetting: in Chinese text, spaces (ASCII, U+3000, zero-width)
/// carry no meaning and a half-width colon, semicolon, comma, question or exclamation mark or
/// parenthesis is the same mark as its full-width form (the corpus mixes both); in English text, runs
/// of spaces are one space. In both, straight and curly quotation marks are the same mark. Two texts
/// that agree in this form are the same words, and a quotation typed with other spacing or other
/// punctuation widths still finds its words.
import type { Language } from '../language.ts';

const zhFold: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
};
const enFold: Record<string, string> = { '“': '"', '”': '"', '‘': "'", '’': "'" };

/// A text in the form in which two texts count as the same words, with, for each character of
/// the key, the offset in `text` it came from.
export interface TextKey {
  readonly key: string;
  readonly offsets: readonly number[];
}

const isSpace = (ch: string) => /[^\S\n]/.test(ch) || ch === '\u200b' || ch === '\ufeff';

/// The key of `text` with the offsets it came from (see the module comment for what is folded).
export function textKey(text: string, language: Language): TextKey {
  let key = '';
  const offsets: number[] = [];
  const fold = language === 'zh' ? zhFold : enFold;
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (isSpace(ch)) {
      if (language === 'en' && key && pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      if (ch !== '\n' && key[key.length - 1] !== '\n') {
        key += ' ';
        offsets.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    key += fold[ch] ?? ch;
    offsets.push(i);
  }
  return { key, offsets };
}

const zhMarks = /[,;:?!()“”‘’]/g;
const enMarks = /[“”‘’]/g;

/// The key of `text` alone (see textKey): the same string, made without offsets.
export function wordsKey(text: string, language: Language): string {
  if (language === 'zh') {
    return text.replace(/[^\S\n]+|[\u200b\ufeff]+/g, '').replace(zhMarks, (ch) => zhFold[ch]);
  }
  return text
    .replace(/[\u200b\ufeff]+/g, '')
    .replace(/[^\S\n]*\n[^\S\n]*/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/^ | $/g, '')
    .replace(enMarks, (ch) => enFold[ch]);
}

/// Whether `a` and `b` are the same words (see the module comment).
export function sameWords(a: string, b: string, language: Language): boolean {
  return a === b || wordsKey(a, language) === wordsKey(b, language);
}

/// Where one quotation was found: the line (index into the searched lines) and the span in it.
export interface WordsMatch {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/// Every place in `lines` where `words` stands, each within one line, overlapping places included,
/// compared in key form (so spacing and punctuation width do not matter). Spans are in offsets of
/// the lines as written. Empty words are found nowhere.
export function findWords(lines: readonly string[], words: string, language: Language): WordsMatch[] {
  const needle = wordsKey(words, language);
  if (!needle) return [];
  const matches: WordsMatch[] = [];
  lines.forEach((line, index) => {
    const { key, offsets } = textKey(line, language);
    for (let at = key.indexOf(needle); at >= 0; at = key.indexOf(needle, at + 1)) {
      matches.push({ line: index, start: offsets[at], end: offsets[at + needle.length - 1] + 1 });
    }
  });
  return matches;
}

const wordChar = /[\p{L}\p{N}]/u;

/// The words `words` as inserted at offset `at` of `line`: in English, a space is put between them
/// and a word they would otherwise run into (“departments” added after “work” reads "work
/// departments"); Chinese takes no spaces.
export function joinWords(line: string, at: number, words: string): string {
  if (!words) return words;
  const before = wordChar.test(line[at - 1] ?? '') && wordChar.test(words[0]) ? ' ' : '';
  const after = wordChar.test(words[words.length - 1]) && wordChar.test(line[at] ?? '') ? ' ' : '';
  return before + words + after;
}
