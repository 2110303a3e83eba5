/// Runs big drafts' heavy work (draft-jobs.ts) in a worker thread, so that importing or exporting a
/// draft of thousands of articles — seconds of CPU — never stops the server from answering everyone
/// else. Small jobs run here: a thread hop costs more than they do. One worker, started on first use,
/// ended after a quiet while; jobs queue in it in order. A worker that dies fails its jobs (they are
/// answered 500) and the next job starts a new one.
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { fromJobError, runDraftJob } from './draft-jobs.ts';
import type { DraftJob, DraftJobOutput, JobError } from './draft-jobs.ts';

/// Options of DraftWork.
export interface DraftWorkOptions {
  /// Jobs on more bytes than this (the text, or the Y state) go to the worker. Defaults to 64 KiB.
  readonly offloadAbove?: number;
  /// How long a worker with nothing to do is kept, in ms. Defaults to 30 seconds.
  readonly idleTimeout?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: JobError };

// The worker's entry: the TypeScript bootstrap beside this file, or the bundled copy of the same name
// beside the packaged app's main.js.
const entry = new URL('./draft-worker.mjs', import.meta.url);

/// The draft work of one server.
export class DraftWork {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly offloadAbove: number;
  private readonly idleTimeout: number;

  constructor(
    private readonly logger: Logger,
    options: DraftWorkOptions = {},
  ) {
    this.offloadAbove = options.offloadAbove ?? 64 * 1024;
    this.idleTimeout = options.idleTimeout ?? 30_000;
  }

  /// Do `job`, on `size` bytes of input: in the worker when that is above the threshold, else here.
  /// Rejects with what the job throws (LawTooLongError, DraftContentError), or an Error when the
  /// worker died or the server is closing.
  run<J extends DraftJob>(job: J, size: number): Promise<DraftJobOutput<J>> {
    if (size <= this.offloadAbove) return runDraftJob(job);
    if (this.closed) return Promise.reject(new Error('The server is shutting down'));
    const worker = this.start();
    const id = this.nextId++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    return new Promise<DraftJobOutput<J>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, job });
    });
  }

  /// Stop the worker; jobs still running fail. Resolves when it has stopped.
  async close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = null;
    this.fail(new Error('The server is shutting down'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(entry);
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.result);
      else waiting.reject(fromJobError(answer.error));
      if (this.pending.size === 0) this.scheduleIdle();
    });
    worker.on('error', (error) => {
      this.logger.error({ err: error }, 'the draft worker failed');
      if (this.worker === worker) this.worker = null;
      this.fail(new Error(`The draft worker failed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(new Error(`The draft worker exited with code ${code}`));
    });
    this.worker = worker;
    return worker;
  }

  private scheduleIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.idle = null;
      if (this.pending.size > 0 || !this.worker) return;
      const worker = this.worker;
      this.worker = null;
      void worker.terminate();
    }, this.idleTimeout);
    this.idle.unref();
  }

  private fail(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const job of waiting) job.reject(error);
  }
}
