/// A suggestion as the API shows it. Suggestions are seen alike by every member of the draft; only
/// `mine` depends on the reader. An imported suggestion's author is the one its Word document names.
import type { SuggestionCommentJson, SuggestionJson } from '../../core/index.ts';
import type { SuggestionComment, SuggestionRecord } from '../storage/suggestions.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/// `suggestion` as the user `readerId` sees it.
export function suggestionJson(suggestion: SuggestionRecord, readerId: number | null): SuggestionJson {
  const imported = suggestion.wordAuthor !== null;
  return {
    id: String(suggestion.id),
    draftId: suggestion.draftId,
    kind: suggestion.kind,
    articleId: suggestion.articleId,
    quote: suggestion.quote,
    replacement: suggestion.replacement,
    prefix: suggestion.prefix,
    suffix: suggestion.suffix,
    place: suggestion.place,
    anchor:
      suggestion.anchorStart && suggestion.anchorEnd
        ? { start: suggestion.anchorStart, end: suggestion.anchorEnd }
        : null,
    note: suggestion.note,
    status: suggestion.status,
    author: { username: imported ? suggestion.wordAuthor : suggestion.author },
    mine: readerId !== null && suggestion.authorId === readerId,
    importedBy: imported ? { username: suggestion.author } : null,
    createdAt: iso(suggestion.createdAt)!,
    updatedAt: iso(suggestion.updatedAt)!,
    decidedBy: suggestion.decidedAt === null ? null : { username: suggestion.decidedBy },
    decidedAt: iso(suggestion.decidedAt),
    reason: suggestion.reason,
    comments: suggestion.comments,
  };
}

/// A comment of a suggestion's thread as the API shows it.
export function suggestionCommentJson(comment: SuggestionComment): SuggestionCommentJson {
  return {
    id: String(comment.id),
    suggestionId: String(comment.suggestionId),
    author: { username: comment.author },
    body: comment.body,
    createdAt: new Date(comment.createdAt).toISOString(),
  };
}
