/// The summary report of a draft from storage: the clerk comments, their clustering (brought up to
/// date first), the dispositions, and the change from the version the comments were made on to a
/// later version or the live draft — gathered into core's summary model and rendered. Used by the
/// summary route and `lifa summary`.
import type { Node as PMNode } from 'prosemirror-model';
import {
  articleChanges,
  buildOutline,
  buildSummary,
  compareOutlines,
  isValidId,
  noArticleChanges,
  renderSummary,
  summaryCsvChunks,
  textHead,
} from '../../core/index.ts';
import type {
  ArticleChanges,
  Outline,
  SummaryAttachment,
  SummaryComment,
  SummaryFormat,
  SummaryReport,
} from '../../core/index.ts';
import { pseudonym } from '../comments/privacy.ts';
import { docFromState } from '../document.ts';
import { suggestionChange } from '../suggestions/report.ts';
import type { DraftRecord } from '../storage/drafts.ts';
import type { Storage } from '../storage/interface.ts';
import type { SuggestionRecord } from '../storage/suggestions.ts';
import { ensureClustered, storedClustering } from './clustering.ts';

/// A side of the comparison: a version id, or `live` for the draft as it is now.
export type SummarySide = string;

/// Thrown for a request that names what is not there (an unknown version). Routes answer 400, the
/// CLI exits with 2.
export class SummaryRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SummaryRequestError';
  }
}

/// What the report is to be made of.
export interface SummaryOptions {
  /// The version the comments were made on. Defaults to the version most comments were made on
  /// (the live draft when they were made on it).
  readonly from?: SummarySide;
  /// The later text whose changes the report shows. Defaults to `live`.
  readonly to?: SummarySide;
  /// Names and contact details instead of pseudonyms. The caller checks that the reader may see them.
  readonly personalData?: boolean;
  /// The live draft's text (the server's loaded copy may be ahead of storage only by nothing, but
  /// the route reads it through the room all the same).
  readonly liveDoc: () => Promise<PMNode> | PMNode;
  /// When the report is dated. Defaults to now.
  readonly now?: number;
  /// Who exports it: the Word document's author. Defaults to "Lifa".
  readonly author?: string;
}

/// The text of one side, with its label for the report's heading.
export interface Side {
  readonly outline: Outline;
  readonly label: string;
  readonly id: SummarySide;
}

/// The two texts a report compares and the changes between them: `from` (default: the version most
/// comments were made on) and `to` (default: live). Throws SummaryRequestError for an unknown version.
export async function compareSides(
  storage: Storage,
  draft: DraftRecord,
  options: Pick<SummaryOptions, 'from' | 'to' | 'liveDoc'>,
): Promise<{ from: Side; to: Side; changes: ArticleChanges }> {
  const language = draft.language;
  const side = async (which: SummarySide): Promise<Side> => {
    if (which === 'live') {
      return {
        outline: buildOutline(await options.liveDoc(), language),
        label: language === 'zh' ? '当前草案' : 'the current draft',
        id: 'live',
      };
    }
    const version = isValidId(which) ? await storage.versions.get(draft.id, which) : undefined;
    if (!version) throw new SummaryRequestError(`draft ${draft.id} has no version ${which}`);
    return { outline: buildOutline(docFromState(version.state), language), label: version.label, id: which };
  };
  const from = await side(options.from ?? (await storage.clerkComments.mainVersion(draft.id)) ?? 'live');
  const to = (options.to ?? 'live') === from.id ? from : await side(options.to ?? 'live');
  const changes =
    to === from
      ? noArticleChanges
      : articleChanges(compareOutlines(from.outline, to.outline), from.outline.articles, to.outline.articles);
  return { from, to, changes };
}

/// Build the report of `draft` (clustering its comments first when the stored clustering is out of
/// date). Throws SummaryRequestError for an unknown version.
export async function draftSummary(
  storage: Storage,
  draft: DraftRecord,
  options: SummaryOptions,
): Promise<SummaryReport> {
  const language = draft.language;
  await ensureClustered(storage, draft.id);
  // No texts are loaded: the reports quote a few comments, read when needed, and the CSV register
  // reads each whole text as it writes it (see renderDraftSummary).
  const stored = await storage.clerkComments.all(draft.id, 0);
  const { from, to, changes } = await compareSides(storage, draft, {
    ...options,
    from: options.from ?? mainVersion(stored),
  });

  const personal = options.personalData ?? false;
  // What the other formats quote is an excerpt: the first 1,200 characters of a comment are plenty.
  const textLimit = 1200;
  const comments: SummaryComment[] = stored.map((c) => ({
    id: String(c.id),
    externalId: c.externalId,
    articleId: c.articleId ?? c.citedArticleId,
    text: null,
    submitterType: c.submitterType,
    submitter:
      personal && c.name
        ? c.name
        : c.submitterNumber === null
          ? null
          : pseudonym(c.submitterNumber, language),
    organization: personal ? c.organization : null,
    contact: personal ? c.contact : null,
    withdrawn: c.withdrawn,
  }));
  const dispositions = await storage.dispositions.list(draft.id);
  // The suggestions dispositions link to, read before the report is built (building is synchronous).
  const suggestions = new Map<string, SuggestionRecord>();
  for (const d of dispositions) {
    const id = d.linkedSuggestionId;
    if (!id || suggestions.has(id)) continue;
    const suggestion = await storage.suggestions.get(Number(id));
    if (suggestion && suggestion.draftId === draft.id) suggestions.set(id, suggestion);
  }
  const input = {
    draft: { id: draft.id, title: draft.title, language },
    articles: from.outline.articles,
    comments,
    clusters: (await storedClustering(storage, draft.id)).clusters,
    dispositions,
    attachments: await storage.attachments.counts(draft.id),
    changes,
    suggestionChange: (id: string) => {
      const suggestion = suggestions.get(id);
      if (!suggestion) return undefined;
      const label =
        to.outline.articles.find((a) => a.id === suggestion.articleId)?.label ??
        from.outline.articles.find((a) => a.id === suggestion.articleId)?.label ??
        suggestion.articleId;
      return suggestionChange(suggestion, label, language);
    },
    versions: to === from ? null : { from: from.label, to: to.label },
    personalData: personal,
    generatedAt: options.now,
  };
  // The report quotes a few comments, which only building it tells: built once to learn which (their
  // texts do not change what is chosen), their texts read, then built with them.
  const quoted = new Set<number>();
  buildSummary({
    ...input,
    readText: (c) => {
      quoted.add(Number(c.id));
      return '';
    },
  });
  const texts = new Map<number, string | null>();
  for (const id of quoted) {
    texts.set(id, textHead(await storage.clerkComments.textOf(id, textLimit + 1), textLimit));
  }
  return buildSummary({ ...input, readText: (c) => texts.get(Number(c.id)) ?? null });
}

