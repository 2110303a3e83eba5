/// The shapes of the record as the HTTP API sends them (history, blame, restore, timeline), shared by
/// the server that writes them and the renderer that reads them.
import type { Segment } from '../compare/inline.ts';
import type { OutlineArticle } from '../outline.ts';

/// What kind of change a history entry or blame run is: an ordinary edit, the draft's creation (its
/// imported or empty first text), text carried over from before the record (no author is known), a
/// restore, or an accepted suggestion.
export type ChangeKind = 'edit' | 'create' | 'pre-history' | 'restore' | 'suggestion';

/// Who made a change. `username` is null when nobody is known: text from before the record (kind
/// `pre-history`, shown as "unknown (before history)") or written by the server itself (seeded drafts).
/// For an accepted suggestion, `username` accepted it and `suggestedBy` proposed it.
export interface ChangeAuthor {
  readonly username: string | null;
  readonly suggestedBy?: string | null;
}

/// One session of an article's history: one author's consecutive changes, with no pause longer than
/// a few minutes, and what they did to the article's text.
export interface HistoryEntryJson {
  /// Times of the session's first and last change (ISO 8601).
  readonly from: string;
  readonly to: string;
  readonly author: ChangeAuthor;
  readonly kind: ChangeKind;
  /// The record entries the session spans (first and last number).
  readonly seq: { readonly first: number; readonly last: number };
  /// The inline diff of the article's text before and after the session (equal, insert and delete
  /// runs; core's inline diff). Cross-references are labelled by today's numbering throughout, so
  /// renumbering elsewhere shows as no change.
  readonly changes: readonly Segment[];
}

/// `GET /api/drafts/:id/articles/:articleId/history`: the article's sessions, newest first.
export interface ArticleHistoryJson {
  readonly articleId: string;
  /// The article's label now ("第十二条", "Article 12"), or null when it is no longer in the draft.
  readonly label: string | null;
  readonly entries: readonly HistoryEntryJson[];
}

/// A run of an article's current text and who wrote it, when (the end of the session that did).
export interface BlameRunJson {
  readonly text: string;
  readonly author: ChangeAuthor;
  readonly kind: ChangeKind;
  readonly at: string;
}

/// `GET /api/drafts/:id/articles/:articleId/blame`: the runs joined are exactly the article's current
/// text (`text`, as the outline gives it).
export interface ArticleBlameJson {
  readonly articleId: string;
  readonly label: string;
  readonly text: string;
  readonly runs: readonly BlameRunJson[];
}

/// `POST /api/drafts/:id/restore {at? | versionId?, articleId?}`: what was restored. `changed` is
/// false when the text already was as asked (no entry was made). For an article, `article` is its
/// outline entry after the restore; for the whole draft, `articles` counts its articles.
export interface RestoreJson {
  readonly restored: 'article' | 'draft';
  readonly changed: boolean;
  /// The record entry that made the restore, or null when nothing changed.
  readonly seq: number | null;
  readonly article?: OutlineArticle;
  readonly articles?: number;
}
