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
