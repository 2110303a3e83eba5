/// Live comment events of each draft, for the event stream (GET /api/drafts/:id/events): whoever
/// changes a comment emits; every open stream of that draft hears it and shows it to its reader.
/// With several server processes a bridge (the Redis fan-out) carries each event to the others, so a
/// stream open on one process hears comments made on another.
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

/// How events travel between server processes (see app.ts: the Redis fan-out).
export interface EventBridge {
  /// Hear the other processes' events of `draftId` until the returned function is called.
  listen(draftId: string): () => void;
  /// Tell the other processes of an event emitted here.
  publish(event: CommentEvent): void;
}

/// The listeners of each draft.
export class CommentEvents {
  private readonly listeners = new DraftListeners<CommentEvent>();
  private bridge: EventBridge | null = null;

  /// Carry events to and from other processes through `bridge` from now on.
  connect(bridge: EventBridge): void {
    this.bridge = bridge;
  }

  /// Call `listener` with every event of every draft until the returned function is called (events
  /// of other processes only for drafts some stream here listens to).
  subscribeAll(listener: (event: CommentEvent) => void): () => void {
    return this.listeners.subscribeAll(listener);
  }

  /// Call `listener` with every event of `draftId`, emitted here or in another process, until the
  /// returned function is called.
  subscribe(draftId: string, listener: (event: CommentEvent) => void): () => void {
    const stop = this.listeners.subscribe(draftId, listener);
    const unlisten = this.bridge?.listen(draftId);
    return () => {
      stop();
      unlisten?.();
    };
  }

  /// Tell the listeners of the comment's draft (see DraftListeners.emit), here and in the other
  /// processes.
  emit(type: CommentEventType, comment: CommentRecord): void {
    this.listeners.emit(comment.draftId, { type, comment });
    this.bridge?.publish({ type, comment });
  }

  /// An event another process emitted: told to the listeners here only.
  receive(event: CommentEvent): void {
    this.listeners.emit(event.comment.draftId, event);
  }

  /// How many listeners `draftId` has.
  listenerCount(draftId: string): number {
    return this.listeners.count(draftId);
  }
}

const hubs = new WeakMap<Storage, CommentEvents>();

/// Whether `value` is a comment event (as it arrives from another process).
export function isCommentEvent(value: { name: string; payload: unknown }): value is {
  name: CommentEventType;
  payload: CommentRecord;
} {
  const comment = value.payload as Partial<CommentRecord> | null;
  return (
    (value.name === 'comment.created' || value.name === 'comment.updated') &&
    typeof comment === 'object' &&
    comment !== null &&
    typeof comment.id === 'number' &&
    typeof comment.draftId === 'string'
  );
}

/// The event hub of the server over `storage` (one per storage, made on first use).
export function commentEvents(storage: Storage): CommentEvents {
  let hub = hubs.get(storage);
  if (!hub) hubs.set(storage, (hub = new CommentEvents()));
  return hub;
}
