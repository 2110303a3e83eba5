/// Listeners of each draft, for events that open clients hear (comments, suggestions): whoever
/// changes something emits; every listener of that draft is called.

/// The listeners of each draft for events of type `E`.
export class DraftListeners<E> {
  private readonly listeners = new Map<string, Set<(event: E) => void>>();
  private readonly everywhere = new Set<(event: E) => void>();

  /// Call `listener` with every event of `draftId` until the returned function is called.
  subscribe(draftId: string, listener: (event: E) => void): () => void {
    let set = this.listeners.get(draftId);
    if (!set) this.listeners.set(draftId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(draftId) === set) this.listeners.delete(draftId);
    };
  }

  /// Call `listener` with every event of every draft until the returned function is called (for
  /// server-side work that follows all drafts, such as the clerk's background grouping).
  subscribeAll(listener: (event: E) => void): () => void {
    this.everywhere.add(listener);
    return () => this.everywhere.delete(listener);
  }

  /// Call the listeners of `draftId`, then those of every draft, with `event`. Exceptions from
  /// listeners are swallowed: one broken stream must not stop the others, nor the request that made
  /// the change.
  emit(draftId: string, event: E): void {
    for (const listener of [...(this.listeners.get(draftId) ?? []), ...this.everywhere]) {
      try {
        listener(event);
      } catch {
        // The stream's own error handling closes it.
      }
    }
  }

  /// How many listeners `draftId` has.
  count(draftId: string): number {
    return this.listeners.get(draftId)?.size ?? 0;
  }
}
