/// Inline changes inside one modified article: per character for Chinese, per word for English,
/// cleaned up into readable runs.
///
/// The diff is jsdiff's (Myers): `diffChars` for zh; for en, `diffArrays` over word, space and
/// punctuation tokens — jsdiff's `diffWords` would be the obvious choice, but it reports runs of
/// spaces in the new text's form, so the old text could no longer be read back from the segments.
/// Both are bounded by `maxEditLength` (deterministic) and by a generous `timeout` (a guard that
/// should never fire); a pair beyond either is shown as one replacement between their common
/// prefix and suffix.
import { diffArrays, diffChars } from 'diff';
import type { Language } from '../language.ts';
import { foldWidth } from './similarity.ts';

/// What a segment of an inline diff does: kept, inserted by the new text, or deleted from the old one.
export type SegmentOp = 'equal' | 'insert' | 'delete';

/// A run of text with one operation. Equal and deleted runs read in order give the old text; equal
/// and inserted runs give the new text.
export interface Segment {
  readonly op: SegmentOp;
  readonly text: string;
}

/// Bounds of one inline diff.
export interface InlineDiffOptions {
  /// Most insertions plus deletions (of characters in zh, of tokens in en) worth working out;
  /// beyond it the pair is shown as one replacement. Defaults to 2,000.
  readonly maxEditLength?: number;
  /// Milliseconds after which the diff gives up the same way. Defaults to 500: a guard against a
  /// slow machine, far beyond what maxEditLength lets any pair take.
  readonly timeout?: number;
}

/// A raw diff of two texts and how alike they are.
export interface TextDiff {
  /// Segments straight from the diff: equal+insert read back to the new text character for
  /// character, equal+delete to the old text (in en but for the width of runs of spaces).
  readonly segments: readonly Segment[];
  /// 2 × kept characters / (old length + new length): 1 for equal texts, 0 for nothing in common.
  readonly similarity: number;
  /// False when a bound was reached and the middle of the texts is shown as one replacement.
  readonly complete: boolean;
}

const defaultMaxEditLength = 2000;
const defaultTimeout = 500;

/// The readable inline diff of `oldText` and `newText` in `language`: diffTexts, then cleanupSegments.
export function inlineDiff(
  oldText: string,
  newText: string,
  language: Language,
  options: InlineDiffOptions = {},
): Segment[] {
  return cleanupSegments(diffTexts(oldText, newText, language, options).segments, language);
}

/// The raw diff of `oldText` and `newText`: per character for zh, per word for en.
export function diffTexts(
  oldText: string,
  newText: string,
  language: Language,
  options: InlineDiffOptions = {},
): TextDiff {
  if (oldText === newText)
    return { segments: oldText ? [{ op: 'equal', text: oldText }] : [], similarity: 1, complete: true };
  let prefix = commonPrefix(oldText, newText);
  let suffix = commonSuffix(oldText, newText, prefix);
  if (language === 'en') {
    // Cut at word boundaries, so the word diff sees whole words, and before the spaces that lead
    // the next word (the tokens carry them).
    while (prefix > 0 && (insideWord(oldText, prefix) || insideWord(newText, prefix))) prefix--;
    while (prefix > 0 && /\s/.test(oldText[prefix - 1])) prefix--;
    while (
      suffix > 0 &&
      (insideWord(oldText, oldText.length - suffix) || insideWord(newText, newText.length - suffix))
    )
      suffix--;
  }
  const oldMiddle = oldText.slice(prefix, oldText.length - suffix);
  const newMiddle = newText.slice(prefix, newText.length - suffix);
  const limits = {
    maxEditLength: options.maxEditLength ?? defaultMaxEditLength,
    timeout: options.timeout ?? defaultTimeout,
  };

  let middle: Segment[] | undefined;
  if (!oldMiddle || !newMiddle) {
    middle = [];
  } else if (language === 'zh') {
    middle = diffChars(oldMiddle, newMiddle, limits)?.map(toSegment);
  } else {
    const options = { ...limits, comparator: sameToken };
    middle = diffArrays(wordTokens(oldMiddle), wordTokens(newMiddle), options)?.map((change) => ({
      op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
      text: change.value.join(''),
    }));
  }
  const complete = middle !== undefined;
  if (!middle) middle = [];
  if (middle.length === 0) {
    if (oldMiddle) middle.push({ op: 'delete', text: oldMiddle });
    if (newMiddle) middle.push({ op: 'insert', text: newMiddle });
  }

  const segments: Segment[] = [];
  if (prefix) segments.push({ op: 'equal', text: oldText.slice(0, prefix) });
  for (const segment of middle) segments.push(segment);
  if (suffix) segments.push({ op: 'equal', text: oldText.slice(oldText.length - suffix) });
  return { segments: mergeRuns(segments), similarity: similarityOf(segments), complete };
}

// Two tokens match when their words (or marks) are equal and a line break (which separates
// paragraphs) comes before both or neither, whatever the width of the spaces. A match takes the
// new text's form.
function sameToken(a: string, b: string): boolean {
  if (a === b) return true;
  return a.trimStart() === b.trimStart() && leadingBreak(a) === leadingBreak(b);
}

function leadingBreak(token: string): boolean {
  const space = /^\s*/.exec(token)![0];
  return space.includes('\n');
}

function toSegment(change: { value: string; added: boolean; removed: boolean }): Segment {
  return { op: change.added ? 'insert' : change.removed ? 'delete' : 'equal', text: change.value };
}

