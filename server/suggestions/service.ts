/// What can be done with suggestions, over storage and the live drafts: make one (anchored in the live
/// text), find where each stands now (open or stale), accept (the change made through apply.ts),
/// reject, withdraw, undo a decision, edit, re-base, and decide many at once. Routes check who may;
/// this checks that it can be done to the text as it is, and tells the event stream of every change.
import type * as Y from 'yjs';
import {
  anchorQuote,
  contextAround,
  describeForbidden,
  findForbiddenCharacter,
  insertionIndex,
  isUndecided,
  locateSuggestion,
  objectReplacement,
  placeBlock,
} from '../../core/index.ts';
import type { BlockPlace, Location, SuggestionKind, SuggestionRequestJson } from '../../core/index.ts';
import type { Storage as Store } from '../storage/interface.ts';
import type { suggestionStorage } from '../storage/suggestions.ts';
import type { NewSuggestion, SuggestionEdit, SuggestionRecord } from '../storage/suggestions.ts';
import type { DraftRooms } from '../sync/rooms.ts';
import type { SharedDraft } from '../sync/room.ts';
import { applyToLiveDocument, recordDecision } from './apply.ts';
import type { DocumentEdit, Reversal } from './edits.ts';
import { EditError } from './edits.ts';
import { suggestionEvents } from './events.ts';
import { anchorOf, liveArticle, relativeAt, resolveHint } from './ydoc.ts';
import type { LiveArticle } from './ydoc.ts';

/// The one expected-failure type of suggestions: routes answer with `status` and the message.
export class SuggestionError extends Error {
  constructor(
    message: string,
    /// 400 bad request, 403 not allowed, 404 missing, 409 conflict with the text or the suggestion's state.
    readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'SuggestionError';
  }
}

/// What a new suggestion asks for (validated by the route).
export type SuggestionRequest = SuggestionRequestJson;

/// Storage and the loaded drafts.
export interface SuggestionContext {
  /// The storage interface.
  readonly store: Store;
  readonly rooms: DraftRooms;
}

/// Longest quote or replacement of a text suggestion, and text of a new article, in characters.
export const maxSuggestionText = 20_000;

// ---------------------------------------------------------------------------------------------
// Finding a suggestion in the live document

interface Found {
  readonly article: LiveArticle | null;
  readonly location: Location;
}

/// Articles read once per pass over many suggestions, by id (null: not in the draft).
type ArticleCache = Map<string, LiveArticle | null>;

/// Where `suggestion` stands in `doc` now (articles read through `cache` when given).
function locate(doc: Y.Doc, suggestion: SuggestionRecord, cache?: ArticleCache): Found {
  let article = cache?.get(suggestion.articleId);
  if (article === undefined) {
    article = liveArticle(doc, suggestion.articleId);
    cache?.set(suggestion.articleId, article);
  }
  const hint = article ? resolveHint(doc, article, suggestion.anchorStart, suggestion.anchorEnd) : null;
  return { article, location: locateSuggestion(article, suggestion, hint) };
}

/// Bring the stored status of undecided `suggestions` in line with `doc` (open or stale), keep the
/// anchors of those found again by their quote, and tell the event stream. Returns them as they are now.
async function refreshIn(
  ctx: SuggestionContext,
  doc: Y.Doc,
  suggestions: readonly SuggestionRecord[],
): Promise<SuggestionRecord[]> {
  const repository = ctx.store.suggestions;
  const events = suggestionEvents(ctx.store);
  const cache: ArticleCache = new Map();
  const out: SuggestionRecord[] = [];
  for (const suggestion of suggestions) out.push(await refreshOne(suggestion));
  return out;

  async function refreshOne(suggestion: SuggestionRecord): Promise<SuggestionRecord> {
    if (!isUndecided(suggestion.status)) return suggestion;
    const { article, location } = locate(doc, suggestion, cache);
    let changed = false;
    if (location.state === 'open' && article && suggestion.kind === 'text') {
      const anchor = anchorOf(article, location.from, location.to);
      if (anchor.start !== suggestion.anchorStart || anchor.end !== suggestion.anchorEnd) {
        // Found by its quote (the positions were lost): follow the words from here on.
        const hint = resolveHint(doc, article, suggestion.anchorStart, suggestion.anchorEnd);
        if (!hint || hint.from !== location.from || hint.to !== location.to) {
          await repository.edit(
            suggestion.id,
            { anchorStart: anchor.start, anchorEnd: anchor.end },
            null,
            null,
          );
          changed = true;
        }
      }
    }
    if (await repository.markStale(suggestion.id, location.state === 'stale')) changed = true;
    if (!changed) return suggestion;
    const now = (await repository.get(suggestion.id))!;
    if (now.status !== suggestion.status) events.emit('suggestion.updated', now);
    return now;
  }
}

