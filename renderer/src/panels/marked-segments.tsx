/// A text with its changes marked: insertions underlined (`<ins>`), deletions struck through (`<del>`),
/// each also said in words for screen readers — which do not announce `<ins>` and `<del>` — by
/// visually hidden text before and after it ("Inserted: … (end of insertion)"). The marks are more than
/// colour: underline and strike-through show in print and to people who do not see the colours.
import type { Segment } from '../../../core/index.ts';
import { useT } from '../i18n/i18n.ts';

/// Props of MarkedSegments.
export interface MarkedSegmentsProps {
  readonly segments: readonly Segment[];
}

/// The segments, marked.
export function MarkedSegments({ segments }: MarkedSegmentsProps) {
  const t = useT();
  return (
    <>
      {segments.map((segment, index) =>
        segment.op === 'equal' ? (
          <span key={index}>{segment.text}</span>
        ) : segment.op === 'insert' ? (
          <span key={index} class="change-mark">
            <span class="visually-hidden">{t('changes.inserted')}</span>
            <ins>{segment.text}</ins>
            <span class="visually-hidden">{t('changes.insertedEnd')}</span>
          </span>
        ) : (
          <span key={index} class="change-mark">
            <span class="visually-hidden">{t('changes.deleted')}</span>
            <del>{segment.text}</del>
            <span class="visually-hidden">{t('changes.deletedEnd')}</span>
          </span>
        ),
      )}
    </>
  );
}
