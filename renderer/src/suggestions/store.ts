/// The suggestions of an open draft, kept current: loaded once, then changed by the server's event
/// stream and by the answers to the user's own actions. The editor's marks, the Suggestions panel and
/// the outline's counts read the index; the actions here are the only calls to the suggestion API.
import type { NewSuggestion, SuggestionJson, SuggestionsApi } from '../api/suggestions.ts';
import { isUndecided } from '../../../core/index.ts';
import { Store } from '../lib/store.ts';
import type { ReadableStore } from '../lib/store.ts';

/// How the editor takes the user's typing: as edits of the text, as suggestions, or not at all.
export type EditingMode = 'editing' | 'suggesting' | 'viewing';

/// The suggestions of a draft, indexed.
export interface SuggestionIndex {
  /// Every suggestion, oldest first.
  readonly all: readonly SuggestionJson[];
  /// The undecided (open or stale) suggestions of each article, oldest first.
  readonly undecided: ReadonlyMap<string, readonly SuggestionJson[]>;
  /// Whether the first load is done.
  readonly loaded: boolean;
}

const emptyIndex: SuggestionIndex = { all: [], undecided: new Map(), loaded: false };

/// The index of `suggestions`.
export function indexSuggestions(suggestions: Iterable<SuggestionJson>, loaded = true): SuggestionIndex {
  const all = [...suggestions].sort((a, b) => Number(a.id) - Number(b.id));
  const undecided = new Map<string, SuggestionJson[]>();
  for (const s of all) {
    if (!isUndecided(s.status)) continue;
    const list = undecided.get(s.articleId);
    if (list) list.push(s);
    else undecided.set(s.articleId, [s]);
  }
  return { all, undecided, loaded };
}

/// How many undecided suggestions each article has.
export function undecidedCounts(index: SuggestionIndex): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [articleId, list] of index.undecided) counts.set(articleId, list.length);
  return counts;
}

/// A decision this user made here, which Undo can take back.
export interface Decision {
  readonly id: string;
  readonly at: number;
}

/// The suggestions of one draft, live.
export class DraftSuggestions {
  /// The index, replaced on every change.
  readonly index: ReadableStore<SuggestionIndex>;
  /// Undecided suggestions per article (for the outline).
  readonly counts: ReadableStore<ReadonlyMap<string, number>>;
  /// The suggestion the user is looking at, or null.
  readonly active = new Store<string | null>(null);
  /// How the editor takes typing.
  readonly mode = new Store<EditingMode>('viewing');
  /// Decisions (accept, reject) this user made on this page, oldest first.
  readonly decisions: Decision[] = [];
  /// Suggestions this user made on this page, oldest first.
  readonly made: Decision[] = [];
  private readonly indexStore = new Store<SuggestionIndex>(emptyIndex);
  private readonly countStore = new Store<ReadonlyMap<string, number>>(new Map());
  private readonly byId = new Map<string, SuggestionJson>();
  private stopEvents: (() => void) | null = null;
  private destroyed = false;

  constructor(
    readonly api: SuggestionsApi,
    readonly draftId: string,
  ) {
    this.index = this.indexStore;
    this.counts = this.countStore;
  }

  /// Load the suggestions and follow the event stream. Resolves after the first load.
  async start(): Promise<void> {
    this.stopEvents = this.api.events(
      this.draftId,
      ({ suggestion }) => this.apply(suggestion),
      () => void this.reload().catch(() => {}),
    );
    await this.reload();
  }

  /// Load every suggestion again.
  async reload(): Promise<void> {
    const all = await this.api.list(this.draftId);
    if (this.destroyed) return;
    this.byId.clear();
    for (const s of all) this.byId.set(s.id, s);
    this.publish();
  }

  /// Take in a new or changed suggestion (from the event stream or an answer of the API).
  apply(suggestion: SuggestionJson): void {
    if (suggestion.draftId !== this.draftId) return;
    const before = this.byId.get(suggestion.id);
    if (before && before.updatedAt > suggestion.updatedAt) return;
    // Events carry the reader's own `mine`; an answer to someone else's request (none here) would too.
    this.byId.set(suggestion.id, suggestion);
    this.publish();
  }

  /// The suggestion with `id`, if known.
  get(id: string): SuggestionJson | undefined {
    return this.byId.get(id);
  }

  /// Make a suggestion.
  async create(suggestion: NewSuggestion): Promise<SuggestionJson> {
    const made = await this.api.create(this.draftId, suggestion);
    this.made.push({ id: made.id, at: Date.now() });
    this.apply(made);
    return made;
  }

  /// Accept suggestion `id`.
  async accept(id: string): Promise<SuggestionJson> {
    const done = await this.api.accept(id);
    this.decisions.push({ id, at: Date.now() });
    this.apply(done);
    return done;
  }

  /// Reject suggestion `id`, with `reason`.
  async reject(id: string, reason?: string): Promise<SuggestionJson> {
    const done = await this.api.reject(id, reason);
    this.decisions.push({ id, at: Date.now() });
    this.apply(done);
    return done;
  }

  /// Undo the decision on suggestion `id`.
  async undo(id: string): Promise<SuggestionJson> {
    const done = await this.api.undo(id);
    const at = this.decisions.map((d) => d.id).lastIndexOf(id);
    if (at >= 0) this.decisions.splice(at, 1);
    this.apply(done);
    return done;
  }

  /// Withdraw own suggestion `id`.
  async withdraw(id: string): Promise<void> {
    await this.api.withdraw(id);
    const at = this.made.map((d) => d.id).lastIndexOf(id);
    if (at >= 0) this.made.splice(at, 1);
    // The event brings the withdrawn suggestion back; reload it now for a page without events.
    const known = this.byId.get(id);
    if (known) this.apply({ ...known, status: 'withdrawn', updatedAt: new Date().toISOString() });
  }

  /// Change the proposed words (or the note) of own suggestion `id`.
  async edit(id: string, change: { replacement?: string; note?: string | null }): Promise<SuggestionJson> {
    const done = await this.api.edit(id, change);
    this.apply(done);
    return done;
  }

  /// Re-base own suggestion `id` on the words now at its place, or on `on`.
  async rebase(
    id: string,
    on: { quote?: string; prefix?: string; suffix?: string; replacement?: string } = {},
  ): Promise<SuggestionJson> {
    const done = await this.api.rebase(id, on);
    this.apply(done);
    return done;
  }

  /// Accept or reject all undecided suggestions of an article or an author.
  async decide(
    action: 'accept' | 'reject',
    which: { articleId?: string; author?: string },
    reason?: string,
  ): Promise<{ decided: number; skipped: number }> {
    const outcome = await this.api.decide(this.draftId, action, which, reason);
    const at = Date.now();
    for (const s of outcome.decided) {
      this.decisions.push({ id: s.id, at });
      this.apply(s);
    }
    for (const s of outcome.skipped) this.apply(s);
    return { decided: outcome.decided.length, skipped: outcome.skipped.length };
  }

  /// Stop following the event stream.
  destroy(): void {
    this.destroyed = true;
    this.stopEvents?.();
  }

  private publish(): void {
    const index = indexSuggestions(this.byId.values());
    this.indexStore.set(index);
    this.countStore.set(undecidedCounts(index));
  }
}
