/// How many comments a draft has, for the Comments tab and lists: open review threads and public and
/// imported comments, asked of the server (which counts 100,000 public comments without sending them)
/// when the page opens and again, at most once a second, as comments arrive or change. One count per
/// draft page, however many components show it.
import { useEffect } from 'preact/hooks';
import type { CommentCounts } from '../api/comments.ts';
import { Store, useStore } from '../lib/store.ts';
import type { DraftThreads } from './threads.ts';

interface Shared {
  readonly store: Store<CommentCounts | null>;
  users: number;
  stop: () => void;
}

const shared = new WeakMap<DraftThreads, Shared>();

function follow(threads: DraftThreads): Shared {
  const existing = shared.get(threads);
  if (existing) return existing;
  const store = new Store<CommentCounts | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let live = true;
  const load = () => {
    timer = null;
    threads.api.counts(threads.draftId).then(
      (next) => live && store.set(next),
      () => {},
    );
  };
  const soon = () => {
    if (timer === null) timer = setTimeout(load, 1000);
  };
  load();
  const stops = [threads.index.subscribe(soon), threads.lastOther.subscribe(soon)];
  const entry: Shared = {
    store,
    users: 0,
    stop: () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      stops.forEach((stop) => stop());
      shared.delete(threads);
    },
  };
  shared.set(threads, entry);
  return entry;
}

/// The counts of `threads`' draft; null until the first answer (or when the server cannot say).
export function useCommentCounts(threads: DraftThreads): CommentCounts | null {
  const entry = follow(threads);
  useEffect(() => {
    entry.users++;
    return () => {
      if (--entry.users === 0) entry.stop();
    };
  }, [entry]);
  return useStore(entry.store);
}

/// Public and imported comments together.
export function otherCount(counts: CommentCounts | null): number {
  return counts ? counts.public.count + counts.imported.count : 0;
}
