/// Recording dispositions in bulk — on a selection of comments, or on clusters for all their members —
/// and clearing them, with every target checked first so that a bad id changes nothing.
import type { DispositionKind } from '../../core/index.ts';
import type { DispositionFields } from '../storage/dispositions.ts';
import type { Storage } from '../storage/interface.ts';
import { clerkLock } from './clustering.ts';
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
async function checkTargets(storage: Storage, draftId: string, targets: DispositionTargets): Promise<void> {
  if (targets.comments.length === 0 && targets.clusters.length === 0) {
    throw new ClerkError('name at least one comment or cluster');
  }
  if (targets.comments.length) {
    const known = await storage.clerkComments.ids(draftId);
    const missing = targets.comments.find((id) => !known.has(Number(id)));
    if (missing !== undefined) throw new ClerkError(`no comment ${missing} to decide in this draft`, 404);
  }
  for (const id of targets.clusters) {
    if (!(await storage.clusters.get(draftId, id))) throw new ClerkError(`no cluster ${id}`, 404);
  }
}

/// Record `input` as the disposition of every target, by `userId`, in one transaction (under the
/// draft's clerk lock, with the checks). With `overrideMembers`, the members of the clusters lose
/// dispositions of their own, so that the cluster's applies to all; without it they keep them.
/// Resolves to how many targets were set and how many member dispositions were removed. Rejects with
/// ClerkError for an unknown target, template or version.
export function setDispositions(
  storage: Storage,
  draftId: string,
  targets: DispositionTargets,
  input: DispositionInput,
  userId: number | null,
  overrideMembers = false,
): Promise<{ set: number; overridden: number; decidedAt: number }> {
  return storage.transaction(
    async (tx) => {
      await checkTargets(tx, draftId, targets);
      if (input.templateId !== null && !(await tx.reasonTemplates.get(draftId, input.templateId))) {
        throw new ClerkError(`no reason template ${input.templateId}`, 404);
      }
      if (input.linkedVersionId !== null && !(await tx.versions.get(draftId, input.linkedVersionId))) {
        throw new ClerkError(`draft ${draftId} has no version ${input.linkedVersionId}`, 404);
      }
      if (input.linkedSuggestionId) {
        const suggestion = await tx.suggestions.get(Number(input.linkedSuggestionId));
        if (!suggestion || suggestion.draftId !== draftId)
          throw new ClerkError(`draft ${draftId} has no suggestion ${input.linkedSuggestionId}`, 404);
      }
      const fields: DispositionFields = { ...input, reason: input.reason.trim() };
      const at = Date.now();
      let overridden = 0;
      for (const id of new Set(targets.comments))
        await tx.dispositions.set(draftId, 'comment', id, fields, userId, at);
      for (const id of new Set(targets.clusters)) {
        await tx.dispositions.set(draftId, 'cluster', id, fields, userId, at);
        if (!overrideMembers) continue;
        for (const member of await tx.clusters.members(draftId, id)) {
          if (await tx.dispositions.clear(draftId, 'comment', String(member), userId, at)) overridden++;
        }
      }
      return {
        set: new Set(targets.comments).size + new Set(targets.clusters).size,
        overridden,
        decidedAt: at,
      };
    },
    { lock: clerkLock(draftId) },
  );
}

/// Remove the dispositions recorded against the targets, by `userId`. Resolves to how many there
/// were. Rejects with ClerkError for an unknown target.
export function clearDispositions(
  storage: Storage,
  draftId: string,
  targets: DispositionTargets,
  userId: number | null,
): Promise<number> {
  return storage.transaction(
    async (tx) => {
      await checkTargets(tx, draftId, targets);
      const at = Date.now();
      let cleared = 0;
      for (const id of new Set(targets.comments))
        cleared += Number(await tx.dispositions.clear(draftId, 'comment', id, userId, at));
      for (const id of new Set(targets.clusters))
        cleared += Number(await tx.dispositions.clear(draftId, 'cluster', id, userId, at));
      return cleared;
    },
    { lock: clerkLock(draftId) },
  );
}
