/// Live comment events of each draft, for the event stream (GET /api/drafts/:id/events): whoever
/// changes a comment emits; every open stream of that draft hears it and shows it to its reader.
import type { Storage } from '../storage/storage.ts';
import type { CommentRecord } from '../storage/comments.ts';

/// What happened to a comment.
export type CommentEventType = 'comment.created' | 'comment.updated';

/// One event: its type and the comment as it is now.
export interface CommentEvent {
  readonly type: CommentEventType;
  readonly comment: CommentRecord;
}

/// The listeners of each draft.
export class CommentEvents {
  private readonly listeners = new Map<string, Set<(event: CommentEvent) => void>>();
  private readonly everywhere = new Set<(event: CommentEvent) => void>();

  /// Call `listener` with every event of every draft until the returned function is called.
  subscribeAll(listener: (event: CommentEvent) => void): () => void {
    this.everywhere.add(listener);
    return () => this.everywhere.delete(listener);
  }

  /// Call `listener` with every event of `draftId` until the returned function is called.
  subscribe(draftId: string, listener: (event: CommentEvent) => void): () => void {
    let set = this.listeners.get(draftId);
    if (!set) this.listeners.set(draftId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(draftId) === set) this.listeners.delete(draftId);
    };
  }

  /// Tell the listeners of the comment's draft. Exceptions from listeners are swallowed: one broken
  /// stream must not stop the others, nor the request that made the change.
  emit(type: CommentEventType, comment: CommentRecord): void {
    for (const listener of [...(this.listeners.get(comment.draftId) ?? []), ...this.everywhere]) {
      try {
        listener({ type, comment });
      } catch {
        // The stream's own error handling closes it.
      }
    }
  }

  /// How many listeners `draftId` has.
  listenerCount(draftId: string): number {
    return this.listeners.get(draftId)?.size ?? 0;
  }
}

const hubs = new WeakMap<Storage, CommentEvents>();

/// The event hub of the server over `storage` (one per storage, made on first use).
export function commentEvents(storage: Storage): CommentEvents {
  let hub = hubs.get(storage);
  if (!hub) hubs.set(storage, (hub = new CommentEvents()));
  return hub;
}
