/// The live draft exported with its open suggestions as tracked changes (`?suggestions=tracked`):
/// Word revisions in DOCX, a redline in HTML. Each suggestion is located in the live Y.Doc, then shown
/// in the ProseMirror document read from the same state; a stale suggestion cannot be placed and is
/// left out (it waits for its author to re-base it). The locating happens in the draft's room; the
/// rendering (docx-files.ts) in the draft worker for a big draft.
import * as Y from 'yjs';
import { locateSuggestion } from '../../core/index.ts';
import type { Language, TrackedSuggestion, WordOptions } from '../../core/index.ts';
import type { DraftWork } from '../work/pool.ts';
import type { TrackedSource } from './docx-files.ts';
import { listSuggestions } from './service.ts';
import type { SuggestionContext } from './service.ts';
import { liveArticle, resolveHint } from './ydoc.ts';

/// The formats that can show suggestions as tracked changes.
export const trackedFormats = ['docx', 'html'] as const;

/// The live text of `draftId` and its open suggestions, located in it.
export async function trackedSource(ctx: SuggestionContext, draftId: string): Promise<TrackedSource> {
  await listSuggestions(ctx, draftId, { status: 'open' });
  const open = await ctx.store.suggestions.list(draftId, { status: 'open' });
  return ctx.rooms.use(draftId, (room) => {
    const located: TrackedSuggestion[] = [];
    const texts = new Map<string, string>();
    for (const s of open) {
      const article = liveArticle(room.doc, s.articleId);
      const hint = article ? resolveHint(room.doc, article, s.anchorStart, s.anchorEnd) : null;
      const where = locateSuggestion(article, s, hint);
      if (where.state !== 'open' || !article) continue;
      texts.set(s.articleId, article.text);
      located.push({
        suggestionId: String(s.id),
        author: s.wordAuthor ?? s.author ?? '?',
        date: new Date(s.createdAt).toISOString(),
        kind: s.kind,
        articleId: s.articleId,
        from: where.from,
        to: where.to,
        replacement: s.replacement,
        block: where.block,
        place: s.place,
      });
    }
    return { state: Y.encodeStateAsUpdate(room.doc), located, texts };
  });
}

/// The live draft `draftId` in `format` with its open suggestions as tracked changes, rendered by
/// `work` (in its worker when the draft is big); `options.author` (the exporting user) is the Word
/// document's author.
export async function exportTracked(
  ctx: SuggestionContext & { readonly work: DraftWork },
  draftId: string,
  language: Language,
  format: (typeof trackedFormats)[number],
  options: WordOptions = {},
): Promise<string | Uint8Array> {
  const source = await trackedSource(ctx, draftId);
  return ctx.work.run({ job: 'tracked', source, language, format, options }, source.state.length);
}
