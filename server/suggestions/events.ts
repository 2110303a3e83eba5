/// Live suggestion events of each draft, for the draft's event stream (GET /api/drafts/:id/events,
/// beside the comment events): whoever changes a suggestion emits; every open stream of that draft
/// hears it and shows it to its reader.
import type { SuggestionEventType } from '../../core/index.ts';
import { DraftListeners } from '../draft-listeners.ts';
import type { Storage } from '../storage/interface.ts';
import type { SuggestionRecord } from '../storage/suggestions.ts';

/// One event: its type and the suggestion as it is now.
export interface SuggestionEvent {
  readonly type: SuggestionEventType;
  readonly suggestion: SuggestionRecord;
}

/// The listeners of each draft.
export class SuggestionEvents {
  private readonly listeners = new DraftListeners<SuggestionEvent>();

  /// Call `listener` with every event of `draftId` until the returned function is called.
  subscribe(draftId: string, listener: (event: SuggestionEvent) => void): () => void {
    return this.listeners.subscribe(draftId, listener);
  }

  /// Tell the listeners of the suggestion's draft (see DraftListeners.emit).
  emit(type: SuggestionEventType, suggestion: SuggestionRecord): void {
    this.listeners.emit(suggestion.draftId, { type, suggestion });
  }
}

const hubs = new WeakMap<Storage, SuggestionEvents>();

/// The suggestion event hub of the server over `storage` (one per storage, made on first use).
export function suggestionEvents(storage: Storage): SuggestionEvents {
  let hub = hubs.get(storage);
  if (!hub) hubs.set(storage, (hub = new SuggestionEvents()));
  return hub;
}
