/// The shapes of comments as the HTTP API sends them, shared by the server that writes them and the
/// renderer that reads them, so the two cannot drift apart.

/// Where a comment came from: a member's review, the public comment page, or an imported file.
export type CommentKind = 'review' | 'public' | 'imported';

/// Every comment kind.
export const commentKinds: readonly CommentKind[] = ['review', 'public', 'imported'];

/// Whether a thread still needs attention.
export type CommentStatus = 'open' | 'resolved';

/// The kinds of submitter the public comment form offers.
export const submitterTypes = [
  'individual',
  'enterprise',
  'association',
  'government',
  'expert',
  'other',
] as const;

/// One of submitterTypes.
export type SubmitterType = (typeof submitterTypes)[number];

/// Whether `value` names a submitter type.
export function isSubmitterType(value: unknown): value is SubmitterType {
  return typeof value === 'string' && (submitterTypes as readonly string[]).includes(value);
}

/// A passage of an article: y-prosemirror relative positions (Yjs `encodeRelativePosition`, base64)
/// of its start and end, and the quoted text with some context before and after, so the passage can
/// be found again when the positions are lost.
export interface CommentAnchor {
  readonly start: string;
  readonly end: string;
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
}

/// A submitter as one reader may see them. `name` and `contact` are present only for owners and clerks.
export interface SubmitterView {
  readonly number: number;
  readonly pseudonym: string;
  readonly organization: string | null;
  readonly type: SubmitterType | null;
  readonly name?: string;
  readonly contact?: string | null;
}

/// One comment as the API shows it to one reader. Ids are strings. A deleted comment keeps its place
/// in its thread with its body and anchor left out.
export interface CommentJson {
  readonly id: string;
  readonly draftId: string;
  readonly kind: CommentKind;
  readonly articleId: string | null;
  readonly versionId: string | null;
  readonly parentId: string | null;
  readonly body: string;
  /// Who wrote it, as the reader may see it: a username, a submitter's name (owners and clerks) or
  /// pseudonym, or null for a removed user.
  readonly author: string | null;
  /// Whether the reader wrote it.
  readonly mine: boolean;
  readonly submitter: SubmitterView | null;
  readonly status: CommentStatus;
  readonly tags: readonly string[];
  readonly anchor: CommentAnchor | null;
  readonly withdrawn: boolean;
  readonly externalId: string | null;
  readonly edited: boolean;
  readonly deleted: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/// An article as the commenters on one version saw it, and where it stands now.
export interface ClerkTableArticle {
  readonly id: string;
  /// Index into `versions` of the version commented on; -1 for the live draft.
  readonly version: number;
  /// Its label in that version: the number the commenters saw ("第十条", "Article 10").
  readonly label: string;
  /// Its label in the live draft now, or null when the live draft no longer has it.
  readonly current: string | null;
}

/// The clerk's table of every comment of a draft (`GET /api/drafts/:id/clerk/table`), as columns:
/// numbers and strings with small dictionaries, so 100,000 comments travel and parse quickly. Every array of `rows` has one entry per comment, in comment id order.
export interface ClerkTableJson {
  readonly clusteredAt: string | null;
  /// Whether comments arrived (or were withdrawn) since the last clustering.
  readonly stale: boolean;
  /// Whether the grouping is being updated: the server clusters the comments again in the background.
  readonly updating: boolean;
  /// The versions comments were made on, oldest first.
  readonly versions: readonly { readonly id: string; readonly label: string }[];
  /// The articles commented on, each as commenters saw it: one entry per article and version, by
  /// version (oldest first, the live draft last) then by number; comments point at them by index.
  readonly articles: readonly ClerkTableArticle[];
  readonly tags: readonly string[];
  readonly submitterTypes: readonly string[];
  readonly clusters: readonly {
    readonly id: string;
    readonly size: number;
    readonly kind: 'text' | 'stub';
  }[];
  readonly reasons: readonly string[];
  readonly users: readonly string[];
  readonly rows: {
    readonly id: readonly number[];
    /// Index into `articles`; -1 for the draft as a whole.
    readonly article: readonly number[];
    /// 0 open, 1 resolved.
    readonly status: readonly number[];
    readonly withdrawn: readonly number[];
    /// Indices into `tags`.
    readonly tags: readonly (readonly number[])[];
    /// Index into `submitterTypes`; -1 when not stated.
    readonly submitterType: readonly number[];
    /// The submitter as the reader may see them: a name (owners and clerks), else a pseudonym.
    readonly submitter: readonly string[];
    /// Index into `clusters`; -1 when not clustered (new, or withdrawn).
    readonly cluster: readonly number[];
    /// Index into core's dispositionKinds; -1 when pending.
    readonly disposition: readonly number[];
    /// 0 recorded for the comment, 1 inherited from its cluster, -1 pending.
    readonly source: readonly number[];
    /// Index into `reasons`; -1 when pending.
    readonly reason: readonly number[];
    /// Index into `users`; -1 when unknown or pending.
    readonly decidedBy: readonly number[];
    /// Milliseconds since the epoch; 0 when pending.
    readonly decidedAt: readonly number[];
    readonly linkedArticleId: readonly (string | null)[];
    readonly receivedAt: readonly number[];
    /// The start of the comment's plain text.
    readonly excerpt: readonly string[];
    /// 1 when `article` is the article the comment's text (or attachment) cites, not the one it was
    /// made on (a comment on the draft as a whole); else 0.
    readonly cited: readonly number[];
    /// How many files the comment carries (0 for none).
    readonly attachments: readonly number[];
    /// How many of them could not be read.
    readonly unreadable: readonly number[];
    /// The first lines of its first attachment read, or ''.
    readonly attachmentExcerpt: readonly string[];
  };
}
