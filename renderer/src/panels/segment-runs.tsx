/// Text with its changes marked, as the comparison view and the history panel show it: kept runs as
/// they are, insertions and deletions marked with words for screen readers (MarkedSegments).
import type { Segment } from '../../../core/index.ts';
import { MarkedSegments } from './marked-segments.tsx';

/// The runs of `segments`, in a span of class `article-text`.
export function SegmentRuns({ segments }: { readonly segments: readonly Segment[] }) {
  return (
    <span class="article-text">
      <MarkedSegments segments={segments} />
    </span>
  );
}
