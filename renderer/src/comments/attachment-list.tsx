/// The files a sent comment carries, as the reader may see them — in the review panel and the
/// clerk's comment: each file's name, type, size and pages, where its reading stands (waiting, read,
/// an image not read, unreadable with the reason), and a button to download the original for a
/// reader the server lets download it (`download` set). Names and reasons are text nodes.
import type { ComponentChildren } from 'preact';
import type { TFunction } from 'i18next';
import { byteSize } from '../../../core/index.ts';
import type { AttachmentJson } from '../../../core/index.ts';
import { useT } from '../i18n/i18n.ts';

/// Where the reading of `attachment` stands, in the UI's words ("read", "unreadable: encrypted").
export function attachmentStateLabel(t: TFunction, attachment: AttachmentJson): string {
  if (attachment.state !== 'unreadable') return t(`attachments.state.${attachment.state}`);
  return t('attachments.state.unreadable', {
    reason: attachment.reason ?? t('attachments.unknownReason'),
  });
}

/// Props of AttachmentList.
export interface AttachmentListProps {
  readonly attachments: readonly AttachmentJson[];
  /// Fetch and save the original (offered only for files whose `download` is set).
  readonly onDownload: (attachment: AttachmentJson) => void;
  /// More for each file, after its line (the clerk's publish switch and text).
  readonly extra?: (attachment: AttachmentJson) => ComponentChildren;
}

/// The list of a comment's files; nothing when it has none.
export function AttachmentList({ attachments, onDownload, extra }: AttachmentListProps) {
  const t = useT();
  if (attachments.length === 0) return null;
  return (
    <ul class="comment-attachments" aria-label={t('attachments.list', { count: attachments.length })}>
      {attachments.map((a) => (
        <li key={a.id} data-attachment={a.id} data-state={a.state}>
          <span aria-hidden="true">📎 </span>
          <span class="attachment-name">{a.fileName}</span>{' '}
          <span class="attachment-facts muted small">
            {a.type.toUpperCase()} · {byteSize(a.size)}
            {a.pages ? ` · ${t('attachments.pages', { count: a.pages })}` : ''} ·{' '}
            <span class={`attachment-state state-${a.state}`}>{attachmentStateLabel(t, a)}</span>
          </span>
          {a.download && (
            <>
              {' '}
              <button
                type="button"
                class="button quiet small attachment-download"
                aria-label={t('attachments.download', { name: a.fileName })}
                onClick={() => onDownload(a)}
              >
                {t('attachments.downloadShort')}
              </button>
            </>
          )}
          {extra?.(a)}
        </li>
      ))}
    </ul>
  );
}
