/// The HTTP client of the server's API: JSON in and out, the session token as a Bearer header, errors
/// (`4xx {error, detail}`) turned into ApiError.
import type {
  ArticleBlameJson,
  InstrumentJson,
  InstrumentStyle,
  ArticleHistoryJson,
  RestoreJson,
  TimelineJson,
  TimelineKind,
} from '../../../core/index.ts';
import type {
  Comparison,
  ComparisonSide,
  CreatedDraft,
  DownloadedFile,
  DraftExportFormat,
  DraftInfo,
  NewDraft,
  Session,
  VersionInfo,
} from './types.ts';

/// A refusal or failure reported by the server (or the network, with status 0).
export class ApiError extends Error {
  constructor(
    /// The HTTP status; 0 when the server could not be reached.
    readonly status: number,
    /// The server's short error code (`error`), or 'network'.
    readonly code: string,
    /// The server's explanation (`detail`), for people.
    readonly detail: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ApiError';
  }
}

/// Send one JSON request to the Lifa API at `serverUrl` with the bearer `token` (when given).
/// Resolves to the response when it is 2xx; throws ApiError with the server's `{error, detail}`
/// otherwise, and ApiError(0, 'network') when the server cannot be reached.
export async function sendApiRequest(
  fetchFn: Fetch,
  serverUrl: string,
  token: string | null | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  // A form (files) goes as multipart/form-data, its boundary set by fetch; anything else as JSON.
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetchFn(serverUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    let code = `http ${response.status}`;
    let detail = response.statusText;
    try {
      const payload = (await response.json()) as { error?: unknown; detail?: unknown };
      if (typeof payload.error === 'string') code = payload.error;
      if (typeof payload.detail === 'string') detail = payload.detail;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(response.status, code, detail);
  }
  return response;
}

/// The `fetch` the client uses; injectable for tests.
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/// Options of ApiClient.
export interface ApiClientOptions {
  /// Base URL of the server, without a trailing slash.
  readonly serverUrl: string;
  /// The session token, or null before signing in.
  readonly token?: string | null;
  /// Called when the server answers 401 to a signed-in request (expired or revoked session).
  readonly onUnauthorized?: () => void;
  /// Defaults to the global fetch.
  readonly fetch?: Fetch;
}

/// A client of one server, for one session.
export class ApiClient {
  readonly serverUrl: string;
  readonly token: string | null;
  private readonly onUnauthorized: () => void;
  private readonly fetchFn: Fetch;

  constructor(options: ApiClientOptions) {
    this.serverUrl = options.serverUrl.replace(/\/+$/, '');
    this.token = options.token ?? null;
    this.onUnauthorized = options.onUnauthorized ?? (() => {});
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /// The same client with another session token.
  withToken(token: string | null): ApiClient {
    return new ApiClient({
      serverUrl: this.serverUrl,
      token,
      onUnauthorized: this.onUnauthorized,
      fetch: this.fetchFn,
    });
  }

  /// The websocket URL prefix of the sync endpoint: `ws(s)://HOST/sync`.
  syncUrl(): string {
    return `${this.serverUrl.replace(/^http/, 'ws')}/sync`;
  }

  /// A single-use ticket (good for a minute) to open the websocket or event stream of draft `id`
  /// without putting the session token in a URL.
  async ticket(id: string): Promise<string> {
    const answer = await this.json<{ ticket: string }>(
      'POST',
      `/api/drafts/${encodeURIComponent(id)}/ticket`,
    );
    return answer.ticket;
  }

  /// End every session of the signed-in user, on every device.
  signOutEverywhere(): Promise<{ sessions: number }> {
    return this.json('DELETE', '/api/sessions');
  }

  /// Sign in. Throws ApiError (401) for a wrong name or password.
  signIn(username: string, password: string): Promise<Session> {
    return this.json('POST', '/api/session', { username, password });
  }

  /// End the session on the server.
  signOut(): Promise<void> {
    return this.json('DELETE', '/api/session');
  }

  /// The drafts the signed-in user may see, with their role on each.
  listDrafts(): Promise<DraftInfo[]> {
    return this.json('GET', '/api/drafts');
  }

  /// Create a draft: empty, or imported from a plain-text law (`text`).
  createDraft(draft: NewDraft): Promise<CreatedDraft> {
    return this.json('POST', '/api/drafts', draft);
  }

  /// One draft's metadata and the user's role on it.
  getDraft(id: string): Promise<DraftInfo> {
    return this.json('GET', `/api/drafts/${encodeURIComponent(id)}`);
  }

  /// Change a draft's title.
  updateDraft(id: string, patch: { title?: string }): Promise<DraftInfo> {
    return this.json('PATCH', `/api/drafts/${encodeURIComponent(id)}`, patch);
  }

  /// The live draft as a file in `format`; with `tracked`, its open suggestions as tracked changes
  /// (docx and html only).
  exportDraft(id: string, format: DraftExportFormat, tracked = false): Promise<DownloadedFile> {
    const query = `format=${format}${tracked ? '&suggestions=tracked' : ''}`;
    return this.file(`/api/drafts/${encodeURIComponent(id)}/export?${query}`, `draft.${format}`);
  }

  /// The draft's named versions, oldest first.
  listVersions(id: string): Promise<VersionInfo[]> {
    return this.json('GET', `/api/drafts/${encodeURIComponent(id)}/versions`);
  }

  /// Cut a named version of the draft as it is now.
  createVersion(id: string, label: string): Promise<VersionInfo> {
    return this.json('POST', `/api/drafts/${encodeURIComponent(id)}/versions`, { label });
  }

  /// The comparison of two versions (or a version and 'live'), as the comparison table.
  compare(id: string, from: ComparisonSide, to: ComparisonSide): Promise<Comparison> {
    return this.json('GET', compareQuery(id, from, to, 'json'));
  }

  /// The comparison as an HTML page or a DOCX document; unchanged articles in full with `all`.
  compareFile(
    id: string,
    from: ComparisonSide,
    to: ComparisonSide,
    format: 'html' | 'docx',
    all = false,
  ): Promise<DownloadedFile> {
    return this.file(compareQuery(id, from, to, format, all), `comparison.${format}`);
  }

  /// The amending instrument between two sides, in `style`, as core's JSON report.
  amendment(
    id: string,
    from: ComparisonSide,
    to: ComparisonSide,
    style: InstrumentStyle,
  ): Promise<InstrumentJson> {
    return this.json('GET', amendmentQuery(id, from, to, style, 'json'));
  }

  /// The amending instrument as plain text or a DOCX document.
  amendmentFile(
    id: string,
    from: ComparisonSide,
    to: ComparisonSide,
    style: InstrumentStyle,
    format: 'txt' | 'docx',
  ): Promise<DownloadedFile> {
    return this.file(amendmentQuery(id, from, to, style, format), `amendment.${format}`);
  }

  /// The history of article `articleId`: its author sessions, newest first.
  articleHistory(id: string, articleId: string): Promise<ArticleHistoryJson> {
    return this.json(
      'GET',
      `/api/drafts/${encodeURIComponent(id)}/articles/${encodeURIComponent(articleId)}/history`,
    );
  }

  /// The blame of article `articleId`: its current text as runs by author.
  articleBlame(id: string, articleId: string): Promise<ArticleBlameJson> {
    return this.json(
      'GET',
      `/api/drafts/${encodeURIComponent(id)}/articles/${encodeURIComponent(articleId)}/blame`,
    );
  }

  /// Restore the draft, or one article, to a time (ISO) or a version, as a change by the signed-in user.
  restore(
    id: string,
    to: { readonly at: string } | { readonly versionId: string },
    articleId?: string,
  ): Promise<RestoreJson> {
    return this.json('POST', `/api/drafts/${encodeURIComponent(id)}/restore`, {
      ...to,
      ...(articleId && { articleId }),
    });
  }

  /// The draft's timeline, filtered.
  timeline(id: string, filter: TimelineFilter = {}): Promise<TimelineJson> {
    return this.json('GET', timelineQuery(id, filter, 'json'));
  }

  /// The draft's timeline as a CSV or JSON file.
  timelineFile(id: string, filter: TimelineFilter, format: 'csv' | 'json'): Promise<DownloadedFile> {
    return this.file(timelineQuery(id, filter, format), `timeline.${format}`);
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    try {
      return await sendApiRequest(this.fetchFn, this.serverUrl, this.token, method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && this.token) this.onUnauthorized();
      throw error;
    }
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async file(path: string, fallbackName: string): Promise<DownloadedFile> {
    const response = await this.request('GET', path);
    const data = new Uint8Array(await response.arrayBuffer());
    const mime = response.headers.get('content-type') ?? 'application/octet-stream';
    return { name: fileName(response.headers.get('content-disposition')) ?? fallbackName, data, mime };
  }
}

/// Which timeline events to show: some kinds, by one user, between two times (ISO); all when empty.
export interface TimelineFilter {
  readonly kinds?: readonly TimelineKind[];
  readonly user?: string;
  readonly from?: string;
  readonly to?: string;
}

function timelineQuery(id: string, filter: TimelineFilter, format: 'json' | 'csv'): string {
  const query = new URLSearchParams({ format });
  if (filter.kinds?.length) query.set('kind', filter.kinds.join(','));
  if (filter.user) query.set('user', filter.user);
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  return `/api/drafts/${encodeURIComponent(id)}/timeline?${query}`;
}

function compareQuery(id: string, from: string, to: string, format: string, all = false): string {
  const query = new URLSearchParams({ from, to, format });
  if (all) query.set('all', 'true');
  return `/api/drafts/${encodeURIComponent(id)}/compare?${query}`;
}

function amendmentQuery(id: string, from: string, to: string, style: string, format: string): string {
  const query = new URLSearchParams({ from, to, style, format });
  return `/api/drafts/${encodeURIComponent(id)}/amendment?${query}`;
}

/// The file name of a Content-Disposition header (`filename*=UTF-8''…` preferred), or null.
export function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Fall through to the plain form.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name || null;
}
