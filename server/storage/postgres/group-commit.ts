/// Group commit of record appends: durable in PostgreSQL before anyone is sent an update, without a
/// round trip of its own per keystroke. At most one append transaction per process is in flight;
/// every append that arrives meanwhile waits and goes into the next one, so under load a commit
/// carries many keystrokes (of many drafts) and when idle an append commits at once. `delay` can
/// hold the first append of a batch back a few milliseconds more (like PostgreSQL's commit_delay).
/// A failed transaction stores none of its batch and rejects every append in it.
import type { RecordHead } from '../record-chain.ts';
import type { PgDb } from './db.ts';
import { appendInTransaction } from './record.ts';
import type { PendingAppend } from './record.ts';

interface Waiting extends PendingAppend {
  resolve(head: RecordHead): void;
  reject(error: unknown): void;
}

/// Figures of a group commit since it started.
export interface GroupCommitStats {
  readonly commits: number;
  readonly appends: number;
  /// The largest batch committed at once.
  readonly largest: number;
}

/// The append queue of one process.
export class GroupCommit {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private commits = 0;
  private appends = 0;
  private largest = 0;

  constructor(
    private readonly db: PgDb,
    /// Milliseconds to wait before committing a batch that starts while nothing is in flight. Defaults to 0.
    private readonly delay = 0,
    /// At most this many appends per transaction. Defaults to 1,000.
    private readonly maxBatch = 1000,
  ) {}

  /// Queue `item`; resolves to its draft's new head once committed.
  append(item: PendingAppend): Promise<RecordHead> {
    return new Promise<RecordHead>((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      this.schedule();
    });
  }

  /// How many commits carried how many appends.
  get stats(): GroupCommitStats {
    return { commits: this.commits, appends: this.appends, largest: this.largest };
  }

  /// Resolves once every append queued so far has been committed or rejected.
  async drain(): Promise<void> {
    while (this.flushing || this.timer || this.queue.length) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.start();
      }
      await this.flushing;
    }
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    if (this.delay > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.start();
      }, this.delay);
    } else {
      this.start();
    }
  }

  private start(): void {
    if (this.flushing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.flushing = this.commit(batch).finally(() => {
      this.flushing = null;
      if (this.queue.length) this.start();
    });
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const results = await this.db.atomic((db) => appendInTransaction(db, batch));
      this.commits++;
      this.appends += batch.length;
      this.largest = Math.max(this.largest, batch.length);
      results.forEach((result, i) =>
        result instanceof Error ? batch[i].reject(result) : batch[i].resolve(result),
      );
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
