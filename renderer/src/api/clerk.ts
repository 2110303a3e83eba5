/// The clerk's API as the renderer calls it (server/http/routes/clerk.ts): the table of every comment,
/// clusters and the clerk's decisions about them, dispositions, reason templates, the article changes
/// a disposition can be linked to, and the summary report. Errors are ApiError, as elsewhere.
import type {
  AttachmentJson,
  ArticleChange,
  ClerkTableJson,
  DispositionKind,
  ReasonTemplate,
  SummaryFormat,
} from '../../../core/index.ts';
import { fileName, sendApiRequest } from './client.ts';
import type { Fetch } from './client.ts';
import type { DownloadedFile } from './types.ts';

export type { ClerkTableJson } from '../../../core/index.ts';

/// A disposition as the API shows it.
export interface DispositionInfo {
  readonly kind: DispositionKind;
  readonly reason: string;
  readonly templateId: string | null;
  readonly linkedArticleId: string | null;
  readonly linkedVersionId: string | null;
  /// The suggestion that carries the decision out, if any.
  readonly linkedSuggestionId?: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string;
}

/// One change in a disposition's history.
export interface DispositionChangeInfo {
  readonly action: 'set' | 'cleared' | 'carried';
  readonly kind: DispositionKind | null;
  readonly reason: string | null;
  readonly linkedArticleId: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string;
}

/// `GET /api/drafts/:id/clerk/comments/:cid`: one comment in full.
export interface ClerkCommentInfo {
  readonly id: string;
  readonly kind: 'public' | 'imported';
  readonly articleId: string | null;
  readonly versionId: string | null;
  readonly externalId: string | null;
  readonly body: string;
  readonly status: 'open' | 'resolved';
  readonly withdrawn: boolean;
  readonly receivedAt: string;
  readonly submitter: {
    readonly pseudonym: string;
    readonly organization: string | null;
    readonly type: string | null;
    readonly name?: string;
    readonly contact?: string | null;
  } | null;
  readonly cluster: { readonly id: string; readonly size: number; readonly kind: 'text' | 'stub' } | null;
  /// For a comment on the draft as a whole, the article its text or attachment cites.
  readonly citedArticleId: string | null;
  /// Its files, each with the text read from it.
  readonly attachments: readonly AttachmentJson[];
  readonly disposition: DispositionInfo | null;
  readonly clusterDisposition: DispositionInfo | null;
  readonly history: readonly DispositionChangeInfo[];
}

/// A cluster as `GET /api/drafts/:id/clusters` lists it.
export interface ClusterInfo {
  readonly id: string;
  readonly kind: 'text' | 'stub';
  readonly size: number;
  readonly representative: {
    readonly id: string;
    readonly excerpt: string;
    readonly submitter: string | null;
  };
}

/// `GET /api/drafts/:id/clusters`.
export interface ClusterList {
  readonly clusteredAt: string | null;
  readonly stale: boolean;
  readonly comments: number;
  readonly clusters: readonly ClusterInfo[];
}

/// What a clustering run did.
export interface ClusterRunInfo {
  readonly clusteredAt: string;
  readonly comments: number;
  readonly clusters: number;
  readonly clustersOfMany: number;
  readonly carried: number;
}

/// A cluster operation.
export type ClusterOperation =
  | { readonly action: 'merge'; readonly clusters: readonly string[] }
  | { readonly action: 'split'; readonly cluster: string; readonly part: readonly string[] }
  | { readonly action: 'move-out'; readonly cluster: string; readonly comments: readonly string[] };

/// What `PUT /api/drafts/:id/dispositions` takes.
export interface DispositionRequest {
  readonly comments?: readonly string[];
  readonly clusters?: readonly string[];
  readonly kind: DispositionKind;
  readonly reason: string;
  readonly templateId?: string | null;
  readonly linkedArticleId?: string | null;
  readonly linkedVersionId?: string | null;
  readonly linkedSuggestionId?: string | null;
  readonly overrideMembers?: boolean;
}

/// `GET /api/drafts/:id/article-changes`.
export interface ArticleChangesInfo {
  readonly from: { readonly id: string; readonly label: string };
  readonly to: { readonly id: string; readonly label: string };
  readonly changes: readonly ArticleChange[];
}

const enc = encodeURIComponent;

/// A client of the clerk's routes of one server, for one session.
export class ClerkApi {
  private readonly fetchFn: Fetch;

  constructor(
    readonly serverUrl: string,
    readonly token: string | null,
    fetchFn?: Fetch,
  ) {
    this.fetchFn = fetchFn ?? ((input, init) => fetch(input, init));
  }

