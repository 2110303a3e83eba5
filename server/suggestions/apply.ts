/// The one place where suggestions change the text of a draft, and the one place their decisions are
/// recorded. Accepting a suggestion (or undoing an accept) is an ordinary edit of the draft's live
/// Y.Doc, made on the server in one transaction through the room (`SharedDraft.change`), so it
/// becomes one entry of the draft's record attributed to the member who accepted (or undid) it and
/// the suggestion's author (`{userId, suggestedBy, kind: 'suggestion'}`), committed before anyone is
/// sent it and reaching every editor like a person's typing. Decisions (accepted, rejected, withdrawn,
/// reopened) go to the audit log as `suggestion.*` actions, which is what the draft's timeline reads.
/// Nothing else in server/suggestions/ writes to the document or records a decision.
import type { Storage } from '../storage/interface.ts';
import type { SharedDraft } from '../sync/room.ts';
import { performEdit } from './edits.ts';
import type { DocumentEdit, Reversal } from './edits.ts';

/// Who made a change to the text: the member who accepted (or undid) it, and the author of the
/// suggestion it carries out (null for a suggestion imported from Word, or whose author was removed).
export interface SuggestionAttribution {
  readonly userId: number;
  readonly suggestedBy?: number | null;
  /// The suggestion it carries out.
  readonly suggestionId: number;
}

/// Make `edit` to the live document of `room` as one attributed, recorded, broadcast edit, and resolve
/// to its reversal once stored. The document changes at once (before the promise settles). Rejects
/// with EditError (nothing changed) when it cannot be made, and with what storage throws.
export function applyToLiveDocument(
  room: SharedDraft,
  edit: DocumentEdit,
  attribution: SuggestionAttribution,
): Promise<Reversal | null> {
  const by = {
    userId: attribution.userId,
    suggestedBy: attribution.suggestedBy ?? null,
    kind: 'suggestion',
  } as const;
  return room.change(by, (doc) => performEdit(doc, edit));
}

/// A decision on a suggestion worth a line in the draft's timeline.
export interface SuggestionDecision {
  readonly type:
    'suggestion.accepted' | 'suggestion.rejected' | 'suggestion.withdrawn' | 'suggestion.reopened';
  readonly draftId: string;
  readonly suggestionId: number;
  readonly articleId: string;
  /// Who decided (accepted, rejected, withdrew, undid).
  readonly userId: number;
  /// The suggestion's author.
  readonly suggestedBy: number | null;
  /// Why it was rejected.
  readonly reason?: string | null;
}

/// Record `decision` in the draft's record. For now the audit log; the timeline of issue 15 hooks in here.
export async function recordDecision(storage: Storage, decision: SuggestionDecision): Promise<void> {
  await storage.audit.record(decision.type, decision.userId, decision.draftId, {
    suggestion: decision.suggestionId,
    article: decision.articleId,
    suggestedBy: decision.suggestedBy,
    ...(decision.reason ? { reason: decision.reason } : {}),
  });
}
