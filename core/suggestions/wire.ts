/// The shapes of suggestions (tracked changes) as the HTTP API sends them, shared by the server that
/// writes them and the renderer that reads them.

/// What a suggestion proposes: new wording for words of an article (`text`: a replacement, an
/// insertion when `quote` is empty, a deletion when `replacement` is empty), a new article after
/// one, the deletion of an article, or a new paragraph (款) or item (项) in an article.
export type SuggestionKind =
  'text' | 'insert-article' | 'delete-article' | 'insert-paragraph' | 'insert-item';

/// Every suggestion kind.
export const suggestionKinds: readonly SuggestionKind[] = [
  'text',
  'insert-article',
  'delete-article',
  'insert-paragraph',
  'insert-item',
];

/// Where a suggestion stands. `open` and `stale` are undecided: stale means the words it depends on
/// were changed underneath it since it was made, so it cannot be accepted until its author re-bases
/// it (it becomes open again by itself if the words come back, for example after an undo).
export type SuggestionStatus = 'open' | 'stale' | 'accepted' | 'rejected' | 'withdrawn';

/// Every suggestion status.
export const suggestionStatuses: readonly SuggestionStatus[] = [
  'open',
  'stale',
  'accepted',
  'rejected',
  'withdrawn',
];

/// Whether a suggestion in `status` still waits for a decision.
export function isUndecided(status: SuggestionStatus): boolean {
  return status === 'open' || status === 'stale';
}

/// Where a new paragraph or item goes: after the paragraph (款) `paragraph` (1-based; 0 before the
/// first), or, for an item, in paragraph `paragraph` after its item `item` (1-based; 0 before the
/// first item). Ordinals as they were when the suggestion was made; the suggestion itself follows
/// its block through later edits.
export interface BlockPlace {
  readonly paragraph: number;
  readonly item?: number;
}

/// Yjs relative positions (base64, as `Y.encodeRelativePosition` writes them) of the start and end
/// of the words a suggestion is about: they follow the words through everyone's edits.
export interface SuggestionAnchor {
  readonly start: string;
  readonly end: string;
}

/// A person as a suggestion names them.
export interface SuggestionPerson {
  readonly username: string | null;
}

/// One suggestion as the API shows it.
export interface SuggestionJson {
  readonly id: string;
  readonly draftId: string;
  readonly kind: SuggestionKind;
  /// The article the words are in; for `insert-article`, the article the new one follows.
  readonly articleId: string;
  /// The exact words replaced ('' for an insertion). For `delete-article`, the article's text; for a
  /// new paragraph or item, the text of the paragraph or item it follows.
  readonly quote: string;
  /// The words proposed ('' for a deletion). For a new article, paragraph or item: its text
  /// (a new article's paragraphs separated by '\n').
  readonly replacement: string;
  /// Up to 32 characters of the article's text before and after the quote, to find it again.
  readonly prefix: string;
  readonly suffix: string;
  /// For a new paragraph or item: where it was proposed to go.
  readonly place: BlockPlace | null;
  readonly anchor: SuggestionAnchor | null;
  readonly note: string | null;
  readonly status: SuggestionStatus;
  readonly author: SuggestionPerson;
  /// Whether the reader wrote it.
  readonly mine: boolean;
  /// For suggestions imported from a Word document: who imported it (the author is the Word author).
  readonly importedBy: SuggestionPerson | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /// Who accepted, rejected or (the author) withdrew it, and when.
  readonly decidedBy: SuggestionPerson | null;
  readonly decidedAt: string | null;
  /// Why it was rejected (as the decider gave it).
  readonly reason: string | null;
  /// How many comments its thread has.
  readonly comments: number;
}

/// What a new suggestion asks for (`POST /api/drafts/:id/suggestions`, besides an optional `note`):
/// new words for words of an article (`start`/`end`: the editor's relative positions of the selected
/// words), a new article after `after`, deleting an article, a new paragraph after paragraph `after`
/// (1-based; 0 first; default last), or a new item in paragraph `paragraph` after item `after`.
export type SuggestionRequestJson =
  | {
      readonly kind: 'text';
      readonly articleId: string;
      readonly quote: string;
      readonly replacement: string;
      readonly prefix?: string;
      readonly suffix?: string;
      readonly start?: string;
      readonly end?: string;
    }
  | { readonly kind: 'insert-article'; readonly after: string; readonly text: string }
  | { readonly kind: 'delete-article'; readonly articleId: string }
  | {
      readonly kind: 'insert-paragraph';
      readonly articleId: string;
      readonly after?: number;
      readonly text: string;
    }
  | {
      readonly kind: 'insert-item';
      readonly articleId: string;
      readonly paragraph: number;
      readonly after?: number;
      readonly text: string;
    };

/// One comment in a suggestion's thread.
export interface SuggestionCommentJson {
  readonly id: string;
  readonly suggestionId: string;
  readonly author: SuggestionPerson;
  readonly body: string;
  readonly createdAt: string;
}

/// The event stream's suggestion events (`GET /api/drafts/:id/events`): the suggestion as it is now.
export type SuggestionEventType = 'suggestion.created' | 'suggestion.updated';

/// Every suggestion event type.
export const suggestionEventTypes: readonly SuggestionEventType[] = [
  'suggestion.created',
  'suggestion.updated',
];
