/// The diff of one history session as the panel shows it: the changes with a little of the kept text
/// around them, and the rest of a long article folded to "…", so a one-word change in a long article
/// reads at a glance. Pure, for testing.
import type { Segment } from '../../../core/index.ts';

/// Characters of kept text shown on each side of a change. Defaults to 24.
const defaultContext = 24;

/// The mark standing for folded text.
export const foldMark = '…';

/// `segments` with every kept run longer than twice `context` cut to its ends next to changes; a
/// kept run at the start keeps only its end, one at the end only its start. Runs with no change at
/// all are kept whole only when short.
export function foldKept(segments: readonly Segment[], context = defaultContext): Segment[] {
  const out: Segment[] = [];
  segments.forEach((segment, index) => {
    if (segment.op !== 'equal') return out.push(segment);
    const text = segment.text;
    const first = index === 0;
    const last = index === segments.length - 1;
    if (first && last) {
      out.push(
        text.length > 2 * context ? { op: 'equal', text: text.slice(0, 2 * context) + foldMark } : segment,
      );
    } else if (first) {
      out.push(text.length > context ? { op: 'equal', text: foldMark + text.slice(-context) } : segment);
    } else if (last) {
      out.push(text.length > context ? { op: 'equal', text: text.slice(0, context) + foldMark } : segment);
    } else if (text.length > 2 * context + foldMark.length) {
      out.push({ op: 'equal', text: text.slice(0, context) + foldMark + text.slice(-context) });
    } else out.push(segment);
  });
  return out;
}
