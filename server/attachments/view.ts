/// An attachment as the API shows it to one reader, and who may download an original. The text a
/// file says is shown to every member who reads the comment (like the comment's own text); the
/// original — which may carry a signature, a letterhead, an address — reaches owners and clerks
/// for public and imported comments, every member for a member's review comment, and the public
/// only when a clerk published it.
import { excerpt } from '../../core/index.ts';
import type { AttachmentJson } from '../../core/index.ts';
import type { Viewer } from '../comments/privacy.ts';
import { seesPersonalData } from '../comments/privacy.ts';
import type { CommentKind } from '../storage/comments.ts';
import type { AttachmentRecord } from '../storage/attachments.ts';

/// Characters of an attachment's text in lists.
export const attachmentExcerptLength = 160;

/// Whether `viewer` may download the original files of a comment of `kind`.
export function mayDownload(viewer: Viewer, kind: CommentKind, published: boolean): boolean {
  if (published) return true;
  if (viewer === 'public') return false;
  return kind === 'review' || seesPersonalData(viewer);
}

/// `attachment` (of a comment of `kind`) as `viewer` may see it; `withText` includes the whole text.
export function attachmentJson(
  attachment: AttachmentRecord,
  viewer: Viewer,
  kind: CommentKind,
  withText = false,
): AttachmentJson {
  const text = attachment.state === 'read' ? (attachment.text ?? '') : null;
  const download = mayDownload(viewer, kind, attachment.published)
    ? viewer === 'public'
      ? `/api/public/attachments/${attachment.id}`
      : `/api/attachments/${attachment.id}/download`
    : null;
  return {
    id: String(attachment.id),
    commentId: String(attachment.commentId),
    fileName: attachment.fileName,
    size: attachment.size,
    type: attachment.type,
    mediaType: attachment.mediaType,
    state: attachment.state,
    reason: attachment.reason,
    pages: attachment.pages,
    published: attachment.published,
    text: withText ? text : null,
    excerpt: text === null ? '' : excerpt(firstLines(text), attachmentExcerptLength),
    download,
  };
}

/// The first few non-blank lines of `text`, joined by spaces.
export function firstLines(text: string, lines = 3): string {
  const out: string[] = [];
  for (const line of text.slice(0, 2000).split('\n')) {
    const trimmed = line.trim();
    if (trimmed) out.push(trimmed);
    if (out.length === lines) break;
  }
  return out.join(' ');
}
