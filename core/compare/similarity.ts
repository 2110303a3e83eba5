/// Text fingerprints for aligning articles: a set of shingles per text, compared with the Dice
/// coefficient. Chinese texts are fingerprinted by character bigrams, English texts by word bigrams;
/// whitespace and letter case do not count. Fingerprints are sorted arrays of unsigned 32-bit
/// integers, so two can be intersected in one merge pass.
import type { Language } from '../language.ts';

/// The shingles of one text: sorted, without repeats.
export type Fingerprint = Uint32Array;

/// The fingerprint of `text`: the set of its character bigrams (zh) or word bigrams (en). A text too
/// short for a bigram is fingerprinted by its one character or word; an empty text has no shingles.
export function fingerprint(text: string, language: Language): Fingerprint {
  return language === 'zh' ? characterBigrams(text) : wordBigrams(text);
}

function characterBigrams(text: string): Fingerprint {
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Whitespace of any width (ASCII, U+3000, line breaks) carries no meaning in a Chinese text.
    if (code <= 0x20 || code === 0x3000 || code === 0xa0) continue;
    units.push(code);
  }
  if (units.length === 1) return Uint32Array.of(units[0]);
  const shingles = new Uint32Array(Math.max(0, units.length - 1));
  for (let i = 1; i < units.length; i++) shingles[i - 1] = ((units[i - 1] << 16) | units[i]) >>> 0;
  return sortUnique(shingles);
}

function wordBigrams(text: string): Fingerprint {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 1) return Uint32Array.of(hashString(words[0]));
  const shingles = new Uint32Array(Math.max(0, words.length - 1));
  for (let i = 1; i < words.length; i++) shingles[i - 1] = hashString(`${words[i - 1]} ${words[i]}`);
  return sortUnique(shingles);
}

// FNV-1a, 32 bits: a stable hash, the same on every platform and in every run.
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function sortUnique(values: Uint32Array): Fingerprint {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (i === 0 || values[i] !== values[i - 1]) values[n++] = values[i];
  }
  return values.slice(0, n);
}

/// The form of `text` in which two articles must agree to count as unchanged: full-width forms read
/// as their ASCII twins (foldWidth: a colon typed half-width or full-width is the same colon), and in
/// zh without any horizontal whitespace (stray ASCII or full-width spaces inside Chinese text mean
/// nothing), in en with runs of spaces collapsed and lines trimmed. Line breaks (paragraphs and items)
/// always count.
export function comparableText(text: string, language: Language): string {
  const folded = foldWidth(text);
  if (language === 'zh') return folded.replace(/[^\S\n]+/g, '');
  return folded
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n');
}

/// `text` with every full-width form (U+FF01–U+FF5E: ：；，（）！？，Ａ，１ …) as its ASCII twin, and
/// nothing else changed (same length, position for position): what the width of a character does not
/// change in a comparison.
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/// How many shingles `a` and `b` share.
export function sharedCount(a: Fingerprint, b: Fingerprint): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

/// The Dice coefficient of two fingerprints, 2|a∩b| / (|a| + |b|): 1 for the same set, 0 for
/// disjoint sets (and for two empty ones).
export function dice(a: Fingerprint, b: Fingerprint): number {
  const total = a.length + b.length;
  return total === 0 ? 0 : (2 * sharedCount(a, b)) / total;
}

/// The share of `part`'s shingles that are also in `whole`: 1 when `part` reads as a piece of
/// `whole`, whatever else `whole` holds. 0 for an empty `part`.
export function containment(part: Fingerprint, whole: Fingerprint): number {
  return part.length === 0 ? 0 : sharedCount(part, whole) / part.length;
}

/// The union of several fingerprints (the fingerprint of texts read together, but for the shingles
/// that would straddle their boundaries).
export function unionOf(prints: readonly Fingerprint[]): Fingerprint {
  if (prints.length === 1) return prints[0];
  let size = 0;
  for (const print of prints) size += print.length;
  const all = new Uint32Array(size);
  let offset = 0;
  for (const print of prints) {
    all.set(print, offset);
    offset += print.length;
  }
  return sortUnique(all);
}
