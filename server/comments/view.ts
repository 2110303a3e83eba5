/// A comment as the API shows it to one reader. Ids are strings (the clerk's clustering, core's
/// clusterComments, takes string ids). A deleted comment keeps its place in its thread with its body
/// and anchor left out. Personal data of submitters goes through privacy.ts, what a reader sees of
/// attachments through attachments/view.ts.
import type { CommentJson, Language } from '../../core/index.ts';
import { attachmentJson } from '../attachments/view.ts';
import type { AttachmentRecord } from '../storage/attachments.ts';
import type { CommentRecord } from '../storage/comments.ts';
import { submitterDisplayName, submitterView } from './privacy.ts';
import type { Viewer } from './privacy.ts';

export type { CommentJson } from '../../core/index.ts';

/// Who reads: their role (or 'public') and user id (null for the public).
export interface Reader {
  readonly viewer: Viewer;
  readonly userId: number | null;
}

/// `comment`, carrying the files `attachments` (storage's `ofComment`), as `reader` may see it;
/// pseudonyms in the draft's `language`.
export function commentJson(
  comment: CommentRecord,
  reader: Reader,
  language: Language,
  attachments: readonly AttachmentRecord[],
): CommentJson {
  const deleted = comment.deletedAt !== null;
  const author = comment.submitter
    ? submitterDisplayName(comment.submitter, reader.viewer, language)
    : comment.author;
  return {
    id: String(comment.id),
    draftId: comment.draftId,
    kind: comment.kind,
    articleId: comment.articleId,
    versionId: comment.versionId,
    parentId: comment.parentId === null ? null : String(comment.parentId),
    body: deleted ? '' : comment.body,
    author,
    mine: reader.userId !== null && comment.authorId === reader.userId,
    submitter: comment.submitter ? submitterView(comment.submitter, reader.viewer, language) : null,
    status: comment.status,
    tags: comment.tags,
    anchor: deleted ? null : comment.anchor,
    withdrawn: comment.withdrawn,
    externalId: comment.externalId,
    edited: comment.edits > 0,
    deleted,
    createdAt: new Date(comment.createdAt).toISOString(),
    updatedAt: new Date(comment.updatedAt).toISOString(),
    attachments: deleted ? [] : attachments.map((a) => attachmentJson(a, reader.viewer, comment.kind)),
  };
}