  /// Every comment of the draft, as the clerk's table.
  table(draftId: string): Promise<ClerkTableJson> {
    return this.json('GET', `/api/drafts/${enc(draftId)}/clerk/table`);
  }

  /// Whether the grouping is being updated in the background (cheap: poll this, not the table).
  grouping(draftId: string): Promise<{ updating: boolean; stale: boolean; clusteredAt: string | null }> {
    return this.json('GET', `/api/drafts/${enc(draftId)}/clerk/grouping`);
  }

  /// Ids of the comments whose text contains `query`.
  async search(draftId: string, query: string): Promise<number[]> {
    const result = await this.json<{ ids: number[] }>(
      'GET',
      `/api/drafts/${enc(draftId)}/clerk/search?q=${enc(query)}`,
    );
    return result.ids;
  }

  /// One comment in full.
  comment(draftId: string, id: number | string): Promise<ClerkCommentInfo> {
    return this.json('GET', `/api/drafts/${enc(draftId)}/clerk/comments/${enc(String(id))}`);
  }

  /// The clusters of at least `minSize` comments, largest first.
  clusters(draftId: string, minSize = 2): Promise<ClusterList> {
    return this.json('GET', `/api/drafts/${enc(draftId)}/clusters?minSize=${minSize}`);
  }

  /// Cluster the comments again now.
  recluster(draftId: string): Promise<ClusterRunInfo> {
    return this.json('POST', `/api/drafts/${enc(draftId)}/clusters/run`);
  }

  /// Merge, split or move out, and cluster again.
  decide(draftId: string, operation: ClusterOperation): Promise<ClusterRunInfo> {
    return this.json('POST', `/api/drafts/${enc(draftId)}/clusters/decisions`, operation);
  }

  /// Record a disposition for comments and clusters.
  setDisposition(
    draftId: string,
    request: DispositionRequest,
  ): Promise<{ set: number; overridden: number; decidedBy: string; decidedAt: string }> {
    return this.json('PUT', `/api/drafts/${enc(draftId)}/dispositions`, request);
  }

  /// Remove the dispositions recorded for comments and clusters.
  clearDisposition(
    draftId: string,
    targets: { comments?: readonly string[]; clusters?: readonly string[] },
  ): Promise<{ cleared: number }> {
    return this.json('POST', `/api/drafts/${enc(draftId)}/dispositions/clear`, targets);
  }

  /// The draft's reason templates.
  async templates(draftId: string): Promise<ReasonTemplate[]> {
    return (
      await this.json<{ templates: ReasonTemplate[] }>('GET', `/api/drafts/${enc(draftId)}/reason-templates`)
    ).templates;
  }

  /// Save a new reason template.
  createTemplate(
    draftId: string,
    template: { label: string; text: string; kind: DispositionKind | null },
  ): Promise<ReasonTemplate> {
    return this.json('POST', `/api/drafts/${enc(draftId)}/reason-templates`, template);
  }

  /// Change a reason template: any of its label, text and kind (`{label}` alone renames it).
  updateTemplate(
    draftId: string,
    templateId: string,
    change: { label?: string; text?: string; kind?: DispositionKind | null },
  ): Promise<ReasonTemplate> {
    return this.json('PATCH', `/api/drafts/${enc(draftId)}/reason-templates/${enc(templateId)}`, change);
  }

  /// The changes from the commented version (default) to `to` (default live), by article.
  articleChanges(draftId: string, to?: string): Promise<ArticleChangesInfo> {
    return this.json('GET', `/api/drafts/${enc(draftId)}/article-changes${to ? `?to=${enc(to)}` : ''}`);
  }

  /// The original of an attachment (`download` of its AttachmentJson), as a file.
  attachment(attachment: AttachmentJson): Promise<DownloadedFile> {
    return this.file(
      attachment.download ?? `/api/attachments/${enc(attachment.id)}/download`,
      attachment.fileName,
    );
  }

  /// Publish an attachment on the public page, or withdraw it (owners and clerks).
  publishAttachment(id: string, published: boolean): Promise<AttachmentJson> {
    return this.json('PATCH', `/api/attachments/${enc(id)}`, { published });
  }

  /// The summary report as a file.
  summary(draftId: string, format: SummaryFormat, personalData = false): Promise<DownloadedFile> {
    const query = new URLSearchParams({ format });
    if (personalData) query.set('personal', 'true');
    return this.file(`/api/drafts/${enc(draftId)}/summary?${query}`, `summary.${format}`);
  }

  private request(method: string, path: string, body?: unknown): Promise<Response> {
    return sendApiRequest(this.fetchFn, this.serverUrl, this.token, method, path, body);
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
