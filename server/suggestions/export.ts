/// The live draft exported with its open suggestions as tracked changes (`?suggestions=tracked`):
/// Word revisions in DOCX, a redline in HTML. Each suggestion is located in the live Y.Doc, then shown
/// in the ProseMirror document read from the same state; a stale suggestion cannot be placed and is
/// left out (it waits for its author to re-base it).
import * as Y from 'yjs';
import {
  articleTextOf,
  buildOutline,
  draftRedline,
  locateSuggestion,
  renderDraftDocx,
  renderDraftHtml,
} from '../../core/index.ts';
import type { Language, TrackedSuggestion } from '../../core/index.ts';
import type { Node as PMNode } from 'prosemirror-model';
import { docFromState } from '../document.ts';
import { suggestionStorage } from '../storage/suggestions.ts';
import { listSuggestions } from './service.ts';
import type { SuggestionContext } from './service.ts';
import { liveArticle, resolveHint } from './ydoc.ts';

/// The formats that can show suggestions as tracked changes.
export const trackedFormats = ['docx', 'html'] as const;

/// The live text of `draftId` and its open suggestions, located. The suggestions are checked against
/// the ProseMirror document too: one whose article reads differently there is left out.
export async function trackedDraft(
  ctx: SuggestionContext,
  draftId: string,
): Promise<{ doc: PMNode; suggestions: TrackedSuggestion[] }> {
  await listSuggestions(ctx, draftId, { status: 'open' });
  const open = suggestionStorage(ctx.storage).list(draftId, { status: 'open' });
  const { state, located, texts } = await ctx.rooms.use(draftId, (room) => {
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
  const doc = docFromState(state);
  const readBack = new Map<string, string>();
  doc.descendants((node, pos) => {
    if (node.type.name !== 'article') return !node.isTextblock;
    if (node.attrs.id) readBack.set(node.attrs.id as string, articleTextOf(node, pos).text);
    return false;
  });
  const suggestions = located.filter((s) => readBack.get(s.articleId) === texts.get(s.articleId));
  return { doc, suggestions };
}

/// The live draft `draftId` in `format` with its open suggestions as tracked changes.
export async function exportTracked(
  ctx: SuggestionContext,
  draftId: string,
  language: Language,
  format: (typeof trackedFormats)[number],
): Promise<string | Uint8Array> {
  const { doc, suggestions } = await trackedDraft(ctx, draftId);
  const outline = buildOutline(doc, language);
  const redline = draftRedline(doc, language, suggestions);
  return format === 'docx' ? renderDraftDocx(outline, redline) : renderDraftHtml(outline, redline);
}
