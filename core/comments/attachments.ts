/// Attachments of comments as the API shows them, the limits of the public form, and the text of a
/// comment together with what its attachments say — shared by the server and the renderer.

/// What a file is, by its content: text is read from PDF, DOCX, ODT and plain text; images are kept
/// but not read.
export type AttachmentType = 'pdf' | 'docx' | 'odt' | 'txt' | 'image';

/// Every attachment type.
export const attachmentTypes: readonly AttachmentType[] = ['pdf', 'docx', 'odt', 'txt', 'image'];

/// Where a file stands: waiting for extraction, its text read, unreadable (with a reason), or not
/// read because it is an image.
export type AttachmentState = 'pending' | 'read' | 'unreadable' | 'not-read';

/// Limits on what one comment may carry. Defaults: defaultAttachmentLimits.
export interface AttachmentLimits {
  /// Files per comment.
  readonly maxFiles: number;
  /// Bytes per file.
  readonly maxFileBytes: number;
  /// Bytes of all the files of one comment.
  readonly maxTotalBytes: number;
}

/// Up to 10 files, 10 MiB each, 50 MiB per comment.
export const defaultAttachmentLimits: AttachmentLimits = {
  maxFiles: 10,
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
};

/// `bytes` as people read a file's size: MiB with at most one decimal from 1 MiB up ("10 MiB",
/// "2.5 MiB"), KiB below (at least "1 KiB", so a small file never reads as nothing).
export function byteSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1048576) * 10) / 10} MiB`
    : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

/// What breaks the limits in a choice of files: too many files, one file too large (`name`, the first
/// such), or all of them together too large.
export type AttachmentLimitProblem =
  { readonly kind: 'files' } | { readonly kind: 'file'; readonly name: string } | { readonly kind: 'total' };

/// The first limit of `limits` that `files` break, checked in the server's order (how many, each one,
/// all together), or null when they keep every limit. Lets a form refuse files before sending them.
export function attachmentLimitProblem(
  files: readonly { readonly name: string; readonly size: number }[],
  limits: AttachmentLimits,
): AttachmentLimitProblem | null {
  if (files.length > limits.maxFiles) return { kind: 'files' };
  const large = files.find((file) => file.size > limits.maxFileBytes);
  if (large) return { kind: 'file', name: large.name };
  let total = 0;
  for (const file of files) total += file.size;
  return total > limits.maxTotalBytes ? { kind: 'total' } : null;
}

/// File name extensions the public form offers to choose (the server checks the content, not these).
export const attachmentExtensions = [
  '.pdf',
  '.docx',
  '.odt',
  '.txt',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
];

/// One attachment as the API shows it.
export interface AttachmentJson {
  readonly id: string;
  readonly commentId: string;
  readonly fileName: string;
  readonly size: number;
  readonly type: AttachmentType;
  readonly mediaType: string;
  readonly state: AttachmentState;
  /// Why it could not be read (state unreadable).
  readonly reason: string | null;
  /// Pages of a PDF.
  readonly pages: number | null;
  /// Whether the clerk published it on the public page.
  readonly published: boolean;
  /// The extracted text (state read), or null. Lists leave it out (null) and give `excerpt`.
  readonly text: string | null;
  /// The first lines of the extracted text, or ''.
  readonly excerpt: string;
  /// Where the original can be downloaded by whoever may (owners and clerks; members for review
  /// comments), or null for a reader who may not.
  readonly download: string | null;
}

/// "unreadable: REASON", as the clerk sees an attachment that could not be read.
export function unreadableLabel(reason: string | null): string {
  return `unreadable: ${reason ?? 'unknown reason'}`;
}

/// The text a comment stands for: its own text, then the text of each attachment read, in order,
/// separated by blank lines. A cover note and its attachment count as one text.
export function combinedText(body: string, attachmentTexts: readonly (string | null)[]): string {
  const parts = [body, ...attachmentTexts.filter((t): t is string => t !== null && t.trim() !== '')];
  return parts.join('\n\n');
}
