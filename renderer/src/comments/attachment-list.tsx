/// The files a sent comment carries, as the reader may see them — in the review panel and the
/// clerk's comment: each file's name, type, size and pages, where its reading stands (waiting, read,
/// an image not read, unreadable with the reason), and a button to download the original for a
/// reader the server lets download it (`download` set); and the paperclip that marks files wherever
/// they are counted. Names and reasons are text nodes.
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

/// A paperclip, drawn (no emoji font needed), hidden from assistive technology: what it marks says so
/// in words.
export function PaperclipIcon() {
  return (
    <svg class="paperclip" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path
        d="M10.5 4.5v6.5a2.5 2.5 0 0 1-5 0V3.5a1.75 1.75 0 0 1 3.5 0V10a.75.75 0 0 1-1.5 0V4.5"
        fill="none"
        stroke="currentColor"
        stroke-width="1.3"
        stroke-linecap="round"
      />
    </svg>
  );
}

/// "PDF · 12 KiB · 3 pages": what a file is, for its line.
function facts(t: TFunction, a: AttachmentJson): string {
  const parts = [a.type.toUpperCase(), byteSize(a.size)];
  if (a.pages)
    parts.push(a.pages === 1 ? t('attachments.onePage') : t('attachments.pages', { count: a.pages }));
  return parts.join(' · ');
}

/// The list of a comment's files; nothing when it has none.
export function AttachmentList({ attachments, onDownload, extra }: AttachmentListProps) {
  const t = useT();
  if (attachments.length === 0) return null;
  return (
    <ul class="comment-attachments" aria-label={t('attachments.list', { count: attachments.length })}>
      {attachments.map((a) => (
        <li key={a.id} data-attachment={a.id} data-state={a.state}>
          <div class="attachment-line">
            <PaperclipIcon /> <span class="attachment-name">{a.fileName}</span>
          </div>
          <div class="attachment-line">
            <span class="attachment-facts muted small">
              {facts(t, a)} ·{' '}
              <span class={`attachment-state state-${a.state}`}>{attachmentStateLabel(t, a)}</span>
            </span>
            {a.download && (
              <button
                type="button"
                class="button quiet small attachment-download"
                aria-label={t('attachments.download', { name: a.fileName })}
                onClick={() => onDownload(a)}
              >
                {t('attachments.downloadShort')}
              </button>
            )}
          </div>
          {extra?.(a)}
        </li>
      ))}
    </ul>
  );
}
