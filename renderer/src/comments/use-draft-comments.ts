/// The comments of the open draft page: its live threads, the editor plugin that draws them, and the
/// article the margin asked to show. Made once per draft page, before the editor, so the editor can
/// take the plugin when it is created; the threads load once the user's role is known.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { CommentsApi } from '../api/comments.ts';
import type { Role } from '../api/types.ts';
import { i18n } from '../i18n/i18n.ts';
import { Store } from '../lib/store.ts';
import { commentMarks } from './comment-marks.ts';
import type { CommentMarks } from './comment-marks.ts';
import { DraftThreads } from './threads.ts';

/// What useDraftComments returns.
export interface DraftComments {
  readonly threads: DraftThreads;
  readonly marks: CommentMarks;
  /// The article picked in the margin, or null to follow the cursor.
  readonly focusArticle: Store<string | null>;
}

/// The comments of draft `draftId` for a user holding `role` (null until known). `onShow` is called
/// when the user asks to see comments (a badge, a highlight, the selection button).
export function useDraftComments(
  api: ApiClient,
  draftId: string,
  role: Role | null,
  onShow: () => void,
): DraftComments {
  const current = useRef({ role, onShow });
  current.current = { role, onShow };

  const comments = useMemo<DraftComments>(() => {
    const threads = new DraftThreads(new CommentsApi(api.serverUrl, api.token), draftId);
    const focusArticle = new Store<string | null>(null);
    const marks = commentMarks({
      threads: threads.index,
      active: threads.active,
      canComment: () => current.current.role !== null && current.current.role !== 'viewer',
      words: {
        comment: () => i18n.t('comments.selection'),
        badge: (count, open) => i18n.t('comments.badge', { count, open }),
      },
      onComment: (capture) => {
        threads.pending.set({ articleId: capture.articleId, anchor: capture.anchor });
        focusArticle.set(capture.articleId);
        current.current.onShow();
      },
      onOpen: (articleId, threadId) => {
        focusArticle.set(articleId);
        if (threadId) threads.active.set(threadId);
        current.current.onShow();
      },
    });
    return { threads, marks, focusArticle };
  }, [api.serverUrl, api.token, draftId]);

  const known = role !== null;
  useEffect(() => {
    if (!known) return;
    comments.threads
      .start()
      .catch((error: unknown) => console.error('lifa: comments could not be loaded', error));
    return () => comments.threads.destroy();
  }, [comments, known]);

  return comments;
}