/// The similarity of a diff's segments: 2 × kept characters / (old length + new length); 1 when
/// both texts are empty.
export function similarityOf(segments: readonly Segment[]): number {
  let kept = 0;
  let total = 0;
  for (const segment of segments) {
    total += segment.op === 'equal' ? 2 * segment.text.length : segment.text.length;
    if (segment.op === 'equal') kept += 2 * segment.text.length;
  }
  return total === 0 ? 1 : kept / total;
}

/// The tokens of an English diff: each word or punctuation mark with the whitespace before it, and
/// any whitespace at the end. Spaces are not tokens of their own, so that the diff never prefers
/// keeping a space to keeping a word.
export function wordTokens(text: string): string[] {
  return text.match(/\s*(?:[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}])|\s+$/gu) ?? [];
}

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Never cut a surrogate pair.
  if (i > 0 && i < limit && isHighSurrogate(a.charCodeAt(i - 1))) i--;
  return i;
}

function commonSuffix(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  if (i > 0 && i < limit && isHighSurrogate(a.charCodeAt(a.length - 1 - i))) i--;
  return i;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

// One change between two equalities: what it deletes and what it inserts.
interface Change {
  deleted: string;
  inserted: string;
}

/// Readable runs from raw segments, in four steps:
///  - spacing: in zh, a space inserted or deleted on its own means nothing and is shown as kept
///    (an inserted one) or dropped (a deleted one);
///  - width: a change that only writes characters in their other width (a half-width colon made
///    full-width, "（" for "(") is no change: shown as kept, in the new text's form;
///  - every change between two kept runs shows its deletion before its insertion;
///  - a kept run squeezed between two changes and at most half as long as the larger side of the
///    smaller of them is folded into both, repeatedly: a rewritten sentence reads as one
///    replacement, not as confetti of the characters it happens to share with the old one.
/// Equal+delete still reads back to the old text and equal+insert to the new text, but for spacing
/// and the width of characters.
export function cleanupSegments(segments: readonly Segment[], language: Language): Segment[] {
  const runs: Array<string | Change> = [];
  const pushEqual = (text: string) => {
    if (!text) return;
    const last = runs[runs.length - 1];
    if (typeof last === 'string') runs[runs.length - 1] = last + text;
    else runs.push(text);
  };
  const pushChange = (deleted: string, inserted: string) => {
    const last = runs[runs.length - 1];
    if (last !== undefined && typeof last !== 'string') {
      last.deleted += deleted;
      last.inserted += inserted;
    } else runs.push({ deleted, inserted });
  };
  for (const segment of segments) {
    if (!segment.text) continue;
    const spacing = language === 'zh' && /^[^\S\n]+$/.test(segment.text);
    if (segment.op === 'equal' || (spacing && segment.op === 'insert')) pushEqual(segment.text);
    else if (spacing) continue;
    else if (segment.op === 'delete') pushChange(segment.text, '');
    else pushChange('', segment.text);
  }

  // Fold short kept runs between changes until none is left to fold.
  let folded = true;
  while (folded) {
    folded = false;
    for (let k = 1; k + 1 < runs.length; k++) {
      const kept = runs[k];
      const before = runs[k - 1];
      const after = runs[k + 1];
      if (typeof kept !== 'string' || typeof before === 'string' || typeof after === 'string') continue;
      const weight = Math.min(
        Math.max(before.deleted.length, before.inserted.length),
        Math.max(after.deleted.length, after.inserted.length),
      );
      if (kept.length * 2 > weight) continue;
      before.deleted += kept + after.deleted;
      before.inserted += kept + after.inserted;
      runs.splice(k, 2);
      folded = true;
      k--;
    }
  }

  const out: Segment[] = [];
  for (const run of runs) {
    if (typeof run === 'string') {
      out.push({ op: 'equal', text: run });
      continue;
    }
    if (run.deleted && foldWidth(run.deleted) === foldWidth(run.inserted)) {
      out.push({ op: 'equal', text: run.inserted });
      continue;
    }
    // What a replacement keeps at its start or end (often a space, or a character the folding
    // took in) is shown as kept.
    // Compared by width-folded characters (foldWidth keeps positions), so a width change at the edge
    // of a replacement is kept too.
    const deletedFolded = foldWidth(run.deleted);
    const insertedFolded = foldWidth(run.inserted);
    let head = run.deleted && run.inserted ? commonPrefix(deletedFolded, insertedFolded) : 0;
    let tail = run.deleted && run.inserted ? commonSuffix(deletedFolded, insertedFolded, head) : 0;
    if (language === 'en') {
      // Never cut an English word: "[-authority-]{+department+}s", not "…day-]{+department+}s".
      while (head > 0 && insideWord(run.inserted, head)) head--;
      while (tail > 0 && insideWord(run.inserted, run.inserted.length - tail)) tail--;
    }
    if (head) out.push({ op: 'equal', text: run.inserted.slice(0, head) });
    const deleted = run.deleted.slice(head, run.deleted.length - tail);
    const inserted = run.inserted.slice(head, run.inserted.length - tail);
    if (deleted) out.push({ op: 'delete', text: deleted });
    if (inserted) out.push({ op: 'insert', text: inserted });
    if (tail) out.push({ op: 'equal', text: run.inserted.slice(run.inserted.length - tail) });
  }
  return mergeRuns(out);
}

// Whether position `at` of `text` falls between two letters or digits.
function insideWord(text: string, at: number): boolean {
  return /[\p{L}\p{N}]/u.test(text.charAt(at - 1)) && /[\p{L}\p{N}]/u.test(text.charAt(at));
}

function mergeRuns(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (!segment.text) continue;
    const last = out[out.length - 1];
    if (last && last.op === segment.op) out[out.length - 1] = { op: last.op, text: last.text + segment.text };
    else out.push(segment);
  }
  return out;
}
