/// Blame: who wrote each part of a text, from the successive states of the text and who produced
/// each. Like `git blame`, it follows the text rather than the editing operations, so text that was
/// moved or rewritten unchanged keeps its author; each step is compared with the one before by
/// core's character diff.
import { diffTexts } from '../compare/inline.ts';
import type { Segment } from '../compare/inline.ts';

/// One state of a text and whoever produced it.
export interface TextStep<T> {
  readonly text: string;
  readonly owner: T;
}

/// A run of the final text written by one owner.
export interface BlameRun<T> {
  readonly text: string;
  readonly owner: T;
}

/// Kept runs shorter than this between two changes are counted as rewritten: "regulation" replaced
/// by "provision" shares an "i" and an "o" with it, which nobody would say survived.
const shortestKept = 3;

/// The final text of `steps` as runs, each attributed to the step that wrote it: the first step owns
/// all of its text; each later step owns what it inserted and keeps the owners of what it kept.
/// The runs joined are exactly the last step's text. Returns no runs for no steps or an empty text.
export function blameRuns<T>(steps: readonly TextStep<T>[]): BlameRun<T>[] {
  if (steps.length === 0) return [];
  let owners: number[] = new Array<number>(steps[0].text.length).fill(0);
  for (let step = 1; step < steps.length; step++) {
    const before = steps[step - 1].text;
    const after = steps[step].text;
    if (before === after) continue;
    const segments = foldShortKept(diffTexts(before, after, 'zh').segments);
    const next: number[] = [];
    let old = 0;
    for (const segment of segments) {
      const length = segment.text.length;
      if (segment.op === 'equal') {
        for (let i = 0; i < length; i++) next.push(owners[old + i]);
        old += length;
      } else if (segment.op === 'delete') old += length;
      else for (let i = 0; i < length; i++) next.push(step);
    }
    owners = next;
  }
  const text = steps[steps.length - 1].text;
  const runs: BlameRun<T>[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && owners[i] === owners[start]) continue;
    runs.push({ text: text.slice(start, i), owner: steps[owners[start]].owner });
    start = i;
  }
  return runs;
}

// Raw diff segments with every short kept run between two changes turned into a deletion plus an
// insertion (equal+delete still read back to the old text, equal+insert to the new).
function foldShortKept(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  segments.forEach((segment, i) => {
    const between = i > 0 && i < segments.length - 1;
    if (segment.op === 'equal' && between && segment.text.length < shortestKept) {
      out.push({ op: 'delete', text: segment.text }, { op: 'insert', text: segment.text });
    } else out.push(segment);
  });
  return out;
}
