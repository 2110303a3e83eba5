/// Recording dispositions in bulk — on a selection of comments, or on clusters for all their members —
/// and clearing them, with every target checked first so that a bad id changes nothing.
import type { DispositionKind } from '../../core/index.ts';
import { clerkStorage } from '../storage/clerk.ts';
import { suggestionStorage } from '../storage/suggestions.ts';
import type { DispositionFields } from '../storage/dispositions.ts';
import type { Storage } from '../storage/storage.ts';
import { ClerkError } from './errors.ts';

/// What a bulk operation applies to: comment ids and cluster ids (either may be empty, not both).
export interface DispositionTargets {
  readonly comments: readonly string[];
  readonly clusters: readonly string[];
}

/// What a disposition says, as a request gives it.
export interface DispositionInput {
  readonly kind: DispositionKind;
  readonly reason: string;
  readonly templateId: string | null;
  readonly linkedArticleId: string | null;
  readonly linkedVersionId: string | null;
  /// The suggestion that carries the decision out (a suggestion of the same draft).
  readonly linkedSuggestionId?: string | null;
}

// Throws ClerkError naming the first target that is not a clerk comment or a cluster of `draftId`.
function checkTargets(storage: Storage, draftId: string, targets: DispositionTargets): void {
  const clerk = clerkStorage(storage);
  if (targets.comments.length === 0 && targets.clusters.length === 0) {
    throw new ClerkError('name at least one comment or cluster');
  }
  if (targets.comments.length) {
    const known = clerk.comments.ids(draftId);
    const missing = targets.comments.find((id) => !known.has(Number(id)));
    if (missing !== undefined) throw new ClerkError(`no comment ${missing} to decide in this draft`, 404);
  }
  for (const id of targets.clusters) {
    if (!clerk.clusters.get(draftId, id)) throw new ClerkError(`no cluster ${id}`, 404);
  }
}

/// Record `input` as the disposition of every target, by `userId`, in one transaction. With
/// `overrideMembers`, the members of the clusters lose dispositions of their own, so that the
/// cluster's applies to all; without it they keep them. Returns how many targets were set and how
/// many member dispositions were removed. Throws ClerkError for an unknown target, template or version.
export function setDispositions(
  storage: Storage,
  draftId: string,
  targets: DispositionTargets,
  input: DispositionInput,
  userId: number | null,
  overrideMembers = false,
): { set: number; overridden: number; decidedAt: number } {
  const clerk = clerkStorage(storage);
  checkTargets(storage, draftId, targets);
  if (input.templateId !== null && !clerk.reasonTemplates.get(draftId, input.templateId)) {
    throw new ClerkError(`no reason template ${input.templateId}`, 404);
  }
  if (input.linkedVersionId !== null && !storage.versions.get(draftId, input.linkedVersionId)) {
    throw new ClerkError(`draft ${draftId} has no version ${input.linkedVersionId}`, 404);
  }
  if (input.linkedSuggestionId) {
    const suggestion = suggestionStorage(storage).get(Number(input.linkedSuggestionId));
    if (!suggestion || suggestion.draftId !== draftId)
      throw new ClerkError(`draft ${draftId} has no suggestion ${input.linkedSuggestionId}`, 404);
  }
  const fields: DispositionFields = { ...input, reason: input.reason.trim() };
  const at = Date.now();
  let overridden = 0;
  storage.transaction(() => {
    for (const id of new Set(targets.comments))
      clerk.dispositions.set(draftId, 'comment', id, fields, userId, at);
    for (const id of new Set(targets.clusters)) {
      clerk.dispositions.set(draftId, 'cluster', id, fields, userId, at);
      if (!overrideMembers) continue;
      for (const member of clerk.clusters.members(draftId, id)) {
        if (clerk.dispositions.clear(draftId, 'comment', String(member), userId, at)) overridden++;
      }
    }
  });
  return { set: new Set(targets.comments).size + new Set(targets.clusters).size, overridden, decidedAt: at };
}

/// Remove the dispositions recorded against the targets, by `userId`. Returns how many there were.
/// Throws ClerkError for an unknown target.
export function clearDispositions(
  storage: Storage,
  draftId: string,
  targets: DispositionTargets,
  userId: number | null,
): number {
  const clerk = clerkStorage(storage);
  checkTargets(storage, draftId, targets);
  const at = Date.now();
  let cleared = 0;
  storage.transaction(() => {
    for (const id of new Set(targets.comments))
      cleared += Number(clerk.dispositions.clear(draftId, 'comment', id, userId, at));
    for (const id of new Set(targets.clusters))
      cleared += Number(clerk.dispositions.clear(draftId, 'cluster', id, userId, at));
  });
  return cleared;
}
