/// Text with its changes marked, as the comparison view and the history panel show it: kept runs as
/// they are, insertions in `<ins>`, deletions in `<del>` (styles/compare.css).
import type { Segment } from '../../../core/index.ts';

/// The runs of `segments`, in a span of class `article-text`.
export function SegmentRuns({ segments }: { readonly segments: readonly Segment[] }) {
  return (
    <span class="article-text">
      {segments.map((segment, index) =>
        segment.op === 'equal' ? (
          <span key={index}>{segment.text}</span>
        ) : segment.op === 'insert' ? (
          <ins key={index}>{segment.text}</ins>
        ) : (
          <del key={index}>{segment.text}</del>
        ),
      )}
    </span>
  );
}