/// The suggestions of `draftId` (as `filter` selects), their open or stale status checked against the
/// live text first.
export async function listSuggestions(
  ctx: SuggestionContext,
  draftId: string,
  filter: Parameters<ReturnType<typeof suggestionStorage>['list']>[1] = {},
): Promise<SuggestionRecord[]> {
  const repository = ctx.store.suggestions;
  const undecided = await repository.list(draftId, { status: ['open', 'stale'] });
  if (undecided.length) await ctx.rooms.use(draftId, (room) => refreshIn(ctx, room.doc, undecided));
  return repository.list(draftId, filter);
}

/// Suggestion `id` with its status checked against the live text. Throws SuggestionError 404.
export async function getSuggestion(ctx: SuggestionContext, id: number): Promise<SuggestionRecord> {
  const suggestion = await ctx.store.suggestions.get(id);
  if (!suggestion) throw new SuggestionError(`no suggestion ${id}`, 404);
  if (!isUndecided(suggestion.status)) return suggestion;
  return ctx.rooms.use(suggestion.draftId, async (room) => (await refreshIn(ctx, room.doc, [suggestion]))[0]);
}

// ---------------------------------------------------------------------------------------------
// Making a suggestion

function checkText(value: string, field: string, multiline = false): void {
  if (value.length > maxSuggestionText)
    throw new SuggestionError(`${field}: at most ${maxSuggestionText} characters`);
  if (value.includes(objectReplacement))
    throw new SuggestionError(`${field}: a cross-reference cannot be typed; insert it in the editor`);
  // eslint-disable-next-line no-control-regex
  if ((multiline ? /[\u0000-\u0009\u000b-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(value))
    throw new SuggestionError(
      multiline
        ? `${field}: no control characters (paragraphs are separated by line breaks)`
        : `${field}: one line of text; a new paragraph or item is a suggestion of its own (insert-paragraph, insert-item)`,
    );
  // What no text of a draft may hold (C1 controls, lone surrogates: core/text.ts), e.g. from a DOCX.
  const forbidden = findForbiddenCharacter(value);
  if (forbidden) throw new SuggestionError(`${field}: holds ${describeForbidden(forbidden)}; remove it`);
}

function articleOr404(doc: Y.Doc, id: string, field: string): LiveArticle {
  const article = liveArticle(doc, id);
  if (!article) throw new SuggestionError(`${field}: the draft has no article ${id}`);
  return article;
}

/// Where a text suggestion's words are: where the editor's positions say, when the words there are
/// the quote; else the quote found by itself and its context. Throws SuggestionError 400.
function anchorText(
  doc: Y.Doc,
  article: LiveArticle,
  request: { quote: string; prefix?: string; suffix?: string; start?: string; end?: string },
): { from: number; to: number } {
  if (request.start && request.end) {
    const hint = resolveHint(doc, article, request.start, request.end);
    if (hint && article.text.slice(hint.from, hint.to) === request.quote && !request.quote.includes('\n'))
      return hint;
  }
  const found = anchorQuote(article, request.quote, request.prefix ?? '', request.suffix ?? '');
  if (!found.ok) throw new SuggestionError(`body.quote: ${found.detail}`);
  return found;
}

type Anchoring = Pick<NewSuggestion, 'quote' | 'prefix' | 'suffix' | 'place' | 'anchorStart' | 'anchorEnd'>;

/// The anchoring of a new paragraph or item placed at `place` in `article`. Throws SuggestionError 400.
function anchorBlock(article: LiveArticle, kind: SuggestionKind, place: BlockPlace): Anchoring {
  const block = placeBlock(article, kind, place);
  if (!block) {
    throw new SuggestionError(
      kind === 'insert-item'
        ? `body: the article has no paragraph ${place.paragraph} with an item ${place.item}`
        : `body.after: the article has no paragraph ${place.paragraph}`,
    );
  }
  const start = relativeAt(article, block.from, 0);
  return {
    quote: article.text.slice(block.from, block.to),
    prefix: '',
    suffix: '',
    place,
    anchorStart: start,
    anchorEnd: start,
  };
}

function paragraphCount(article: LiveArticle): number {
  return article.blocks.filter((block) => block.kind === 'paragraph').length;
}

function itemCount(article: LiveArticle, paragraph: number): number {
  return article.blocks.filter((block) => block.kind === 'item' && block.path[0] === paragraph - 1).length;
}

/// The stored fields of `request` anchored in `doc`. Throws SuggestionError 400.
function anchorRequest(doc: Y.Doc, request: SuggestionRequest): Omit<NewSuggestion, 'draftId' | 'authorId'> {
  switch (request.kind) {
    case 'text': {
      checkText(request.quote, 'body.quote');
      checkText(request.replacement, 'body.replacement');
      if (request.quote === request.replacement)
        throw new SuggestionError('body.replacement: the same as the quote; that changes nothing');
      const article = articleOr404(doc, request.articleId, 'body.articleId');
      const { from, to } = anchorText(doc, article, request);
      const anchor = anchorOf(article, from, to);
      return {
        kind: 'text',
        articleId: request.articleId,
        quote: request.quote,
        replacement: request.replacement,
        ...contextAround(article.text, from, to),
        anchorStart: anchor.start,
        anchorEnd: anchor.end,
      };
    }
    case 'insert-article': {
      checkText(request.text, 'body.text', true);
      const paragraphs = splitParagraphs(request.text);
      if (!paragraphs.length) throw new SuggestionError('body.text: the new article needs some text');
      articleOr404(doc, request.after, 'body.after');
      return {
        kind: 'insert-article',
        articleId: request.after,
        quote: '',
        replacement: paragraphs.join('\n'),
        prefix: '',
        suffix: '',
      };
    }
    case 'delete-article': {
      const article = articleOr404(doc, request.articleId, 'body.articleId');
      return {
        kind: 'delete-article',
        articleId: request.articleId,
        quote: article.text,
        replacement: '',
        prefix: '',
        suffix: '',
      };
    }
    case 'insert-paragraph': {
      checkText(request.text, 'body.text');
      if (!request.text.trim()) throw new SuggestionError('body.text: the new paragraph needs some text');
      const article = articleOr404(doc, request.articleId, 'body.articleId');
      const place = { paragraph: request.after ?? paragraphCount(article) };
      return {
        kind: 'insert-paragraph',
        articleId: request.articleId,
        replacement: request.text,
        ...anchorBlock(article, 'insert-paragraph', place),
      };
    }
    case 'insert-item': {
      checkText(request.text, 'body.text');
      if (!request.text.trim()) throw new SuggestionError('body.text: the new item needs some text');
      const article = articleOr404(doc, request.articleId, 'body.articleId');
      if (request.paragraph < 1 || request.paragraph > paragraphCount(article))
        throw new SuggestionError(`body.paragraph: the article has no paragraph ${request.paragraph}`);
      const place = {
        paragraph: request.paragraph,
        item: request.after ?? itemCount(article, request.paragraph),
      };
      return {
        kind: 'insert-item',
        articleId: request.articleId,
        replacement: request.text,
        ...anchorBlock(article, 'insert-item', place),
      };
    }
  }
}

/// The paragraphs of a new article's text: its lines, trimmed, without empty ones.
function splitParagraphs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/// Make suggestion `request` on draft `draftId` by `authorId` (for an import, `wordAuthor` names the
/// Word author and `createdAt` the date it gives), anchored in the live text. Throws SuggestionError
/// 400 when the words are not there or the request cannot apply.
export async function createSuggestion(
  ctx: SuggestionContext,
  draftId: string,
  request: SuggestionRequest,
  authorId: number,
  extra: { note?: string | null; wordAuthor?: string | null; createdAt?: number } = {},
): Promise<SuggestionRecord> {
  const fields = await ctx.rooms.use(draftId, (room) => anchorRequest(room.doc, request));
  const created = await ctx.store.suggestions.create({
    ...fields,
    draftId,
    authorId,
    note: extra.note ?? null,
    wordAuthor: extra.wordAuthor ?? null,
    createdAt: extra.createdAt,
  });
  await ctx.store.audit.record('suggestion.create', authorId, draftId, {
    suggestion: created.id,
    kind: created.kind,
  });
  suggestionEvents(ctx.store).emit('suggestion.created', created);
  return created;
}

// ---------------------------------------------------------------------------------------------
// Deciding

function undecidedOr409(suggestion: SuggestionRecord): void {
  if (!isUndecided(suggestion.status))
    throw new SuggestionError(`suggestion ${suggestion.id} was ${suggestion.status} already`, 409);
}

/// The edit that carries out `suggestion`, found at `location` (open).
function editOf(suggestion: SuggestionRecord, location: Extract<Location, { state: 'open' }>): DocumentEdit {
  switch (suggestion.kind) {
    case 'text':
      return {
        kind: 'text',
        articleId: suggestion.articleId,
        from: location.from,
        to: location.to,
        replacement: suggestion.replacement,
      };
    case 'insert-article':
      return {
        kind: 'insert-article',
        after: suggestion.articleId,
        paragraphs: suggestion.replacement.split('\n'),
      };
    case 'delete-article':
      return { kind: 'delete-article', articleId: suggestion.articleId };
    case 'insert-paragraph':
    case 'insert-item': {
      const at = insertionIndex(suggestion, location.block!);
      return {
        kind: 'insert-block',
        articleId: suggestion.articleId,
        block: suggestion.kind === 'insert-paragraph' ? 'paragraph' : 'item',
        paragraph: at.paragraph,
        item: at.item,
        text: suggestion.replacement,
      };
    }
  }
}

/// Accept suggestion `id` in `room` (its draft's room) by `userId`. Rejects with SuggestionError 409
/// when it is stale, decided, or cannot be applied to the text as it is. Runs exclusively on the
/// room: storing the change is asynchronous, and a second accept of the same suggestion must find it
/// decided, not apply it again.
function acceptIn(
  ctx: SuggestionContext,
  room: SharedDraft,
  id: number,
  userId: number,
): Promise<SuggestionRecord> {
  return room.exclusive(() => acceptNow(ctx, room, id, userId));
}

async function acceptNow(
  ctx: SuggestionContext,
  room: SharedDraft,
  id: number,
  userId: number,
): Promise<SuggestionRecord> {
  const repository = ctx.store.suggestions;
  const events = suggestionEvents(ctx.store);
  const suggestion = (await repository.get(id))!;
  undecidedOr409(suggestion);
  const { location } = locate(room.doc, suggestion);
  if (location.state === 'stale') {
    if (await repository.markStale(id, true)) events.emit('suggestion.updated', (await repository.get(id))!);
    throw new SuggestionError(
      location.why === 'gone'
        ? `suggestion ${id} is stale: the words it was made on are gone; its author can re-base it`
        : `suggestion ${id} is stale: the words it was made on were changed since; its author can re-base it`,
      409,
    );
  }
  let reversal: Reversal | null;
  try {
    reversal = await applyToLiveDocument(room, editOf(suggestion, location), {
      userId,
      suggestedBy: suggestion.wordAuthor === null ? suggestion.authorId : null,
      suggestionId: id,
    });
  } catch (error) {
    if (error instanceof EditError)
      throw new SuggestionError(`suggestion ${id} cannot be applied: ${error.message}`, 409);
    throw error;
  }
  const accepted = (await repository.decide(id, 'accepted', userId, null, reversal))!;
  await recordDecision(ctx.store, {
    type: 'suggestion.accepted',
    draftId: suggestion.draftId,
    suggestionId: id,
    articleId: suggestion.articleId,
    userId,
    suggestedBy: suggestion.authorId,
  });
  events.emit('suggestion.updated', accepted);
  // Others on the same words are stale now.
  await refreshIn(ctx, room.doc, await repository.list(suggestion.draftId, { status: ['open', 'stale'] }));
  return accepted;
}

/// Accept suggestion `id` by `userId`: its change is made to the live text as an ordinary edit.
/// Throws SuggestionError 404 when there is none, 409 when it is stale or decided.
export async function acceptSuggestion(
  ctx: SuggestionContext,
  id: number,
  userId: number,
): Promise<SuggestionRecord> {
  const suggestion = await ctx.store.suggestions.get(id);
  if (!suggestion) throw new SuggestionError(`no suggestion ${id}`, 404);
  return ctx.rooms.use(suggestion.draftId, (room) => acceptIn(ctx, room, id, userId));
}

/// Reject suggestion `id` by `userId`, keeping it with `reason`. Throws SuggestionError 409 when decided.
export async function rejectSuggestion(
  ctx: SuggestionContext,
  id: number,
  userId: number,
  reason: string | null,
): Promise<SuggestionRecord> {
  const repository = ctx.store.suggestions;
  const suggestion = await repository.get(id);
  if (!suggestion) throw new SuggestionError(`no suggestion ${id}`, 404);
  undecidedOr409(suggestion);
  const rejected = (await repository.decide(id, 'rejected', userId, reason))!;
  await recordDecision(ctx.store, {
    type: 'suggestion.rejected',
    draftId: suggestion.draftId,
    suggestionId: id,
    articleId: suggestion.articleId,
    userId,
    suggestedBy: suggestion.authorId,
    reason,
  });
  suggestionEvents(ctx.store).emit('suggestion.updated', rejected);
  return rejected;
}

/// Withdraw suggestion `id`, by its author `userId`. Throws SuggestionError 403 for anyone else, 409
/// when decided.
export async function withdrawSuggestion(
  ctx: SuggestionContext,
  id: number,
  userId: number,
): Promise<SuggestionRecord> {
  const repository = ctx.store.suggestions;
  const suggestion = await repository.get(id);
  if (!suggestion) throw new SuggestionError(`no suggestion ${id}`, 404);
  if (suggestion.authorId !== userId)
    throw new SuggestionError('only its author may withdraw a suggestion', 403);
  undecidedOr409(suggestion);
  const withdrawn = (await repository.decide(id, 'withdrawn', userId))!;
  await recordDecision(ctx.store, {
    type: 'suggestion.withdrawn',
    draftId: suggestion.draftId,
    suggestionId: id,
    articleId: suggestion.articleId,
    userId,
    suggestedBy: suggestion.authorId,
  });
  suggestionEvents(ctx.store).emit('suggestion.updated', withdrawn);
  return withdrawn;
}

/// The edit that takes back an accepted change, found in `doc`; null when the text was changed since.
function reversalEdit(doc: Y.Doc, reversal: Reversal): DocumentEdit | null {
  switch (reversal.kind) {
    case 'text': {
      const article = liveArticle(doc, reversal.articleId);
      const hint = article ? resolveHint(doc, article, reversal.anchorStart, reversal.anchorEnd) : null;
      const location = locateSuggestion(article, { ...reversal, kind: 'text', place: null }, hint);
      if (location.state === 'stale') return null;
      return {
        kind: 'text',
        articleId: reversal.articleId,
        from: location.from,
        to: location.to,
        replacement: reversal.replacement,
      };
    }
    case 'delete-article': {
      const article = liveArticle(doc, reversal.articleId);
      return article && article.text === reversal.quote
        ? { kind: 'delete-article', articleId: reversal.articleId }
        : null;
    }
    case 'restore-article':
      return {
        kind: 'restore-article',
        article: reversal.article!,
        container: reversal.container ?? null,
        after: reversal.after ?? null,
      };
    case 'remove-block': {
      const article = liveArticle(doc, reversal.articleId);
      const hint = article ? resolveHint(doc, article, reversal.anchorStart, reversal.anchorEnd) : null;
      if (!article || !hint) return null;
      const b = article.blocks.findIndex((block) => hint.from >= block.from && hint.from <= block.to);
      const block = article.blocks[b];
      if (
        !block ||
        block.kind !== reversal.block ||
        article.text.slice(block.from, block.to) !== reversal.quote
      )
        return null;
      return { kind: 'remove-block', articleId: reversal.articleId, block: b };
    }
  }
}

/// Undo the decision on suggestion `id` by `userId`: an accepted change is taken back out of the live
/// text (refused with 409 when those words were changed since), a rejection is lifted; either way the
/// suggestion is open again. Throws SuggestionError 409 for one that is undecided or withdrawn.
export async function undoDecision(
  ctx: SuggestionContext,
  id: number,
  userId: number,
): Promise<SuggestionRecord> {
  const suggestion = await ctx.store.suggestions.get(id);
  if (!suggestion) throw new SuggestionError(`no suggestion ${id}`, 404);
  if (suggestion.status !== 'accepted' && suggestion.status !== 'rejected')
    throw new SuggestionError(`suggestion ${id} is ${suggestion.status}: there is no decision to undo`, 409);
  const reopened = await ctx.rooms.use(suggestion.draftId, (room) =>
    room.exclusive(() => reopenIn(ctx, room, id, userId)),
  );
  await recordDecision(ctx.store, {
    type: 'suggestion.reopened',
    draftId: suggestion.draftId,
    suggestionId: id,
    articleId: suggestion.articleId,
    userId,
    suggestedBy: suggestion.authorId,
  });
  suggestionEvents(ctx.store).emit('suggestion.updated', reopened);
  return reopened;
}

// Reopen suggestion `id` in `room` (exclusively on it): an accepted change is taken back out of the live
// text. Looks the suggestion up again, since another request may have changed it meanwhile.
async function reopenIn(
  ctx: SuggestionContext,
  room: SharedDraft,
  id: number,
  userId: number,
): Promise<SuggestionRecord> {
  const repository = ctx.store.suggestions;
  const suggestion = (await repository.get(id))!;
  if (suggestion.status !== 'accepted' && suggestion.status !== 'rejected')
    throw new SuggestionError(`suggestion ${id} is ${suggestion.status}: there is no decision to undo`, 409);
  if (suggestion.status === 'accepted' && suggestion.applied) {
    const edit = reversalEdit(room.doc, suggestion.applied as Reversal);
    if (!edit)
      throw new SuggestionError(
        `the change of suggestion ${id} cannot be undone: the text was changed since it was accepted`,
        409,
      );
    try {
      const back = await applyToLiveDocument(room, edit, {
        userId,
        suggestedBy: suggestion.authorId,
        suggestionId: id,
      });
      // The words are back, as new text: anchor the suggestion on them again.
      if (suggestion.kind === 'text' && back?.kind === 'text') {
        const { anchorStart, anchorEnd, prefix, suffix } = back;
        await repository.edit(id, { anchorStart, anchorEnd, prefix, suffix }, null, null);
      }
    } catch (error) {
      if (error instanceof EditError)
        throw new SuggestionError(`suggestion ${id} cannot be undone: ${error.message}`, 409);
      throw error;
    }
  }
  const now = (await repository.reopen(id, userId, { undid: suggestion.status }))!;
  return (await refreshIn(ctx, room.doc, [now]))[0];
}

/// Which undecided suggestions of a draft to decide at once: those of an article, or of an author.
export interface DecideFilter {
  readonly articleId?: string;
  readonly authorId?: number;
}

/// What deciding many did: the suggestions decided, and those skipped with why (stale, or it could
/// not be applied after the ones before it).
export interface DecideOutcome {
  readonly decided: readonly SuggestionRecord[];
  readonly skipped: readonly { readonly suggestion: SuggestionRecord; readonly reason: string }[];
}

/// Accept or reject every undecided suggestion of `draftId` matching `filter`, oldest first, by
/// `userId`. A suggestion made stale by one accepted before it is skipped, never applied blindly.
export async function decideMany(
  ctx: SuggestionContext,
  draftId: string,
  filter: DecideFilter,
  action: 'accept' | 'reject',
  userId: number,
  reason: string | null,
): Promise<DecideOutcome> {
  const repository = ctx.store.suggestions;
  const chosen = await repository.list(draftId, { status: ['open', 'stale'], ...filter });
  const decided: SuggestionRecord[] = [];
  const skipped: { suggestion: SuggestionRecord; reason: string }[] = [];
  if (action === 'reject') {
    for (const suggestion of chosen) decided.push(await rejectSuggestion(ctx, suggestion.id, userId, reason));
    return { decided, skipped };
  }
  await ctx.rooms.use(draftId, async (room) => {
    for (const suggestion of chosen) {
      try {
        decided.push(await acceptIn(ctx, room, suggestion.id, userId));
      } catch (error) {
        if (!(error instanceof SuggestionError)) throw error;
        skipped.push({ suggestion: (await repository.get(suggestion.id))!, reason: error.message });
      }
    }
  });
  return { decided, skipped };
}

// ---------------------------------------------------------------------------------------------
// The author's changes

function authorsOwn(
  suggestion: SuggestionRecord | undefined,
  id: number,
  userId: number,
  what: string,
): SuggestionRecord {
  if (!suggestion) throw new SuggestionError(`no suggestion ${id}`, 404);
  if (suggestion.authorId !== userId)
    throw new SuggestionError(`only its author may ${what} a suggestion`, 403);
  undecidedOr409(suggestion);
  return suggestion;
}

/// Change the proposed words or the note of undecided suggestion `id`, by its author `userId`.
export async function editSuggestion(
  ctx: SuggestionContext,
  id: number,
  userId: number,
  change: { replacement?: string; note?: string | null },
): Promise<SuggestionRecord> {
  const repository = ctx.store.suggestions;
  const suggestion = authorsOwn(await repository.get(id), id, userId, 'edit');
  const edit: { replacement?: string; note?: string | null } = { note: change.note };
  if (change.replacement !== undefined) {
    if (suggestion.kind === 'delete-article')
      throw new SuggestionError('body.replacement: deleting an article proposes no words');
    checkText(change.replacement, 'body.replacement', suggestion.kind === 'insert-article');
    if (suggestion.kind === 'text' && change.replacement === suggestion.quote)
      throw new SuggestionError('body.replacement: the same as the quote; that changes nothing');
    if (suggestion.kind !== 'text' && !change.replacement.trim())
      throw new SuggestionError('body.replacement: the new text cannot be empty');
    edit.replacement =
      suggestion.kind === 'insert-article'
        ? splitParagraphs(change.replacement).join('\n')
        : change.replacement;
  }
  const updated = (await repository.edit(id, edit, userId, 'edited'))!;
  if (updated.updatedAt !== suggestion.updatedAt)
    suggestionEvents(ctx.store).emit('suggestion.updated', updated);
  return updated;
}

/// What a re-base may give: the words to anchor on now (else those at the suggestion's positions),
/// and new proposed words.
export interface RebaseRequest {
  readonly quote?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly start?: string;
  readonly end?: string;
  readonly replacement?: string;
  /// For a new paragraph or item, a new place; for a new article, a new article to follow.
  readonly after?: number | string;
  readonly paragraph?: number;
}

/// Re-base suggestion `id` (its author `userId`) on the text as it is now: anchored on the words now
/// at its positions, or on those `request` names. It is open again. Throws SuggestionError 400 when
/// the words are not found, 409 when its positions are lost and no words were named.
export async function rebaseSuggestion(
  ctx: SuggestionContext,
  id: number,
  userId: number,
  request: RebaseRequest,
): Promise<SuggestionRecord> {
  const repository = ctx.store.suggestions;
  const suggestion = authorsOwn(await repository.get(id), id, userId, 're-base');
  const replacement = request.replacement ?? suggestion.replacement;
  const edit = await ctx.rooms.use(suggestion.draftId, (room): SuggestionEdit => {
    const doc = room.doc;
    switch (suggestion.kind) {
      case 'text': {
        const article = articleOr404(doc, suggestion.articleId, 'articleId');
        let quote: string;
        let from: number;
        let to: number;
        if (request.quote !== undefined) {
          checkText(request.quote, 'body.quote');
          ({ from, to } = anchorText(doc, article, { ...request, quote: request.quote }));
          quote = request.quote;
        } else {
          const hint = resolveHint(doc, article, suggestion.anchorStart, suggestion.anchorEnd);
          if (!hint)
            throw new SuggestionError(
              `suggestion ${id}: the words it was made on are gone; give the words to re-base it on (quote)`,
              409,
            );
          // An insertion goes after what was typed at its point; a replacement takes the words there now.
          from = suggestion.quote === '' ? hint.to : hint.from;
          to = hint.to;
          quote = article.text.slice(from, to);
          if (quote.includes('\n'))
            throw new SuggestionError(
              `suggestion ${id}: its words now run across paragraphs; give the words to re-base it on (quote)`,
              409,
            );
        }
        checkText(replacement, 'body.replacement');
        if (quote === replacement)
          throw new SuggestionError('body.replacement: the same as the quote; that changes nothing');
        const anchor = anchorOf(article, from, to);
        return {
          quote,
          replacement,
          ...contextAround(article.text, from, to),
          anchorStart: anchor.start,
          anchorEnd: anchor.end,
        };
      }
      case 'delete-article': {
        const article = articleOr404(doc, suggestion.articleId, 'articleId');
        return { quote: article.text };
      }
      case 'insert-article': {
        const after = typeof request.after === 'string' ? request.after : suggestion.articleId;
        articleOr404(doc, after, 'body.after');
        if (after !== suggestion.articleId)
          throw new SuggestionError(
            'body.after: a new article stays after the article it was proposed after',
            400,
          );
        return { replacement: splitParagraphs(replacement).join('\n') };
      }
      case 'insert-paragraph':
      case 'insert-item': {
        const article = articleOr404(doc, suggestion.articleId, 'articleId');
        let place: BlockPlace;
        if (typeof request.after === 'number' || request.paragraph !== undefined) {
          place =
            suggestion.kind === 'insert-paragraph'
              ? { paragraph: typeof request.after === 'number' ? request.after : paragraphCount(article) }
              : {
                  paragraph: request.paragraph ?? suggestion.place?.paragraph ?? 1,
                  item:
                    typeof request.after === 'number'
                      ? request.after
                      : itemCount(article, request.paragraph ?? 1),
                };
        } else {
          const { location } = locate(doc, suggestion);
          if (location.state === 'stale')
            throw new SuggestionError(
              `suggestion ${id}: the paragraph it was placed by is gone; give a new place (after)`,
              409,
            );
          return { quote: article.text.slice(location.from, location.to), replacement };
        }
        checkText(replacement, 'body.replacement');
        return { ...anchorBlock(article, suggestion.kind, place), replacement };
      }
    }
  });
  await repository.edit(id, edit, userId, 'rebased');
  await repository.markStale(id, false);
  const rebased = await getSuggestion(ctx, id);
  suggestionEvents(ctx.store).emit('suggestion.updated', rebased);
  return rebased;
}

/// Add `body` by `userId` to the thread of suggestion `id`.
export async function commentOnSuggestion(ctx: SuggestionContext, id: number, userId: number, body: string) {
  const repository = ctx.store.suggestions;
  const comment = await repository.addComment(id, userId, body);
  suggestionEvents(ctx.store).emit('suggestion.updated', (await repository.get(id))!);
  return comment;
}
