/// The comment API as the renderer calls it: review threads of a draft, the comment period, the live
/// event stream (read with fetch, so the token travels in a header, not the address), and the public
/// comment page's two routes. Errors are ApiError, as for the rest of the API.
import { ApiError, sendApiRequest } from './client.ts';
import type { Fetch } from './client.ts';
import type {
  AttachmentJson,
  AttachmentLimits,
  CommentAnchor,
  CommentJson,
  CommentKind,
  CommentStatus,
  Language,
  SubmitterType,
  SubmitterView,
} from '../../../core/index.ts';

export type { CommentKind, CommentStatus, SubmitterType, CommentAnchor } from '../../../core/index.ts';
export { submitterTypes } from '../../../core/index.ts';

/// A submitter as the reader may see them (name and contact for owners and clerks only).
export type SubmitterInfo = SubmitterView;

/// A comment, as `GET /api/drafts/:id/comments` lists it.
export type CommentInfo = CommentJson;

/// What `POST /api/drafts/:id/comments` takes.
export interface NewComment {
  readonly articleId?: string | null;
  readonly body: string;
  readonly anchor?: CommentAnchor;
  readonly parentId?: string;
  readonly tags?: readonly string[];
}

/// A filter of the comment listing.
export interface CommentQuery {
  /// An article id, or 'none' for comments on the draft as a whole.
  readonly articleId?: string;
  readonly status?: CommentStatus;
  readonly tag?: string;
  /// One kind, or several separated by commas (`public,imported`).
  readonly kind?: CommentKind | string;
  readonly cursor?: string;
  readonly limit?: number;
}

/// One page of comments.
export interface CommentPage {
  readonly comments: CommentInfo[];
  readonly nextCursor: string | null;
}

/// `GET /api/drafts/:id/comments/counts`: threads of each kind, and how many of them are open.
export type CommentCounts = Readonly<Record<CommentKind, { readonly count: number; readonly open: number }>>;

/// The public comment period of a draft.
export interface CommentPeriodInfo {
  readonly versionId: string;
  readonly open: boolean;
  readonly accepting: boolean;
  readonly closesAt: string | null;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
}

/// The published draft as the public page shows it.
export interface PublicDraft {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  readonly version: { readonly id: string; readonly label: string; readonly createdAt: string };
  readonly open: boolean;
  readonly closesAt: string | null;
  readonly closedReason: string | null;
  /// What a comment may carry.
  readonly attachments: AttachmentLimits & { readonly accepted: readonly string[] };
  /// Whether the proof-of-work check is on, and where its challenge is.
  readonly proof: { readonly required: boolean; readonly challenge: string | null };
  readonly preamble: readonly string[];
  readonly divisions: readonly {
    readonly kind: 'part' | 'chapter' | 'section';
    readonly id: string | null;
    readonly label: string;
    readonly heading: string;
    readonly pos: number;
  }[];
  readonly articles: readonly {
    readonly id: string | null;
    readonly number: number;
    readonly label: string;
    readonly text: string;
    readonly paragraphs: readonly {
      readonly text: string;
      readonly items: readonly {
        readonly label: string;
        readonly text: string;
        readonly subitems: unknown[];
      }[];
    }[];
    readonly pos: number;
  }[];
}

/// What the public page sends.
export interface PublicCommentInput {
  readonly articleId: string | null;
  readonly body: string;
  readonly name: string;
  readonly contact?: string;
  readonly organization?: string;
  readonly submitterType?: SubmitterType;
  /// The honeypot: always empty when a person fills the form in.
  readonly website?: string;
  /// The proof-of-work widget's payload, when the check is on.
  readonly altcha?: string;
}

/// A file attached to a published comment, as the public page lists it.
export type PublishedAttachment = AttachmentJson & {
  readonly articleId: string | null;
  readonly submitter: string | null;
};

/// What the server answers to a public comment.
export interface PublicReceipt {
  readonly id: string;
  readonly receipt: string;
  readonly duplicate?: boolean;
}

/// A change the event stream reports.
export interface CommentEventMessage {
  readonly type: 'comment.created' | 'comment.updated';
  readonly comment: CommentInfo;
}

/// A client of the comment routes of one server.
export class CommentsApi {
  private readonly fetchFn: Fetch;

  constructor(
    /// Base URL of the server, without a trailing slash.
    readonly serverUrl: string,
    /// The session token; null on the public page.
    readonly token: string | null,
    fetchFn?: Fetch,
  ) {
    this.fetchFn = fetchFn ?? ((input, init) => fetch(input, init));
  }

