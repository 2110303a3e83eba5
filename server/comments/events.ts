/// Live comment events of each draft, for the event stream (GET /api/drafts/:id/events): whoever
/// changes a comment emits; every open stream of that draft hears it and shows it to its reader.
import { DraftListeners } from '../draft-listeners.ts';
import type { Storage } from '../storage/interface.ts';
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
  private readonly listeners = new DraftListeners<CommentEvent>();

  /// Call `listener` with every event of every draft until the returned function is called.
  subscribeAll(listener: (event: CommentEvent) => void): () => void {
    return this.listeners.subscribeAll(listener);
  }

  /// Call `listener` with every event of `draftId` until the returned function is called.
  subscribe(draftId: string, listener: (event: CommentEvent) => void): () => void {
    return this.listeners.subscribe(draftId, listener);
  }

  /// Tell the listeners of the comment's draft (see DraftListeners.emit).
  emit(type: CommentEventType, comment: CommentRecord): void {
    this.listeners.emit(comment.draftId, { type, comment });
  }

  /// How many listeners `draftId` has.
  listenerCount(draftId: string): number {
    return this.listeners.count(draftId);
  }
}

const hubs = new WeakMap<Storage, CommentEvents>();

/// The event hub of the server over `storage` (one per storage, made on first use).
export function commentEvents(storage: Storage): CommentEvents {
  let hub = hubs.get(storage);
  if (!hub) hubs.set(storage, (hub = new CommentEvents()));
  return hub;
}
