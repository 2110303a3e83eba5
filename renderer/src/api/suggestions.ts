/// The suggestion API as the renderer calls it: a draft's suggestions, making, deciding and taking
/// back, threads, importing a marked-up DOCX, and the suggestion events of the draft's event stream.
/// Errors are ApiError, as for the rest of the API.
import { ApiError, sendApiRequest } from './client.ts';
import type { Fetch } from './client.ts';
import { eventsOf, followDraftEvents } from './comments.ts';
import { suggestionEventTypes } from '../../../core/index.ts';
import type {
  SuggestionCommentJson,
  SuggestionEventType,
  SuggestionJson,
  SuggestionRequestJson,
  SuggestionStatus,
} from '../../../core/index.ts';

export type { SuggestionJson, SuggestionStatus, SuggestionKind } from '../../../core/index.ts';

/// What `POST /api/drafts/:id/suggestions` takes.
export type NewSuggestion = SuggestionRequestJson & { readonly note?: string | null };

/// What deciding many answers.
export interface DecideOutcome {
  readonly decided: readonly SuggestionJson[];
  readonly skipped: readonly (SuggestionJson & { readonly skipped: string })[];
}

/// A change the event stream reports.
export interface SuggestionEventMessage {
  readonly type: SuggestionEventType;
  readonly suggestion: SuggestionJson;
}

const enc = encodeURIComponent;

/// A client of the suggestion routes of one server.
export class SuggestionsApi {
  private readonly fetchFn: Fetch;

  constructor(
    /// Base URL of the server, without a trailing slash.
    readonly serverUrl: string,
    readonly token: string | null,
    fetchFn?: Fetch,
  ) {
    this.fetchFn = fetchFn ?? ((input, init) => fetch(input, init));
  }

  /// The suggestions of a draft, oldest first (all statuses unless `status` says).
  list(draftId: string, status?: readonly SuggestionStatus[]): Promise<SuggestionJson[]> {
    const query = status?.length ? `?status=${status.join(',')}` : '';
    return this.json('GET', `/api/drafts/${enc(draftId)}/suggestions${query}`);
  }

  /// Make a suggestion.
  create(draftId: string, suggestion: NewSuggestion): Promise<SuggestionJson> {
    return this.json('POST', `/api/drafts/${enc(draftId)}/suggestions`, suggestion);
  }

  /// Change the proposed words or the note of an own undecided suggestion.
  edit(id: string, change: { replacement?: string; note?: string | null }): Promise<SuggestionJson> {
    return this.json('PATCH', `/api/suggestions/${enc(id)}`, change);
  }

  /// Withdraw an own undecided suggestion.
  withdraw(id: string): Promise<void> {
    return this.json('DELETE', `/api/suggestions/${enc(id)}`);
  }

  /// Accept (owners and drafters): the change is made to the text.
  accept(id: string): Promise<SuggestionJson> {
    return this.json('POST', `/api/suggestions/${enc(id)}/accept`, {});
  }

  /// Reject with an optional reason (owners and drafters).
  reject(id: string, reason?: string): Promise<SuggestionJson> {
    return this.json('POST', `/api/suggestions/${enc(id)}/reject`, reason ? { reason } : {});
  }

  /// Undo the decision on a suggestion (owners and drafters): it is open again.
  undo(id: string): Promise<SuggestionJson> {
    return this.json('POST', `/api/suggestions/${enc(id)}/undo`, {});
  }

  /// Re-base an own suggestion on the words now at its place, or on `on`.
  rebase(
    id: string,
    on: { quote?: string; prefix?: string; suffix?: string; replacement?: string } = {},
  ): Promise<SuggestionJson> {
    return this.json('POST', `/api/suggestions/${enc(id)}/rebase`, on);
  }

  /// Accept or reject every undecided suggestion of an article or of an author.
  decide(
    draftId: string,
    action: 'accept' | 'reject',
    which: { articleId?: string; author?: string },
    reason?: string,
  ): Promise<DecideOutcome> {
    return this.json('POST', `/api/drafts/${enc(draftId)}/suggestions/decide`, {
      action,
      ...which,
      ...(reason ? { reason } : {}),
    });
  }

  /// The thread of a suggestion.
  async comments(id: string): Promise<SuggestionCommentJson[]> {
    return (
      await this.json<{ comments: SuggestionCommentJson[] }>('GET', `/api/suggestions/${enc(id)}/comments`)
    ).comments;
  }

  /// Add to the thread of a suggestion.
  comment(id: string, body: string): Promise<SuggestionCommentJson> {
    return this.json('POST', `/api/suggestions/${enc(id)}/comments`, { body });
  }

  /// Import the tracked changes of a DOCX as suggestions.
  async importDocx(
    draftId: string,
    data: Uint8Array,
  ): Promise<{ created: SuggestionJson[]; unmatched: { text: string; reason: string }[] }> {
    const headers: Record<string, string> = {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await this.fetchFn(`${this.serverUrl}/api/drafts/${enc(draftId)}/suggestions/import`, {
      method: 'POST',
      headers,
      body: data as unknown as BodyInit,
    });
    if (!response.ok) {
      const payload = (await response.json().catch(() => ({}))) as { detail?: string; error?: string };
      throw new ApiError(response.status, payload.error ?? `http ${response.status}`, payload.detail ?? '');
    }
    return response.json();
  }

  /// Follow the draft's suggestion events until the returned function is called (see followDraftEvents).
  events(
    draftId: string,
    onEvent: (event: SuggestionEventMessage) => void,
    onReconnect: () => void = () => {},
  ): () => void {
    return followDraftEvents(
      this.fetchFn,
      this.serverUrl,
      this.token,
      draftId,
      eventsOf(suggestionEventTypes, (type, suggestion: SuggestionJson) => onEvent({ type, suggestion })),
      onReconnect,
    );
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await sendApiRequest(this.fetchFn, this.serverUrl, this.token, method, path, body);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