  /// One page of a draft's comments.
  list(draftId: string, query: CommentQuery = {}): Promise<CommentPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const text = params.toString();
    return this.json('GET', `/api/drafts/${enc(draftId)}/comments${text ? `?${text}` : ''}`);
  }

  /// Every comment matching `query`, page after page.
  async listAll(draftId: string, query: Omit<CommentQuery, 'cursor'> = {}): Promise<CommentInfo[]> {
    const all: CommentInfo[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.list(draftId, { limit: 500, ...query, cursor });
      all.push(...page.comments);
      if (!page.nextCursor) return all;
      cursor = page.nextCursor;
    }
  }

  /// How many threads of each kind the draft has (deleted ones left out), and how many are open.
  counts(draftId: string): Promise<CommentCounts> {
    return this.json('GET', `/api/drafts/${enc(draftId)}/comments/counts`);
  }

  /// Write a comment or a reply.
  create(draftId: string, comment: NewComment): Promise<CommentInfo> {
    return this.json('POST', `/api/drafts/${enc(draftId)}/comments`, comment);
  }

  /// Edit the body (own comments), resolve or reopen, or set the tags.
  update(
    id: string,
    patch: { body?: string; status?: CommentStatus; tags?: readonly string[] },
  ): Promise<CommentInfo> {
    return this.json('PATCH', `/api/comments/${enc(id)}`, patch);
  }

  /// Delete an own comment.
  remove(id: string): Promise<void> {
    return this.json('DELETE', `/api/comments/${enc(id)}`);
  }

  /// The earlier bodies of an edited comment.
  history(id: string): Promise<{ edits: { body: string; editor: string | null; editedAt: string }[] }> {
    return this.json('GET', `/api/comments/${enc(id)}/history`);
  }

  /// The draft's comment period; null when it was never published.
  async period(draftId: string): Promise<CommentPeriodInfo | null> {
    try {
      return await this.json<CommentPeriodInfo>('GET', `/api/drafts/${enc(draftId)}/public`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  /// Open or close the comment period on a version (owners).
  setPeriod(
    draftId: string,
    period: { versionId: string; open: boolean; closesAt?: string | null },
  ): Promise<CommentPeriodInfo> {
    return this.json('PUT', `/api/drafts/${enc(draftId)}/public`, period);
  }

  /// Withdraw the publication: the public page and its form are gone; the comments stay (owners).
  withdrawPublication(draftId: string): Promise<void> {
    return this.json('DELETE', `/api/drafts/${enc(draftId)}/public`);
  }

  /// The published draft of the public page.
  publicDraft(draftId: string): Promise<PublicDraft> {
    return this.json('GET', `/api/public/drafts/${enc(draftId)}`);
  }

  /// Send a public comment, with `files` as its attachments (multipart/form-data when there are any).
  submitPublic(
    draftId: string,
    comment: PublicCommentInput,
    files: readonly File[] = [],
  ): Promise<PublicReceipt> {
    const path = `/api/public/drafts/${enc(draftId)}/comments`;
    if (files.length === 0) return this.json('POST', path, comment);
    const form = new FormData();
    for (const [key, value] of Object.entries(comment)) {
      if (value !== undefined) form.append(key, value === null ? '' : String(value));
    }
    for (const file of files) form.append('attachments', file, file.name);
    return this.json('POST', path, form);
  }

  /// The attachments a clerk published on the public page.
  async publishedAttachments(draftId: string): Promise<PublishedAttachment[]> {
    const { attachments } = await this.json<{ attachments: PublishedAttachment[] }>(
      'GET',
      `/api/public/drafts/${enc(draftId)}/attachments`,
    );
    return attachments;
  }

  /// Follow the draft's comment events until the returned function is called. Reconnects after a
  /// dropped connection (calling `onReconnect` once it is back, so the caller can reload what it may
  /// have missed); stops for good on 401, 403 and 404.
  events(
    draftId: string,
    onEvent: (event: CommentEventMessage) => void,
    onReconnect: () => void = () => {},
  ): () => void {
    return followDraftEvents(
      this.fetchFn,
      this.serverUrl,
      this.token,
      draftId,
      eventsOf(['comment.created', 'comment.updated'], (type, comment: CommentInfo) =>
        onEvent({ type, comment }),
      ),
      onReconnect,
    );
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await sendApiRequest(this.fetchFn, this.serverUrl, this.token, method, path, body);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

const enc = encodeURIComponent;

/// Follow the event stream of draft `draftId` (`GET /api/drafts/:id/events`: comment and suggestion
/// events) until the returned function is called, calling `onEvent(type, data)` for each event.
/// Reconnects after a dropped connection, calling `onReconnect` once it is back; stops for good on
/// 401, 403 and 404. The token travels in a header, not the address.
export function followDraftEvents(
  fetchFn: Fetch,
  serverUrl: string,
  token: string | null,
  draftId: string,
  onEvent: (type: string, data: string) => void,
  onReconnect: () => void = () => {},
): () => void {
  const controller = new AbortController();
  let stopped = false;
  let attempt = 0;
  const run = async () => {
    while (!stopped) {
      try {
        const response = await fetchFn(`${serverUrl}/api/drafts/${enc(draftId)}/events`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
          signal: controller.signal,
        });
        if ([401, 403, 404].includes(response.status)) return;
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        if (attempt > 0) onReconnect();
        attempt = 0;
        await readEvents(response.body, onEvent);
      } catch {
        if (stopped) return;
      }
      attempt++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 10_000)));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}

/// An `onEvent` for followDraftEvents that takes the events of `types` only, each with its data read
/// as JSON; an event whose data is not JSON is logged and skipped.
export function eventsOf<T extends string, V>(
  types: readonly T[],
  onEvent: (type: T, value: V) => void,
): (type: string, data: string) => void {
  return (type, data) => {
    if (!(types as readonly string[]).includes(type)) return;
    try {
      onEvent(type as T, JSON.parse(data) as V);
    } catch (error) {
      console.error(`lifa: bad ${type} event`, error);
    }
  };
}

/// Read a server-sent event stream, calling `onEvent(type, data)` for each event. Resolves when the
/// stream ends.
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (type: string, data: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length) onEvent(type, data.join('\n'));
    }
  }
}