/// The version most of `comments` were made on (`live` for the live draft, and when there are none).
function mainVersion(comments: readonly { versionId: string | null }[]): SummarySide {
  const counts = new Map<string | null, number>();
  for (const c of comments) counts.set(c.versionId, (counts.get(c.versionId) ?? 0) + 1);
  let best: string | null = null;
  let most = 0;
  for (const [version, n] of counts) {
    if (n > most || (n === most && (version ?? '') < (best ?? ''))) {
      best = version;
      most = n;
    }
  }
  return best ?? 'live';
}

/// A rendered summary: docx bytes, md or html text, or the CSV register as chunks of text, written
/// as they are asked for (each reading its comments' whole texts from storage, so the storage must
/// stay open until the last chunk is read).
export type SummaryData = string | Uint8Array | AsyncIterable<string>;

/// The report of `draft` in `format` (see draftSummary), with a file name for it. The CSV register is
/// streamed: `data` is then an async iterable of chunks, to be read once.
export async function renderDraftSummary(
  storage: Storage,
  draft: DraftRecord,
  format: SummaryFormat,
  options: SummaryOptions,
): Promise<{ data: SummaryData; fileName: string; report: SummaryReport }> {
  const report = await draftSummary(storage, draft, options);
  const data =
    format === 'csv'
      ? registerChunks(storage, draft.id, report)
      : await renderSummary(report, format, { author: options.author });
  const name =
    draft.language === 'zh' ? `${draft.title}征求意见采纳情况` : `${draft.title} - comments report`;
  return { data, fileName: `${name}.${format}`, report };
}

// Records of the register per chunk.
const chunkRecords = 256;

// The CSV register of `report`, a chunk of records at a time: the whole texts and the files of a
// chunk's comments are read from storage first (a page of 500 comments per query, in ascending
// number as the register lists them), then the chunk is written.
async function* registerChunks(
  storage: Storage,
  draftId: string,
  report: SummaryReport,
): AsyncGenerator<string> {
  const textOf = inIdOrder(
    async (after) =>
      (await storage.clerkComments.textsAfter(draftId, after, 500)).map((r) => ({ id: r.id, value: r.body })),
    (id): Promise<string | null> => storage.clerkComments.textOf(id),
  );
  const filesOf = inIdOrder(
    async (after) =>
      (await storage.attachments.filesAfter(draftId, after, 500)).map((r) => ({
        id: r.commentId,
        value: r.files as readonly SummaryAttachment[],
      })),
    async (): Promise<readonly SummaryAttachment[]> => [],
  );
  const register = report.register;
  for (let start = 0; start === 0 || start < register.length; start += chunkRecords) {
    const slice = register.slice(start, start + chunkRecords);
    const texts = new Map<string, string | null>();
    const files = new Map<string, readonly SummaryAttachment[]>();
    for (const { comment } of slice) {
      texts.set(comment.id, await textOf(Number(comment.id)));
      files.set(comment.id, await filesOf(Number(comment.id)));
    }
    yield* summaryCsvChunks(
      { ...report, register: slice },
      {
        header: start === 0,
        chunkRecords,
        readText: (c) => texts.get(c.id) ?? null,
        readAttachments: (c) => files.get(c.id) ?? [],
      },
    );
  }
}

// A reader of values by comment number for a caller that asks in ascending order: `readPage(after)`
// gives the next page of values of numbers above `after`, ascending; each page is read when the caller
// reaches it; a number the pages do not hold gets `absent(id)`.
function inIdOrder<T>(
  readPage: (after: number) => Promise<readonly { id: number; value: T }[]>,
  absent: (id: number) => Promise<T>,
): (id: number) => Promise<T> {
  let page: readonly { id: number; value: T }[] = [];
  let at = 0;
  let last = 0;
  let done = false;
  return async (id) => {
    for (;;) {
      while (at < page.length && page[at].id < id) at++;
      if (at < page.length) return page[at].id === id ? page[at].value : absent(id);
      if (done) return absent(id);
      page = await readPage(last);
      at = 0;
      if (page.length === 0) done = true;
      else last = page[page.length - 1].id;
    }
  };
}
