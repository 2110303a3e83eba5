/// `POST /api/drafts/:id/suggestions/import`: a DOCX sent back marked up (by a ministry, in Word, WPS
/// or LibreOffice) whose tracked changes become suggestions by their Word author, matched to the
/// draft's articles by text (core/suggestions/docx-match.ts). The importer is recorded too.
import { citationLabel, danglingLabel, describeForbidden, findForbiddenCharacter } from '../../core/index.ts';
import type { Language, MatchableArticle, TrackedProposal, UnmatchedChange } from '../../core/index.ts';
import type { SuggestionRecord } from '../storage/suggestions.ts';
import type { DraftWork } from '../work/pool.ts';
import { SuggestionError, createSuggestion } from './service.ts';
import type { SuggestionContext, SuggestionRequest } from './service.ts';
import { liveArticles } from './ydoc.ts';
import type { LiveArticle, LiveReference } from './ydoc.ts';

export { DocxImportError } from './docx-files.ts';

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

/// The articles of a draft as the matcher reads them, each cross-reference printed by its label in
/// `language`, as the draft's Word export printed it.
export function matchableArticles(live: readonly LiveArticle[], language: Language): MatchableArticle[] {
  const numbers = new Map(live.map((article, index) => [article.id, index + 1]));
  const print = (reference: LiveReference | null): string => {
    if (!reference) return '\uFFFC';
    const number = reference.target ? numbers.get(reference.target) : undefined;
    if (number === undefined) return danglingLabel(language);
    const { paragraph, item, bare } = reference;
    return citationLabel({ article: number, paragraph, item, bare }, language);
  };
  return live.map(({ id, text, blocks, objects }) => ({
    id,
    text: { text, blocks },
    objects: objects.map(print),
  }));
}

/// Import the tracked changes of the DOCX `bytes` into draft `draftId` (written in `language`) as
/// suggestions, imported by `userId`. Throws DocxImportError for a file that is not a readable DOCX.
export async function importDocxSuggestions(
  ctx: SuggestionContext & { readonly work: DraftWork },
  draftId: string,
  language: Language,
  bytes: Uint8Array,
  userId: number,
): Promise<ImportOutcome> {
  const articles = await ctx.rooms.use(draftId, (room) =>
    matchableArticles(liveArticles(room.doc), language),
  );
  // Unpacking, parsing and matching a big file take seconds: the draft worker does them (docx-files.ts).
  // The work grows with the unpacked XML (Word's compresses about tenfold) and the draft's text.
  let size = bytes.length * 10;
  for (const article of articles) size += article.text.text.length;
  const { proposals, unmatched } = await ctx.work.run({ job: 'docx', bytes, articles }, size);
  const created: SuggestionRecord[] = [];
  const missed: UnmatchedChange[] = [...unmatched];
  for (const proposal of proposals) {
    const date = proposal.date ? Date.parse(proposal.date) : NaN;
    // The author's name is stored and shown as given, so it is held to the rules of any text.
    const badAuthor = proposal.author ? findForbiddenCharacter(proposal.author) : undefined;
    try {
      if (badAuthor) {
        throw new SuggestionError(`the author's name holds ${describeForbidden(badAuthor)}`);
      }
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
  await ctx.store.audit.record('suggestion.import', userId, draftId, {
    created: created.length,
    unmatched: missed.length,
  });
  return { created, unmatched: missed };
}
