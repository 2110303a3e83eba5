/// Clustering kept up to date without the clerk asking for it. Whenever the comments of a draft change
/// (a public comment arrives, a comment is withdrawn, a file of comments was imported), the draft is
/// clustered again once the changes pause, off the request that made them: a campaign sending a
/// thousand letters a minute causes one run every `maxWait`, not a thousand. Until the run is done,
/// the clerk's table says the grouping is being updated. A run takes the draft's `cluster-run:` lock
/// (Storage.tryLock): with several processes on one database, one of them clusters a draft at a
/// time, and a process that finds the lock taken tries again after the next quiet time.
import type { Logger } from 'pino';
import type { Storage } from '../storage/interface.ts';
import { ensureClustered } from './clustering.ts';

/// Options of AutoClustering.
export interface AutoClusterOptions {
  /// Quiet time after the last change before a draft is clustered, in ms. Defaults to 2 seconds.
  readonly delay?: number;
  /// Longest wait after the first change of a burst, in ms, however often changes come. Defaults to
  /// 30 seconds.
  readonly maxWait?: number;
}

interface Pending {
  timer: ReturnType<typeof setTimeout>;
  readonly since: number;
}

/// The background clustering of one server's drafts.
export class AutoClustering {
  private readonly pending = new Map<string, Pending>();
  private readonly delay: number;
  private readonly maxWait: number;
  private closed = false;
  private runs = 0;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    options: AutoClusterOptions = {},
  ) {
    this.delay = Math.max(0, options.delay ?? 2000);
    this.maxWait = Math.max(this.delay, options.maxWait ?? 30_000);
  }

  /// Note that the comments of `draftId` changed: cluster them when no change has come for `delay`
  /// ms, or `maxWait` ms after the first change still waiting, whichever is sooner. Does nothing after
  /// close().
  changed(draftId: string): void {
    if (this.closed) return;
    const now = Date.now();
    const waiting = this.pending.get(draftId);
    if (waiting) clearTimeout(waiting.timer);
    const since = waiting?.since ?? now;
    const wait = Math.min(this.delay, Math.max(0, since + this.maxWait - now));
    this.pending.set(draftId, { since, timer: setTimeout(() => this.run(draftId), wait) });
  }

  /// Whether the grouping of `draftId` is being updated: a clustering run is due.
  updating(draftId: string): boolean {
    return this.pending.has(draftId);
  }

  /// How many runs clustered something (for tests and logs).
  get completedRuns(): number {
    return this.runs;
  }

  /// Stop: runs still due are dropped (the next request that finds the clustering stale asks again).
  /// Resolves when the runs under way have ended.
  async close(): Promise<void> {
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await Promise.all([...this.running]);
  }

  private run(draftId: string): void {
    this.pending.delete(draftId);
    if (this.closed || this.storage.isClosed) return;
    const started = Date.now();
    const running = (async () => {
      const outcome = await this.storage.tryLock(`cluster-run:${draftId}`, () =>
        ensureClustered(this.storage, draftId),
      );
      // Another process is clustering this draft: the change that brought us here may have come
      // after it read the comments, so look again once it is likely done.
      if (!outcome.ran) return this.changed(draftId);
      const run = outcome.value;
      if (!run) return;
      this.runs++;
      this.logger.info(
        {
          draft: draftId,
          comments: run.comments,
          clusters: run.clustering.clusters.length,
          ms: Date.now() - started,
        },
        'comments clustered',
      );
    })().catch((error: unknown) => {
      // A failed run leaves the clustering stale: the clerk sees that and can run it by hand.
      if (!this.closed && !this.storage.isClosed)
        this.logger.error({ draft: draftId, err: error }, 'background clustering failed');
    });
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }
}
