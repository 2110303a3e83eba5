/// `POST /api/drafts/:id/suggestions/import`: a DOCX sent back marked up (by a ministry, in Word, WPS
/// or LibreOffice) whose tracked changes become suggestions by their Word author, matched to the
/// draft's articles by text (core/suggestions/docx-match.ts). The importer is recorded too.
import { strFromU8, unzipSync } from 'fflate';
import { matchTrackedChanges, readTrackedParagraphs } from '../../core/index.ts';
import type { MatchableArticle, TrackedProposal, UnmatchedChange } from '../../core/index.ts';
import type { SuggestionRecord } from '../storage/suggestions.ts';
import { SuggestionError, createSuggestion } from './service.ts';
import type { SuggestionContext, SuggestionRequest } from './service.ts';
import { liveArticleIds } from '../comments/articles.ts';
import { liveArticle } from './ydoc.ts';

/// A file that is not a DOCX, or not one we can read. Routes answer with `status` and the message.
export class DocxImportError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
    this.name = 'DocxImportError';
  }
}

/// The text of `word/document.xml` in the DOCX `bytes`. Throws DocxImportError when the file is not
/// a zip holding one.
export function documentXml(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name === 'word/document.xml' });
  } catch {
    throw new DocxImportError('body: not a .docx file (it is not a zip archive)', 415);
  }
  const xml = files['word/document.xml'];
  if (!xml) throw new DocxImportError('body: not a .docx file (it has no word/document.xml)', 415);
  return strFromU8(xml);
}

/// What an import did: the suggestions made, and the changes it could not place (with why).
export interface ImportOutcome {
  readonly created: readonly SuggestionRecord[];
  readonly unmatched: readonly UnmatchedChange[];
}

function requestOf(proposal: TrackedProposal): SuggestionRequest {
  switch (proposal.kind) {
    case 'text':
      return {
        kind: 'text',
        articleId: proposal.articleId,
        quote: proposal.quote,
        replacement: proposal.replacement,
        prefix: proposal.prefix,
        suffix: proposal.suffix,
      };
    case 'insert-article':
      return { kind: 'insert-article', after: proposal.after, text: proposal.text };
    case 'delete-article':
      return { kind: 'delete-article', articleId: proposal.articleId };
    case 'insert-paragraph':
      return {
        kind: 'insert-paragraph',
        articleId: proposal.articleId,
        after: proposal.after,
        text: proposal.text,
      };
    case 'insert-item':
      return {
        kind: 'insert-item',
        articleId: proposal.articleId,
        paragraph: proposal.paragraph,
        after: proposal.after,
        text: proposal.text,
      };
  }
}

/// Import the tracked changes of the DOCX `bytes` into draft `draftId` as suggestions, imported by
/// `userId`. Throws DocxImportError for a file that is not a readable DOCX.
export async function importDocxSuggestions(
  ctx: SuggestionContext,
  draftId: string,
  bytes: Uint8Array,
  userId: number,
): Promise<ImportOutcome> {
  let paragraphs;
  try {
    paragraphs = readTrackedParagraphs(documentXml(bytes));
  } catch (error) {
    if (error instanceof SyntaxError) throw new DocxImportError(`body: ${error.message}`);
    throw error;
  }
  const articles = await ctx.rooms.use(draftId, (room): MatchableArticle[] =>
    liveArticleIds(room.doc).map((id) => ({ id, text: liveArticle(room.doc, id)! })),
  );
  const { proposals, unmatched } = matchTrackedChanges(paragraphs, articles);
  const created: SuggestionRecord[] = [];
  const missed: UnmatchedChange[] = [...unmatched];
  for (const proposal of proposals) {
    const date = proposal.date ? Date.parse(proposal.date) : NaN;
    try {
      created.push(
        await createSuggestion(ctx, draftId, requestOf(proposal), userId, {
          wordAuthor: proposal.author?.trim() || 'Word',
          createdAt: Number.isFinite(date) && date <= Date.now() ? date : undefined,
        }),
      );
    } catch (error) {
      if (!(error instanceof SuggestionError)) throw error;
      const text =
        proposal.kind === 'text'
          ? `${proposal.quote} → ${proposal.replacement}`
          : 'text' in proposal
            ? proposal.text
            : '';
      missed.push({ author: proposal.author, date: proposal.date, text, reason: error.message });
    }
  }
  ctx.storage.audit.record('suggestion.import', userId, draftId, {
    created: created.length,
    unmatched: missed.length,
  });
  return { created, unmatched: missed };
}
