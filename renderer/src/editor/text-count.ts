/// Counting a draft's text the way Chinese and English word processors do: every Chinese (and Japanese,
/// Korean) character is a character and a word of its own; other words are runs of letters and digits;
/// characters are everything but white space. Labels (第三条, Article 3) are drawn, not written, so
/// they are not counted. Pure.
import type { Node as PMNode } from 'prosemirror-model';
import { isSourceComment } from '../../../core/index.ts';

/// The counts of a text.
export interface TextCount {
  /// Chinese characters one each, plus runs of other letters and digits.
  readonly words: number;
  /// Every character but white space (punctuation included), counted as people count them (one per
  /// code point, so a rare character outside the BMP counts once).
  readonly characters: number;
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const letter = /[\p{L}\p{N}\p{M}'’_-]/u;
const space = /[\s\u200b\ufeff]/u;

/// Count `text`.
export function countText(text: string): TextCount {
  let words = 0;
  let characters = 0;
  let inWord = false;
  for (const char of text) {
    if (space.test(char)) {
      inWord = false;
      continue;
    }
    characters++;
    if (cjk.test(char)) {
      words++;
      inWord = false;
    } else if (letter.test(char)) {
      if (!inWord && /[\p{L}\p{N}]/u.test(char)) {
        words++;
        inWord = true;
      }
    } else {
      inWord = false;
    }
  }
  return { words, characters };
}

/// The text of `doc` between `from` and `to` as counted: blocks on their own lines, a cross-reference
/// as the label it shows (`refText`), source comments (`<!-- … -->` notes) left out.
export function countedText(
  doc: PMNode,
  refText: (ref: PMNode) => string,
  from = 0,
  to = doc.content.size,
): string {
  const parts: string[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isTextblock) return true;
    if (node.type.name === 'note' && isSourceComment(node.textContent)) return false;
    const start = Math.max(from, pos + 1) - (pos + 1);
    const end = Math.min(to, pos + 1 + node.content.size) - (pos + 1);
    parts.push(node.textBetween(start, end, '', (leaf) => (leaf.type.name === 'ref' ? refText(leaf) : '')));
    return false;
  });
  return parts.join('\n');
}
